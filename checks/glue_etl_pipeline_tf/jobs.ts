// jobs — compliant: {p}-data-ingestion, -data-processing and -data-quality are glueetl jobs running s3://{p}-scripts/jobs/<job>.py on Glue 4.0 with G.1X workers (at least 2), bookmarks enable/enable/disable, metrics, continuous logging and the Spark UI on, a --TempDir, the {p}-security-config security configuration and the {p}-vpc-connection connection; the quality job runs one at a time.
import type { Job } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { readJob, type JobRead } from "../shared/glue-jobs.js";
import { effectiveArguments, jobFeatures } from "../shared/job-args.js";
import { keyed, keyedSchema } from "../shared/keyed.js";

/** The three jobs of the glue module, by role. */
export const JOBS = ["ingestion", "processing", "quality"] as const;
export type JobRole = (typeof JOBS)[number];
export const JOB_NAME_KEY: Record<JobRole, string> = { ingestion: "ingestionJob", processing: "processingJob", quality: "qualityJob" };

/** The monitoring switches the template sets on every job; "on" = present and not "false" (the docs say only the key matters for some). */
export const MONITORING_FLAGS = ["--enable-metrics", "--enable-continuous-cloudwatch-log", "--enable-spark-ui"] as const;

/** The monitoring flags of MONITORING_FLAGS that are absent or "false" in the job's arguments. */
export function monitoringOff(args: Readonly<Record<string, string>>): string[] {
  return MONITORING_FLAGS.filter((k) => !Object.prototype.hasOwnProperty.call(args, k) || args[k]!.trim().toLowerCase() === "false");
}

/** The graded settings of one job, normalised. */
export const jobSettingsSchema = z.object({
  name: z.string(),
  command: z.string().nullable(),
  script: z.string().nullable(),
  pythonVersion: z.string().nullable(),
  glueVersion: z.string().nullable(),
  workerType: z.string().nullable(),
  workers: z.number().nullable(),
  maxCapacity: z.number().nullable(),
  timeout: z.number().nullable(),
  maxConcurrentRuns: z.number(),
  bookmarks: z.string().nullable(),
  monitoringOff: z.array(z.string()),
  tempDir: z.string().nullable(),
  securityConfiguration: z.string().nullable(),
  connections: z.array(z.string()),
});
export type JobSettings = z.infer<typeof jobSettingsSchema>;

/** Per job found (ingestion, processing, quality): one value. */
const perJob = <S extends z.ZodType>(s: S) => keyedSchema(JOBS, s).optional();

/** The facts of the jobs task (only jobs and missing when a job could not be read). */
export const jobsFactsSchema = z.object({
  jobs: orError(keyedSchema(JOBS, jobSettingsSchema)),
  missing: orError(z.array(z.string())),
  similar: orError(z.array(z.string())).optional(),
  command: perJob(jobSettingsSchema.shape.command),
  glueVersion: perJob(jobSettingsSchema.shape.glueVersion),
  workerType: perJob(jobSettingsSchema.shape.workerType),
  workers: perJob(jobSettingsSchema.shape.workers),
  bookmarks: perJob(jobSettingsSchema.shape.bookmarks),
  monitoringOff: perJob(jobSettingsSchema.shape.monitoringOff),
  tempDir: perJob(jobSettingsSchema.shape.tempDir),
  securityConfiguration: perJob(jobSettingsSchema.shape.securityConfiguration),
  connections: perJob(jobSettingsSchema.shape.connections),
  maxConcurrentRuns: perJob(jobSettingsSchema.shape.maxConcurrentRuns),
  /** The script's key in the scripts bucket, else the whole URI. */
  script: perJob(z.string().nullable()),
  usesSecurityConfig: perJob(z.boolean()),
  hasTempDir: perJob(z.boolean()),
  usesConnection: perJob(z.boolean()),
});
export type JobsFacts = z.infer<typeof jobsFactsSchema>;

