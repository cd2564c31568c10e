// Task 6 — compliant: a state machine tagged StudentID={student} runs job → raw crawler → job → processed crawler → Athena on its main path, with .sync job starts, Catch/Retry on every job task and a Fail state, and a Wait + Choice loop on Crawler.State after each crawler start.
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { stateMachineFact, stateMachineFactSchema } from "./common.js";
import { findStateMachine } from "./discover.js";

/** The facts of Task 6: only `stateMachine` when it was not found. */
export const stateMachineFactsSchema = z.object({
  stateMachine: stateMachineFactSchema,
  jobTasks: z.array(z.object({ state: z.string(), jobName: z.string().nullable(), sync: z.boolean(), resource: z.string(), retriers: z.number(), catchers: z.number() })).optional(),
  crawlerTasks: z.array(z.object({ state: z.string(), crawlerName: z.string().nullable() })).optional(),
  /** Job tasks with neither Retry nor Catch. */
  jobTasksWithoutErrorHandling: z.array(z.string()).optional(),
  /** Non-.sync job tasks when the definition never waits for a run by hand. */
  jobTasksNotWaited: z.array(z.string()).optional(),
  polling: z.object({ loops: z.number(), unpolledCrawlerStarts: z.array(z.string()), crawlerChoices: z.array(z.string()), waitStates: z.array(z.string()) }).optional(),
  failStates: z.array(z.string()).optional(),
  /** The work steps of the main path: "job → crawler → job → crawler → athena". */
  order: z.string().optional(),
  mainPath: z.array(z.string()).optional(),
  unreachable: z.array(z.string()).optional(),
  truncated: z.literal(true).optional(),
});
export type StateMachineFacts = z.infer<typeof stateMachineFactsSchema>;

/** Task 6: the orchestrating state machine, analysed. */
export const stateMachine: CheckModule<StateMachineFacts> = {
  id: "state_machine",
  description: "The student's Step Functions state machine (StudentID tag or name): Glue job and crawler tasks, .sync integrations, Retry/Catch, Fail states, Wait/Choice polling on Crawler.State, and the order of the main path.",
  names: [],
  actions: ["states:ListStateMachines", "states:ListTagsForResource", "states:DescribeStateMachine"],
  facts: stateMachineFactsSchema,
  async collect(ctx) {
    const sm = await findStateMachine(ctx);
    if (sm.kind !== "found") return { stateMachine: stateMachineFact(sm) };
    const a = sm.analysis;
    const jobs = a.tasks.filter((t) => t.kind === "glueJob");
    return {
      stateMachine: stateMachineFact(sm),
      jobTasks: jobs.map((t) => ({ state: t.state, jobName: t.jobName, sync: t.sync, resource: t.resource, retriers: t.retry.length, catchers: t.catch.length })),
      crawlerTasks: a.tasks.filter((t) => t.kind === "glueStartCrawler").map((t) => ({ state: t.state, crawlerName: t.crawlerName })),
      jobTasksWithoutErrorHandling: jobs.filter((t) => t.retry.length === 0 && t.catch.length === 0).map((t) => t.state),
      // A non-.sync start is accepted only if the definition waits for the run by hand (a Choice on JobRunState).
      jobTasksNotWaited: a.jobRunChoices.length ? [] : jobs.filter((t) => !t.sync).map((t) => t.state),
      polling: { loops: a.pollingLoops.length, unpolledCrawlerStarts: a.unpolledCrawlerStarts, crawlerChoices: a.crawlerChoices, waitStates: a.waitStates },
      failStates: a.failStates,
      order: a.order,
      mainPath: a.mainPath,
      ...(a.unreachable.length ? { unreachable: a.unreachable } : {}),
      ...(a.truncated ? { truncated: true as const } : {}),
    };
  },
};
