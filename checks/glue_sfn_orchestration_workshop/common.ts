// Facts shared by the workshop's tasks: the state machine as found, a job with its runs, a crawler.
import { z } from "zod";
import type { CheckContext } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { jobRuns, jobRunsFactsSchema, readJob } from "../shared/glue-jobs.js";
import { crawlerFacts, crawlerFoundSchema, findCrawler, foundBySchema, type JobRef, type Layer, type StateMachineRead } from "./discover.js";

/** The state machine as a fact: found (with how), missing (with the account's other state machines), or an error. */
export const stateMachineFactSchema = orError(
  z.union([
    z.object({ exists: z.literal(false), untaggedStateMachines: z.array(z.string()) }),
    z.object({
      exists: z.literal(true),
      name: z.string(),
      arn: z.string(),
      foundBy: foundBySchema,
      type: z.string().nullable(),
      status: z.string().nullable(),
      definitionOk: z.boolean(),
      parseError: z.string().optional(),
      /** Every other state machine attributed to the student. */
      otherCandidates: z.array(z.string()).optional(),
    }),
  ]),
);
export type StateMachineFact = z.infer<typeof stateMachineFactSchema>;

/** The state machine as a fact. */
export function stateMachineFact(sm: StateMachineRead): StateMachineFact {
  if (sm.kind === "error") return sm.fact;
  if (sm.kind === "missing") return { exists: false, untaggedStateMachines: sm.others };
  return {
    exists: true,
    name: sm.name,
    arn: sm.arn,
    foundBy: sm.foundBy,
    type: sm.type,
    status: sm.status,
    definitionOk: sm.analysis.parseError === undefined,
    ...(sm.analysis.parseError ? { parseError: sm.analysis.parseError } : {}),
    ...(sm.candidates.length > 1 ? { otherCandidates: sm.candidates.slice(1) } : {}),
  };
}

/** A job (ingestion or transformation) as a fact: not attributed, missing by name, or found. */
export const jobFactSchema = orError(
  z.union([
    z.object({ exists: z.literal(false), role: z.string(), hint: z.string() }),
    z.object({ exists: z.literal(false), name: z.string(), foundBy: foundBySchema, role: z.string(), similar: orError(z.array(z.string())) }),
    z.object({
      exists: z.literal(true),
      name: z.string(),
      foundBy: foundBySchema,
      role: z.string(),
      commandName: z.string().nullable(),
      scriptLocation: z.string().nullable(),
      glueVersion: z.string().nullable(),
      workerType: z.string().nullable(),
      numberOfWorkers: z.number().nullable(),
    }),
  ]),
);

/** `job` and (when the job was read) `runs`, as jobFacts returns them. */
export const jobFactsShape = { job: jobFactSchema, runs: orError(jobRunsFactsSchema).optional() };
const jobFactsSchema = z.object(jobFactsShape);
export type JobFacts = z.infer<typeof jobFactsSchema>;

/** A job (by reference) and its runs as facts: `job` and `runs`. */
export async function jobFacts(ctx: CheckContext, ref: JobRef | null, role: string, listingError?: ErrorFact): Promise<JobFacts> {
  if (!ref) return { job: listingError ?? { exists: false, role, hint: `no ${role} job found: none started by your state machine, tagged StudentID or named with your ID` } };
  const r = await readJob(ctx, ref.name);
  if (r.kind === "error") return { job: r.fact, runs: r.fact };
  if (r.kind === "missing") return { job: { exists: false, name: ref.name, foundBy: ref.foundBy, role, similar: r.similar } };
  const j = r.job;
  return {
    job: {
      exists: true,
      name: ref.name,
      foundBy: ref.foundBy,
      role,
      commandName: j.Command?.Name ?? null,
      scriptLocation: j.Command?.ScriptLocation ?? null,
      glueVersion: j.GlueVersion ?? null,
      workerType: j.WorkerType ?? null,
      numberOfWorkers: j.NumberOfWorkers ?? null,
    },
    runs: await jobRuns(ctx, ref.name),
  };
}

/** The layer's crawler as a fact: found, missing (with near misses), or an error. */
export const crawlerFactSchema = orError(z.union([z.object({ exists: z.literal(false), similar: z.array(z.string()) }), crawlerFoundSchema]));
export type CrawlerFact = z.infer<typeof crawlerFactSchema>;

/** The layer's crawler as a fact. */
export async function crawlerFact(ctx: CheckContext, layer: Layer): Promise<CrawlerFact> {
  const c = await findCrawler(ctx, layer);
  if (c.kind === "error") return c.fact;
  if (c.kind === "missing") return { exists: false, similar: c.similar };
  return crawlerFacts(c.crawler, c.foundBy, c.others);
}
