// Task 8 — compliant: an ENABLED EventBridge rule targets the state machine, on a schedule or on S3 "Object Created" events (then the bucket sends events to EventBridge).
import { DescribeRuleCommand, ListRuleNamesByTargetCommand } from "@aws-sdk/client-eventbridge";
import { GetBucketNotificationConfigurationCommand } from "@aws-sdk/client-s3";
import { normaliseCron } from "../shared/cron.js";
import { isObject, parseJson, stringList } from "../shared/parse-json.js";
import { stateMachineFact } from "./common.js";
import { findBucket, findStateMachine } from "./discover.js";
/** What an event pattern listens to: S3 object creation (EventBridge notifications or CloudTrail), and which buckets. */
export function s3PatternFacts(pattern) {
    if (!pattern)
        return { s3Event: null, buckets: [] };
    const p = parseJson(pattern, 20_000);
    if (!p.ok)
        return { s3Event: null, buckets: [], patternError: p.error };
    if (!isObject(p.value))
        return { s3Event: null, buckets: [], patternError: "not a JSON object" };
    const v = p.value;
    const sources = stringList(v.source);
    if (!sources.includes("aws.s3"))
        return { s3Event: null, buckets: [] };
    const types = stringList(v["detail-type"]);
    const detail = isObject(v.detail) ? v.detail : {};
    const bucketField = isObject(detail.bucket) ? detail.bucket.name : isObject(detail.requestParameters) ? detail.requestParameters.bucketName : undefined;
    const buckets = (Array.isArray(bucketField) ? bucketField : [bucketField]).filter((b) => typeof b === "string");
    if (types.length === 0 || types.some((t) => /object created/i.test(t)))
        return { s3Event: "objectCreated", buckets };
    if (types.some((t) => /cloudtrail/i.test(t)))
        return { s3Event: "cloudtrail", buckets };
    return { s3Event: `other (${types.join(", ").slice(0, 80)})`, buckets };
}
/** Task 8: automated triggering. */
export const trigger = {
    id: "trigger",
    description: "EventBridge rules targeting the state machine (ListRuleNamesByTarget, DescribeRule): state, schedule or S3 Object Created pattern; the bucket's EventBridge notifications when the rule listens to S3.",
    names: [],
    actions: ["states:ListStateMachines", "states:ListTagsForResource", "states:DescribeStateMachine", "events:ListRuleNamesByTarget", "events:DescribeRule", "s3:GetBucketNotification", "s3:ListAllMyBuckets", "s3:GetBucketTagging", "glue:GetCrawlers", "glue:GetTags"],
    async collect(ctx) {
        const sm = await findStateMachine(ctx);
        const facts = { stateMachine: stateMachineFact(sm) };
        if (sm.kind !== "found")
            return facts;
        const names = await ctx.list("eventbridge", (t) => new ListRuleNamesByTargetCommand({ TargetArn: sm.arn, NextToken: t }), (o) => ({ items: o.RuleNames, next: o.NextToken }));
        if (!names.ok) {
            facts.rules = names.fact;
            return facts;
        }
        const rules = await Promise.all(names.items.slice(0, 20).map(async (name) => {
            const r = await ctx.read("eventbridge", new DescribeRuleCommand({ Name: name }), { missing: ["ResourceNotFoundException"] });
            if (!r.ok)
                return r.missing ? { name, state: "DELETED", scheduled: false, s3Event: null, buckets: [] } : r.fact;
            const s3 = s3PatternFacts(r.value.EventPattern);
            return { name, state: r.value.State ?? null, schedule: normaliseCron(r.value.ScheduleExpression) ?? r.value.ScheduleExpression ?? null, scheduled: !!r.value.ScheduleExpression, ...s3 };
        }));
        facts.rules = rules;
        const plain = rules.filter((r) => isObject(r) && !("$error" in r));
        const live = plain.filter((r) => r.state === "ENABLED");
        const needed = !live.some((r) => r.scheduled) && plain.some((r) => r.s3Event === "objectCreated");
        if (!needed)
            facts.notifications = { needed: false };
        else {
            const bucket = await findBucket(ctx);
            const name = plain.find((r) => r.s3Event === "objectCreated" && r.buckets?.length)?.buckets?.[0] ?? (bucket.kind === "found" ? bucket.name : null);
            if (!name)
                facts.notifications = { needed: true, bucket: null, eventBridgeEnabled: false };
            else {
                const n = await ctx.read("s3", new GetBucketNotificationConfigurationCommand({ Bucket: name }), { missing: ["NoSuchBucket"] });
                facts.notifications = n.ok ? { needed: true, bucket: name, eventBridgeEnabled: n.value.EventBridgeConfiguration !== undefined } : n.missing ? { needed: true, bucket: name, eventBridgeEnabled: false } : n.fact;
            }
        }
        return facts;
    },
};
