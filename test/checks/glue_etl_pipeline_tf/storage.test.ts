// storage (glue_etl_pipeline_tf): facts from scripted S3/KMS answers, and the task graded against the Terraform worlds.
import { beforeEach, describe, expect, it } from "vitest";
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  S3Client,
  type LifecycleRule,
} from "@aws-sdk/client-s3";
import { DescribeKeyCommand, NotFoundException } from "@aws-sdk/client-kms";
import { publicAccessBlockWords, storage, wholeBucketExpirationDays, wholeBucketTransitionDays } from "../../../checks/glue_etl_pipeline_tf/storage.js";
import { lifecycleRuleFacts } from "../../../checks/shared/s3-buckets.js";
import { completeWorld, partialWorld, tfNames } from "../../support/world/assessments/tf/index.js";
import type { WorldBucket } from "../../support/world/parts/storage.js";
import { statuses } from "../../support/grade-world.js";
import { exitCodeFor } from "../../../src/cli/grade-command.js";
import { ACCOUNT, aws, ctx, grade, gradeMocked, messageOf, N, notPassing, s3Error } from "./helpers.js";

const s3 = aws.client("s3");
const kms = aws.client("kms");
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
const BUCKETS = [N.rawBucket, N.processedBucket, N.curatedBucket, N.scriptsBucket, N.tempBucket];
const PAB = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const tiering: LifecycleRule[] = [{ ID: "t", Status: "Enabled", Filter: { Prefix: "" }, Transitions: [{ Days: 30, StorageClass: "INTELLIGENT_TIERING" }] }];

/** Five compliant buckets; KMS knows the key by id, ARN and the template's alias. */
function compliant(aliases: string[] = [N.s3KmsAlias]) {
  s3.on(HeadBucketCommand).rejects(s3Error("NotFound", 404));
  for (const b of BUCKETS) {
    s3.on(HeadBucketCommand, { Bucket: b }).resolves({ BucketRegion: "us-east-1" });
    s3.on(GetBucketVersioningCommand, { Bucket: b }).resolves({ Status: "Enabled" });
    s3.on(GetBucketEncryptionCommand, { Bucket: b }).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KEY_ARN } }] } });
    s3.on(GetPublicAccessBlockCommand, { Bucket: b }).resolves({ PublicAccessBlockConfiguration: PAB });
    s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: b }).resolves({ Rules: b === N.tempBucket ? [{ ID: "x", Status: "Enabled", Filter: {}, Expiration: { Days: 7 } }] : b === N.scriptsBucket ? [] : tiering });
  }
  s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: N.scriptsBucket }).rejects(s3Error("NoSuchLifecycleConfiguration", 404));
  kms.on(DescribeKeyCommand).callsFake((i) => {
    if (![KEY_ID, KEY_ARN, ...aliases].includes(i.KeyId!)) throw new NotFoundException({ message: `Alias ${i.KeyId} is not found.`, $metadata: { httpStatusCode: 400 } });
    return { KeyMetadata: { KeyId: KEY_ID, Arn: KEY_ARN, KeyState: "Enabled" } };
  });
}

beforeEach(() => {
  aws.reset();
});

