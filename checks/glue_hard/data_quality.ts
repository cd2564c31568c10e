// Task 11 — compliant: three Data Catalog DQ rulesets of the student (named with the student ID or targeting one of the student's databases): schema validation (ColumnExists/ColumnDataType/ColumnLength), business rules (ColumnValues amount/currency, RowCount, CustomSql, Uniqueness, Completeness) and anomaly detection (Mean and StandardDeviation of amount).
import { GetDataQualityRulesetCommand, ListDataQualityRulesetsCommand, type DataQualityRulesetListDetails } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { DQDL_RULE_TYPES, parseDqdl, type DqdlParse } from "../shared/dqdl.js";
import { mentionsStudent } from "../shared/student-owned.js";

/** The lab's three rulesets, as rule signatures ("RuleType column"). The anomaly ruleset's third rule is not valid DQDL, so only Mean and StandardDeviation are required. */
export const LAB_RULESETS = {
  schemaValidation: ["ColumnExists customer_id", "ColumnExists transaction_id", "ColumnExists amount", "ColumnDataType customer_id", "ColumnDataType amount", "ColumnLength customer_id"],
  businessRules: ["ColumnValues amount", "ColumnValues currency", "RowCount", "CustomSql", "Uniqueness transaction_id", "Completeness customer_id"],
  anomalyDetection: ["Mean amount", "StandardDeviation amount"],
} as const;

type Category = keyof typeof LAB_RULESETS;
const CATEGORIES = Object.keys(LAB_RULESETS) as Category[];

/** One of the student's rulesets, read and parsed. */
export const rulesetFactsSchema = z.object({
  name: z.string(),
  database: z.string().nullable(),
  table: z.string().nullable(),
  /** Rules in `Rules = [ … ]` (a composite counts once). */
  ruleCount: z.number(),
  parseError: z.string().nullable(),
  signatures: z.array(z.string()),
  rules: z.array(z.object({ signature: z.string(), type: z.string(), condition: z.string() })),
});
export type RulesetFacts = z.infer<typeof rulesetFactsSchema>;

/** The ruleset matched to one of the lab's three (null: none matches; an ErrorFact when a ruleset could not be read). */
const assignedSchema = orError(rulesetFactsSchema.nullable());

/** The facts of Task 11. */
export const dataQualityFactsSchema = z.object({
  rulesets: orError(z.array(orError(rulesetFactsSchema))),
  count: orError(z.number()),
  schemaValidation: assignedSchema,
  businessRules: assignedSchema,
  anomalyDetection: assignedSchema,
});
export type DataQualityFacts = z.infer<typeof dataQualityFactsSchema>;

const MAX_RULESETS = 50;
const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The signatures a ruleset is matched on: its rules', its analyzers' (`Analyzers = [ Mean "amount" ]` gathers the
 * statistic anomaly detection watches), and the rule a `DetectAnomalies of Mean of "amount"` watches ("Mean amount").
 */
function gradedSignatures(p: DqdlParse): string[] {
  const watched = [...p.rules, ...p.analyzers]
    .filter((r) => r.canonicalType === "DetectAnomalies" && r.params.length > 0 && DQDL_RULE_TYPES.some((t) => t.toLowerCase() === r.params[0]!.toLowerCase()))
    .map((r) => [DQDL_RULE_TYPES.find((t) => t.toLowerCase() === r.params[0]!.toLowerCase())!, ...r.params.slice(1)].join(" "));
  return [...new Set([...p.signatures, ...p.analyzerSignatures, ...watched])];
}

/** Reads one DQDL text into ruleset facts. */
export function rulesetFacts(name: string, database: string | null, table: string | null, dqdl: string | undefined): RulesetFacts {
  const p = parseDqdl(dqdl);
  return {
    name: clip(name),
    database,
    table,
    ruleCount: p.topLevelRules,
    parseError: p.ok ? null : p.error,
    signatures: gradedSignatures(p).slice(0, 100),
    rules: p.rules.slice(0, 30).map((r) => ({ signature: r.signature, type: r.type, condition: r.condition })),
  };
}

