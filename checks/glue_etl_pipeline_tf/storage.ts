// storage — compliant: the five buckets {p}-raw-data, -processed-data, -curated-data, -scripts and -temp exist, each versioned, SSE-KMS under the key behind alias/{p}-s3-kms-key and with all four public access block settings on; raw, processed and curated move objects to INTELLIGENT_TIERING after 30 days and temp expires them after 7.
import { GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, type PublicAccessBlockConfiguration } from "@aws-sdk/client-s3";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { keyed } from "../shared/keyed.js";
import { bucketNames, encryptionFacts, lifecycleRuleFacts, lifecycleRuleFactsSchema, locate, type EncryptionFacts, type LifecycleRuleFacts, type Located } from "../shared/s3-buckets.js";
import { nearMisses } from "../shared/student-owned.js";

/** The five buckets of the storage module, by role. */
export const ROLES = ["raw", "processed", "curated", "scripts", "temp"] as const;
export type Role = (typeof ROLES)[number];
const NAME_KEY: Record<Role, string> = { raw: "rawBucket", processed: "processedBucket", curated: "curatedBucket", scripts: "scriptsBucket", temp: "tempBucket" };
/** The buckets whose lifecycle moves data to INTELLIGENT_TIERING (the template's rule on raw, processed and curated). */
export const TIERED: readonly Role[] = ["raw", "processed", "curated"];
const MAX_RULES = 50;
const PAB_KEYS = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] as const;

/** One bucket of the deployment: which name was found (the template's, or the README's spelling for raw) and where. */
export const bucketFoundSchema = z.object({
  role: z.enum(ROLES),
  name: z.string(),
  expected: z.string(),
  state: z.enum(["exists", "missing", "forbidden"]),
  region: z.string().optional(),
  foundAs: z.string().optional(),
});
export type BucketFound = z.infer<typeof bucketFoundSchema>;

/** Per bucket found (by role): one value (a record, so `every` reads its values as words). */
const perBucket = <S extends z.ZodType>(s: S) => z.partialRecord(z.enum(ROLES), s);

/** The facts of the storage task (a failed lookup stands in every fact a criterion reads). */
export const storageFactsSchema = z.object({
  buckets: orError(z.array(bucketFoundSchema)),
  found: orError(z.number()),
  missing: orError(z.array(z.string())),
  aliasesAccepted: z.array(z.string()).optional(),
  /** The alias whose key the buckets should use. */
  kmsAlias: z.string().optional(),
  similar: orError(z.array(z.string())).optional(),
  versioning: orError(perBucket(orError(z.string()))).optional(),
  encryption: orError(
    z.object({
      algorithm: perBucket(orError(z.string())),
      keyMatchesAlias: perBucket(orError(z.boolean())),
      key: perBucket(orError(z.string().nullable())),
      aliasKeyArn: orError(z.string().nullable()),
    }),
  ).optional(),
  publicAccessBlock: orError(perBucket(orError(z.string()))).optional(),
  lifecycle: orError(
    z.object({
      /** Raw, processed and curated: the days before INTELLIGENT_TIERING (null: no such whole-bucket rule). */
      intelligentTieringDays: perBucket(orError(z.number().nullable())),
      /** Temp: the days before objects expire. */
      tempExpirationDays: perBucket(orError(z.number().nullable())),
      rules: perBucket(orError(z.array(lifecycleRuleFactsSchema))),
    }),
  ).optional(),
});
export type StorageFacts = z.infer<typeof storageFactsSchema>;

/** The public access block of a bucket in words: "all four blocked", "not configured", or which settings are off. */
export function publicAccessBlockWords(c: PublicAccessBlockConfiguration | undefined): string {
  if (!c) return "not configured";
  const off = PAB_KEYS.filter((k) => c[k] !== true);
  return off.length === 0 ? "all four blocked" : `off: ${off.join(", ")}`;
}

