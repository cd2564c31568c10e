// Task 1 — compliant: bucket enterprise-datalake-{student} with versioning, SSE-KMS under alias/datalake-{student}, access logging, CORS, a bucket policy, bronze→GLACIER 90 d / silver→DEEP_ARCHIVE 180 d / logs expire 365 d, the four tags and the eight top-level folders.
import {
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  ListObjectsV2Command,
} from "@aws-sdk/client-s3";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { bucketNames, encryptionFacts, encryptionFactsSchema, lifecycleRuleFacts, lifecycleRuleFactsSchema, locateWith, normalisePrefix } from "../shared/s3-buckets.js";
import { similarNames } from "../shared/similar.js";
import { nearMisses } from "../shared/student-owned.js";
import { tagMap } from "../shared/tags.js";
import { isObject, parseJson, policyStatements } from "../shared/parse-json.js";


/** The eight top-level folders of the lab, in the lab's order. */
export const FOLDERS = ["landing/", "bronze/", "silver/", "gold/", "schemas/", "scripts/", "logs/", "athena-results/"] as const;

/** Bounds on student-controlled data kept in facts. */
const MAX_POLICY_CHARS = 64 * 1024;
const MAX_RULES = 100;
const MAX_PREFIXES = 200;
const MAX_SAMPLE_KEYS = 20;
/** Pages of ListObjectsV2 followed per folder when counting objects (1000 keys a page on real S3). */
const MAX_COUNT_PAGES = 10;

/** Whether the bucket could be found, and where. */
export const bucketFactsSchema = z.object({
  name: z.string(),
  /** "exists"; "missing" (404); "forbidden" (403: the name belongs to another account, or a policy denies the grader). */
  state: z.enum(["exists", "missing", "forbidden"]),
  exists: z.boolean(),
  region: z.string().optional(),
  /** Near-miss bucket names in the account (only when the bucket was not found). */
  similar: orError(z.array(z.string())).optional(),
});
export type BucketFacts = z.infer<typeof bucketFactsSchema>;

/** A bucket policy as facts; never the document itself. */
export const policyFactsSchema = z.object({
  present: z.boolean(),
  statements: z.number(),
  allowStatements: z.number().optional(),
  denyStatements: z.number().optional(),
  /** An Allow statement whose principal is "*" and which has no Condition (public access). */
  publicAllow: z.boolean().optional(),
  parseError: z.string().optional(),
});
export type PolicyFacts = z.infer<typeof policyFactsSchema>;

/** What is under one of the eight folders (for Task 14 and evidence). */
export const folderContentsSchema = z.object({ objects: z.number(), truncated: z.boolean(), sample: z.array(z.string()) });
export type FolderContents = z.infer<typeof folderContentsSchema>;

/** The facts of Task 1 (only `bucket` when the bucket was not found). */
export const s3DataLakeFactsSchema = z.object({
  bucket: orError(bucketFactsSchema),
  versioning: orError(z.object({ status: z.string(), mfaDelete: z.string() })).optional(),
  encryption: orError(encryptionFactsSchema).optional(),
  logging: orError(z.object({ enabled: z.boolean(), targetBucket: z.string().nullable(), targetPrefix: z.string().nullable() })).optional(),
  cors: orError(z.object({ rules: z.number(), allowedOrigins: z.array(z.string()), allowedMethods: z.array(z.string()) })).optional(),
  policy: orError(policyFactsSchema).optional(),
  lifecycle: orError(z.object({ rules: z.array(lifecycleRuleFactsSchema) })).optional(),
  tags: orError(z.record(z.string(), z.string())).optional(),
  folders: orError(z.object({ prefixes: z.array(z.string()), missing: z.array(z.string()), similar: z.array(z.string()), leadingSlash: z.array(z.string()) })).optional(),
  /** Per folder (by its name without the slash): the objects under it. */
  contents: orError(z.record(z.string(), orError(folderContentsSchema))).optional(),
});
export type S3DataLakeFacts = z.infer<typeof s3DataLakeFactsSchema>;

function isPublicPrincipal(p: unknown): boolean {
  if (p === "*") return true;
  if (p && typeof p === "object") {
    const aws = (p as Record<string, unknown>).AWS;
    return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
  }
  return false;
}