/** How many of a lab ruleset's signatures a student ruleset has (column names compared without case). */
function overlap(r: RulesetFacts, c: Category): number {
  const have = new Set(r.signatures.map((s) => s.toLowerCase()));
  return LAB_RULESETS[c].filter((s) => have.has(s.toLowerCase())).length;
}

/** Assigns rulesets to the lab's three by content: repeatedly the pair with the largest overlap, each ruleset used once. */
export function assignRulesets(rulesets: RulesetFacts[]): Record<Category, RulesetFacts | null> {
  const out: Record<Category, RulesetFacts | null> = { schemaValidation: null, businessRules: null, anomalyDetection: null };
  const used = new Set<number>();
  for (;;) {
    let best: { c: Category; i: number; score: number } | undefined;
    for (const c of CATEGORIES) {
      if (out[c]) continue;
      rulesets.forEach((r, i) => {
        if (used.has(i)) return;
        const score = overlap(r, c) / LAB_RULESETS[c].length;
        if (score > 0 && (!best || score > best.score)) best = { c, i, score };
      });
    }
    if (!best) return out;
    out[best.c] = rulesets[best.i]!;
    used.add(best.i);
  }
}

/** Task 11: the student's data-quality rulesets, identified by content. */
export const dataQuality: CheckModule<DataQualityFacts> = {
  id: "data_quality",
  description: "Glue Data Catalog data-quality rulesets of the student (name mentions the student ID, or the target table is in one of the student's databases): DQDL parsed and matched to the lab's three rulesets.",
  names: ["landingDb", "bronzeDb", "silverDb", "goldDb"],
  actions: ["glue:ListDataQualityRulesets", "glue:GetDataQualityRuleset"],
  facts: dataQualityFactsSchema,
  async collect(ctx) {
    const dbs = new Set(["landingDb", "bronzeDb", "silverDb", "goldDb"].map((k) => ctx.name(k)));
    const listed = await ctx.list("glue", (t) => new ListDataQualityRulesetsCommand({ NextToken: t }), (o) => ({ items: o.Rulesets, next: o.NextToken }));
    if (!listed.ok) return { rulesets: listed.fact, count: listed.fact, schemaValidation: listed.fact, businessRules: listed.fact, anomalyDetection: listed.fact };
    const mine = listed.items
      .filter((r: DataQualityRulesetListDetails) => mentionsStudent(r.Name, ctx.student) || (r.TargetTable?.DatabaseName !== undefined && dbs.has(r.TargetTable.DatabaseName)))
      .slice(0, MAX_RULESETS);
    const read = await Promise.all(
      mine.map(async (item): Promise<RulesetFacts | ErrorFact | null> => {
        const r = await ctx.read("glue", new GetDataQualityRulesetCommand({ Name: item.Name }), { missing: ["EntityNotFoundException"] });
        if (!r.ok) return r.missing ? null : r.fact;
        const t = r.value.TargetTable ?? item.TargetTable;
        return rulesetFacts(r.value.Name ?? item.Name ?? "", t?.DatabaseName ?? null, t?.TableName ?? null, r.value.Ruleset);
      }),
    );
    const found = read.filter((r): r is RulesetFacts | ErrorFact => r !== null);
    const ok = found.filter((r): r is RulesetFacts => !isErrorFact(r));
    const firstError = found.find(isErrorFact);
    const assigned = assignRulesets(ok);
    const category = (c: Category): RulesetFacts | ErrorFact | null => assigned[c] ?? firstError ?? null;
    return {
      rulesets: found,
      count: firstError && ok.length < 3 ? firstError : ok.length,
      schemaValidation: category("schemaValidation"),
      businessRules: category("businessRules"),
      anomalyDetection: category("anomalyDetection"),
    };
  },
};
