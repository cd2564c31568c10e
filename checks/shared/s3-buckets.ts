// S3 bucket reads shared by the assessments: finding a bucket (HeadBucket 404 vs 403, following a wrong-region answer),
// the account's bucket names, default encryption compared with the key behind a KMS alias (by key ARN), and lifecycle
// rules normalised over the three filter forms.
import { GetBucketEncryptionCommand, GetBucketLocationCommand, HeadBucketCommand, ListBucketsCommand, type LifecycleRule, type ServerSideEncryptionRule } from "@aws-sdk/client-s3";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import { z } from "zod";
import type { CheckContext, ReadResult } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { errorHeader, httpStatus } from "../../src/aws/errors.js";

/** One lifecycle rule, normalised: `prefix` has no leading slash and exactly one trailing slash ("" = whole bucket). */
export const lifecycleRuleFactsSchema = z.object({
  id: z.string().nullable(),
  enabled: z.boolean(),
  prefix: z.string(),
  transitions: z.array(z.object({ days: z.number().nullable(), date: z.string().nullable(), storageClass: z.string().nullable() })),
  expirationDays: z.number().nullable(),
  /** The rule in words, for messages: "silver-archive (silver/): GLACIER after 180 days". */
  summary: z.string(),
});
export type LifecycleRuleFacts = z.infer<typeof lifecycleRuleFactsSchema>;

/** A bucket's default encryption, and whether its KMS key is the key behind the lab's alias. */
export const encryptionFactsSchema = z.object({
  /** "none" when the bucket has no default encryption. */
  algorithm: z.string(),
  configuredKey: z.string().nullable(),
  resolvedKeyArn: orError(z.string().nullable()),
  alias: z.string(),
  aliasKeyArn: orError(z.string().nullable()),
  keyMatchesAlias: orError(z.boolean()),
  bucketKeyEnabled: z.boolean(),
});
export type EncryptionFacts = z.infer<typeof encryptionFactsSchema>;

/** "bronze", "/bronze/", "bronze//" → "bronze/"; "" or "/" → "" (the whole bucket). */
export function normalisePrefix(p: string | undefined | null): string {
  const s = (p ?? "").trim().replace(/^\/+/, "").replace(/\/+$/, "");
  return s ? `${s}/` : "";
}

function isoOrNull(d: unknown): string | null {
  if (d instanceof Date) return Number.isNaN(d.getTime()) ? null : d.toISOString();
  return typeof d === "string" ? d : null;
}

/** A lifecycle rule in any of the three filter forms (Filter.Prefix, Filter.And.Prefix, legacy top-level Prefix) → facts. */
export function lifecycleRuleFacts(r: LifecycleRule): LifecycleRuleFacts {
  const rule = {
    id: r.ID ?? null,
    enabled: r.Status === "Enabled",
    prefix: normalisePrefix(r.Filter?.Prefix || r.Filter?.And?.Prefix || r.Prefix || ""),
    transitions: (r.Transitions ?? []).slice(0, 20).map((t) => ({ days: typeof t.Days === "number" ? t.Days : null, date: isoOrNull(t.Date), storageClass: t.StorageClass ?? null })),
    expirationDays: typeof r.Expiration?.Days === "number" ? r.Expiration.Days : null,
  };
  return { ...rule, summary: ruleSummary(rule) };
}

/** "silver-archive (silver/): GLACIER after 180 days", "expire-logs (logs/, disabled): expires after 365 days". */
function ruleSummary(r: Omit<LifecycleRuleFacts, "summary">): string {
  const actions = [
    ...r.transitions.map((t) => `${t.storageClass ?? "another storage class"} ${t.days !== null ? `after ${t.days} days` : t.date ? `on ${t.date.slice(0, 10)}` : ""}`.trim()),
    ...(r.expirationDays !== null ? [`expires after ${r.expirationDays} days`] : []),
  ];
  const scope = [r.prefix || "the whole bucket", ...(r.enabled ? [] : ["disabled"])].join(", ");
  return `rule ${r.id ?? "(no id)"} (${scope}): ${actions.length ? actions.join(", ") : "no transition or expiration"}`;
}

/** Where a bucket is: in a region, missing (404), forbidden (403: another account's name, or a policy denies the grader), or an error. */
export type Located = { state: "exists"; region: string } | { state: "missing" } | { state: "forbidden" } | { state: "error"; fact: ErrorFact };

const HEAD_MISSING = ["NotFound", "NoSuchBucket"] as const;

function fromHead(r: ReadResult<{ BucketRegion?: string }>, fallbackRegion: string): Located | undefined {
  if (r.ok) return { state: "exists", region: r.value.BucketRegion ?? fallbackRegion };
  if (r.missing) return { state: "missing" };
  // HeadBucket has no body: a 403 surfaces as name "Unknown" (aws-facts §0.1), so branch on the status.
  if (httpStatus(r.error) === 403) return { state: "forbidden" };
  return undefined;
}

/** HeadBucket, following a wrong-region answer (301/400 + x-amz-bucket-region) to the bucket's own region. */
export async function locate(ctx: CheckContext, bucket: string): Promise<Located> {
  const where = await locateBucket(ctx, bucket);
  if (where.state === "exists") ctx.noteRegion(`bucket ${bucket}`, where.region);
  return where;
}

