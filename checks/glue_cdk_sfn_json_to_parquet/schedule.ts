// Schedule — compliant: an ENABLED EventBridge rule STF-Hourly-Rule-…-{student} runs every hour at minute {scheduleMinute} (cron({scheduleMinute} * * * ? *)) and targets the state machine.
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import { canonicalSchedule, hourlyMinute, normaliseCron } from "../shared/cron.js";
import { findRule, findStateMachine, foundOrNot } from "./discover.js";

export { hourlyMinute };

/** The facts of the Schedule task. */
export const scheduleFactsSchema = z.object({
  rule: foundOrNot({
    state: z.string().nullable(),
    /** The schedule in one spelling (every hourly form reads cron(M * * * ? *)). */
    schedule: z.string().nullable(),
    /** The expression as normalised, when it differs from `schedule`. */
    written: z.string().nullable().optional(),
    /** The minute of an hourly schedule, else null. */
    minute: z.string().nullable(),
    eventPattern: z.string().nullable(),
    targets: orError(z.array(z.string())),
    targetsStateMachine: orError(z.boolean()),
  }),
});
export type ScheduleFacts = z.infer<typeof scheduleFactsSchema>;

/** The hourly rule and what it targets. */
export const schedule: CheckModule<ScheduleFacts> = {
  id: "schedule",
  description: "The EventBridge rule targeting the state machine (ListRuleNamesByTarget, else by name): state, schedule expression, targets.",
  names: ["rule", "rulePrefix", "stateMachine", "stateMachinePrefix", "stack"],
  actions: ["events:ListRuleNamesByTarget", "events:ListRules", "events:DescribeRule", "events:ListTargetsByRule", "states:ListStateMachines", "states:DescribeStateMachine", "cloudformation:ListStackResources"],
  facts: scheduleFactsSchema,
  async collect(ctx) {
    const [rule, sm] = await Promise.all([findRule(ctx), findStateMachine(ctx)]);
    if (rule.kind === "error") return { rule: rule.fact };
    if (rule.kind === "missing") return { rule: { exists: false, expected: rule.expected, similar: rule.similar } };
    const written = normaliseCron(rule.rule.ScheduleExpression) ?? rule.rule.ScheduleExpression ?? null;
    const minute = hourlyMinute(written);
    // every equivalent hourly form reads as the lab's spelling, so the rubric compares one string
    const schedule = canonicalSchedule(written) ?? written;
    return {
      rule: {
        exists: true,
        name: rule.name,
        foundBy: rule.foundBy,
        state: rule.rule.State ?? null,
        schedule,
        ...(written !== schedule ? { written } : {}),
        minute,
        eventPattern: rule.rule.EventPattern ? rule.rule.EventPattern.slice(0, 300) : null,
        targets: Array.isArray(rule.targets) ? rule.targets.slice(0, 10) : rule.targets,
        targetsStateMachine: Array.isArray(rule.targets) ? sm.kind === "found" && rule.targets.includes(sm.arn) : rule.targets,
      },
    };
  },
};
