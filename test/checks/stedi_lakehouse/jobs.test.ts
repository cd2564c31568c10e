// Jobs check (scripted answers): finding the student's jobs by name or by the table their script/graph writes, runs sorted
// by StartedOn, the catalog-update settings read from the script (bounded ranged GET) or the visual graph.
import { beforeEach, describe, expect, it } from "vitest";
import { FakeAws } from "../../support/check-tester.js";
import { EntityNotFoundException, GetDatabaseCommand, GetDatabasesCommand, GetJobCommand, GetJobRunsCommand, ListJobsCommand, type Job } from "@aws-sdk/client-glue";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext } from "../../../src/grade/check.js";
import { analyseScript, jobs, MAX_SCRIPT_BYTES } from "../../../checks/stedi_lakehouse/jobs.js";
import { fromOptionsScript, studioScript } from "../../support/world/assessments/lakehouse.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const s3 = aws.client("s3");
const names = { database: "stedi_7", plainDatabase: "stedi" };
const ctx = () => new CheckContext(new AwsSession({ region: "us-east-1", transport: aws.transport, maxAttempts: 1 }), "7", names, "111122223333");
const job = (Name: string, extra: Partial<Job> = {}): Job => ({ Name, Command: { Name: "glueetl", ScriptLocation: `s3://scripts-7/${Name}.py` }, ...extra });
const body = (text: string) => ({ Body: new Uint8Array(Buffer.from(text)) as never });

beforeEach(() => {
  aws.reset();
  glue.on(GetDatabaseCommand).resolves({ Database: { Name: "stedi_7" } });
});

describe("analyseScript", () => {
  it("reads Glue Studio's sink: target table and database, update settings", () => {
    const a = analyseScript(studioScript("stedi_7", "b", "customer_landing", "customer_trusted", "customer/trusted"));
    expect(a.enableUpdateCatalog).toBe(true);
    expect(a.updateBehavior).toBe("UPDATE_IN_DATABASE");
    expect(a.targets).toContainEqual({ database: "stedi_7", table: "customer_trusted", path: null });
    expect(a.targets).toContainEqual({ database: null, table: null, path: "s3://b/customer/trusted/" });
  });

  it.each([
    ["from_options: a path, no catalog update", fromOptionsScript("stedi", "b", "customer_trusted", "customer/curated"), { enableUpdateCatalog: false, updateBehavior: null }],
    ["from_catalog target", `glueContext.write_dynamic_frame.from_catalog(frame=f, database='stedi', table_name='machine_learning_curated')`, { enableUpdateCatalog: false }],
    ["LOG behaviour", `s = glueContext.getSink(path="s3://b/x/", enableUpdateCatalog=True, updateBehavior="LOG")`, { enableUpdateCatalog: true, updateBehavior: "LOG" }],
    ["comment mentioning the settings outside a sink still found in the sink only", `# enableUpdateCatalog=True\ns = glueContext.getSink(path="s3://b/x/", updateBehavior="UPDATE_IN_DATABASE")`, { enableUpdateCatalog: false, updateBehavior: "UPDATE_IN_DATABASE" }],
    ["garbage", "))) ( def", { enableUpdateCatalog: false, updateBehavior: null }],
  ])("%s", (_t, src, want) => {
    expect(analyseScript(src)).toMatchObject(want);
  });
});