describe("storage check (scripted answers)", () => {
  it("reads the five buckets of a compliant deployment into per-bucket maps", async () => {
    compliant();
    const f = await aws.collect(storage, ctx());
    expect(f.missing).toEqual([]);
    expect(f.aliasesAccepted).toEqual([]);
    expect(f.kmsAlias).toBe(N.s3KmsAlias);
    expect(f.versioning).toEqual({ raw: "Enabled", processed: "Enabled", curated: "Enabled", scripts: "Enabled", temp: "Enabled" });
    expect(f.encryption).toMatchObject({
      algorithm: { raw: "aws:kms", processed: "aws:kms", curated: "aws:kms", scripts: "aws:kms", temp: "aws:kms" },
      keyMatchesAlias: { raw: true, processed: true, curated: true, scripts: true, temp: true },
      aliasKeyArn: KEY_ARN,
    });
    expect(f.publicAccessBlock).toEqual({ raw: "all four blocked", processed: "all four blocked", curated: "all four blocked", scripts: "all four blocked", temp: "all four blocked" });
    // Filter {} on temp is the whole bucket; scripts has no lifecycle at all (NoSuchLifecycleConfiguration is not an error).
    expect(f.lifecycle).toMatchObject({ intelligentTieringDays: { raw: 30, processed: 30, curated: 30 }, tempExpirationDays: { temp: 7 }, rules: { scripts: [] } });
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(0);
  });

  it("a missing bucket (404) and a bucket of another account (403) are listed as missing, with near-miss names", async () => {
    compliant();
    s3.on(HeadBucketCommand, { Bucket: N.processedBucket }).rejects(s3Error("NotFound", 404));
    s3.on(HeadBucketCommand, { Bucket: N.tempBucket }).rejects(s3Error("Unknown", 403));
    s3.on(GetBucketVersioningCommand, { Bucket: N.tempBucket }).rejects(s3Error("AccessDenied", 403));
    s3.on(ListBucketsCommand).resolves({ Buckets: [...BUCKETS.map((Name) => ({ Name })), { Name: `${N.p}-processed_data` }, { Name: "glue-etl-pipeline-s002-dev-processed-data" }] });
    const f = await aws.collect(storage, ctx());
    expect(f.missing).toEqual([`processed: ${N.processedBucket} (not found)`, `temp: ${N.tempBucket} (403: the name belongs to another account, or a policy denies the grader)`]);
    // Another student's copy of the template is not a near miss.
    expect(f.similar).toEqual([`${N.p}-processed_data`]);
    expect(Object.keys(f.versioning as object)).toEqual(["raw", "curated", "scripts"]);
    // read once, alongside HeadBucket, and its AccessDenied left out of the facts
    expect(s3.commandCalls(GetBucketVersioningCommand).filter((c) => c.Bucket === N.tempBucket)).toHaveLength(1);
    // The lifecycle maps hold the buckets that exist only: no temp entry to fail lifecycle_temp.
    const life = f.lifecycle as { intelligentTieringDays: unknown; tempExpirationDays: unknown };
    expect(life.intelligentTieringDays).toEqual({ raw: 30, curated: 30 });
    expect(life.tempExpirationDays).toEqual({});
  });

  it("a bucket lookup that fails (HeadBucket 500) is an error naming the action in every fact the criteria read, and grades as error (exit 2), not as 'found nothing'", async () => {
    compliant();
    const serverError = Object.assign(s3Error("InternalError", 500), { $fault: "server" });
    s3.on(HeadBucketCommand, { Bucket: N.processedBucket }).rejects(serverError);
    const f = await aws.collect(storage, ctx());
    for (const k of ["buckets", "found", "missing", "versioning", "encryption", "publicAccessBlock", "lifecycle"] as const) {
      expect(f[k], k).toMatchObject({ $error: { action: "s3:ListBucket" } });
    }
    const r = await gradeMocked("storage");
    expect(statuses(r)["storage.bucket_found"]).toBe("error");
    expect(r.tasks[0]!.criteria.find((c) => c.id === "bucket_found")!.action).toBe("s3:ListBucket");
    expect(messageOf(r, "storage.bucket_found")).toContain("could not be checked: the endpoint answered s3:ListBucket with a server error");
    expect(messageOf(r, "storage.bucket_found")).not.toContain("grant");
    expect(Object.values(statuses(r))).not.toContain("fail");
    expect(exitCodeFor(r, false)).toBe(2);
  });

  it("accepts the README's spelling of the raw bucket ({p}-raw) and says so", async () => {
    compliant();
    s3.on(HeadBucketCommand, { Bucket: N.rawBucket }).rejects(s3Error("NotFound", 404));
    s3.on(HeadBucketCommand, { Bucket: N.rawBucketSeed }).resolves({ BucketRegion: "us-east-1" });
    for (const [cmd, out] of [
      [GetBucketVersioningCommand, { Status: "Enabled" }],
      [GetPublicAccessBlockCommand, { PublicAccessBlockConfiguration: PAB }],
      [GetBucketLifecycleConfigurationCommand, { Rules: tiering }],
      [GetBucketEncryptionCommand, { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KEY_ID } }] } }],
    ] as const) s3.on(cmd as typeof GetBucketVersioningCommand, { Bucket: N.rawBucketSeed }).resolves(out as object);
    const f = await aws.collect(storage, ctx());
    expect(f.missing).toEqual([]);
    expect(f.aliasesAccepted).toEqual([`raw: ${N.rawBucketSeed} (the README's spelling, accepted)`]);
    expect((f.encryption as { keyMatchesAlias: Record<string, unknown> }).keyMatchesAlias.raw).toBe(true);
  });

  it("no public access block configuration and a partial one are told apart", async () => {
    compliant();
    s3.on(GetPublicAccessBlockCommand, { Bucket: N.curatedBucket }).rejects(s3Error("NoSuchPublicAccessBlockConfiguration", 404));
    s3.on(GetPublicAccessBlockCommand, { Bucket: N.scriptsBucket }).resolves({ PublicAccessBlockConfiguration: { ...PAB, BlockPublicPolicy: false, RestrictPublicBuckets: false } });
    const f = await aws.collect(storage, ctx());
    expect(f.publicAccessBlock).toMatchObject({ curated: "not configured", scripts: "off: BlockPublicPolicy, RestrictPublicBuckets", raw: "all four blocked" });
  });

  it("AccessDenied on one bucket's versioning is an ErrorFact on that bucket only", async () => {
    compliant();
    s3.on(GetBucketVersioningCommand, { Bucket: N.scriptsBucket }).rejects(s3Error("AccessDenied", 403));
    const f = await aws.collect(storage, ctx());
    const v = f.versioning as Record<string, unknown>;
    expect(v.raw).toBe("Enabled");
    expect(v.scripts).toMatchObject({ $error: { action: "s3:GetBucketVersioning", kind: "accessDenied" } });
  });

  it("SSE-S3 on one bucket and another key on another: algorithm and key reported per bucket", async () => {
    compliant();
    s3.on(GetBucketEncryptionCommand, { Bucket: N.tempBucket }).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] } });
    s3.on(GetBucketEncryptionCommand, { Bucket: N.curatedBucket }).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "99999999-0000-0000-0000-000000000000" } }] } });
    const f = await aws.collect(storage, ctx());
    expect(f.encryption).toMatchObject({ algorithm: { temp: "AES256", curated: "aws:kms" }, keyMatchesAlias: { temp: false, curated: false, raw: true } });
  });

  it("uses the older module's alias alias/{p}-s3 when alias/{p}-s3-kms-key does not exist", async () => {
    compliant([N.s3KmsAliasOld]);
    const f = await aws.collect(storage, ctx());
    expect(f.kmsAlias).toBe(N.s3KmsAliasOld);
    expect((f.encryption as { keyMatchesAlias: Record<string, unknown> }).keyMatchesAlias).toEqual({ raw: true, processed: true, curated: true, scripts: true, temp: true });
  });

  it("AccessDenied on kms:DescribeKey of the alias makes the key comparison an error, not a mismatch", async () => {
    compliant();
    kms.on(DescribeKeyCommand, { KeyId: N.s3KmsAlias }).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await aws.collect(storage, ctx());
    expect((f.encryption as { keyMatchesAlias: Record<string, unknown> }).keyMatchesAlias.raw).toMatchObject({ $error: { action: "kms:DescribeKey", kind: "accessDenied" } });
  });
});

