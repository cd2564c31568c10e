// run_evidence (glue_etl_pipeline_tf): facts from scripted Glue/S3 answers, and the task graded against the Terraform worlds.
import { beforeEach, describe, expect, it } from "vitest";
import { GetJobRunsCommand } from "@aws-sdk/client-glue";
import { GetObjectCommand, HeadBucketCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { PARTITIONED, runEvidence } from "../../../checks/glue_etl_pipeline_tf/run_evidence.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/tf/index.js";
import type { CallLog } from "../../support/world/transport.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";
import { emptyWorld } from "../../support/world/assessments/tf/index.js";
import { iamAction, type ServiceId } from "../../../src/aws/services.js";
import { bundledRubric, catalogOf } from "../../../src/grade/assessment.js";
import { loadAssessment } from "../../../src/app/assessments.js";
import { loadRubric } from "../../../src/rubric/load.js";
import { actionsOf, buildPolicy, isReadAction } from "../../../src/cli/policy-command.js";
import { accessDenied, aws, ctx, GLUE_SIDE, grade, messageOf, N, notFound, notPassing, s3Error } from "./helpers.js";

const glue = aws.client("glue");
const s3 = aws.client("s3");
const d = (iso: string) => new Date(iso);

function compliant() {
  glue.on(GetJobRunsCommand).resolves({ JobRuns: [{ Id: "jr_1", JobRunState: "SUCCEEDED", StartedOn: d("2026-11-10T08:00:00Z") }] });
  s3.on(HeadBucketCommand).resolves({ BucketRegion: "us-east-1" });
  s3.on(ListObjectsV2Command, { Bucket: N.processedBucket }).resolves({
    Contents: [
      { Key: "data/", Size: 0 },
      { Key: "data/2026/11/10/year=2026/month=11/day=10/part-00000.snappy.parquet", Size: 900 },
      { Key: "data/2026/11/10/_SUCCESS", Size: 0 },
    ],
    IsTruncated: false,
  });
  s3.on(ListObjectsV2Command, { Bucket: N.curatedBucket }).resolves({ Contents: [{ Key: "curated/2026/11/10/summary.parquet", Size: 512 }], IsTruncated: false });
}

beforeEach(() => {
  aws.reset();
});

describe("run_evidence check (scripted answers)", () => {
  it("counts SUCCEEDED runs per job and partitioned data objects per bucket, without reading objects", async () => {
    compliant();
    const f = await aws.collect(runEvidence, ctx());
    expect(f.succeededRuns).toEqual({ ingestion: 1, processing: 1, quality: 1 });
    expect(f.latestRun).toEqual({ ingestion: "SUCCEEDED", processing: "SUCCEEDED", quality: "SUCCEEDED" });
    // Folder markers and _SUCCESS are not data; both partition spellings count.
    expect(f.output).toEqual({
      processed: { bucket: N.processedBucket, exists: true, objects: 1, partitioned: 1, truncated: false, sample: ["data/2026/11/10/year=2026/month=11/day=10/part-00000.snappy.parquet"], partitionSample: "data/2026/11/10/year=2026/month=11/day=10/part-00000.snappy.parquet" },
      curated: { bucket: N.curatedBucket, exists: true, objects: 1, partitioned: 1, truncated: false, sample: ["curated/2026/11/10/summary.parquet"], partitionSample: "curated/2026/11/10/summary.parquet" },
    });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it("follows GetJobRuns pages and sorts by StartedOn: the latest run is the newest, whatever the order", async () => {
    compliant();
    glue.on(GetJobRunsCommand, { JobName: N.qualityJob, NextToken: undefined }).resolves({ JobRuns: [{ Id: "a", JobRunState: "SUCCEEDED", StartedOn: d("2026-11-01T00:00:00Z") }], NextToken: "t2" });
    glue.on(GetJobRunsCommand, { JobName: N.qualityJob, NextToken: "t2" }).resolves({ JobRuns: [{ Id: "b", JobRunState: "FAILED", StartedOn: d("2026-11-09T00:00:00Z"), ErrorMessage: "boom" }] });
    const f = await aws.collect(runEvidence, ctx());
    expect(f.succeededRuns).toMatchObject({ quality: 1 });
    expect(f.latestRun).toMatchObject({ quality: "FAILED" });
    // The shared job-run facts (checks/shared/glue-jobs.ts): counts, the latest run and the latest SUCCEEDED one.
    expect((f.runs as Record<string, unknown>).quality).toEqual({
      count: 2,
      succeeded: 1,
      latest: { id: "b", state: "FAILED", startedOn: "2026-11-09T00:00:00.000Z", logGroup: null, error: "boom" },
      latestSucceeded: { id: "a", state: "SUCCEEDED", startedOn: "2026-11-01T00:00:00.000Z", logGroup: null },
    });
  });

  it("the run listing is bounded: five pages of GetJobRuns per job at most", async () => {
    compliant();
    let n = 0;
    glue.on(GetJobRunsCommand, { JobName: N.ingestionJob }).callsFake(() => ({ JobRuns: [{ Id: `r${n}`, JobRunState: "FAILED", StartedOn: d("2026-11-10T08:00:00Z") }], NextToken: `t${++n}` }));
    const f = await aws.collect(runEvidence, ctx());
    expect(glue.commandCalls(GetJobRunsCommand).filter((c) => c.JobName === N.ingestionJob)).toHaveLength(5);
    expect(f.succeededRuns).toMatchObject({ ingestion: 0 });
    expect((f.runs as Record<string, unknown>).ingestion).toMatchObject({ count: 5 });
  });

  it("a job that does not exist has no runs; AccessDenied on glue:GetJobRuns is an ErrorFact for that job", async () => {
    compliant();
    glue.on(GetJobRunsCommand, { JobName: N.ingestionJob }).rejects(notFound("Job"));
    glue.on(GetJobRunsCommand, { JobName: N.processingJob }).rejects(accessDenied("glue:GetJobRuns"));
    const f = await aws.collect(runEvidence, ctx());
    const ok = f.succeededRuns as Record<string, unknown>;
    expect(ok.ingestion).toBe(0);
    expect(ok.processing).toMatchObject({ $error: { action: "glue:GetJobRuns", kind: "accessDenied" } });
    expect(ok.quality).toBe(1);
    expect(f.latestRun).toMatchObject({ ingestion: "no runs" });
  });

  it("a missing bucket has no output; an unpartitioned one has objects but no partitions; a denied listing is an ErrorFact", async () => {
    compliant();
    s3.on(HeadBucketCommand, { Bucket: N.curatedBucket }).rejects(s3Error("NotFound", 404));
    s3.on(ListObjectsV2Command, { Bucket: N.processedBucket }).resolves({ Contents: [{ Key: "output/run1.parquet", Size: 10 }, { Key: "output/run2.parquet", Size: 10 }], IsTruncated: false });
    let f = await aws.collect(runEvidence, ctx());
    expect(f.output).toMatchObject({ curated: { exists: false, objects: 0, partitioned: 0 }, processed: { objects: 2, partitioned: 0, partitionSample: null } });
    s3.on(ListObjectsV2Command, { Bucket: N.processedBucket }).rejects(s3Error("AccessDenied", 403));
    f = await aws.collect(runEvidence, ctx());
    expect((f.output as Record<string, unknown>).processed).toMatchObject({ $error: { action: "s3:ListBucket", kind: "accessDenied" } });
  });

  it("the listing is bounded: a huge bucket is read for at most five pages and marked truncated", async () => {
    compliant();
    let n = 0;
    s3.on(ListObjectsV2Command, { Bucket: N.processedBucket }).callsFake(() => ({ Contents: [{ Key: `data/x-${n}.parquet`, Size: 1 }], IsTruncated: true, NextContinuationToken: `t${++n}` }));
    const f = await aws.collect(runEvidence, ctx());
    expect(s3.commandCalls(ListObjectsV2Command).filter((c) => c.Bucket === N.processedBucket)).toHaveLength(5);
    expect((f.output as Record<string, unknown>).processed).toMatchObject({ objects: 5, partitioned: 0, truncated: true });
  });

  it.each<[string, boolean]>([
    ["data/2026/11/10/year=2026/month=11/day=10/part-0.parquet", true],
    ["year=2026/month=1/day=5/part-0.parquet", true],
    ["curated/2026/11/10/x.parquet", true],
    ["data/year=2026/part-0.parquet", false],
    ["data/20261110/part-0.parquet", false],
    ["data/2026-11-10/part-0.parquet", false],
  ])("%s is date-partitioned: %s", (key, yes) => {
    expect(PARTITIONED.test(key)).toBe(yes);
  });
});

describe("run_evidence graded against the Terraform worlds", () => {
  it("a complete deployment passes every run-evidence criterion with bounded reads", async () => {
    const log: CallLog = { calls: [] };
    const r = await gradeWorld("glue_etl_pipeline_tf", completeWorld("42"), "42", { only: ["run_evidence"], log });
    expect(notPassing(r)).toEqual({});
    expect(r.tasks.find((t) => t.id === "run_evidence")!.points).toBe(8);
    expect(log.calls.filter((c) => c.operation === "GetObject")).toEqual([]);
  });

  it("the partial deployment fails exactly its planted run-evidence mistakes, naming them", async () => {
    const r = await grade(partialWorld("42"), "run_evidence");
    expect(notPassing(r)).toEqual({ "run_evidence.job_runs_succeeded": "fail", "run_evidence.curated_output": "fail", "run_evidence.curated_partitions": "skipped" });
    expect(messageOf(r, "run_evidence.job_runs_succeeded")).toContain("found quality: 0");
    expect(messageOf(r, "run_evidence.curated_output")).toContain("found 0");
  });

  it("job runs of a missing job are skipped (the jobs task counts it), output still judged", async () => {
    const world = completeWorld("42");
    world.jobs = (world.jobs as { Name: string }[]).filter((j) => j.Name !== "glue-etl-pipeline-42-dev-data-quality");
    const r = await grade(world, "run_evidence");
    expect(statuses(r)).toMatchObject({ "run_evidence.job_runs_succeeded": "skipped", "run_evidence.processed_output": "pass", "run_evidence.curated_partitions": "pass" });
  });
});

describe("the four glue-side tasks together", () => {
  const PLANTED = {
    "storage.versioning": "fail",
    "storage.public_access_block": "fail",
    "storage.lifecycle_tiering": "fail",
    "catalog.database_exists": "fail",
    "catalog.crawler_database": "skipped",
    "catalog.schema_change": "fail",
    "catalog.lineage": "fail",
    "jobs.glue_version": "fail",
    "jobs.monitoring_args": "fail",
    "jobs.quality_concurrency": "fail",
    "run_evidence.job_runs_succeeded": "fail",
    "run_evidence.curated_output": "fail",
    "run_evidence.curated_partitions": "skipped",
  };

  it("complete: 53 of 53 points; partial: exactly the planted mistakes, in dev and in staging", async () => {
    const only = [...GLUE_SIDE];
    const complete = await gradeWorld("glue_etl_pipeline_tf", completeWorld("42"), "42", { only });
    expect(notPassing(complete)).toEqual({});
    expect(complete.tasks.reduce((s, t) => s + t.points, 0)).toBe(53);
    for (const env of ["dev", "staging"]) {
      const r = await gradeWorld("glue_etl_pipeline_tf", partialWorld("42", { env }), "42", { only, env });
      expect(notPassing(r)).toEqual(PLANTED);
      expect(r.tasks.reduce((s, t) => s + t.points, 0)).toBe(53 - 2 * 3 - 2 - 1 - 1 - 2 - 2 - 1 - 4 - 1 - 1 - 1);
    }
  });
});

describe("IAM actions of the glue-side checks", () => {
  it.each([
    ["complete", () => completeWorld("42")],
    ["partial", () => partialWorld("42")],
    ["empty", () => emptyWorld("42")],
  ])("every call of the %s world is declared by its check and allowed by the narrowed policy, and is a read", async (_w, make) => {
    const assessment = (await loadAssessment("glue_etl_pipeline_tf"))!;
    const rubric = loadRubric(bundledRubric("glue_etl_pipeline_tf"), catalogOf(assessment));
    const log: CallLog = { calls: [] };
    const report = await gradeWorld("glue_etl_pipeline_tf", make(), "42", { only: [...GLUE_SIDE], log });
    expect(report.tasks.map((t) => t.id)).toEqual([...GLUE_SIDE]);
    const declared = new Set(assessment.checks.filter((c) => (GLUE_SIDE as readonly string[]).includes(c.id)).flatMap((c) => c.actions));
    const policy = buildPolicy([{ assessment, rubric }], { student: "42" });
    expect(log.calls.length).toBeGreaterThan(0);
    for (const call of log.calls) {
      const action = iamAction(call.service as ServiceId, call.operation);
      expect(declared, `${call.service}:${call.operation}`).toContain(action);
      expect(isReadAction(action), action).toBe(true);
      const bucket = call.service === "s3" && typeof (call.input as { Bucket?: unknown }).Bucket === "string" ? `arn:aws:s3:::${(call.input as { Bucket: string }).Bucket}` : null;
      const allowed = policy.Statement.some((st) => st.Action.includes(action) && (bucket === null || [st.Resource].flat().some((r) => new RegExp(`^${r.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(bucket))));
      expect(allowed, `${action}${bucket ? ` on ${bucket}` : ""}`).toBe(true);
    }
    expect(actionsOf(policy).every(isReadAction)).toBe(true);
  });
});