/** A bucket policy JSON string (student input) → facts; never throws. */
export function policyFacts(text: string | undefined): PolicyFacts {
  if (text === undefined || text.trim() === "") return { present: false, statements: 0 };
  const parsed = parseJson(text, MAX_POLICY_CHARS);
  if (!parsed.ok) return { present: true, statements: 0, parseError: parsed.error };
  if (!isObject(parsed.value)) return { present: true, statements: 0, parseError: "the policy is not a JSON object" };
  const stmts = policyStatements(parsed.value);
  return {
    present: true,
    statements: stmts.length,
    allowStatements: stmts.filter((s) => s.Effect === "Allow").length,
    denyStatements: stmts.filter((s) => s.Effect === "Deny").length,
    publicAllow: stmts.some((s) => s.Effect === "Allow" && isPublicPrincipal(s.Principal) && s.Condition === undefined),
  };
}

async function folderContents(ctx: CheckContext, bucket: string, region: string, prefix: string): Promise<FolderContents | ErrorFact> {
  let objects = 0;
  const sample: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < MAX_COUNT_PAGES; i++) {
    const r = await ctx.read("s3", new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1000, ContinuationToken: token }), { region });
    if (!r.ok) return r.fact;
    for (const o of r.value.Contents ?? []) {
      const key = o.Key ?? "";
      // Zero-byte "folder" markers (the console's Create folder) are not data.
      if (key.endsWith("/") && (o.Size ?? 0) === 0) continue;
      objects++;
      if (sample.length < MAX_SAMPLE_KEYS) sample.push(key.slice(0, 300));
    }
    token = r.value.IsTruncated ? r.value.NextContinuationToken : undefined;
    if (!token) return { objects, truncated: false, sample };
  }
  return { objects, truncated: true, sample };
}

async function folderFacts(ctx: CheckContext, bucket: string, region: string): Promise<Pick<S3DataLakeFacts, "folders" | "contents">> {
  const top = await ctx.list(
    "s3",
    (t) => new ListObjectsV2Command({ Bucket: bucket, Delimiter: "/", MaxKeys: 1000, ContinuationToken: t }),
    (o) => ({ items: o.CommonPrefixes, next: o.IsTruncated ? o.NextContinuationToken : undefined }),
    { region },
  );
  if (!top.ok) return { folders: top.fact, contents: top.fact };
  const prefixes = [...new Set(top.items.map((p) => p.Prefix ?? "").filter(Boolean))];
  // Keys written as "/landing/…" (the lab's spelling taken literally) land under the top-level prefix "/".
  let leadingSlash: string[] = [];
  if (prefixes.includes("/")) {
    const nested = await ctx.list(
      "s3",
      (t) => new ListObjectsV2Command({ Bucket: bucket, Prefix: "/", Delimiter: "/", MaxKeys: 1000, ContinuationToken: t }),
      (o) => ({ items: o.CommonPrefixes, next: o.IsTruncated ? o.NextContinuationToken : undefined }),
      { region, maxPages: 5, partialOk: true },
    );
    if (nested.ok) leadingSlash = nested.items.map((p) => p.Prefix ?? "").filter(Boolean).slice(0, MAX_PREFIXES);
  }
  const missing = FOLDERS.filter((f) => !prefixes.includes(f));
  const similar = missing.flatMap((f) => [
    ...similarNames(f.slice(0, -1), prefixes.map((p) => p.replace(/\/$/, ""))).map((p) => `${p}/`),
    ...leadingSlash.filter((p) => normalisePrefix(p) === f),
  ]);
  const present = FOLDERS.filter((f) => prefixes.includes(f));
  const counted = await Promise.all(present.map((f) => folderContents(ctx, bucket, region, f)));
  const contents: Record<string, FolderContents | ErrorFact> = {};
  for (const f of FOLDERS) {
    const i = present.indexOf(f);
    contents[f.slice(0, -1)] = i >= 0 ? counted[i]! : { objects: 0, truncated: false, sample: [] };
  }
  return {
    folders: { prefixes: prefixes.slice(0, MAX_PREFIXES), missing: [...missing], similar, leadingSlash },
    contents,
  };
}

