// Task 8 — compliant: an ENABLED EventBridge rule targets the state machine, on a schedule or on S3 "Object Created" events (then the bucket sends events to EventBridge).
import { DescribeRuleCommand, ListRuleNamesByTargetCommand } from "@aws-sdk/client-eventbridge";
import { GetBucketNotificationConfigurationCommand } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { normaliseCron } from "../shared/cron.js";
import { isObject, parseJson, stringList } from "../shared/parse-json.js";
import { stateMachineFact, stateMachineFactSchema } from "./common.js";
import { findBucket, findStateMachine } from "./discover.js";

/** What an event pattern listens to: "objectCreated" (EventBridge notifications), "cloudtrail", "other (…)", or null when not S3; and which buckets. */
export const s3PatternFactsSchema = z.object({ s3Event: z.string().nullable(), buckets: z.array(z.string()), patternError: z.string().optional() });
export type S3PatternFacts = z.infer<typeof s3PatternFactsSchema>;

/** One rule targeting the state machine (a rule gone between the listing and DescribeRule reads DELETED, without a schedule). */
export const ruleFactSchema = s3PatternFactsSchema.extend({ name: z.string(), state: z.string().nullable(), schedule: z.string().nullable().optional(), scheduled: z.boolean() });
export type RuleFact = z.infer<typeof ruleFactSchema>;

/** The facts of Task 8: only `stateMachine` when it was not found; `notifications` when the rules could be listed. */
export const triggerFactsSchema = z.object({
  stateMachine: stateMachineFactSchema,
  rules: orError(z.array(orError(ruleFactSchema))).optional(),
  /** Whether the bucket must send events to EventBridge (an S3 rule and no enabled schedule), and whether it does. */
  notifications: orError(
    z.union([z.object({ needed: z.literal(false) }), z.object({ needed: z.literal(true), bucket: z.string().nullable(), eventBridgeEnabled: z.boolean() })]),
  ).optional(),
});
export type TriggerFacts = z.infer<typeof triggerFactsSchema>;

/** What an event pattern listens to: S3 object creation (EventBridge notifications or CloudTrail), and which buckets. */
export function s3PatternFacts(pattern: string | undefined): S3PatternFacts {
  if (!pattern) return { s3Event: null, buckets: [] };
  const p = parseJson(pattern, 20_000);
  if (!p.ok) return { s3Event: null, buckets: [], patternError: p.error };
  if (!isObject(p.value)) return { s3Event: null, buckets: [], patternError: "not a JSON object" };
  const v = p.value;
  const sources = stringList(v.source);
  if (!sources.includes("aws.s3")) return { s3Event: null, buckets: [] };
  const types = stringList(v["detail-type"]);
  const detail = isObject(v.detail) ? v.detail : {};
  const bucketField = isObject(detail.bucket) ? detail.bucket.name : isObject(detail.requestParameters) ? detail.requestParameters.bucketName : undefined;
  const buckets = (Array.isArray(bucketField) ? bucketField : [bucketField]).filter((b): b is string => typeof b === "string");
  if (types.length === 0 || types.some((t) => /object created/i.test(t))) return { s3Event: "objectCreated", buckets };
  if (types.some((t) => /cloudtrail/i.test(t))) return { s3Event: "cloudtrail", buckets };
  return { s3Event: `other (${types.join(", ").slice(0, 80)})`, buckets };
}

/** Task 8: automated triggering. */
export const trigger: CheckModule<TriggerFacts> = {
  id: "trigger",
  description: "EventBridge rules targeting the state machine (ListRuleNamesByTarget, DescribeRule): state, schedule or S3 Object Created pattern; the bucket's EventBridge notifications when the rule listens to S3.",
  names: [],
  actions: ["states:ListStateMachines", "states:ListTagsForResource", "states:DescribeStateMachine", "events:ListRuleNamesByTarget", "events:DescribeRule", "s3:GetBucketNotification", "s3:ListAllMyBuckets", "s3:GetBucketTagging", "glue:GetCrawlers", "glue:GetTags"],
  facts: triggerFactsSchema,
  async collect(ctx) {
    const sm = await findStateMachine(ctx);
    const stateMachine = stateMachineFact(sm);
    if (sm.kind !== "found") return { stateMachine };
    const names = await ctx.list("eventbridge", (t) => new ListRuleNamesByTargetCommand({ TargetArn: sm.arn, NextToken: t }), (o) => ({ items: o.RuleNames, next: o.NextToken }));
    if (!names.ok) return { stateMachine, rules: names.fact };
    const rules = await Promise.all(
      names.items.slice(0, 20).map(async (name): Promise<RuleFact | ErrorFact> => {
        const r = await ctx.read("eventbridge", new DescribeRuleCommand({ Name: name }), { missing: ["ResourceNotFoundException"] });
        if (!r.ok) return r.missing ? { name, state: "DELETED", scheduled: false, s3Event: null, buckets: [] } : r.fact;
        const s3 = s3PatternFacts(r.value.EventPattern);
        return { name, state: r.value.State ?? null, schedule: normaliseCron(r.value.ScheduleExpression) ?? r.value.ScheduleExpression ?? null, scheduled: !!r.value.ScheduleExpression, ...s3 };
      }),
    );
    const plain = rules.filter((r): r is RuleFact => !isErrorFact(r));
    const live = plain.filter((r) => r.state === "ENABLED");
    const needed = !live.some((r) => r.scheduled) && plain.some((r) => r.s3Event === "objectCreated");
    if (!needed) return { stateMachine, rules, notifications: { needed: false } };
    const bucket = await findBucket(ctx);
    const name = plain.find((r) => r.s3Event === "objectCreated" && r.buckets.length)?.buckets[0] ?? (bucket.kind === "found" ? bucket.name : null);
    if (!name) return { stateMachine, rules, notifications: { needed: true, bucket: null, eventBridgeEnabled: false } };
    const n = await ctx.read("s3", new GetBucketNotificationConfigurationCommand({ Bucket: name }), { missing: ["NoSuchBucket"] });
    return {
      stateMachine,
      rules,
      notifications: n.ok ? { needed: true, bucket: name, eventBridgeEnabled: n.value.EventBridgeConfiguration !== undefined } : n.missing ? { needed: true, bucket: name, eventBridgeEnabled: false } : n.fact,
    };
  },
};
