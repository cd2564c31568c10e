// Task 1 check: facts from scripted S3/KMS answers (FakeAws), and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  S3ServiceException,
  NotFound,
  type LifecycleRule,
} from "@aws-sdk/client-s3";
import { DescribeKeyCommand, NotFoundException } from "@aws-sdk/client-kms";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { policyFacts, s3DataLake } from "../../../checks/glue_hard/s3_data_lake.js";
import { lifecycleRuleFacts, normalisePrefix } from "../../../checks/shared/s3-buckets.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { inRegion } from "../../support/world/parts/storage.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";
import type { CallLog } from "../../support/world/transport.js";

const aws = new FakeAws();
const s3 = aws.client("s3");
const kms = aws.client("kms");
const BUCKET = "enterprise-datalake-7";
const ACCOUNT = "111122223333";
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
const names = { bucket: BUCKET, kmsAlias: "alias/datalake-7" };
const ctx = () => new CheckContext(aws.session(), "7", names, ACCOUNT);

/** An S3 error as the SDK surfaces it: name, status, and (for bodiless HEAD answers) headers on $response. */
const s3Error = (name: string, status: number, headers: Record<string, string> = {}) =>
  Object.assign(new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: name === "Unknown" ? "UnknownError" : name }), {
    $response: { statusCode: status, headers, body: undefined },
  });

/**
 * The answers to the bucket's reads, which go out alongside HeadBucket, for a bucket that is not ours (403
 * AccessDenied) or not there (404 NoSuchBucket); the alias is not there either.
 */
function bucketReadsFail(error: Error) {
  for (const c of [GetBucketVersioningCommand, GetBucketEncryptionCommand, GetBucketLoggingCommand, GetBucketCorsCommand, GetBucketPolicyCommand, GetBucketLifecycleConfigurationCommand, GetBucketTaggingCommand, ListObjectsV2Command]) s3.on(c).rejects(error);
  kms.on(DescribeKeyCommand).rejects(new NotFoundException({ message: "Alias is not found.", $metadata: { httpStatusCode: 400 } }));
}

/** A fully configured bucket; tests override single calls. */
function compliantBucket() {
  s3.on(HeadBucketCommand).resolves({ BucketRegion: "us-east-1" });
  s3.on(GetBucketVersioningCommand).resolves({ Status: "Enabled" });
  s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/datalake-7` } }] } });
  s3.on(GetBucketLoggingCommand).resolves({ LoggingEnabled: { TargetBucket: "access-logs-7", TargetPrefix: "s3/" } });
  s3.on(GetBucketCorsCommand).resolves({ CORSRules: [{ AllowedOrigins: ["https://a.example"], AllowedMethods: ["GET"] }] });
  s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) });
  s3.on(GetBucketLifecycleConfigurationCommand).resolves({
    Rules: [
      { ID: "b", Status: "Enabled", Filter: { Prefix: "bronze/" }, Transitions: [{ Days: 90, StorageClass: "GLACIER" }] },
      { ID: "s", Status: "Enabled", Filter: { And: { Prefix: "/silver", Tags: [{ Key: "tier", Value: "silver" }] } }, Transitions: [{ Days: 180, StorageClass: "DEEP_ARCHIVE" }] },
      { ID: "l", Status: "Enabled", Prefix: "logs", Expiration: { Days: 365 } },
    ],
  });
  s3.on(GetBucketTaggingCommand).resolves({ TagSet: [{ Key: "Environment", Value: "Production" }, { Key: "StudentID", Value: "7" }] });
  // Any listing not scripted below: an empty folder.
  s3.on(ListObjectsV2Command).resolves({ KeyCount: 0, IsTruncated: false });
  // Top-level folders across two pages (CommonPrefixes + ContinuationToken).
  s3.on(ListObjectsV2Command, { Bucket: BUCKET, Delimiter: "/", ContinuationToken: undefined }).resolves({
    CommonPrefixes: [{ Prefix: "athena-results/" }, { Prefix: "bronze/" }, { Prefix: "gold/" }, { Prefix: "landing/" }],
    IsTruncated: true,
    NextContinuationToken: "page-2",
  });
  s3.on(ListObjectsV2Command, { Bucket: BUCKET, Delimiter: "/", ContinuationToken: "page-2" }).resolves({
    CommonPrefixes: [{ Prefix: "logs/" }, { Prefix: "schemas/" }, { Prefix: "scripts/" }, { Prefix: "silver/" }],
    IsTruncated: false,
  });
  s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: "scripts/", ContinuationToken: undefined }).resolves({
    Contents: [{ Key: "scripts/", Size: 0 }, { Key: "scripts/etl.py", Size: 900 }],
    IsTruncated: true,
    NextContinuationToken: "s2",
  });
  s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: "scripts/", ContinuationToken: "s2" }).resolves({ Contents: [{ Key: "scripts/stream.py", Size: 700 }], IsTruncated: false });
  kms.on(DescribeKeyCommand).callsFake((i) => {
    const known = [KEY_ID, KEY_ARN, "alias/datalake-7", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/datalake-7`];
    if (!known.includes(i.KeyId ?? "")) throw new NotFoundException({ message: `Key '${i.KeyId}' does not exist`, $metadata: { httpStatusCode: 400 } });
    return { KeyMetadata: { KeyId: KEY_ID, Arn: KEY_ARN, KeyState: "Enabled" } };
  });
}

