// Every generic reader against the simulated account: what it reads from a correct solution (facts that conform to its
// declared schema), a missing resource as a fact with near-miss names, and an AccessDenied as an ErrorFact (never a throw).
import { describe, expect, it } from "vitest";
import { AwsSession, type Transport } from "../../src/aws/session.js";
import { CheckContext } from "../../src/grade/check.js";
import { isErrorFact } from "../../src/grade/facts.js";
import type { Reader } from "../../src/grade/reader.js";
import { READERS } from "../../readers/index.js";
import { completeWorld } from "../support/world/index.js";
import * as cdk from "../support/world/assessments/cdk.js";
import * as tf from "../support/world/assessments/tf/index.js";
import * as workshop from "../support/world/assessments/workshop.js";
import * as lakehouse from "../support/world/assessments/lakehouse.js";
import { worldTransport } from "../support/world/transport.js";
import type { World } from "../support/world/types.js";

const S = "s1";
const worlds = {
  hard: completeWorld(S, { others: 2 }),
  cdk: cdk.completeWorld(S),
  tf: tf.completeWorld(S),
  workshop: workshop.completeWorld(S),
  lakehouse: lakehouse.completeWorld(S),
};
type WorldKey = keyof typeof worlds;

function ctxFor(world: World, wrap?: (t: Transport) => Transport): CheckContext {
  const transport = worldTransport(world);
  return new CheckContext(new AwsSession({ region: world.region, transport: wrap ? wrap(transport) : transport, maxAttempts: 1 }), S, {}, world.account);
}

async function readerOf(id: string): Promise<Reader<unknown>> {
  return (await READERS[id as keyof typeof READERS]()).reader;
}

async function read(id: string, world: WorldKey, params: Record<string, unknown>, wrap?: (t: Transport) => Transport) {
  const r = await readerOf(id);
  return r.read(ctxFor(worlds[world], wrap), r.params.parse(params));
}

/** reader, world, params, a subset of the facts expected. */
const FOUND: [string, WorldKey, Record<string, unknown>, Record<string, unknown>][] = [
  ["s3.bucket", "hard", { name: "enterprise-datalake-s1" }, { exists: true, region: "us-east-1", versioning: { status: "Enabled" }, tags: { StudentID: "s1" } }],
  ["s3.objects", "workshop", { bucket: "orchestration-lab-data-s1", prefix: "processed" }, { bucketExists: true, prefix: "processed/", count: 1, parquetObjects: 1, folders: ["processed/", "processed/customers_clean/"], extensions: ["parquet"], sample: { parquet: true } }],
  ["glue.database", "hard", { name: "bronze_s1" }, { exists: true }],
  ["glue.tables", "hard", { database: "bronze_s1" }, { databaseExists: true, names: ["customers", "transactions"] }],
  ["glue.table", "hard", { database: "bronze_s1", name: "customers" }, { exists: true, databaseExists: true }],
  ["glue.crawler", "hard", { name: "enterprise-crawler-s1" }, { exists: true, tags: expect.any(Object) }],
  ["glue.job", "workshop", { name: "raw-ingest-job" }, { exists: true, command: "glueetl", glueVersion: "4.0", workerType: "G.1X", numberOfWorkers: 2, maxConcurrentRuns: 1, features: { continuousLogging: true }, runs: { count: 2, succeeded: 1 } }],
  ["glue.trigger", "hard", { name: "after-crawl-s1" }, { exists: true, type: "CONDITIONAL" }],
  ["glue.workflow", "hard", { name: "enterprise-pipeline-s1" }, { exists: true }],
  ["glue.classifier", "hard", { name: "custom-log-classifier-s1", samples: ["[2024-11-01 10:15:32] INFO user_id=12345 action=login ip=192.168.1.1 duration=250ms"] }, { exists: true, kind: "grok", compileError: null, allSamplesMatch: true }],
  ["glue.registry", "hard", { name: "enterprise-registry-s1" }, { exists: true, schemas: expect.arrayContaining(["Customer"]) }],
  ["glue.schema", "hard", { registry: "enterprise-registry-s1", name: "Customer" }, { exists: true, dataFormat: "AVRO", compatibility: "BACKWARD", definition: { parseError: null, signatures: expect.arrayContaining(["customer_id: string"]) } }],
  ["glue.dq_ruleset", "hard", { name: "schema-validation-s1" }, { exists: true, parseError: null }],
  ["glue.security_configuration", "hard", { name: "enterprise-security-config-s1" }, { exists: true }],
  ["iam.role", "hard", { name: "GlueServiceRole-s1", allows: { read: { action: "s3:GetObject", resource: "arn:aws:s3:::enterprise-datalake-s1/data.csv" } } }, { exists: true, trust: { services: ["glue.amazonaws.com"] } }],
  ["kms.key", "hard", { name: "alias/datalake-s1" }, { exists: true, enabled: true, manager: "CUSTOMER" }],
  ["kms.aliases", "hard", {}, { names: expect.arrayContaining(["alias/datalake-s1"]) }],
  ["sns.topic", "hard", { name: "glue-critical-alerts-s1" }, { exists: true, arn: "arn:aws:sns:us-east-1:123456789012:glue-critical-alerts-s1" }],
  ["cloudwatch.alarm", "hard", { name: "glue-job-duration-s1" }, { exists: true, kind: "metric" }],
  ["cloudwatch.dashboard", "hard", { name: "glue-pipeline-metrics-s1" }, { exists: true }],
  ["events.rule", "workshop", { name: "RunPipelineOnUpload" }, { exists: true, state: "ENABLED", sources: ["aws.s3"], targetServices: ["states"] }],
  ["lambda.function", "tf", { name: "glue-etl-pipeline-s1-dev-monitoring" }, { exists: true }],
  ["sfn.state_machine", "workshop", { name: "DataPipeline" }, { exists: true, order: "job → crawler → job → crawler → athena", executions: { count: 2, succeeded: 1, latestStatus: "SUCCEEDED" } }],
  ["kinesis.stream", "hard", { name: "transactions-stream-s1" }, { exists: true }],
  ["dynamodb.table", "tf", { name: "glue-etl-pipeline-s1-dev-job-state" }, { exists: true }],
  ["secretsmanager.secret", "hard", { name: "glue/db-credentials-s1" }, { exists: true }],
  ["lakeformation.settings", "hard", {}, { admins: expect.any(Array) }],
  ["lakeformation.grants", "hard", { database: "bronze_s1" }, { grants: expect.any(Array) }],
  ["lakeformation.resources", "hard", {}, { s3: expect.arrayContaining(["s3://enterprise-datalake-s1/"]) }],
  ["athena.workgroup", "lakehouse", { name: "primary" }, { exists: true }],
  ["athena.queries", "workshop", {}, { succeededSql: expect.arrayContaining(["SELECT COUNT(*) FROM WORKSHOP_PROCESSED.CUSTOMERS_CLEAN"]) }],
];

