// Task 8 — compliant: visual job studio-etl-pipeline-{student} (Glue 4.0, 10 × G.2X, FLEX, bookmarks on, 5 concurrent runs, a security configuration, Spark UI to S3, continuous logging, metrics) whose graph reads two bronze catalog tables, joins them on customer_id, filters, aggregates, derives columns, splits, and writes to gold and silver.
import type { Job } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import { readJob } from "../shared/glue-jobs.js";
import { redactArguments } from "../../src/aws/redact.js";
import { effectiveArguments, jobFeatures, jobFeaturesSchema } from "../shared/job-args.js";
import { analyseGraph, graphFactsSchema } from "../shared/visual-graph.js";

/** The derived columns the lab asks for (used to recognise an ApplyMapping that adds them, and reported). */
export const DERIVED_COLUMNS = ["customer_segment", "processing_date", "data_quality_score"] as const;

const LAYERS = ["landing", "bronze", "silver", "gold"] as const;

/** A job's configuration as facts (shared by the Studio and streaming checks). */
export const jobSettingsSchema = z.object({
  jobMode: z.string(),
  visual: z.boolean(),
  commandName: z.string().nullable(),
  scriptLocation: z.string().nullable(),
  glueVersion: z.string().nullable(),
  workerType: z.string().nullable(),
  numberOfWorkers: z.number().nullable(),
  maxCapacity: z.number().nullable(),
  executionClass: z.string(),
  maxConcurrentRuns: z.number(),
  securityConfiguration: z.string().nullable(),
  timeout: z.number().nullable(),
  connections: z.array(z.string()),
  /** Secret-looking values redacted. */
  arguments: z.record(z.string(), z.string()),
  nonOverridableArguments: z.record(z.string(), z.string()),
  features: jobFeaturesSchema,
});
export type JobSettings = z.infer<typeof jobSettingsSchema>;

/** A job that does not exist: near-miss names, or why they could not be listed. */
export const missingJobSchema = z.object({ name: z.string(), exists: z.literal(false), similar: orError(z.array(z.string())) });

/** The facts of Task 8 (only `job` when the job does not exist). */
export const studioJobFactsSchema = z.object({
  job: orError(z.union([missingJobSchema, z.object({ name: z.string(), exists: z.literal(true), ...jobSettingsSchema.shape })])),
  graph: orError(graphFactsSchema).optional(),
});
export type StudioJobFacts = z.infer<typeof studioJobFactsSchema>;

/** A job's configuration as facts (shared by the Studio and streaming checks). */
export function jobSettings(job: Job): JobSettings {
  const nodes = job.CodeGenConfigurationNodes ?? {};
  const args = effectiveArguments(job);
  return {
    jobMode: job.JobMode ?? "SCRIPT",
    visual: job.JobMode === "VISUAL" || Object.keys(nodes).length > 0,
    commandName: job.Command?.Name ?? null,
    scriptLocation: job.Command?.ScriptLocation ?? null,
    glueVersion: job.GlueVersion ?? null,
    workerType: job.WorkerType ?? null,
    numberOfWorkers: job.NumberOfWorkers ?? null,
    maxCapacity: job.MaxCapacity ?? null,
    executionClass: job.ExecutionClass ?? "STANDARD",
    maxConcurrentRuns: job.ExecutionProperty?.MaxConcurrentRuns ?? 1,
    securityConfiguration: job.SecurityConfiguration?.trim() || null,
    timeout: job.Timeout ?? null,
    connections: [...(job.Connections?.Connections ?? [])],
    arguments: redactArguments(job.DefaultArguments),
    nonOverridableArguments: redactArguments(job.NonOverridableArguments),
    features: jobFeatures(args),
  };
}

/** Task 8: the Glue Studio visual ETL job. */
export const studioJob: CheckModule<StudioJobFacts> = {
  id: "studio_job",
  description: "Glue Studio job: visual graph (sources, join, filter, aggregate, derived columns, split, targets) and job configuration (version, workers, Flex, bookmarks, concurrency, security, Spark UI, logging, metrics).",
  names: ["studioJob", "landingDb", "bronzeDb", "silverDb", "goldDb"],
  actions: ["glue:GetJob", "glue:ListJobs"],
  facts: studioJobFactsSchema,
  async collect(ctx) {
    const name = ctx.name("studioJob");
    const r = await readJob(ctx, name);
    if (r.kind === "error") return { job: r.fact, graph: r.fact };
    if (r.kind === "missing") return { job: { name, exists: false, similar: r.similar } };
    const layers = Object.fromEntries(LAYERS.map((l) => [l, ctx.name(`${l}Db`)]));
    return { job: { name, exists: true, ...jobSettings(r.job) }, graph: analyseGraph(r.job.CodeGenConfigurationNodes, layers, DERIVED_COLUMNS) };
  },
};