describe("lifecycle normalisation (shared with glue_hard)", () => {
  it.each<[string, LifecycleRule, number | null]>([
    ["Filter.Prefix \"\"", { Status: "Enabled", Filter: { Prefix: "" }, Transitions: [{ Days: 30, StorageClass: "INTELLIGENT_TIERING" }] }, 30],
    ["Filter {}", { Status: "Enabled", Filter: {}, Transitions: [{ Days: 30, StorageClass: "INTELLIGENT_TIERING" }] }, 30],
    ["legacy top-level Prefix \"\"", { Status: "Enabled", Prefix: "", Transitions: [{ Days: 30, StorageClass: "INTELLIGENT_TIERING" }] }, 30],
    ["Filter.And with a size bound", { Status: "Enabled", Filter: { And: { Prefix: "", ObjectSizeGreaterThan: 128 } }, Transitions: [{ Days: 45, StorageClass: "INTELLIGENT_TIERING" }] }, 45],
    ["a prefix-only rule", { Status: "Enabled", Filter: { Prefix: "data/" }, Transitions: [{ Days: 30, StorageClass: "INTELLIGENT_TIERING" }] }, null],
    ["a disabled rule", { Status: "Disabled", Filter: { Prefix: "" }, Transitions: [{ Days: 30, StorageClass: "INTELLIGENT_TIERING" }] }, null],
    ["another storage class", { Status: "Enabled", Filter: { Prefix: "" }, Transitions: [{ Days: 30, StorageClass: "STANDARD_IA" }] }, null],
  ])("INTELLIGENT_TIERING days of %s", (_label, rule, days) => {
    expect(wholeBucketTransitionDays([lifecycleRuleFacts(rule)], "INTELLIGENT_TIERING")).toBe(days);
  });

  it("takes the earliest of several rules, and reads expirations", () => {
    const rules = [
      { Status: "Enabled", Prefix: "", Transitions: [{ Days: 60, StorageClass: "INTELLIGENT_TIERING" }], Expiration: { Days: 14 } },
      { Status: "Enabled", Filter: { Prefix: "/" }, Transitions: [{ Days: 30, StorageClass: "INTELLIGENT_TIERING" }, { Days: 90, StorageClass: "GLACIER" }], Expiration: { Days: 7 } },
    ].map((r) => lifecycleRuleFacts(r as LifecycleRule));
    expect(wholeBucketTransitionDays(rules, "INTELLIGENT_TIERING")).toBe(30);
    expect(wholeBucketExpirationDays(rules)).toBe(7);
    expect(wholeBucketExpirationDays([])).toBeNull();
  });

  it("describes public access blocks", () => {
    expect(publicAccessBlockWords(undefined)).toBe("not configured");
    expect(publicAccessBlockWords({ BlockPublicAcls: true, IgnorePublicAcls: false })).toBe("off: IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets");
  });
});