/**
 * `locate`, with the bucket's reads (`reads(region)`) sent at the same time in the run's region rather than after
 * HeadBucket answers; they are read again in the bucket's own region when it is elsewhere, and dropped (their errors
 * too) when it is not found. `value` is there when the bucket exists.
 */
export async function locateWith<T>(ctx: CheckContext, bucket: string, reads: (region: string) => Promise<T>): Promise<{ where: Located; value?: T }> {
  const early = reads(ctx.region);
  early.catch(() => undefined);
  const where = await locate(ctx, bucket);
  if (where.state !== "exists") return { where };
  return { where, value: await (where.region === ctx.region ? early : reads(where.region)) };
}

async function locateBucket(ctx: CheckContext, bucket: string): Promise<Located> {
  const head = await ctx.read("s3", new HeadBucketCommand({ Bucket: bucket }), { missing: HEAD_MISSING });
  const direct = fromHead(head, ctx.region);
  if (direct) return direct;
  if (head.ok) return { state: "exists", region: ctx.region };
  const status = httpStatus(head.error);
  if (status === 301 || status === 307 || status === 400) {
    let region = errorHeader(head.error, "x-amz-bucket-region");
    if (!region) {
      const loc = await ctx.read("s3", new GetBucketLocationCommand({ Bucket: bucket }));
      if (loc.ok) region = loc.value.LocationConstraint === "EU" ? "eu-west-1" : (loc.value.LocationConstraint ?? "us-east-1");
    }
    if (region && region !== ctx.region) {
      const again = await ctx.read("s3", new HeadBucketCommand({ Bucket: bucket }), { missing: HEAD_MISSING, region });
      const there = fromHead(again, region);
      if (there) return there;
      if (!again.ok) return { state: "error", fact: again.fact };
    }
  }
  return { state: "error", fact: head.fact };
}

/** Every bucket name of the account (ListBuckets, all pages); memoised by the session, so checks share it. */
export async function bucketNames(ctx: CheckContext): Promise<string[] | ErrorFact> {
  const r = await ctx.list(
    "s3",
    (t) => new ListBucketsCommand({ MaxBuckets: 1000, ContinuationToken: t }),
    (o) => ({ items: o.Buckets, next: o.ContinuationToken }),
  );
  return r.ok ? r.items.map((b) => b.Name ?? "").filter(Boolean) : r.fact;
}

function kmsRegionOf(keyId: string, fallback: string): string {
  return /^arn:[^:]+:kms:([^:]+):/.exec(keyId)?.[1] ?? fallback;
}

/**
 * The bucket's default encryption and whether its KMS key is the key behind `alias` (both resolved with DescribeKey and
 * compared by key ARN, so a key ID, key ARN, alias name or alias ARN in the bucket configuration all compare right).
 */
export async function encryptionFacts(ctx: CheckContext, bucket: string, region: string, alias: string): Promise<EncryptionFacts | ErrorFact> {
  const [enc, aliasKey] = await Promise.all([
    ctx.read("s3", new GetBucketEncryptionCommand({ Bucket: bucket }), { region, missing: ["ServerSideEncryptionConfigurationNotFoundError"] }),
    ctx.read("kms", new DescribeKeyCommand({ KeyId: alias }), { region, missing: ["NotFoundException"] }),
  ]);
  if (!enc.ok && !enc.missing) return enc.fact;
  const rules: ServerSideEncryptionRule[] = enc.ok ? (enc.value.ServerSideEncryptionConfiguration?.Rules ?? []) : [];
  const rule = rules.find((r) => r.ApplyServerSideEncryptionByDefault) ?? rules[0];
  const algorithm = rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? "none";
  const configuredKey = rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null;
  const aliasKeyArn: string | null | ErrorFact = aliasKey.ok ? (aliasKey.value.KeyMetadata?.Arn ?? null) : aliasKey.missing ? null : aliasKey.fact;
  let resolvedKeyArn: string | null | ErrorFact = null;
  if (configuredKey && algorithm.startsWith("aws:kms")) {
    const k = await ctx.read("kms", new DescribeKeyCommand({ KeyId: configuredKey }), { region: kmsRegionOf(configuredKey, region), missing: ["NotFoundException"] });
    resolvedKeyArn = k.ok ? (k.value.KeyMetadata?.Arn ?? null) : k.missing ? null : k.fact;
  }
  let keyMatchesAlias: boolean | ErrorFact;
  if (!algorithm.startsWith("aws:kms") || !configuredKey) keyMatchesAlias = false;
  else if (resolvedKeyArn !== null && typeof resolvedKeyArn === "object") keyMatchesAlias = resolvedKeyArn;
  else if (aliasKeyArn !== null && typeof aliasKeyArn === "object") keyMatchesAlias = aliasKeyArn;
  else keyMatchesAlias = resolvedKeyArn !== null && resolvedKeyArn === aliasKeyArn;
  return {
    algorithm,
    configuredKey,
    resolvedKeyArn,
    alias,
    aliasKeyArn,
    keyMatchesAlias,
    bucketKeyEnabled: rule?.BucketKeyEnabled ?? false,
  };
}
