// A Glue job: command, versions, capacity, limits, arguments and the features they switch on, tags, runs, and (for Studio jobs) what its visual graph does.
import { z } from "zod";
import type { Facts } from "../src/grade/facts.js";
import { jobRuns, readJob } from "../checks/shared/glue-jobs.js";
import { effectiveArguments, jobFeatures, jobFeaturesSchema } from "../checks/shared/job-args.js";
import { analyseGraph, graphFactsSchema } from "../checks/shared/visual-graph.js";
import { byName, defineReader, missing, namedFacts, orError, stringMap } from "./reader.js";
import { glueTags } from "./glue-common.js";

const run = z.object({ id: z.string().nullable(), state: z.string().nullable(), startedOn: z.string().nullable(), logGroup: z.string().nullable(), error: z.string().optional() });

/** Reads one job by name, with its runs (newest first, at most three pages). */
export const reader = defineReader({
  id: "glue.job",
  description: "A Glue job: role, type (glueetl, gluestreaming, pythonshell), script location, Glue and Python versions, worker type and count, timeout, retries, concurrency, arguments and the features they switch on (bookmarks, metrics, Spark UI, logging), tags, its runs, and its Studio visual graph analysed (sources, targets, joins, filters, aggregates).",
  params: z.object({ name: z.string().min(1), layers: z.record(z.string(), z.string()).default({}) }).strict(),
  facts: namedFacts({
    role: z.string().nullable(),
    command: z.string().nullable(),
    scriptLocation: z.string().nullable(),
    pythonVersion: z.string().nullable(),
    glueVersion: z.string().nullable(),
    workerType: z.string().nullable(),
    numberOfWorkers: z.number().nullable(),
    maxCapacity: z.number().nullable(),
    timeout: z.number().nullable(),
    maxRetries: z.number(),
    maxConcurrentRuns: z.number(),
    executionClass: z.string().nullable(),
    securityConfiguration: z.string().nullable(),
    connections: z.array(z.string()),
    arguments: stringMap,
    argumentNames: z.array(z.string()),
    features: jobFeaturesSchema,
    tags: orError(stringMap),
    runs: orError(z.object({ count: z.number(), succeeded: z.number(), latest: run.nullable(), latestSucceeded: run.nullable() })),
    graph: graphFactsSchema.nullable(),
  }),
  actions: ["glue:GetJob", "glue:ListJobs", "glue:GetJobRuns", "glue:GetTags"],
  async read(ctx, { name, layers }) {
    const r = await readJob(ctx, name);
    if (r.kind === "error") return r.fact as unknown as Facts;
    if (r.kind === "missing") return missing(name, r.similar);
    const j = r.job;
    const args = effectiveArguments(j);
    const [tags, runs] = await Promise.all([glueTags(ctx, "job", name), jobRuns(ctx, name)]);
    const nodes = j.CodeGenConfigurationNodes;
    return {
      name,
      exists: true,
      role: j.Role ?? null,
      command: j.Command?.Name ?? null,
      scriptLocation: j.Command?.ScriptLocation ?? null,
      pythonVersion: j.Command?.PythonVersion ?? null,
      glueVersion: j.GlueVersion ?? null,
      workerType: j.WorkerType ?? null,
      numberOfWorkers: j.NumberOfWorkers ?? null,
      maxCapacity: j.MaxCapacity ?? null,
      // Glue's default when unset: 2880 minutes (48 hours).
      timeout: j.Timeout ?? null,
      maxRetries: j.MaxRetries ?? 0,
      maxConcurrentRuns: j.ExecutionProperty?.MaxConcurrentRuns ?? 1,
      executionClass: j.ExecutionClass ?? null,
      securityConfiguration: j.SecurityConfiguration ?? null,
      connections: j.Connections?.Connections ?? [],
      arguments: args,
      argumentNames: Object.keys(args),
      features: jobFeatures(args),
      tags,
      runs,
      graph: nodes && Object.keys(nodes).length ? analyseGraph(nodes, layers) : null,
    } as Facts;
  },
});