/** Every read of the bucket's settings and folders, in `region`. */
function bucketReads(ctx: CheckContext, name: string, region: string) {
  const on = { region };
  return Promise.all([
    ctx.read("s3", new GetBucketVersioningCommand({ Bucket: name }), on),
    encryptionFacts(ctx, name, region, ctx.name("kmsAlias")),
    ctx.read("s3", new GetBucketLoggingCommand({ Bucket: name }), on),
    ctx.read("s3", new GetBucketCorsCommand({ Bucket: name }), { ...on, missing: ["NoSuchCORSConfiguration"] }),
    ctx.read("s3", new GetBucketPolicyCommand({ Bucket: name }), { ...on, missing: ["NoSuchBucketPolicy"] }),
    ctx.read("s3", new GetBucketLifecycleConfigurationCommand({ Bucket: name }), { ...on, missing: ["NoSuchLifecycleConfiguration"] }),
    ctx.read("s3", new GetBucketTaggingCommand({ Bucket: name }), { ...on, missing: ["NoSuchTagSet"] }),
    folderFacts(ctx, name, region),
  ]);
}

/** Task 1: the data-lake bucket, its settings, tags and folders; the KMS key behind the alias. */
export const s3DataLake: CheckModule<S3DataLakeFacts> = {
  id: "s3_data_lake",
  description: "S3 bucket enterprise-datalake-{student}: existence and region, versioning, SSE-KMS key vs alias, access logging, CORS, bucket policy, lifecycle rules, tags, top-level folders and their object counts.",
  names: ["bucket", "kmsAlias"],
  actions: [
    "s3:ListBucket",
    "s3:ListAllMyBuckets",
    "s3:GetBucketLocation",
    "s3:GetBucketVersioning",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketLogging",
    "s3:GetBucketCORS",
    "s3:GetBucketPolicy",
    "s3:GetLifecycleConfiguration",
    "s3:GetBucketTagging",
    "kms:DescribeKey",
  ],
  facts: s3DataLakeFactsSchema,
  async collect(ctx) {
    const name = ctx.name("bucket");
    const { where, value } = await locateWith(ctx, name, (region) => bucketReads(ctx, name, region));
    if (where.state === "error") return { bucket: where.fact };
    if (where.state !== "exists") {
      const all = await bucketNames(ctx);
      const bucket: BucketFacts = { name, state: where.state, exists: false, similar: Array.isArray(all) ? nearMisses(name, all, ctx.student) : all };
      return { bucket };
    }
    const region = where.region;
    const [versioning, encryption, logging, cors, policy, lifecycle, tags, folders] = value!;
    const bucket: BucketFacts = { name, state: "exists", exists: true, region };
    const corsRules = cors.ok ? (cors.value.CORSRules ?? []) : [];
    const facts: S3DataLakeFacts = {
      bucket,
      versioning: versioning.ok ? { status: versioning.value.Status ?? "Off", mfaDelete: versioning.value.MFADelete ?? "Disabled" } : versioning.fact,
      encryption,
      logging: logging.ok
        ? { enabled: !!logging.value.LoggingEnabled?.TargetBucket, targetBucket: logging.value.LoggingEnabled?.TargetBucket ?? null, targetPrefix: logging.value.LoggingEnabled?.TargetPrefix ?? null }
        : logging.fact,
      cors:
        cors.ok || cors.missing
          ? {
              rules: corsRules.length,
              allowedOrigins: [...new Set(corsRules.flatMap((r) => r.AllowedOrigins ?? []))].slice(0, 20),
              allowedMethods: [...new Set(corsRules.flatMap((r) => r.AllowedMethods ?? []))],
            }
          : cors.fact,
      policy: policy.ok ? policyFacts(policy.value.Policy) : policy.missing ? policyFacts(undefined) : policy.fact,
      lifecycle:
        lifecycle.ok || lifecycle.missing
          ? { rules: (lifecycle.ok ? (lifecycle.value.Rules ?? []) : []).slice(0, MAX_RULES).map(lifecycleRuleFacts) }
          : lifecycle.fact,
      tags: tags.ok ? tagMap(tags.value.TagSet) : tags.missing ? {} : tags.fact,
      folders: folders.folders,
      contents: folders.contents,
    };
    return facts;
  },
};
