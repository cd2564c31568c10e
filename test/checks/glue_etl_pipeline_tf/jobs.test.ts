// jobs (glue_etl_pipeline_tf): facts from scripted Glue answers, and the task graded against the Terraform worlds.
import { beforeEach, describe, expect, it } from "vitest";
import { GetJobCommand, ListJobsCommand, type Job } from "@aws-sdk/client-glue";
import { jobs, monitoringOff } from "../../../checks/glue_etl_pipeline_tf/jobs.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/tf/index.js";
import type { CallLog } from "../../support/world/transport.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";
import { accessDenied, aws, ctx, grade, gradeMocked, messageOf, N, notFound, notPassing } from "./helpers.js";

const glue = aws.client("glue");

function job(name: string, file: string, args: Record<string, string> = {}, extra: Partial<Job> = {}): Job {
  return {
    Name: name,
    Command: { Name: "glueetl", ScriptLocation: `s3://${N.scriptsBucket}/jobs/${file}.py`, PythonVersion: "3" },
    GlueVersion: "4.0",
    WorkerType: "G.1X",
    NumberOfWorkers: 2,
    ExecutionProperty: { MaxConcurrentRuns: 3 },
    DefaultArguments: {
      "--job-bookmark-option": "job-bookmark-enable",
      "--enable-metrics": "true",
      "--enable-continuous-cloudwatch-log": "true",
      "--enable-spark-ui": "true",
      "--TempDir": `s3://${N.tempBucket}/temp/`,
      ...args,
    },
    SecurityConfiguration: N.securityConfig,
    Connections: { Connections: [N.connection] },
    ...extra,
  };
}

function compliant() {
  glue.on(GetJobCommand).rejects(notFound("Job"));
  glue.on(GetJobCommand, { JobName: N.ingestionJob }).resolves({ Job: job(N.ingestionJob, "data_ingestion") });
  glue.on(GetJobCommand, { JobName: N.processingJob }).resolves({ Job: job(N.processingJob, "data_processing") });
  glue.on(GetJobCommand, { JobName: N.qualityJob }).resolves({ Job: job(N.qualityJob, "data_quality", { "--job-bookmark-option": "job-bookmark-disable" }, { ExecutionProperty: { MaxConcurrentRuns: 1 } }) });
}

beforeEach(() => {
  aws.reset();
});

