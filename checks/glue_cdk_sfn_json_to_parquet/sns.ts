// SNS — compliant: the state machine's failure branch publishes to a topic (from environment.conf, not created by the stack) that exists in the account.
import { GetTopicAttributesCommand } from "@aws-sdk/client-sns";
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import type { StateMachineAnalysis } from "../shared/state-machine.js";
import { findStateMachine } from "./discover.js";

/** The literal TopicArn of the definition's first sns:publish task (null when none or computed at run time). */
export function topicOf(analysis: StateMachineAnalysis): string | null {
  const t = analysis.tasks.find((x) => x.kind === "snsPublish" && x.topicArn && !x.dynamic.includes("TopicArn"));
  return t?.topicArn ?? null;
}

/** The facts of the SNS task. */
export const snsFactsSchema = z.object({
  topic: orError(
    z.union([
      z.object({ referenced: z.literal(false), arn: z.null(), why: z.string() }),
      z.object({ referenced: z.literal(true), arn: z.string(), exists: z.boolean(), inThisAccount: z.boolean(), subscriptions: z.number() }),
    ]),
  ),
});
export type SnsFacts = z.infer<typeof snsFactsSchema>;

/** SNS: the topic the failure branch notifies. */
export const sns: CheckModule<SnsFacts> = {
  id: "sns",
  description: "The TopicArn of the state machine's sns:publish task, and GetTopicAttributes on it (the topic comes from environment.conf).",
  names: ["stateMachine", "stateMachinePrefix", "stack"],
  actions: ["states:ListStateMachines", "states:DescribeStateMachine", "sns:GetTopicAttributes", "cloudformation:ListStackResources"],
  facts: snsFactsSchema,
  async collect(ctx) {
    const sm = await findStateMachine(ctx);
    if (sm.kind !== "found") return { topic: { referenced: false, arn: null, why: "the state machine was not found" } };
    const arn = topicOf(sm.analysis);
    if (!arn) return { topic: { referenced: false, arn: null, why: "no sns:publish task with a literal TopicArn" } };
    const region = /^arn:[^:]+:sns:([^:]+):/.exec(arn)?.[1];
    const r = await ctx.read("sns", new GetTopicAttributesCommand({ TopicArn: arn }), { missing: ["NotFoundException", "NotFound"], ...(region ? { region } : {}) });
    if (!r.ok && !r.missing) return { topic: r.fact };
    const account = /^arn:[^:]+:sns:[^:]+:(\d{12}):/.exec(arn)?.[1] ?? null;
    return {
      topic: {
        referenced: true,
        arn,
        exists: r.ok,
        inThisAccount: account !== null && account === (await ctx.accountId()),
        subscriptions: r.ok ? Number(r.value.Attributes?.SubscriptionsConfirmed ?? "0") : 0,
      },
    };
  },
};
