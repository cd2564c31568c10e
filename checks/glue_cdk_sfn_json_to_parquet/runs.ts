// Runs — compliant: the state machine has a SUCCEEDED execution, the job a SUCCEEDED run, Parquet files (magic PAR1) lie under --outputpath, and the job published a data-quality result in which the rule ColumnCount > 0 passed.
import { BatchGetDataQualityResultCommand, ListDataQualityResultsCommand, type DataQualityResult } from "@aws-sdk/client-glue";
import { ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { jobRuns, jobRunsFactsSchema } from "../shared/glue-jobs.js";
import { parseS3, prefixFacts, prefixFactsSchema } from "../shared/s3-objects.js";
import { findJob, findStateMachine } from "./discover.js";
import { pipelineArgs } from "./glue_job.js";

/** A fact that could not be looked at because what it belongs to was not found. */
const unknownSchema = z.object({ unknown: z.literal(true), why: z.string() });
type Unknown = z.infer<typeof unknownSchema>;

const executionSchema = z.object({ name: z.string().nullable(), status: z.string().nullable(), startDate: z.string().nullable() });
const executionsSchema = z.object({ count: z.number(), succeeded: z.number(), latest: executionSchema.nullable(), latestSucceeded: executionSchema.nullable().optional() });
type Executions = z.infer<typeof executionsSchema>;

const dataQualitySchema = z.object({
  results: z.number(),
  /** A ColumnCount rule passed in any result read. */
  columnCountPassed: z.boolean(),
  latest: z.object({ score: z.number().nullable(), startedOn: z.string().nullable(), rules: z.array(z.object({ rule: z.string(), result: z.string().nullable() })) }).nullable(),
});
type DataQuality = z.infer<typeof dataQualitySchema>;

/** The facts of the Runs task. */
export const runsFactsSchema = z.object({
  executions: orError(z.union([executionsSchema, unknownSchema])),
  jobRuns: orError(z.union([jobRunsFactsSchema, unknownSchema])),
  /** The objects under --outputpath. */
  output: orError(z.union([prefixFactsSchema, unknownSchema])),
  dataQuality: orError(z.union([dataQualitySchema, unknownSchema])),
});
export type RunsFacts = z.infer<typeof runsFactsSchema>;

const iso = (d: Date | undefined) => (d instanceof Date ? d.toISOString() : null);

async function executions(ctx: CheckContext, arn: string): Promise<Executions | ErrorFact> {
  const r = await ctx.list("sfn", (t) => new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 100, nextToken: t }), (o) => ({ items: o.executions, next: o.nextToken }), { maxPages: 3, partialOk: true });
  if (!r.ok) return r.missing ? { count: 0, succeeded: 0, latest: null } : r.fact;
  const all = [...r.items].sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0));
  const ok = all.filter((e) => e.status === "SUCCEEDED");
  const show = (e: (typeof all)[number] | undefined) => (e ? { name: e.name ?? null, status: e.status ?? null, startDate: iso(e.startDate) } : null);
  return { count: all.length, succeeded: ok.length, latest: show(all[0]), latestSucceeded: show(ok[0]) };
}

/** The job's data-quality results (newest first, at most 20 read) and whether a ColumnCount rule passed. */
async function dataQuality(ctx: CheckContext, jobName: string): Promise<DataQuality | ErrorFact> {
  const listed = await ctx.list("glue", (t) => new ListDataQualityResultsCommand({ Filter: { JobName: jobName }, NextToken: t }), (o) => ({ items: o.Results, next: o.NextToken }), { maxPages: 3, partialOk: true });
  if (!listed.ok) return listed.missing ? { results: 0, columnCountPassed: false, latest: null } : listed.fact;
  const ids = [...listed.items].sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0)).map((r) => r.ResultId ?? "").filter(Boolean).slice(0, 20);
  if (!ids.length) return { results: 0, columnCountPassed: false, latest: null };
  const got = await ctx.read("glue", new BatchGetDataQualityResultCommand({ ResultIds: ids }));
  if (!got.ok) return got.fact;
  const results: DataQualityResult[] = [...(got.value.Results ?? [])].sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0));
  const rules = (r: DataQualityResult) => (r.RuleResults ?? []).slice(0, 50);
  const isColumnCount = (x: { Name?: string; Description?: string; EvaluatedRule?: string }) => /columncount/i.test(`${x.Description ?? ""} ${x.EvaluatedRule ?? ""} ${x.Name ?? ""}`);
  const latest = results[0];
  return {
    results: results.length,
    columnCountPassed: results.some((r) => rules(r).some((x) => isColumnCount(x) && x.Result === "PASS")),
    latest: latest
      ? { score: latest.Score ?? null, startedOn: iso(latest.StartedOn), rules: rules(latest).map((x) => ({ rule: (x.Description ?? x.EvaluatedRule ?? x.Name ?? "").slice(0, 200), result: x.Result ?? null })) }
      : null,
  };
}

/** Evidence that the pipeline ran. */
export const runs: CheckModule<RunsFacts> = {
  id: "runs",
  description: "Executions of the state machine (ListExecutions), runs of the job (GetJobRuns), the objects under --outputpath (ListObjectsV2, 4-byte ranged GetObject) and the job's data-quality results (ListDataQualityResults, BatchGetDataQualityResult).",
  names: ["stateMachine", "stateMachinePrefix", "job", "jobPrefix", "stack"],
  actions: [
    "states:ListStateMachines", "states:DescribeStateMachine", "states:ListExecutions", "glue:GetJob", "glue:ListJobs", "glue:GetJobRuns",
    "glue:ListDataQualityResults", "glue:GetDataQualityResult", "s3:ListBucket", "s3:GetObject", "cloudformation:ListStackResources",
  ],
  facts: runsFactsSchema,
  async collect(ctx) {
    const [sm, job] = await Promise.all([findStateMachine(ctx), findJob(ctx)]);
    const missing = (what: string): Unknown => ({ unknown: true, why: `the ${what} was not found` });
    const out = parseS3(pipelineArgs(job).outputpath);
    const [execs, runsOf, output, dq] = await Promise.all([
      sm.kind === "found" ? executions(ctx, sm.arn) : sm.kind === "error" ? sm.fact : missing("state machine"),
      job.kind === "found" ? jobRuns(ctx, job.name) : job.kind === "error" ? job.fact : missing("job"),
      out ? prefixFacts(ctx, out.bucket, out.prefix) : job.kind === "error" ? job.fact : missing("--outputpath of the job"),
      job.kind === "found" ? dataQuality(ctx, job.name) : job.kind === "error" ? job.fact : missing("job"),
    ]);
    return { executions: execs, jobRuns: runsOf, output, dataQuality: dq };
  },
};