describe("jobs check (scripted answers)", () => {
  it("reads the three jobs into per-job maps", async () => {
    compliant();
    const f = await aws.collect(jobs, ctx());
    expect(f.missing).toEqual([]);
    expect(f.command).toEqual({ ingestion: "glueetl", processing: "glueetl", quality: "glueetl" });
    expect(f.script).toEqual({ ingestion: "jobs/data_ingestion.py", processing: "jobs/data_processing.py", quality: "jobs/data_quality.py" });
    expect(f.glueVersion).toEqual({ ingestion: "4.0", processing: "4.0", quality: "4.0" });
    expect(f.bookmarks).toEqual({ ingestion: "job-bookmark-enable", processing: "job-bookmark-enable", quality: "job-bookmark-disable" });
    expect(f.monitoringOff).toEqual({ ingestion: [], processing: [], quality: [] });
    expect(f.hasTempDir).toEqual({ ingestion: true, processing: true, quality: true });
    expect(f.usesSecurityConfig).toEqual({ ingestion: true, processing: true, quality: true });
    expect(f.usesConnection).toEqual({ ingestion: true, processing: true, quality: true });
    expect(f.maxConcurrentRuns).toEqual({ ingestion: 3, processing: 3, quality: 1 });
    expect(glue.commandCalls(ListJobsCommand)).toHaveLength(0);
  });

  it("a script outside the scripts bucket shows its whole URI; other settings per job", async () => {
    compliant();
    glue.on(GetJobCommand, { JobName: N.processingJob }).resolves({
      Job: job(N.processingJob, "x", { "--enable-metrics": "false", "--enable-spark-ui": "" }, { Command: { Name: "pythonshell", ScriptLocation: "s3://aws-glue-assets-1/scripts/processing.py" }, GlueVersion: "3.0", Connections: undefined, SecurityConfiguration: undefined }),
    });
    const f = await aws.collect(jobs, ctx());
    expect(f.script).toMatchObject({ processing: "s3://aws-glue-assets-1/scripts/processing.py", ingestion: "jobs/data_ingestion.py" });
    expect(f.command).toMatchObject({ processing: "pythonshell" });
    // "false" is off; an empty value counts as present (for --enable-metrics only the key matters).
    expect(f.monitoringOff).toMatchObject({ processing: ["--enable-metrics"] });
    expect(f.usesConnection).toMatchObject({ processing: false });
    expect(f.usesSecurityConfig).toMatchObject({ processing: false });
  });

  it.each<[Record<string, string>, string[]]>([
    [{ "--enable-metrics": "", "--enable-continuous-cloudwatch-log": "true", "--enable-spark-ui": "TRUE" }, []],
    [{ "--enable-metrics": "true", "--enable-continuous-cloudwatch-log": "False" }, ["--enable-continuous-cloudwatch-log", "--enable-spark-ui"]],
    [{}, ["--enable-metrics", "--enable-continuous-cloudwatch-log", "--enable-spark-ui"]],
  ])("monitoring flags off in %j: %j", (args, off) => {
    expect(monitoringOff(args)).toEqual(off);
  });

  it("NonOverridableArguments count like DefaultArguments", async () => {
    compliant();
    glue.on(GetJobCommand, { JobName: N.qualityJob }).resolves({
      Job: job(N.qualityJob, "data_quality", { "--job-bookmark-option": "job-bookmark-enable" }, { NonOverridableArguments: { "--job-bookmark-option": "job-bookmark-disable", "--enable-metrics": "false" } }),
    });
    const f = await aws.collect(jobs, ctx());
    expect(f.bookmarks).toMatchObject({ quality: "job-bookmark-disable" });
    expect(f.monitoringOff).toMatchObject({ quality: ["--enable-metrics"] });
  });

  it("a job without ExecutionProperty runs one at a time (Glue's default): quality_concurrency passes", async () => {
    compliant();
    glue.on(GetJobCommand, { JobName: N.qualityJob }).resolves({ Job: job(N.qualityJob, "data_quality", { "--job-bookmark-option": "job-bookmark-disable" }, { ExecutionProperty: undefined }) });
    glue.on(GetJobCommand, { JobName: N.ingestionJob }).resolves({ Job: job(N.ingestionJob, "data_ingestion", {}, { ExecutionProperty: {} }) });
    const f = await aws.collect(jobs, ctx());
    expect(f.maxConcurrentRuns).toEqual({ ingestion: 1, processing: 3, quality: 1 });
    const r = await gradeMocked("jobs");
    expect(statuses(r)["jobs.quality_concurrency"]).toBe("pass");
  });

  it("a missing job is listed once, with near misses from ListJobs (others' copies left out)", async () => {
    compliant();
    glue.on(GetJobCommand, { JobName: N.qualityJob }).rejects(notFound("Job"));
    glue.on(ListJobsCommand).resolves({ JobNames: [N.ingestionJob, N.processingJob, `${N.p}-data_quality`, "glue-etl-pipeline-s002-dev-data-quality"] });
    const f = await aws.collect(jobs, ctx());
    expect(f.missing).toEqual([`quality: ${N.qualityJob}`]);
    expect(f.similar).toEqual([`${N.p}-data_quality`]);
    expect(Object.keys(f.glueVersion as object)).toEqual(["ingestion", "processing"]);
  });

  it("AccessDenied on glue:GetJob is an ErrorFact where the jobs would be", async () => {
    compliant();
    glue.on(GetJobCommand, { JobName: N.processingJob }).rejects(accessDenied("glue:GetJob"));
    const f = await aws.collect(jobs, ctx());
    expect(f.jobs).toMatchObject({ $error: { action: "glue:GetJob", kind: "accessDenied" } });
    expect(f.missing).toMatchObject({ $error: { action: "glue:GetJob" } });
  });
});

describe("jobs graded against the Terraform worlds", () => {
  it("a complete deployment passes every jobs criterion, without ever calling glue:GetConnection", async () => {
    const log: CallLog = { calls: [] };
    const r = await gradeWorld("glue_etl_pipeline_tf", completeWorld("42"), "42", { only: ["jobs"], log });
    expect(notPassing(r)).toEqual({});
    expect(r.tasks[0]!.points).toBe(18);
    expect(log.calls.filter((c) => ["GetConnection", "GetConnections"].includes(c.operation))).toEqual([]);
    expect(log.calls.filter((c) => c.operation === "GetJob")).toHaveLength(3);
  });

  it("the partial deployment fails exactly its planted jobs mistakes, naming the job", async () => {
    const r = await grade(partialWorld("42"), "jobs");
    expect(notPassing(r)).toEqual({ "jobs.glue_version": "fail", "jobs.monitoring_args": "fail", "jobs.quality_concurrency": "fail" });
    expect(messageOf(r, "jobs.glue_version")).toContain("found processing: 3.0");
    expect(messageOf(r, "jobs.monitoring_args")).toContain("found processing: --enable-metrics");
    expect(messageOf(r, "jobs.quality_concurrency")).toContain("found 3");
  });
});
