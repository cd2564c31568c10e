// An EventBridge rule by name, with its targets: a rule that cannot be described is missing or an error; targets that
// cannot be listed stand as an ErrorFact beside a rule that is otherwise read (only criteria on targets become error).
import { DescribeRuleCommand, ListTargetsByRuleCommand, type DescribeRuleResponse } from "@aws-sdk/client-eventbridge";
import type { CheckContext } from "../../src/grade/check.js";
import type { ErrorFact } from "../../src/grade/facts.js";

/** A rule read. */
export type RuleRead = { kind: "found"; rule: DescribeRuleResponse; targets: string[] | ErrorFact } | { kind: "missing" } | { kind: "error"; fact: ErrorFact };

/** DescribeRule and ListTargetsByRule (all pages), concurrently, on the default event bus. */
export async function readRule(ctx: CheckContext, name: string): Promise<RuleRead> {
  const [rule, targets] = await Promise.all([
    ctx.read("eventbridge", new DescribeRuleCommand({ Name: name }), { missing: ["ResourceNotFoundException"] }),
    ctx.list("eventbridge", (t) => new ListTargetsByRuleCommand({ Rule: name, NextToken: t }), (o) => ({ items: o.Targets, next: o.NextToken })),
  ]);
  if (!rule.ok) return rule.missing ? { kind: "missing" } : { kind: "error", fact: rule.fact };
  return { kind: "found", rule: rule.value, targets: targets.ok ? targets.items.map((t) => t.Arn ?? "").filter(Boolean) : targets.fact };
}
