// Glue job — compliant: json-to-pq-…-{student} is a Spark ETL job (glueetl) on Glue 5.0 with 2 × G.1X workers, at most 1 concurrent run, metrics and the Spark UI on, and --dbname, --table, --outputpath (s3://) naming a catalog table that exists and where to write.
import { GetTableCommand } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import { redactArguments } from "../../src/aws/redact.js";
import { effectiveArguments, jobFeatures } from "../shared/job-args.js";
import { parseS3 } from "../shared/s3-objects.js";
import { findJob, foundOrNot, type JobFound } from "./discover.js";

/** The job's three pipeline arguments (null when unset or blank). */
export const pipelineArgsSchema = z.object({ dbname: z.string().nullable(), table: z.string().nullable(), outputpath: z.string().nullable() });
export type PipelineArgs = z.infer<typeof pipelineArgsSchema>;

/** The catalog table the job reads (--dbname.--table). */
const sourceTableSchema = orError(
  z.union([
    z.object({ exists: z.literal(false), why: z.string() }),
    z.object({ exists: z.literal(false), name: z.string() }),
    z.object({ exists: z.literal(true), name: z.string(), columns: z.number(), classification: z.string().nullable(), location: z.string().nullable() }),
  ]),
);
type SourceTable = z.infer<typeof sourceTableSchema>;

/** The facts of the Glue job task: only `job` when it was not found. */
export const glueJobFactsSchema = z.object({
  job: foundOrNot({
    commandName: z.string().nullable(),
    scriptLocation: z.string().nullable(),
    glueVersion: z.string().nullable(),
    workerType: z.string().nullable(),
    numberOfWorkers: z.number().nullable(),
    maxConcurrentRuns: z.number(),
    monitoring: z.object({ metrics: z.boolean(), sparkUi: z.boolean() }),
    /** DefaultArguments overlaid with NonOverridableArguments, secrets redacted. */
    arguments: z.record(z.string(), z.string()),
  }),
  args: pipelineArgsSchema.extend({ outputIsS3: z.boolean() }).optional(),
  sourceTable: sourceTableSchema.optional(),
});
export type GlueJobFacts = z.infer<typeof glueJobFactsSchema>;

/** The job's three pipeline arguments, from the job's own arguments (the state machine passes none). */
export function pipelineArgs(job: JobFound): PipelineArgs {
  if (job.kind !== "found") return { dbname: null, table: null, outputpath: null };
  const args = effectiveArguments(job.job);
  const get = (k: string) => args[k]?.trim() || null;
  return { dbname: get("--dbname"), table: get("--table"), outputpath: get("--outputpath") };
}

async function sourceTable(ctx: CheckContext, dbname: string | null, table: string | null): Promise<SourceTable> {
  if (!dbname || !table) return { exists: false, why: "--dbname or --table is not set" };
  const r = await ctx.read("glue", new GetTableCommand({ DatabaseName: dbname, Name: table }), { missing: ["EntityNotFoundException"] });
  if (!r.ok) return r.missing ? { exists: false, name: `${dbname}.${table}` } : r.fact;
  const t = r.value.Table;
  return {
    exists: true,
    name: `${dbname}.${table}`,
    columns: t?.StorageDescriptor?.Columns?.length ?? 0,
    classification: t?.Parameters?.classification ?? t?.StorageDescriptor?.Parameters?.classification ?? null,
    location: t?.StorageDescriptor?.Location ?? null,
  };
}

/** The Glue job and the table it reads. */
export const glueJob: CheckModule<GlueJobFacts> = {
  id: "glue_job",
  description: "The Glue job the state machine runs (GetJob): command, Glue version, workers, concurrency, arguments; the source table (GetTable on --dbname/--table).",
  names: ["job", "jobPrefix", "stateMachine", "stateMachinePrefix", "stack"],
  actions: ["glue:GetJob", "glue:ListJobs", "glue:GetTable", "states:ListStateMachines", "states:DescribeStateMachine", "cloudformation:ListStackResources"],
  facts: glueJobFactsSchema,
  async collect(ctx) {
    const job = await findJob(ctx);
    if (job.kind === "error") return { job: job.fact };
    if (job.kind === "missing") return { job: { exists: false, expected: job.expected, similar: job.similar } };
    const j = job.job;
    const args = effectiveArguments(j);
    const f = jobFeatures(args);
    const p = pipelineArgs(job);
    return {
      job: {
        exists: true,
        name: job.name,
        foundBy: job.foundBy,
        commandName: j.Command?.Name ?? null,
        scriptLocation: j.Command?.ScriptLocation ?? null,
        glueVersion: j.GlueVersion ?? null,
        workerType: j.WorkerType ?? null,
        numberOfWorkers: j.NumberOfWorkers ?? null,
        maxConcurrentRuns: j.ExecutionProperty?.MaxConcurrentRuns ?? 1,
        monitoring: { metrics: f.metrics, sparkUi: f.sparkUi },
        arguments: redactArguments(args),
      },
      args: { ...p, outputIsS3: parseS3(p.outputpath) !== null },
      sourceTable: await sourceTable(ctx, p.dbname, p.table),
    };
  },
};
