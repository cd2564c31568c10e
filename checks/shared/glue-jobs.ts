// Reading one Glue job by name (GetJob), with near-miss names from the job listing when it does not exist.
import { GetJobCommand, ListJobsCommand, type Job } from "@aws-sdk/client-glue";
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