describe("storage graded against the Terraform worlds", () => {
  it("a complete deployment passes every storage criterion", async () => {
    const r = await grade(completeWorld("42"), "storage");
    expect(notPassing(r)).toEqual({});
    expect(r.tasks[0]!.points).toBe(15);
  });

  it("the partial deployment fails exactly its three planted storage mistakes, each naming the bucket", async () => {
    const r = await grade(partialWorld("42"), "storage");
    expect(notPassing(r)).toEqual({ "storage.versioning": "fail", "storage.public_access_block": "fail", "storage.lifecycle_tiering": "fail" });
    expect(messageOf(r, "storage.versioning")).toContain("found temp: Suspended");
    expect(messageOf(r, "storage.public_access_block")).toContain("found curated: not configured");
    expect(messageOf(r, "storage.lifecycle_tiering")).toContain("found processed: 60");
  });

  it("--env staging grades the staging copy, not the dev one", async () => {
    // The student's staging deployment has the mistakes; their dev copy (built as "other") is correct.
    const world = partialWorld("42", { env: "staging" });
    const staging = await grade(world, "storage", { env: "staging" });
    expect(notPassing(staging)).toEqual({ "storage.versioning": "fail", "storage.public_access_block": "fail", "storage.lifecycle_tiering": "fail" });
    expect(messageOf(staging, "storage.versioning")).toContain("Suspended");
    const dev = await grade(world, "storage", { env: "dev" });
    expect(notPassing(dev)).toEqual({});
    expect(staging.tasks[0]!.title).toBe(dev.tasks[0]!.title);
  });

  it("the README's raw bucket spelling passes, and one missing bucket is one failure: the settings are judged on the others", async () => {
    const n = tfNames("42");
    const world = completeWorld("42");
    const buckets = world.s3Buckets as Record<string, WorldBucket>;
    buckets[n.rawBucketSeed] = { ...buckets[n.rawBucket]!, Name: n.rawBucketSeed };
    delete buckets[n.rawBucket];
    expect(notPassing(await grade(world, "storage"))).toEqual({});
    delete buckets[n.processedBucket];
    const r = await grade(world, "storage");
    expect(notPassing(r)).toEqual({ "storage.buckets_exist": "fail" });
    expect(messageOf(r, "storage.buckets_exist")).toContain(`processed: ${n.processedBucket} (not found)`);
    // A setting wrong on a remaining bucket still fails, naming that bucket.
    buckets[n.scriptsBucket] = { ...buckets[n.scriptsBucket]!, versioning: { Status: "Suspended" } } as WorldBucket;
    const again = await grade(world, "storage");
    expect(notPassing(again)).toEqual({ "storage.buckets_exist": "fail", "storage.versioning": "fail" });
    expect(messageOf(again, "storage.versioning")).toContain("found scripts: Suspended");
    // A missing temp bucket costs buckets_exist only: lifecycle_temp is judged on a temp bucket that exists.
    buckets[n.scriptsBucket] = { ...buckets[n.scriptsBucket]!, versioning: { Status: "Enabled" } } as WorldBucket;
    delete buckets[n.tempBucket];
    const noTemp = await grade(world, "storage");
    // Nothing to judge for the temp lifecycle: not graded (its points leave the maximum), not failed twice.
    expect(notPassing(noTemp)).toEqual({ "storage.buckets_exist": "fail", "storage.lifecycle_temp": "skipped" });
    expect(messageOf(noTemp, "storage.lifecycle_temp")).toMatch(/was not found/);
    expect(noTemp.tasks[0]!.maxPoints).toBe(13);
  });

  it("only the scripts bucket deployed: buckets_exist fails, the lifecycle criteria have nothing to judge and are not graded", async () => {
    const n = tfNames("42");
    const world = completeWorld("42");
    const buckets = world.s3Buckets as Record<string, WorldBucket>;
    for (const b of [n.rawBucket, n.processedBucket, n.curatedBucket, n.tempBucket]) delete buckets[b];
    const r = await grade(world, "storage");
    expect(notPassing(r)).toEqual({ "storage.buckets_exist": "fail", "storage.lifecycle_tiering": "skipped", "storage.lifecycle_temp": "skipped" });
    expect(r.tasks[0]!.maxPoints).toBe(11);
    // A temp bucket that exists without its 7-day rule still fails, naming it.
    buckets[n.tempBucket] = { Name: n.tempBucket, Region: world.region, CreationDate: new Date(0), versioning: { Status: "Enabled" }, publicAccessBlock: buckets[n.scriptsBucket]!.publicAccessBlock, encryption: buckets[n.scriptsBucket]!.encryption } as WorldBucket;
    const again = await grade(world, "storage");
    expect(notPassing(again)).toEqual({ "storage.buckets_exist": "fail", "storage.lifecycle_tiering": "skipped", "storage.lifecycle_temp": "fail" });
    expect(messageOf(again, "storage.lifecycle_temp")).toContain("found temp: none");
  });

  it("a student with no deployment fails once: the settings are skipped", async () => {
    const r = await grade(completeWorld("s001"), "storage", { student: "99" });
    expect(Object.entries(statuses(r)).filter(([, s]) => s === "fail")).toEqual([["storage.bucket_found", "fail"]]);
    expect(Object.entries(statuses(r)).filter(([k]) => k !== "storage.bucket_found").every(([, s]) => s === "skipped")).toBe(true);
  });
});
