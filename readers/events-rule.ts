// An EventBridge rule on the default bus: state, schedule or event pattern (sources and detail types), and the ARNs of its targets.
import { z } from "zod";
import { ListRulesCommand } from "@aws-sdk/client-eventbridge";
import type { Facts } from "../src/grade/facts.js";
import { normaliseCron } from "../checks/shared/cron.js";
import { patternSources } from "../checks/shared/event-pattern.js";
import { readRule } from "../checks/shared/event-rules.js";
import { byName, defineReader, missing, namedFacts, orError, similarFrom } from "./reader.js";

/** Reads one rule and its targets. */
export const reader = defineReader({
  id: "events.rule",
  description: "An EventBridge rule on the default event bus: state, schedule expression (cron normalised), event pattern (raw, with its sources and detail types), and the ARNs of its targets.",
  params: byName,
  facts: namedFacts({
    state: z.string().nullable(),
    schedule: z.string().nullable(),
    pattern: z.string().nullable(),
    sources: z.array(z.string()),
    detailTypes: z.array(z.string()),
    patternError: z.string().nullable(),
    targets: orError(z.array(z.string())),
    targetServices: orError(z.array(z.string())),
  }),
  actions: ["events:DescribeRule", "events:ListTargetsByRule", "events:ListRules"],
  async read(ctx, { name }) {
    const r = await readRule(ctx, name);
    if (r.kind === "error") return r.fact as unknown as Facts;
    if (r.kind === "missing") {
      const all = await ctx.list("eventbridge", (t) => new ListRulesCommand({ NextToken: t }), (o) => ({ items: o.Rules?.map((x) => x.Name ?? ""), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const p = r.rule.EventPattern ? patternSources(r.rule.EventPattern) : undefined;
    const schedule = r.rule.ScheduleExpression?.trim() ?? null;
    return {
      name,
      exists: true,
      state: r.rule.State ?? null,
      schedule: schedule && /^cron/i.test(schedule) ? normaliseCron(schedule) : schedule,
      pattern: r.rule.EventPattern?.slice(0, 4096) ?? null,
      sources: p?.sources ?? [],
      detailTypes: p?.detailTypes ?? [],
      patternError: p?.parseError ?? null,
      targets: r.targets,
      targetServices: Array.isArray(r.targets) ? [...new Set(r.targets.map((a) => a.split(":")[2] ?? ""))] : r.targets,
    } as Facts;
  },
});
