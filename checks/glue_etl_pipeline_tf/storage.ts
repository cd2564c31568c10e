// storage — compliant: the five buckets {p}-raw-data, -processed-data, -curated-data, -scripts and -temp exist, each versioned, SSE-KMS under the key behind alias/{p}-s3-kms-key and with all four public access block settings on; raw, processed and curated move objects to INTELLIGENT_TIERING after 30 days and temp expires them after 7.
import { GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, type PublicAccessBlockConfiguration } from "@aws-sdk/client-s3";
import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, type ErrorFact, type Facts, type Json } from "../../src/grade/facts.js";
import { bucketNames, encryptionFacts, lifecycleRuleFacts, locate, type LifecycleRuleFacts, type Located } from "../shared/s3-buckets.js";
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
export type BucketFound = { role: Role; name: string; expected: string; state: "exists" | "missing" | "forbidden"; region?: string; foundAs?: string };

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

type Settings = { versioning: string | ErrorFact; encryption: Json | ErrorFact; publicAccessBlock: string | ErrorFact; lifecycle: LifecycleRuleFacts[] | ErrorFact };

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

const pick = <T extends Json | ErrorFact>(rows: [Role, T][]): { [k: string]: Json } => Object.fromEntries(rows) as { [k: string]: Json };

/** storage: the five buckets and their settings. */
export const storage: CheckModule = {
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
  async collect(ctx) {
    const [located, alias] = await Promise.all([Promise.all(ROLES.map((r) => find(ctx, r))), chooseAlias(ctx)]);
    const firstError = located.find((l): l is { error: ErrorFact } => "error" in l);
    // A lookup that failed (HeadBucket 500 after retries…) stands in every fact a criterion reads, so each one is
    // `error` naming the action (exit 2), never "found nothing".
    if (firstError) {
      const e = firstError.error;
      return { buckets: e, found: e, missing: e, versioning: e, encryption: e, publicAccessBlock: e, lifecycle: e };
    }
    const buckets = located.map((l) => (l as { found: BucketFound }).found);
    const present = buckets.filter((b) => b.state === "exists");
    const absent = buckets.filter((b) => b.state !== "exists");
    const facts: Facts = {
      buckets: buckets as unknown as Json,
      found: present.length,
      missing: absent.map((b) => `${b.role}: ${b.expected} (${b.state === "forbidden" ? "403: the name belongs to another account, or a policy denies the grader" : "not found"})`),
      aliasesAccepted: present.filter((b) => b.foundAs).map((b) => `${b.role}: ${b.foundAs}`),
      kmsAlias: alias,
    };
    if (absent.length) {
      const all = await bucketNames(ctx);
      facts.similar = isErrorFact(all) ? all : [...new Set(absent.flatMap((b) => nearMisses(b.expected, all, ctx.student)))].slice(0, 10);
    }
    const got = await Promise.all(present.map(async (b) => [b.role, await settings(ctx, b, alias)] as const));
    const each = <K extends keyof Settings>(k: K) => got.map(([r, s]) => [r, s[k]] as [Role, Settings[K]]);
    const enc = each("encryption");
    const field = (e: Json | ErrorFact, f: string): Json | ErrorFact => (isErrorFact(e) || e === null || typeof e !== "object" || Array.isArray(e) ? (e as Json | ErrorFact) : ((e as { [k: string]: Json })[f] ?? null));
    facts.versioning = pick(each("versioning"));
    facts.encryption = {
      algorithm: pick(enc.map(([r, e]) => [r, field(e, "algorithm")])),
      keyMatchesAlias: pick(enc.map(([r, e]) => [r, field(e, "keyMatchesAlias")])),
      key: pick(enc.map(([r, e]) => [r, field(e, "configuredKey")])),
      aliasKeyArn: enc.map(([, e]) => field(e, "aliasKeyArn")).find((x) => x !== null) ?? null,
    };
    facts.publicAccessBlock = pick(each("publicAccessBlock"));
    const life = each("lifecycle");
    facts.lifecycle = {
      intelligentTieringDays: pick(life.filter(([r]) => TIERED.includes(r)).map(([r, l]) => [r, isErrorFact(l) ? l : wholeBucketTransitionDays(l, "INTELLIGENT_TIERING")])),
      // A map like intelligentTieringDays ({ temp: 7 }, empty when the temp bucket is absent): a missing bucket costs
      // only buckets_exist.
      tempExpirationDays: pick(life.filter(([r]) => r === "temp").map(([r, l]) => [r, isErrorFact(l) ? l : wholeBucketExpirationDays(l)])),
      rules: pick(life.map(([r, l]) => [r, l as Json | ErrorFact])),
    };
    return facts;
  },
};
