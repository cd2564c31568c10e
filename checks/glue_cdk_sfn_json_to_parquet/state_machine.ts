// State machine — compliant: a STANDARD state machine with a 2-hour timeout whose Glue task runs the job with glue:startJobRun.sync, retries 3 times every 10 s (backoff 1), catches failures into an sns:publish (Subject "Glue Job Status") followed by a Fail state, and otherwise ends in Succeed.
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { taskKindSchema, type StateMachineAnalysis, type TaskFacts } from "../shared/state-machine.js";
import { findJob, findStateMachine, foundOrNot, glueTask } from "./discover.js";

/** The Glue task of the state machine: its integration, first retrier, first catcher and what follows each. */
export const jobTaskFactsSchema = z.object({
  state: z.string(),
  resource: z.string(),
  sync: z.boolean(),
  jobName: z.string().nullable(),
  dynamicJobName: z.boolean(),
  runsTheJob: z.boolean(),
  /** The first retrier, with the defaults of Step Functions filled in. */
  retry: z.object({ maxAttempts: z.number(), intervalSeconds: z.number(), backoffRate: z.number(), errors: z.array(z.string()) }).nullable(),
  catchErrors: z.array(z.string()),
  catchTo: z.string().nullable(),
  /** The kind of task the first catcher goes to, "Fail" for a Fail state. */
  catchToKind: z.union([taskKindSchema, z.literal("Fail")]).nullable(),
  notifySubject: z.string().nullable(),
  /** "End", "Succeed", "Fail", "state X" or "nothing". */
  afterNotify: z.string().nullable(),
  onSuccess: z.string(),
});
export type JobTaskFacts = z.infer<typeof jobTaskFactsSchema>;

/** The facts of the State machine task (`jobTask` only when the state machine was found). */
export const stateMachineFactsSchema = z.object({
  stateMachine: foundOrNot({
    type: z.string().nullable(),
    status: z.string().nullable(),
    timeoutSeconds: z.number().nullable(),
    definitionOk: z.boolean(),
    parseError: z.string().optional(),
    states: z.number(),
  }),
  jobTask: z.union([jobTaskFactsSchema.extend({ exists: z.literal(true) }), z.object({ exists: z.literal(false), tasks: z.array(z.string()) })]).optional(),
});
export type StateMachineFacts = z.infer<typeof stateMachineFactsSchema>;

/** What follows the Glue task: on success (Next/End) and on error (its first Catch). */
export function jobTaskFacts(a: StateMachineAnalysis, task: TaskFacts, jobName: string | null): JobTaskFacts {
  const byState = new Map(a.tasks.map((t) => [t.state, t]));
  const retry = task.retry[0] ?? null;
  const catcher = task.catch.find((c) => c.next) ?? null;
  const notify = catcher?.next ? byState.get(catcher.next) : undefined;
  const after = (t: TaskFacts) => (t.end ? "End" : t.next && a.succeedStates.includes(t.next) ? "Succeed" : t.next && a.failStates.includes(t.next) ? "Fail" : t.next ? `state ${t.next}` : "nothing");
  return {
    state: task.state,
    resource: task.resource,
    sync: task.sync,
    jobName: task.jobName,
    dynamicJobName: task.dynamic.includes("JobName"),
    runsTheJob: jobName !== null && task.jobName === jobName,
    retry: retry ? { maxAttempts: retry.maxAttempts ?? 3, intervalSeconds: retry.intervalSeconds ?? 1, backoffRate: retry.backoffRate ?? 2, errors: retry.errors } : null,
    catchErrors: catcher?.errors ?? [],
    catchTo: catcher?.next ?? null,
    catchToKind: notify?.kind ?? (catcher?.next && a.failStates.includes(catcher.next) ? "Fail" : null),
    notifySubject: notify?.kind === "snsPublish" ? notify.subject : null,
    afterNotify: notify?.kind === "snsPublish" ? after(notify) : null,
    onSuccess: after(task),
  };
}

/** The state machine, its timeout and the Glue task's integration, retry and error handling. */
export const stateMachine: CheckModule<StateMachineFacts> = {
  id: "state_machine",
  description: "The state machine (DescribeStateMachine; definition analysed as a graph): type, timeout, the Glue task (.sync, JobName, Retry, Catch → sns:publish → Fail) and its success path.",
  names: ["stateMachine", "stateMachinePrefix", "job", "jobPrefix", "stack"],
  actions: ["states:ListStateMachines", "states:DescribeStateMachine", "glue:GetJob", "glue:ListJobs", "cloudformation:ListStackResources"],
  facts: stateMachineFactsSchema,
  async collect(ctx) {
    const [sm, job] = await Promise.all([findStateMachine(ctx), findJob(ctx)]);
    if (sm.kind === "error") return { stateMachine: sm.fact };
    if (sm.kind === "missing") return { stateMachine: { exists: false, expected: sm.expected, similar: sm.similar } };
    const a = sm.analysis;
    const task = glueTask(a);
    return {
      stateMachine: {
        exists: true,
        name: sm.name,
        foundBy: sm.foundBy,
        type: sm.type,
        status: sm.status,
        timeoutSeconds: a.timeoutSeconds,
        definitionOk: a.parseError === undefined,
        ...(a.parseError ? { parseError: a.parseError } : {}),
        states: a.stateCount,
      },
      jobTask: task ? { exists: true, ...jobTaskFacts(a, task, job.kind === "found" ? job.name : null) } : { exists: false, tasks: a.tasks.map((t) => `${t.state} (${t.kind})`).slice(0, 10) },
    };
  },
};