/** The smallest Days of a transition to `storageClass` in an enabled whole-bucket rule; null when there is none. */
export function wholeBucketTransitionDays(rules: readonly LifecycleRuleFacts[], storageClass: string): number | null {
  const days = rules.filter((r) => r.enabled && r.prefix === "").flatMap((r) => r.transitions.filter((t) => t.storageClass === storageClass && t.days !== null).map((t) => t.days!));
  return days.length ? Math.min(...days) : null;
}

/** The smallest expiration Days of an enabled whole-bucket rule; null when there is none. */
export function wholeBucketExpirationDays(rules: readonly LifecycleRuleFacts[]): number | null {
  const days = rules.filter((r) => r.enabled && r.prefix === "" && r.expirationDays !== null).map((r) => r.expirationDays!);
  return days.length ? Math.min(...days) : null;
}

/** Finds a bucket by the template's name; for raw, the README's spelling ({p}-raw) when the template's is not there. */
async function find(ctx: CheckContext, role: Role): Promise<{ found: BucketFound } | { error: ErrorFact }> {
  const expected = ctx.name(NAME_KEY[role]);
  const where: Located = await locate(ctx, expected);
  if (where.state === "error") return { error: where.fact };
  if (where.state === "exists") return { found: { role, name: expected, expected, state: "exists", region: where.region } };
  if (role === "raw") {
    const seed = ctx.name("rawBucketSeed");
    const alt = await locate(ctx, seed);
    if (alt.state === "exists") return { found: { role, name: seed, expected, state: "exists", region: alt.region, foundAs: `${seed} (the README's spelling, accepted)` } };
  }
  return { found: { role, name: expected, expected, state: where.state } };
}

type Settings = { versioning: string | ErrorFact; encryption: EncryptionFacts | ErrorFact; publicAccessBlock: string | ErrorFact; lifecycle: LifecycleRuleFacts[] | ErrorFact };

/**
 * Sends the settings reads of the five buckets (template names, run's region) alongside HeadBucket rather than after
 * it; the session memoises them, so `settings` reuses the answers for the buckets found there, and the others are
 * never looked at.
 */
function prefetch(ctx: CheckContext): void {
  for (const role of ROLES) {
    const Bucket = ctx.name(NAME_KEY[role]);
    void Promise.all([
      ctx.read("s3", new GetBucketVersioningCommand({ Bucket })),
      ctx.read("s3", new GetBucketEncryptionCommand({ Bucket })),
      ctx.read("s3", new GetPublicAccessBlockCommand({ Bucket })),
      ctx.read("s3", new GetBucketLifecycleConfigurationCommand({ Bucket })),
    ]);
  }
}

async function settings(ctx: CheckContext, b: BucketFound, alias: string): Promise<Settings> {
  const on = { region: b.region };
  const [versioning, encryption, pab, lifecycle] = await Promise.all([
    ctx.read("s3", new GetBucketVersioningCommand({ Bucket: b.name }), on),
    encryptionFacts(ctx, b.name, b.region!, alias),
    ctx.read("s3", new GetPublicAccessBlockCommand({ Bucket: b.name }), { ...on, missing: ["NoSuchPublicAccessBlockConfiguration"] }),
    ctx.read("s3", new GetBucketLifecycleConfigurationCommand({ Bucket: b.name }), { ...on, missing: ["NoSuchLifecycleConfiguration"] }),
  ]);
  return {
    versioning: versioning.ok ? (versioning.value.Status ?? "Off") : versioning.fact,
    encryption,
    publicAccessBlock: pab.ok ? publicAccessBlockWords(pab.value.PublicAccessBlockConfiguration) : pab.missing ? "not configured" : pab.fact,
    lifecycle: lifecycle.ok || lifecycle.missing ? (lifecycle.ok ? (lifecycle.value.Rules ?? []) : []).slice(0, MAX_RULES).map(lifecycleRuleFacts) : lifecycle.fact,
  };
}

/** alias/{p}-s3-kms-key, or the older module's alias/{p}-s3 when only that one exists (the first when neither does). */
async function chooseAlias(ctx: CheckContext): Promise<string> {
  const [main, old] = [ctx.name("s3KmsAlias"), ctx.name("s3KmsAliasOld")];
  const [a, b] = await Promise.all([main, old].map((KeyId) => ctx.read("kms", new DescribeKeyCommand({ KeyId }), { missing: ["NotFoundException"] })));
  return !a!.ok && a!.missing && b!.ok ? old : main;
}

