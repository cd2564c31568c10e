// S3 bucket settings: where it is, versioning, default encryption, public access block, policy, tags, lifecycle, logging, CORS and event notifications.
import { z } from "zod";
import {
  GetBucketCorsCommand, GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketLoggingCommand, GetBucketNotificationConfigurationCommand,
  GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import type { CheckContext, ReadResult } from "../src/grade/check.js";
import type { ErrorFact, Facts, Json } from "../src/grade/facts.js";
import { bucketNames, lifecycleRuleFacts, lifecycleRuleFactsSchema, locate } from "../checks/shared/s3-buckets.js";
import { isObject, parsePolicyDocument, policyStatements, stringList } from "../checks/shared/parse-json.js";
import { nearMisses } from "../checks/shared/student-owned.js";
import { tagMap } from "../checks/shared/tags.js";
import { byName, defineReader, missing, namedFacts, orError, stringMap } from "./reader.js";

const statement = z.object({ effect: z.string(), principals: z.array(z.string()), actions: z.array(z.string()), resources: z.array(z.string()), conditionKeys: z.array(z.string()) });

/** Reads one bucket's settings; each setting that cannot be read is an ErrorFact of its own. */
export const reader = defineReader({
  id: "s3.bucket",
  description: "An S3 bucket's settings: region, versioning, default encryption, public access block, bucket policy, tags, lifecycle rules, access logging, CORS and event notifications.",
  params: byName,
  facts: namedFacts({
    region: z.string(),
    /** The name exists but HeadBucket answered 403: another account's bucket, or a policy that denies the grader. */
    forbidden: z.literal(true),
    versioning: orError(z.object({ status: z.string(), mfaDelete: z.string() })),
    encryption: orError(z.object({ algorithm: z.string(), kmsKeyId: z.string().nullable(), bucketKeyEnabled: z.boolean() })),
    publicAccessBlock: orError(z.object({ blockPublicAcls: z.boolean(), ignorePublicAcls: z.boolean(), blockPublicPolicy: z.boolean(), restrictPublicBuckets: z.boolean(), allBlocked: z.boolean() })),
    policy: orError(z.object({ exists: z.boolean(), statements: z.array(statement), publicRead: z.boolean(), deniesInsecureTransport: z.boolean(), parseError: z.string().optional() })),
    tags: orError(stringMap),
    lifecycle: orError(z.object({ rules: z.array(lifecycleRuleFactsSchema) })),
    logging: orError(z.object({ enabled: z.boolean(), targetBucket: z.string().nullable(), targetPrefix: z.string().nullable() })),
    cors: orError(z.object({ rules: z.array(z.object({ allowedOrigins: z.array(z.string()), allowedMethods: z.array(z.string()) })) })),
    notifications: orError(z.object({ eventBridge: z.boolean(), lambda: z.number(), sqs: z.number(), sns: z.number() })),
  }),
  actions: ["s3:ListBucket", "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketVersioning", "s3:GetEncryptionConfiguration", "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicy", "s3:GetBucketTagging", "s3:GetLifecycleConfiguration", "s3:GetBucketLogging", "s3:GetBucketCORS", "s3:GetBucketNotification"],
  async read(ctx, { name }) {
    const where = await locate(ctx, name);
    if (where.state === "error") return where.fact as unknown as Facts;
    if (where.state !== "exists") {
      const all = await bucketNames(ctx);
      return { ...missing(name, Array.isArray(all) ? nearMisses(name, all, ctx.student) : all), ...(where.state === "forbidden" ? { forbidden: true } : {}) };
    }
    const region = where.region;
    const get = <T>(r: ReadResult<T>, present: (v: T) => Json, absent: Json): Json | ErrorFact => (r.ok ? present(r.value) : r.missing ? absent : r.fact);
    const Bucket = name;
    const [versioning, encryption, pab, policy, tags, lifecycle, logging, cors, notifications] = await Promise.all([
      ctx.read("s3", new GetBucketVersioningCommand({ Bucket }), { region }),
      ctx.read("s3", new GetBucketEncryptionCommand({ Bucket }), { region, missing: ["ServerSideEncryptionConfigurationNotFoundError"] }),
      ctx.read("s3", new GetPublicAccessBlockCommand({ Bucket }), { region, missing: ["NoSuchPublicAccessBlockConfiguration"] }),
      ctx.read("s3", new GetBucketPolicyCommand({ Bucket }), { region, missing: ["NoSuchBucketPolicy"] }),
      ctx.read("s3", new GetBucketTaggingCommand({ Bucket }), { region, missing: ["NoSuchTagSet"] }),
      ctx.read("s3", new GetBucketLifecycleConfigurationCommand({ Bucket }), { region, missing: ["NoSuchLifecycleConfiguration"] }),
      ctx.read("s3", new GetBucketLoggingCommand({ Bucket }), { region }),
      ctx.read("s3", new GetBucketCorsCommand({ Bucket }), { region, missing: ["NoSuchCORSConfiguration"] }),
      ctx.read("s3", new GetBucketNotificationConfigurationCommand({ Bucket }), { region }),
    ]);
    const noBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false, allBlocked: false };
    return {
      name,
      exists: true,
      region,
      versioning: get(versioning, (v) => ({ status: v.Status ?? "Disabled", mfaDelete: v.MFADelete ?? "Disabled" }), null),
      encryption: get(encryption, (v) => {
        const rules = v.ServerSideEncryptionConfiguration?.Rules ?? [];
        const rule = rules.find((r) => r.ApplyServerSideEncryptionByDefault) ?? rules[0];
        return { algorithm: rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? "none", kmsKeyId: rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null, bucketKeyEnabled: rule?.BucketKeyEnabled ?? false };
      }, { algorithm: "none", kmsKeyId: null, bucketKeyEnabled: false }),
      publicAccessBlock: get(pab, (v) => {
        const c = v.PublicAccessBlockConfiguration ?? {};
        const b = { blockPublicAcls: c.BlockPublicAcls === true, ignorePublicAcls: c.IgnorePublicAcls === true, blockPublicPolicy: c.BlockPublicPolicy === true, restrictPublicBuckets: c.RestrictPublicBuckets === true };
        return { ...b, allBlocked: Object.values(b).every(Boolean) };
      }, noBlock),
      policy: get(policy, (v) => policyFacts(v.Policy), { exists: false, statements: [], publicRead: false, deniesInsecureTransport: false }),
      tags: get(tags, (v) => tagMap(v.TagSet), {}),
      lifecycle: get(lifecycle, (v) => ({ rules: (v.Rules ?? []).slice(0, 100).map(lifecycleRuleFacts) }), { rules: [] }),
      logging: get(logging, (v) => ({ enabled: !!v.LoggingEnabled?.TargetBucket, targetBucket: v.LoggingEnabled?.TargetBucket ?? null, targetPrefix: v.LoggingEnabled?.TargetPrefix ?? null }), { enabled: false, targetBucket: null, targetPrefix: null }),
      cors: get(cors, (v) => ({ rules: (v.CORSRules ?? []).slice(0, 50).map((r) => ({ allowedOrigins: r.AllowedOrigins ?? [], allowedMethods: r.AllowedMethods ?? [] })) }), { rules: [] }),
      notifications: get(notifications, (v) => ({ eventBridge: v.EventBridgeConfiguration !== undefined, lambda: v.LambdaFunctionConfigurations?.length ?? 0, sqs: v.QueueConfigurations?.length ?? 0, sns: v.TopicConfigurations?.length ?? 0 }), null),
    } as Facts;
  },
});