describe("jobs check (scripted answers)", () => {
  it("finds jobs by name and by the table they write; runs newest first; catalog settings from the script", async () => {
    glue.on(ListJobsCommand, { NextToken: undefined }).resolves({ JobNames: ["customer_landing_to_trusted_7", "accelerometer_landing_to_trusted"], NextToken: "p1" });
    glue.on(ListJobsCommand, { NextToken: "p1" }).resolves({ JobNames: ["accelerometer_landing_to_trusted_8", "unrelated"] });
    glue.on(GetJobCommand).callsFake((i) => ({ Job: job(i.JobName!) }));
    s3.on(GetObjectCommand, { Bucket: "scripts-7", Key: "customer_landing_to_trusted_7.py", Range: `bytes=0-${MAX_SCRIPT_BYTES - 1}` }).resolves(body(studioScript("stedi_7", "b", "customer_landing", "customer_trusted", "customer/trusted")));
    s3.on(GetObjectCommand, { Bucket: "scripts-7", Key: "accelerometer_landing_to_trusted.py" }).resolves(body(fromOptionsScript("stedi_7", "b", "accelerometer_landing", "accelerometer/trusted").replace("from_catalog(database=\"stedi_7\"", "from_catalog(database=\"stedi_7\"").replace("glueContext.write_dynamic_frame.from_options", "glueContext.write_dynamic_frame.from_catalog(database=\"stedi_7\", table_name=\"accelerometer_trusted\")\nx = glueContext.write_dynamic_frame.from_options")));
    s3.on(GetObjectCommand, { Bucket: "scripts-7", Key: "accelerometer_landing_to_trusted_8.py" }).resolves(body(studioScript("stedi_8", "b8", "accelerometer_landing", "accelerometer_trusted", "accelerometer/trusted")));
    glue.on(GetJobRunsCommand, { JobName: "customer_landing_to_trusted_7", NextToken: undefined }).resolves({
      JobRuns: [
        { Id: "old", JobRunState: "SUCCEEDED", StartedOn: new Date("2026-01-01") },
        { Id: "new", JobRunState: "FAILED", StartedOn: new Date("2026-02-01"), ErrorMessage: "boom" },
      ],
    });
    glue.on(GetJobRunsCommand, { JobName: "accelerometer_landing_to_trusted" }).resolves({ JobRuns: [{ Id: "r", JobRunState: "SUCCEEDED", StartedOn: new Date("2026-01-01") }] });
    const f = await aws.collect(jobs, ctx());
    expect(f.studentJobs).toEqual(["customer_landing_to_trusted_7", "accelerometer_landing_to_trusted"]);
    expect(f.customer_trusted).toMatchObject({ found: true, name: "customer_landing_to_trusted_7", matchedBy: "target", succeeded: true, latestState: "FAILED", runs: 2, lastError: "boom", updatesCatalog: true });
    expect(f.accelerometer_trusted).toMatchObject({ found: true, name: "accelerometer_landing_to_trusted", matchedBy: "target", succeeded: true, updatesCatalog: false });
    expect(f.step_trainer_trusted).toMatchObject({ found: false });
    expect(glue.commandCalls(GetJobCommand).map((c) => c.JobName)).not.toContain("unrelated");
  });

  it("a job named for the student with an unreadable script is matched by name; the catalog setting is then an error, not a no", async () => {
    glue.on(ListJobsCommand).resolves({ JobNames: ["trainer_trusted_to_curated_7"] });
    glue.on(GetJobCommand).resolves({ Job: job("trainer_trusted_to_curated_7") });
    s3.on(GetObjectCommand).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }));
    glue.on(GetJobRunsCommand).resolves({ JobRuns: [{ JobRunState: "FAILED", StartedOn: new Date() }] });
    const f = await aws.collect(jobs, ctx());
    expect(f.machine_learning_curated).toMatchObject({ found: true, matchedBy: "name", succeeded: false, updatesCatalog: { $error: { action: "s3:GetObject", kind: "accessDenied" } } });
    expect(f.customer_curated).toMatchObject({ found: false });
  });

  it("a visual job's graph gives its target and schema change policy without the script", async () => {
    glue.on(ListJobsCommand).resolves({ JobNames: ["ml-job"] });
    glue.on(GetJobCommand).resolves({
      Job: job("ml-job", {
        JobMode: "VISUAL",
        Command: { Name: "glueetl" },
        CodeGenConfigurationNodes: { n: { S3GlueParquetTarget: { Name: "t", Inputs: ["s"], Path: "s3://b/ml/curated/", SchemaChangePolicy: { EnableUpdateCatalog: true, UpdateBehavior: "UPDATE_IN_DATABASE", Database: "stedi_7", Table: "machine_learning_curated" } } } },
      }),
    });
    glue.on(GetJobRunsCommand).resolves({ JobRuns: [{ JobRunState: "SUCCEEDED", StartedOn: new Date() }] });
    const f = await aws.collect(jobs, ctx());
    // "ml-job" looks like a lab job name; its graph writes the student's database, so it is theirs.
    expect(f.studentJobs).toEqual(["ml-job"]);
    expect(f.machine_learning_curated).toMatchObject({ found: true, matchedBy: "target", jobMode: "VISUAL", succeeded: true, updatesCatalog: true, script: { read: false } });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it("ListJobs AccessDenied: every job fact is the error", async () => {
    glue.on(ListJobsCommand).rejects(Object.assign(new Error("no"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await aws.collect(jobs, ctx());
    expect(f.customer_curated).toMatchObject({ $error: { action: "glue:ListJobs" } });
  });

  it("a missing database: jobs named for the student still count", async () => {
    glue.on(GetDatabaseCommand).rejects(new EntityNotFoundException({ message: "no", $metadata: {} }));
    glue.on(GetDatabasesCommand).resolves({ DatabaseList: [] });
    glue.on(ListJobsCommand).resolves({ JobNames: ["customer_trusted_to_curated_7"] });
    glue.on(GetJobCommand).resolves({ Job: job("customer_trusted_to_curated_7") });
    s3.on(GetObjectCommand).rejects(Object.assign(new Error("nope"), { name: "NoSuchKey", $metadata: { httpStatusCode: 404 } }));
    glue.on(GetJobRunsCommand).resolves({ JobRuns: [] });
    const f = await aws.collect(jobs, ctx());
    expect(f.customer_curated).toMatchObject({ found: true, matchedBy: "name", succeeded: false, latestState: null, script: { read: false }, updatesCatalog: false });
  });
});
