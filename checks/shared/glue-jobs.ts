// Reading one Glue job by name (GetJob), with near-miss names from the job listing when it does not exist; its runs.
import { GetJobCommand, GetJobRunsCommand, ListJobsCommand, type Job, type JobRun } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext } from "../../src/grade/check.js";
import type { ErrorFact } from "../../src/grade/facts.js";
import { nearMisses } from "./student-owned.js";

/** A job read: found, missing (with similar names, or the listing's error), or an error reading it. */
export type JobRead = { kind: "found"; job: Job } | { kind: "missing"; similar: string[] | ErrorFact } | { kind: "error"; fact: ErrorFact };

/** Every job name of the account (ListJobs, all pages); memoised by the session, so checks share it. */
export async function allJobNames(ctx: CheckContext): Promise<string[] | ErrorFact> {
  const r = await ctx.list("glue", (t) => new ListJobsCommand({ NextToken: t }), (o) => ({ items: o.JobNames, next: o.NextToken }));
  return r.ok ? r.items : r.fact;
}

/** GetJob (the only read that reliably returns CodeGenConfigurationNodes); on EntityNotFound, near-miss names from ListJobs (other students' copies left out). */
export async function readJob(ctx: CheckContext, name: string): Promise<JobRead> {
  const r = await ctx.read("glue", new GetJobCommand({ JobName: name }), { missing: ["EntityNotFoundException"] });
  if (r.ok) {
    if (r.value.Job) return { kind: "found", job: r.value.Job };
  } else if (!r.missing) {
    return { kind: "error", fact: r.fact };
  }
  const all = await allJobNames(ctx);
  return { kind: "missing", similar: Array.isArray(all) ? nearMisses(name, all, ctx.student) : all };
}

/** One job run as facts. */
export const jobRunFactsSchema = z.object({ id: z.string().nullable(), state: z.string().nullable(), startedOn: z.string().nullable(), logGroup: z.string().nullable(), error: z.string().optional() });
export type JobRunFacts = z.infer<typeof jobRunFactsSchema>;

/** The runs of a job as facts (what `jobRuns` returns when the listing was read). */
export const jobRunsFactsSchema = z.object({ count: z.number(), succeeded: z.number(), latest: jobRunFactsSchema.nullable(), latestSucceeded: jobRunFactsSchema.nullable() });
export type JobRunsFacts = z.infer<typeof jobRunsFactsSchema>;

/** A job run as facts. */
function runFacts(r: JobRun): JobRunFacts {
  return {
    id: r.Id ?? null,
    state: r.JobRunState ?? null,
    startedOn: r.StartedOn instanceof Date ? r.StartedOn.toISOString() : null,
    logGroup: r.LogGroupName ?? null,
    ...(r.ErrorMessage ? { error: r.ErrorMessage.slice(0, 300) } : {}),
  };
}

/** The runs of a job (at most `maxPages` pages, default 3), newest first: counts, the latest run and the latest SUCCEEDED run. */
export async function jobRuns(ctx: CheckContext, name: string, opts: { maxPages?: number } = {}): Promise<JobRunsFacts | ErrorFact> {
  const r = await ctx.list("glue", (t) => new GetJobRunsCommand({ JobName: name, NextToken: t }), (o) => ({ items: o.JobRuns, next: o.NextToken }), { maxPages: opts.maxPages ?? 3, partialOk: true });
  if (!r.ok) return r.missing ? { count: 0, succeeded: 0, latest: null, latestSucceeded: null } : r.fact;
  const runs = [...r.items].sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0));
  const ok = runs.filter((x) => x.JobRunState === "SUCCEEDED");
  return { count: runs.length, succeeded: ok.length, latest: runs[0] ? runFacts(runs[0]) : null, latestSucceeded: ok[0] ? runFacts(ok[0]) : null };
}