/** The graded settings of one job, normalised. */
export function jobSettings(j: Job): JobSettings {
  const args = effectiveArguments(j);
  const f = jobFeatures(args);
  return {
    name: j.Name ?? "",
    command: j.Command?.Name ?? null,
    script: j.Command?.ScriptLocation?.trim() ?? null,
    pythonVersion: j.Command?.PythonVersion ?? null,
    glueVersion: j.GlueVersion ?? null,
    workerType: j.WorkerType ?? null,
    workers: j.NumberOfWorkers ?? null,
    maxCapacity: j.MaxCapacity ?? null,
    timeout: j.Timeout ?? null,
    // Glue's default when ExecutionProperty is absent is one run at a time.
    maxConcurrentRuns: j.ExecutionProperty?.MaxConcurrentRuns ?? 1,
    bookmarks: f.bookmarks,
    monitoringOff: monitoringOff(args),
    tempDir: f.tempDir,
    securityConfiguration: j.SecurityConfiguration?.trim() || null,
    connections: [...(j.Connections?.Connections ?? [])].slice(0, 20),
  };
}

/** jobs: the three Glue jobs of the template. */
export const jobs: CheckModule<JobsFacts> = {
  id: "jobs",
  description: "The three Glue jobs (ingestion, processing, quality): command and script, Glue version, workers, bookmarks, monitoring arguments, --TempDir, security configuration, VPC connection, concurrency.",
  names: ["ingestionJob", "processingJob", "qualityJob", "scriptsBucket", "securityConfig", "connection"],
  actions: ["glue:GetJob", "glue:ListJobs"],
  facts: jobsFactsSchema,
  async collect(ctx) {
    const reads: JobRead[] = await Promise.all(JOBS.map((r) => readJob(ctx, ctx.name(JOB_NAME_KEY[r]))));
    const firstError = reads.find((r): r is { kind: "error"; fact: ErrorFact } => r.kind === "error");
    if (firstError) return { jobs: firstError.fact, missing: firstError.fact };
    const found = JOBS.flatMap((role, i) => {
      const r = reads[i]!;
      return r.kind === "found" ? [[role, jobSettings(r.job)] as const] : [];
    });
    const missing = JOBS.filter((_, i) => reads[i]!.kind === "missing");
    const similar = new Set<string>();
    let similarError: ErrorFact | undefined;
    for (const r of reads) {
      if (r.kind !== "missing") continue;
      if (isErrorFact(r.similar)) similarError = r.similar;
      else r.similar.forEach((s) => similar.add(s));
    }
    const map = <K extends keyof JobSettings>(k: K) => keyed(found.map(([role, s]) => [role, s[k]] as const));
    const each = <V>(f: (s: JobSettings) => V) => keyed(found.map(([role, s]) => [role, f(s)] as const));
    const scripts = `s3://${ctx.name("scriptsBucket")}/`;
    const [secName, connection] = [ctx.name("securityConfig"), ctx.name("connection")];
    return {
      jobs: keyed(found),
      missing: missing.map((r) => `${r}: ${ctx.name(JOB_NAME_KEY[r])}`),
      ...(missing.length ? { similar: similarError ?? [...similar].slice(0, 10) } : {}),
      command: map("command"),
      glueVersion: map("glueVersion"),
      workerType: map("workerType"),
      workers: map("workers"),
      bookmarks: map("bookmarks"),
      monitoringOff: map("monitoringOff"),
      tempDir: map("tempDir"),
      securityConfiguration: map("securityConfiguration"),
      connections: map("connections"),
      maxConcurrentRuns: map("maxConcurrentRuns"),
      // Short values, so a report line names the job that differs: the script's key when it is in the scripts bucket
      // (else the whole URI), and whether the job names the deployment's security configuration and connection.
      script: each((s) => (s.script !== null && s.script.startsWith(scripts) ? s.script.slice(scripts.length) : s.script)),
      usesSecurityConfig: each((s) => s.securityConfiguration === secName),
      hasTempDir: each((s) => s.tempDir !== null && /^s3a?:\/\/[^/]+/i.test(s.tempDir)),
      usesConnection: each((s) => s.connections.includes(connection)),
    };
  },
};
