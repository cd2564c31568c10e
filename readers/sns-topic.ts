// An SNS topic: attributes (display name, encryption key) and its subscriptions (protocol, masked endpoint, confirmed or pending).
import { z } from "zod";
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand } from "@aws-sdk/client-sns";
import type { Facts } from "../src/grade/facts.js";
import { byName, defineReader, missing, namedFacts, orError, similarFrom } from "./reader.js";

/** Reads one topic by name in the run's account and region. */
export const reader = defineReader({
  id: "sns.topic",
  description: "An SNS topic: its ARN, display name, KMS key, and its subscriptions (protocol, endpoint masked, confirmed or pending) with their protocols.",
  params: byName,
  facts: namedFacts({
    arn: z.string(),
    displayName: z.string().nullable(),
    kmsMasterKeyId: z.string().nullable(),
    subscriptions: orError(z.array(z.object({ protocol: z.string(), endpoint: z.string(), confirmed: z.boolean() }))),
    protocols: orError(z.array(z.string())),
    confirmedCount: z.number().nullable(),
  }),
  actions: ["sns:GetTopicAttributes", "sns:ListTopics", "sns:ListSubscriptionsByTopic"],
  async read(ctx, { name }) {
    const arn = `arn:${await ctx.partition()}:sns:${ctx.region}:${(await ctx.accountId()) ?? ""}:${name}`;
    const r = await ctx.read("sns", new GetTopicAttributesCommand({ TopicArn: arn }), { missing: ["NotFoundException", "NotFound"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("sns", (t) => new ListTopicsCommand({ NextToken: t }), (o) => ({ items: o.Topics?.map((x) => x.TopicArn?.split(":").pop() ?? ""), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const a = r.value.Attributes ?? {};
    const subs = await ctx.list("sns", (t) => new ListSubscriptionsByTopicCommand({ TopicArn: arn, NextToken: t }), (o) => ({ items: o.Subscriptions, next: o.NextToken }), { maxPages: 10, partialOk: true });
    const list = subs.ok ? subs.items.map((s) => ({ protocol: s.Protocol ?? "", endpoint: s.Endpoint ?? "", confirmed: !!s.SubscriptionArn && s.SubscriptionArn.startsWith("arn:") })) : subs.fact;
    const confirmed = Number(a.SubscriptionsConfirmed);
    return {
      name,
      exists: true,
      arn,
      displayName: a.DisplayName || null,
      kmsMasterKeyId: a.KmsMasterKeyId || null,
      subscriptions: list,
      protocols: Array.isArray(list) ? [...new Set(list.map((s) => s.protocol))] : list,
      confirmedCount: Number.isFinite(confirmed) ? confirmed : null,
    } as Facts;
  },
});
