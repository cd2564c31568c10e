// A Glue Data Quality ruleset: its target table and its DQDL rules, parsed (rule types, columns, conditions).
import { z } from "zod";
import { GetDataQualityRulesetCommand, ListDataQualityRulesetsCommand } from "@aws-sdk/client-glue";
import type { Facts } from "../src/grade/facts.js";
import { parseDqdl } from "../checks/shared/dqdl.js";
import { byName, defineReader, missing, namedFacts, similarFrom } from "./reader.js";

/** Reads one ruleset by name and parses its DQDL. */
export const reader = defineReader({
  id: "glue.dq_ruleset",
  description: "A Glue Data Quality ruleset: its target database and table, and its DQDL parsed into rules (type, quoted columns, condition, and a signature such as \"IsComplete transaction_id\").",
  params: byName,
  facts: namedFacts({
    description: z.string().nullable(),
    targetDatabase: z.string().nullable(),
    targetTable: z.string().nullable(),
    ruleCount: z.number(),
    ruleTypes: z.array(z.string()),
    signatures: z.array(z.string()),
    rules: z.array(z.object({ type: z.string(), params: z.array(z.string()), condition: z.string(), signature: z.string() })),
    parseError: z.string().nullable(),
  }),
  actions: ["glue:GetDataQualityRuleset", "glue:ListDataQualityRulesets"],
  async read(ctx, { name }) {
    const r = await ctx.read("glue", new GetDataQualityRulesetCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("glue", (t) => new ListDataQualityRulesetsCommand({ NextToken: t }), (o) => ({ items: o.Rulesets?.map((x) => x.Name ?? ""), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const parsed = parseDqdl(r.value.Ruleset ?? "");
    const rules = parsed.rules.map((x) => ({ type: x.canonicalType, params: x.params, condition: x.condition, signature: x.signature }));
    return {
      name,
      exists: true,
      description: r.value.Description?.trim() || null,
      targetDatabase: r.value.TargetTable?.DatabaseName ?? null,
      targetTable: r.value.TargetTable?.TableName ?? null,
      ruleCount: rules.length,
      ruleTypes: [...new Set(rules.map((x) => x.type))],
      signatures: parsed.signatures,
      rules,
      parseError: parsed.ok ? null : parsed.error,
    };
  },
});
