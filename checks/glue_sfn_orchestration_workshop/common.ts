// Facts shared by the workshop's tasks: the state machine as found, a job with its runs, a crawler.
import type { CheckContext } from "../../src/grade/check.js";
import type { ErrorFact, Json } from "../../src/grade/facts.js";
import { readJob } from "../shared/glue-jobs.js";
import { jobRuns } from "../shared/glue-jobs.js";
import { findCrawler, crawlerFacts, type JobRef, type Layer, type StateMachineRead } from "./discover.js";

/** The state machine as a fact: found (with how), missing (with the account's other state machines), or an error. */
export function stateMachineFact(sm: StateMachineRead): Json | ErrorFact {
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

/** A job (by reference) and its runs as facts: `job` and `runs`. */
export async function jobFacts(ctx: CheckContext, ref: JobRef | null, role: string, listingError?: ErrorFact): Promise<{ job: Json | ErrorFact; runs?: Json | ErrorFact }> {
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

/** The layer's crawler as a fact. */
export async function crawlerFact(ctx: CheckContext, layer: Layer): Promise<Json | ErrorFact> {
  const c = await findCrawler(ctx, layer);
  if (c.kind === "error") return c.fact;
  if (c.kind === "missing") return { exists: false, similar: c.similar };
  return crawlerFacts(c.crawler, c.foundBy, c.others);
}