/** storage: the five buckets and their settings. */
export const storage: CheckModule<StorageFacts> = {
  id: "storage",
  description: "The five S3 buckets of the storage module: existence (404 vs 403), versioning, SSE-KMS and its key vs the module's alias, public access block, lifecycle rules.",
  names: ["rawBucket", "rawBucketSeed", "processedBucket", "curatedBucket", "scriptsBucket", "tempBucket", "s3KmsAlias", "s3KmsAliasOld"],
  actions: [
    "s3:ListBucket",
    "s3:ListAllMyBuckets",
    "s3:GetBucketLocation",
    "s3:GetBucketVersioning",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetLifecycleConfiguration",
    "kms:DescribeKey",
  ],
  facts: storageFactsSchema,
  async collect(ctx) {
    prefetch(ctx);
    const [located, alias] = await Promise.all([Promise.all(ROLES.map((r) => find(ctx, r))), chooseAlias(ctx)]);
    const firstError = located.find((l): l is { error: ErrorFact } => "error" in l);
    // A lookup that failed (HeadBucket 500 after retries…) stands in every fact a criterion reads, so each one is
    // `error` naming the action (exit 2), never "found nothing".
    if (firstError) {
      const e = firstError.error;
      return { buckets: e, found: e, missing: e, versioning: e, encryption: e, publicAccessBlock: e, lifecycle: e };
    }
    const buckets = located.flatMap((l) => ("found" in l ? [l.found] : []));
    const present = buckets.filter((b) => b.state === "exists");
    const absent = buckets.filter((b) => b.state !== "exists");
    let similar: string[] | ErrorFact | undefined;
    if (absent.length) {
      const all = await bucketNames(ctx);
      similar = isErrorFact(all) ? all : [...new Set(absent.flatMap((b) => nearMisses(b.expected, all, ctx.student)))].slice(0, 10);
    }
    const got = await Promise.all(present.map(async (b) => [b.role, await settings(ctx, b, alias)] as const));
    const each = <V>(f: (s: Settings) => V, roles: readonly Role[] = ROLES) => keyed(got.filter(([r]) => roles.includes(r)).map(([r, s]) => [r, f(s)] as const));
    const enc = <V>(f: (e: EncryptionFacts) => V) => each((s) => (isErrorFact(s.encryption) ? s.encryption : f(s.encryption)));
    const life = <V>(f: (rules: LifecycleRuleFacts[]) => V, roles?: readonly Role[]) => each((s) => (isErrorFact(s.lifecycle) ? s.lifecycle : f(s.lifecycle)), roles);
    return {
      buckets,
      found: present.length,
      missing: absent.map((b) => `${b.role}: ${b.expected} (${b.state === "forbidden" ? "403: the name belongs to another account, or a policy denies the grader" : "not found"})`),
      aliasesAccepted: present.filter((b) => b.foundAs).map((b) => `${b.role}: ${b.foundAs}`),
      kmsAlias: alias,
      ...(similar !== undefined ? { similar } : {}),
      versioning: each((s) => s.versioning),
      encryption: {
        algorithm: enc((e) => e.algorithm),
        keyMatchesAlias: enc((e) => e.keyMatchesAlias),
        key: enc((e) => e.configuredKey),
        aliasKeyArn: got.map(([, s]) => (isErrorFact(s.encryption) ? s.encryption : s.encryption.aliasKeyArn)).find((x) => x !== null) ?? null,
      },
      publicAccessBlock: each((s) => s.publicAccessBlock),
      lifecycle: {
        intelligentTieringDays: life((l) => wholeBucketTransitionDays(l, "INTELLIGENT_TIERING"), TIERED),
        // A map like intelligentTieringDays ({ temp: 7 }, empty when the temp bucket is absent): a missing bucket costs
        // only buckets_exist.
        tempExpirationDays: life(wholeBucketExpirationDays, ["temp"]),
        rules: life((l) => l),
      },
    };
  },
};
