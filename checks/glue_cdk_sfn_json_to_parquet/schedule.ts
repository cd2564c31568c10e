// Schedule — compliant: an ENABLED EventBridge rule STF-Hourly-Rule-…-{student} runs every hour at minute {scheduleMinute} (cron({scheduleMinute} * * * ? *)) and targets the state machine.
import type { CheckModule } from "../../src/grade/check.js";
import { normaliseCron } from "../shared/cron.js";
import { findRule, findStateMachine } from "./discover.js";

const EVERY_HOUR = /^(\*|0\/1|\*\/1|0-23)$/;
const EVERY_DAY_OF_MONTH = /^(\*|\?|1-31|1\/1|\*\/1)$/;
const EVERY_MONTH = /^(\*|1-12|JAN-DEC|1\/1|\*\/1)$/;
const EVERY_WEEKDAY = /^(\*|\?|1-7|SUN-SAT|MON-SUN)$/;

/**
 * The minute of a cron that fires every hour at one minute, in any of the forms EventBridge accepts for it
 * ("cron(20 * * * ? *)", "cron(20 0/1 * * ? *)", "cron(20 0-23 ? * MON-SUN *)"), else null.
 */
export function hourlyMinute(cron: string | null): string | null {
  const m = /^cron\((\d+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(cron ?? "");
  if (!m) return null;
  const [, minute, hour, dom, month, dow, year] = m as unknown as [string, string, string, string, string, string, string];
  const oneQuestionMark = (dom === "?") !== (dow === "?");
  return EVERY_HOUR.test(hour) && EVERY_DAY_OF_MONTH.test(dom) && EVERY_MONTH.test(month) && EVERY_WEEKDAY.test(dow) && year === "*" && oneQuestionMark ? minute : null;
}

/** The hourly rule and what it targets. */
export const schedule: CheckModule = {
  id: "schedule",
  description: "The EventBridge rule targeting the state machine (ListRuleNamesByTarget, else by name): state, schedule expression, targets.",
  names: ["rule", "rulePrefix", "stateMachine", "stateMachinePrefix", "stack"],
  actions: ["events:ListRuleNamesByTarget", "events:ListRules", "events:DescribeRule", "events:ListTargetsByRule", "states:ListStateMachines", "states:DescribeStateMachine", "cloudformation:ListStackResources"],
  async collect(ctx) {
    const [rule, sm] = await Promise.all([findRule(ctx), findStateMachine(ctx)]);
    if (rule.kind === "error") return { rule: rule.fact };
    if (rule.kind === "missing") return { rule: { exists: false, expected: rule.expected, similar: rule.similar } };
    const written = normaliseCron(rule.rule.ScheduleExpression) ?? rule.rule.ScheduleExpression ?? null;
    const minute = hourlyMinute(written);
    // every equivalent hourly form reads as the lab's spelling, so the rubric compares one string
    const schedule = minute !== null ? `cron(${minute} * * * ? *)` : written;
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
