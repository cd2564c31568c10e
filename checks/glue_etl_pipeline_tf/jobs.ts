// jobs — compliant: {p}-data-ingestion, -data-processing and -data-quality are glueetl jobs running s3://{p}-scripts/jobs/<job>.py on Glue 4.0 with G.1X workers (at least 2), bookmarks enable/enable/disable, metrics, continuous logging and the Spark UI on, a --TempDir, the {p}-security-config security configuration and the {p}-vpc-connection connection; the quality job runs one at a time.
import type { Job } from "@aws-sdk/client-glue";
import type { CheckModule } from "../../src/grade/check.js";
import { isErrorFact, type ErrorFact, type Facts, type Json } from "../../src/grade/facts.js";
import { readJob, type JobRead } from "../shared/glue-jobs.js";
import { effectiveArguments, jobFeatures } from "../shared/job-args.js";

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
export function jobSettings(j: Job): { [k: string]: Json } {
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
export const jobs: CheckModule = {
  id: "jobs",
  description: "The three Glue jobs (ingestion, processing, quality): command and script, Glue version, workers, bookmarks, monitoring arguments, --TempDir, security configuration, VPC connection, concurrency.",
  names: ["ingestionJob", "processingJob", "qualityJob", "scriptsBucket", "securityConfig", "connection"],
  actions: ["glue:GetJob", "glue:ListJobs"],
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
    const map = (k: string) => Object.fromEntries(found.map(([role, s]) => [role, s[k]!])) as { [k: string]: Json };
    const scripts = `s3://${ctx.name("scriptsBucket")}/`;
    const [secName, connection] = [ctx.name("securityConfig"), ctx.name("connection")];
    const facts: Facts = {
      jobs: Object.fromEntries(found) as { [k: string]: Json },
      missing: missing.map((r) => `${r}: ${ctx.name(JOB_NAME_KEY[r])}`),
      ...(missing.length ? { similar: similarError ?? [...similar].slice(0, 10) } : {}),
    };
    for (const k of ["command", "glueVersion", "workerType", "workers", "bookmarks", "monitoringOff", "tempDir", "securityConfiguration", "connections", "maxConcurrentRuns"]) facts[k] = map(k);
    // Short values, so a report line names the job that differs: the script's key when it is in the scripts bucket
    // (else the whole URI), and whether the job names the deployment's security configuration and connection.
    facts.script = Object.fromEntries(found.map(([role, s]) => [role, typeof s.script === "string" && s.script.startsWith(scripts) ? s.script.slice(scripts.length) : s.script!]));
    facts.usesSecurityConfig = Object.fromEntries(found.map(([role, s]) => [role, s.securityConfiguration === secName]));
    facts.hasTempDir = Object.fromEntries(found.map(([role, s]) => [role, typeof s.tempDir === "string" && /^s3a?:\/\/[^/]+/i.test(s.tempDir)]));
    facts.usesConnection = Object.fromEntries(found.map(([role, s]) => [role, Array.isArray(s.connections) && s.connections.includes(connection)]));
    return facts;
  },
};
