// Task 8 — compliant: visual job studio-etl-pipeline-{student} (Glue 4.0, 10 × G.2X, FLEX, bookmarks on, 5 concurrent runs, a security configuration, Spark UI to S3, continuous logging, metrics) whose graph reads two bronze catalog tables, joins them on customer_id, filters, aggregates, derives columns, splits, and writes to gold and silver.
import type { Job } from "@aws-sdk/client-glue";
import type { CheckModule } from "../../src/grade/check.js";
import type { Facts, Json } from "../../src/grade/facts.js";
import { readJob } from "../shared/glue-jobs.js";
import { redactArguments } from "../../src/aws/redact.js";
import { effectiveArguments, jobFeatures } from "../shared/job-args.js";
import { analyseGraph } from "../shared/visual-graph.js";

/** The derived columns the lab asks for (used to recognise an ApplyMapping that adds them, and reported). */
export const DERIVED_COLUMNS = ["customer_segment", "processing_date", "data_quality_score"] as const;

const LAYERS = ["landing", "bronze", "silver", "gold"] as const;

/** A job's configuration as facts (shared by the Studio and streaming checks; the cost check reads `job.executionClass`, `job.arguments`). */
export function jobSettings(job: Job): { [key: string]: Json } {
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
export const studioJob: CheckModule = {
  id: "studio_job",
  description: "Glue Studio job: visual graph (sources, join, filter, aggregate, derived columns, split, targets) and job configuration (version, workers, Flex, bookmarks, concurrency, security, Spark UI, logging, metrics).",
  names: ["studioJob", "landingDb", "bronzeDb", "silverDb", "goldDb"],
  actions: ["glue:GetJob", "glue:ListJobs"],
  async collect(ctx) {
    const name = ctx.name("studioJob");
    const r = await readJob(ctx, name);
    const facts: Facts = {};
    if (r.kind === "error") {
      facts.job = r.fact;
      facts.graph = r.fact;
      return facts;
    }
    if (r.kind === "missing") {
      facts.job = { name, exists: false, similar: r.similar };
      return facts;
    }
    facts.job = { name, exists: true, ...jobSettings(r.job) };
    const layers = Object.fromEntries(LAYERS.map((l) => [l, ctx.name(`${l}Db`)]));
    facts.graph = analyseGraph(r.job.CodeGenConfigurationNodes, layers, DERIVED_COLUMNS);
    return facts;
  },
};