/** A bucket policy (student input) as statements, whether it lets anyone read, and whether it denies plain HTTP. */
export function policyFacts(doc: string | undefined): Json {
  const parsed = parsePolicyDocument(doc);
  if (!parsed.ok || !isObject(parsed.value)) return { exists: true, statements: [], publicRead: false, deniesInsecureTransport: false, parseError: parsed.ok ? "not a JSON object" : parsed.error };
  const statements = policyStatements(parsed.value).slice(0, 100).map((s) => {
    const p = s.Principal;
    const principals = p === "*" ? ["*"] : isObject(p) ? Object.values(p).flatMap(stringList) : [];
    const conditionKeys = isObject(s.Condition) ? Object.values(s.Condition).flatMap((c) => (isObject(c) ? Object.keys(c) : [])) : [];
    return { effect: String(s.Effect ?? ""), principals, actions: stringList(s.Action), resources: stringList(s.Resource), conditionKeys };
  });
  const publicRead = statements.some((s) => s.effect === "Allow" && s.principals.includes("*") && s.conditionKeys.length === 0 && s.actions.some((a) => /^(s3:\*|\*|s3:GetObject)$/i.test(a)));
  const deniesInsecureTransport = statements.some((s) => s.effect === "Deny" && s.conditionKeys.some((k) => k.toLowerCase() === "aws:securetransport"));
  return { exists: true, statements, publicRead, deniesInsecureTransport };
}