describe("generic readers", () => {
  it("every reader in the map is tested here, declares its params, facts and IAM actions, and says what it reads in one sentence", async () => {
    expect(Object.keys(READERS).sort()).toEqual([...new Set(FOUND.map((f) => f[0]))].sort());
    for (const id of Object.keys(READERS)) {
      const r = await readerOf(id);
      expect(r.id).toBe(id);
      expect(r.description).toMatch(/^[A-Z].*\.$/);
      expect(r.actions.length).toBeGreaterThan(0);
      for (const a of r.actions) expect(a).toMatch(/^[a-z0-9-]+:(Get|List|Describe|BatchGet)[A-Za-z]*$/);
    }
  });

  it.each(FOUND)("%s reads a correct solution (%s world)", async (id, world, params, want) => {
    const facts = await read(id, world, params);
    expect(isErrorFact(facts)).toBe(false);
    expect(facts).toMatchObject(want);
    const r = await readerOf(id);
    expect(() => r.facts.parse(facts)).not.toThrow();
  });

  const NAMED = FOUND.filter(([, , p]) => typeof p.name === "string" && !String(p.name).startsWith("alias/") && p.name !== "primary");
  it.each(NAMED)("%s reports a missing resource as a fact, with near-miss names", async (id, world, params) => {
    const name = String(params.name);
    // The same name with one character doubled: a typo the student could have made the other way round.
    const typo = name.replace(/([a-z])/, "$1$1");
    const facts = await read(id, world, { ...params, name: typo });
    expect(facts).toMatchObject({ name: typo, exists: false });
    expect(facts.similar).toContain(name);
    const r = await readerOf(id);
    expect(() => r.facts.parse(facts)).not.toThrow();
  });

  const denied = (t: Transport): Transport => async (call) => {
    if (call.service === "sts") return t(call);
    throw Object.assign(new Error("User is not authorized to perform this action"), { name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 403 } });
  };
  it.each(FOUND)("%s turns AccessDenied into an ErrorFact naming the action, never a throw", async (id, world, params) => {
    const facts = await read(id, world, params, denied);
    const json = JSON.stringify(facts);
    expect(json).toContain('"$error"');
    expect(json).toMatch(/"kind":"accessDenied"/);
    const r = await readerOf(id);
    expect(() => r.facts.parse(facts)).not.toThrow();
  });

  it("s3.objects lists folders and extensions under a prefix, and a missing bucket is a fact", async () => {
    const facts = await read("s3.objects", "workshop", { bucket: "orchestration-lab-data-s1" });
    expect(facts.folders).toEqual(expect.arrayContaining(["raw/", "raw/customers/", "processed/", "athena-results/"]));
    expect(await read("s3.objects", "workshop", { bucket: "no-such-bucket-s1", prefix: "raw/" })).toMatchObject({ bucketExists: false, count: 0 });
  });

  it("iam.role judges the grants a rubric names, and leaves AWS-managed policies to their names", async () => {
    const facts = await read("iam.role", "hard", { name: "GlueServiceRole-s1", allows: { s3: { action: "s3:PutObject", resource: "arn:aws:s3:::enterprise-datalake-s1/x" }, ec2: { action: "ec2:RunInstances" } } });
    expect(facts.managedPolicyNames).toEqual((facts.managedPolicies as string[]).map((a) => a.split("/").pop()));
    expect(facts.allows).toMatchObject({ ec2: false });
  });

  it("glue.classifier runs the Grok pattern on the rubric's sample lines and tells which do not match", async () => {
    const facts = await read("glue.classifier", "hard", { name: "custom-log-classifier-s1", samples: ["not a log line"] });
    expect(facts).toMatchObject({ allSamplesMatch: false, samples: [{ text: "not a log line", matched: false, timedOut: false }] });
  });
});