beforeEach(() => {
  aws.reset();
});

afterEach(() => {
  // a read the test did not script would stand in the facts as an error: every test scripts what the check reads
  expect(aws.unscripted).toEqual([]);
});

describe("s3_data_lake check (client mock)", () => {
  it("reads every setting of a compliant bucket", async () => {
    compliantBucket();
    s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: "landing/" }).resolves({ Contents: [{ Key: "landing/", Size: 0 }] });
    const f = await aws.collect(s3DataLake, ctx());
    expect(f.bucket).toEqual({ name: BUCKET, state: "exists", exists: true, region: "us-east-1" });
    expect(f.versioning).toEqual({ status: "Enabled", mfaDelete: "Disabled" });
    expect(f.encryption).toMatchObject({ algorithm: "aws:kms", resolvedKeyArn: KEY_ARN, aliasKeyArn: KEY_ARN, keyMatchesAlias: true });
    expect(f.logging).toEqual({ enabled: true, targetBucket: "access-logs-7", targetPrefix: "s3/" });
    expect(f.cors).toMatchObject({ rules: 1, allowedOrigins: ["https://a.example"] });
    expect(f.policy).toEqual({ present: true, statements: 1, allowStatements: 0, denyStatements: 1, publicAllow: false });
    expect((f.lifecycle as { rules: unknown[] }).rules).toEqual([
      { id: "b", enabled: true, prefix: "bronze/", transitions: [{ days: 90, date: null, storageClass: "GLACIER" }], expirationDays: null, summary: "rule b (bronze/): GLACIER after 90 days" },
      { id: "s", enabled: true, prefix: "silver/", transitions: [{ days: 180, date: null, storageClass: "DEEP_ARCHIVE" }], expirationDays: null, summary: "rule s (silver/): DEEP_ARCHIVE after 180 days" },
      { id: "l", enabled: true, prefix: "logs/", transitions: [], expirationDays: 365, summary: "rule l (logs/): expires after 365 days" },
    ]);
    expect(f.tags).toEqual({ Environment: "Production", StudentID: "7" });
    expect(f.folders).toMatchObject({ missing: [], similar: [], leadingSlash: [] });
    expect((f.folders as { prefixes: string[] }).prefixes).toHaveLength(8);
    // Folder markers are not counted; pagination is followed.
    expect((f.contents as Record<string, unknown>).scripts).toEqual({ objects: 2, truncated: false, sample: ["scripts/etl.py", "scripts/stream.py"] });
    expect((f.contents as Record<string, unknown>).landing).toEqual({ objects: 0, truncated: false, sample: [] });
  });

  it.each([
    ["key id", KEY_ID, true],
    ["key ARN", KEY_ARN, true],
    ["alias name", "alias/datalake-7", true],
    ["alias ARN", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/datalake-7`, true],
    ["another key", "99999999-0000-0000-0000-000000000000", false],
  ])("compares the bucket key given as %s with the alias's key", async (_label, keyId, match) => {
    compliantBucket();
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyId } }] } });
    const f = await aws.collect(s3DataLake, ctx());
    expect(f.encryption).toMatchObject({ configuredKey: keyId, keyMatchesAlias: match, aliasKeyArn: KEY_ARN, resolvedKeyArn: match ? KEY_ARN : null });
  });

  it("SSE-S3 never matches the alias and resolves no key", async () => {
    compliantBucket();
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] } });
    const f = await aws.collect(s3DataLake, ctx());
    expect(f.encryption).toMatchObject({ algorithm: "AES256", configuredKey: null, keyMatchesAlias: false });
    expect(kms.commandCalls(DescribeKeyCommand).map((c) => c.KeyId)).toEqual(["alias/datalake-7"]);
  });

  it("a 403 HeadBucket is a bucket that is not ours: state forbidden, the reads sent alongside HeadBucket dropped, similar names listed", async () => {
    s3.on(HeadBucketCommand).rejects(s3Error("Unknown", 403));
    bucketReadsFail(s3Error("AccessDenied", 403));
    s3.on(ListBucketsCommand, { ContinuationToken: undefined }).resolves({ Buckets: [{ Name: "other-bucket" }], ContinuationToken: "t2" });
    s3.on(ListBucketsCommand, { ContinuationToken: "t2" }).resolves({ Buckets: [{ Name: "enterprise-datalake-07" }] });
    const f = await aws.collect(s3DataLake, ctx());
    expect(f).toEqual({ bucket: { name: BUCKET, state: "forbidden", exists: false, similar: ["enterprise-datalake-07"] } });
    // sent at the same time as HeadBucket (not after it), once, and its answer not used
    expect(s3.commandCalls(GetBucketVersioningCommand)).toHaveLength(1);
  });

  it("a 404 HeadBucket (NotFound, no body) is a missing bucket", async () => {
    s3.on(HeadBucketCommand).rejects(new NotFound({ message: "UnknownError", $metadata: { httpStatusCode: 404 } }));
    bucketReadsFail(s3Error("NoSuchBucket", 404));
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: "enterprise-datalake-789" }, { Name: "enterprise_datalake_7" }] });
    const f = await aws.collect(s3DataLake, ctx());
    expect(f.bucket).toMatchObject({ state: "missing", exists: false, similar: ["enterprise_datalake_7"] });
  });

  it("a bucket in another region: 301 + x-amz-bucket-region, then every read goes again to that region and only those answers count", async () => {
    compliantBucket();
    s3.on(HeadBucketCommand).callsFake((_i, { region }) => {
      if (region !== "eu-west-1") throw s3Error("Unknown", 301, { "x-amz-bucket-region": "eu-west-1" });
      return { BucketRegion: "eu-west-1" };
    });
    s3.on(GetBucketVersioningCommand).callsFake((_i, { region }) => ({ Status: region === "eu-west-1" ? "Enabled" : "Suspended" }));
    const f = await aws.collect(s3DataLake, ctx());
    expect(f.bucket).toMatchObject({ state: "exists", region: "eu-west-1" });
    expect(f.versioning).toEqual({ status: "Enabled", mfaDelete: "Disabled" });
    const regions = (operation: string) => s3.calls().filter((c) => c.operation === operation).map((c) => c.region);
    // the first of each was sent in the run's region alongside HeadBucket; the second in the bucket's
    expect(["GetBucketVersioning", "GetBucketPolicy", "GetBucketTagging"].map(regions)).toEqual(Array(3).fill(["us-east-1", "eu-west-1"]));
    expect(kms.calls().filter((c) => c.operation === "DescribeKey").at(-1)?.region).toBe("eu-west-1");
  });

  it("a malformed policy is a parse error, not a crash", async () => {
    compliantBucket();
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Version": "2012-10-17", "Statement": [' });
    const f = await aws.collect(s3DataLake, ctx());
    expect(f.policy).toMatchObject({ present: true, statements: 0, parseError: expect.stringContaining("invalid JSON") });
  });

  it("AccessDenied on one call makes only that fact an ErrorFact", async () => {
    compliantBucket();
    s3.on(GetBucketCorsCommand).rejects(s3Error("AccessDenied", 403));
    const f = await aws.collect(s3DataLake, ctx());
    expect(f.cors).toMatchObject({ $error: { action: "s3:GetBucketCORS", kind: "accessDenied" } });
    expect(f.versioning).toEqual({ status: "Enabled", mfaDelete: "Disabled" });
    expect(f.tags).toEqual({ Environment: "Production", StudentID: "7" });
  });

  it("nothing configured: NoSuch* answers become empty facts", async () => {
    compliantBucket();
    s3.on(GetBucketVersioningCommand).resolves({});
    s3.on(GetBucketLoggingCommand).resolves({});
    s3.on(GetBucketCorsCommand).rejects(s3Error("NoSuchCORSConfiguration", 404));
    s3.on(GetBucketPolicyCommand).rejects(s3Error("NoSuchBucketPolicy", 404));
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(s3Error("NoSuchLifecycleConfiguration", 404));
    s3.on(GetBucketTaggingCommand).rejects(s3Error("NoSuchTagSet", 404));
    s3.on(GetBucketEncryptionCommand).rejects(s3Error("ServerSideEncryptionConfigurationNotFoundError", 404));
    kms.on(DescribeKeyCommand).rejects(new NotFoundException({ message: "Alias is not found.", $metadata: { httpStatusCode: 400 } }));
    const f = await aws.collect(s3DataLake, ctx());
    expect(f).toMatchObject({
      versioning: { status: "Off" },
      logging: { enabled: false, targetBucket: null },
      cors: { rules: 0 },
      policy: { present: false, statements: 0 },
      lifecycle: { rules: [] },
      tags: {},
      encryption: { algorithm: "none", aliasKeyArn: null, keyMatchesAlias: false },
    });
  });

  it("keys written with a leading slash are reported, not counted", async () => {
    compliantBucket();
    s3.on(ListObjectsV2Command, { Bucket: BUCKET, Delimiter: "/", ContinuationToken: undefined }).resolves({ CommonPrefixes: [{ Prefix: "/" }, { Prefix: "bronze/" }] });
    s3.on(ListObjectsV2Command, { Bucket: BUCKET, Delimiter: "/", Prefix: "/" }).resolves({ CommonPrefixes: [{ Prefix: "/landing/" }] });
    const f = await aws.collect(s3DataLake, ctx());
    expect(f.folders).toMatchObject({ leadingSlash: ["/landing/"] });
    expect((f.folders as { missing: string[] }).missing).toContain("landing/");
    expect((f.folders as { similar: string[] }).similar).toContain("/landing/");
  });
});

describe("s3_data_lake pure helpers", () => {
  it.each<[string, LifecycleRule, string]>([
    ["Filter.Prefix", { Status: "Enabled", Filter: { Prefix: "bronze/" } }, "bronze/"],
    ["Filter.And.Prefix", { Status: "Enabled", Filter: { And: { Prefix: "bronze", ObjectSizeGreaterThan: 1 } } }, "bronze/"],
    ["legacy top-level Prefix", { Status: "Enabled", Prefix: "/bronze/" }, "bronze/"],
    ["empty Filter (whole bucket)", { Status: "Enabled", Filter: {} }, ""],
    ["double slashes", { Status: "Enabled", Filter: { Prefix: "//bronze//" } }, "bronze/"],
  ])("lifecycle prefix from %s", (_label, rule, prefix) => {
    expect(lifecycleRuleFacts(rule).prefix).toBe(prefix);
  });

  it("disabled rules are marked, dates become ISO strings", () => {
    const f = lifecycleRuleFacts({ Status: "Disabled", Filter: { Prefix: "x" }, Transitions: [{ Date: new Date("2027-01-01T00:00:00Z"), StorageClass: "GLACIER" }] });
    expect(f).toEqual({ id: null, enabled: false, prefix: "x/", transitions: [{ days: null, date: "2027-01-01T00:00:00.000Z", storageClass: "GLACIER" }], expirationDays: null, summary: "rule (no id) (x/, disabled): GLACIER on 2027-01-01" });
  });

  it.each([
    ["a single statement object", '{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "s3:*"}}', { statements: 1, publicAllow: false }],
    ["a public Allow", '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}', { statements: 1, publicAllow: true }],
    ["a public Allow with a Condition", '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "s3:GetObject", "Condition": {"IpAddress": {}}}]}', { publicAllow: false }],
    ["a JSON array", "[1, 2]", { statements: 0, parseError: "the policy is not a JSON object" }],
    ["an oversized document", `{"x": "${"a".repeat(70_000)}"}`, { statements: 0, parseError: expect.stringContaining("too large") }],
  ])("policy facts: %s", (_label, text, expected) => {
    expect(policyFacts(text)).toMatchObject({ present: true, ...expected });
  });

  it("normalises prefixes", () => {
    expect([normalisePrefix("/silver"), normalisePrefix("silver/"), normalisePrefix("/"), normalisePrefix(undefined)]).toEqual(["silver/", "silver/", "", ""]);
  });
});

describe("s3_data_lake task graded from worlds", () => {
  it("a complete world passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["s3_data_lake"] });
    expect(Object.values(statuses(r))).toEqual(Array(12).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("a bucket in another region is followed there (HeadBucket 301, then the bucket's region)", async () => {
    const log: CallLog = { calls: [] };
    const w = inRegion(completeWorld("42"), "enterprise-datalake-42", "eu-west-1");
    const r = await gradeWorld("glue_hard", w, "42", { only: ["s3_data_lake"], log });
    expect(Object.values(statuses(r))).toEqual(Array(12).fill("pass"));
    expect(log.calls.filter((c) => c.operation === "HeadBucket")).toHaveLength(2);
  });

  it("a name owned by another account fails bucket_exists with a clear state and skips the rest", async () => {
    const w = completeWorld("42");
    (w.s3Buckets as Record<string, { foreign?: boolean }>)["enterprise-datalake-42"]!.foreign = true;
    const r = await gradeWorld("glue_hard", w, "42", { only: ["s3_data_lake"] });
    const s = statuses(r);
    expect(s["s3_data_lake.bucket_exists"]).toBe("fail");
    expect(r.tasks[0]!.criteria[0]!.message).toContain("is forbidden");
    expect(Object.entries(s).filter(([k]) => k !== "s3_data_lake.bucket_exists").every(([, v]) => v === "skipped")).toBe(true);
  });

  it("the partial world fails exactly the planted mistakes", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["s3_data_lake"] });
    const s = statuses(r);
    expect(s).toEqual({
      "s3_data_lake.bucket_exists": "pass",
      "s3_data_lake.versioning": "fail",
      "s3_data_lake.encryption_kms": "pass",
      "s3_data_lake.encryption_key": "fail",
      "s3_data_lake.access_logging": "pass",
      "s3_data_lake.cors": "pass",
      "s3_data_lake.bucket_policy": "pass",
      "s3_data_lake.lifecycle_bronze": "pass",
      "s3_data_lake.lifecycle_silver": "fail",
      "s3_data_lake.lifecycle_logs": "pass",
      "s3_data_lake.tags": "fail",
      "s3_data_lake.folders": "fail",
    });
    const msg = (id: string) => r.tasks[0]!.criteria.find((c) => c.id === id)!.message ?? "";
    expect(msg("versioning")).toContain("found Suspended");
    expect(msg("folders")).toContain("a similar name exists: athena_results/");
    expect(msg("tags")).toMatch(/, found Compliance: none$/);
  });
});
