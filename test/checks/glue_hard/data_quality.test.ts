// Task 11 check: whose rulesets, identification by content, facts from scripted Glue answers, and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetDataQualityRulesetCommand, ListDataQualityRulesetsCommand } from "@aws-sdk/client-glue";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { assignRulesets, dataQuality, dataQualityFactsSchema, rulesetFacts } from "../../../checks/glue_hard/data_quality.js";
import { completeWorld, emptyWorld, partialWorld } from "../../support/world/index.js";
import { dqdl, handlers, LAB_DQ_RULES } from "../../support/world/parts/catalog-formats.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const names = { landingDb: "landing_7", bronzeDb: "bronze_7", silverDb: "silver_7", goldDb: "gold_7" };
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");
/** The facts collected from the scripted account, held to the declared schema. */
const collect = async (c = ctx()) => {
  const f = await dataQuality.collect(c);
  dataQualityFactsSchema.parse(f);
  return f;
};

beforeEach(() => {
  aws.reset();
});

// a read the test did not script would pass silently as an ErrorFact
afterEach(() => {
  expect(aws.unscripted).toEqual([]);
});

describe("identifying the lab's rulesets by content", () => {
  const rs = (name: string, rules: readonly string[]) => rulesetFacts(name, "silver_7", "t", dqdl(rules));

  it("assigns each ruleset to the lab ruleset it overlaps most, whatever its name", () => {
    const a = assignRulesets([rs("zzz", LAB_DQ_RULES.anomaly), rs("anomaly-detection", LAB_DQ_RULES.business), rs("x", LAB_DQ_RULES.schema)]);
    expect([a.schemaValidation?.name, a.businessRules?.name, a.anomalyDetection?.name]).toEqual(["x", "anomaly-detection", "zzz"]);
  });

  it("uses a ruleset once: one ruleset holding every rule fills one slot only", () => {
    const a = assignRulesets([rs("all", [...LAB_DQ_RULES.schema, ...LAB_DQ_RULES.business, ...LAB_DQ_RULES.anomaly])]);
    expect(Object.values(a).filter(Boolean)).toHaveLength(1);
  });

  it("leaves a slot empty when no ruleset shares a rule with it", () => {
    expect(assignRulesets([rs("s", LAB_DQ_RULES.schema)])).toMatchObject({ businessRules: null, anomalyDetection: null });
  });

  it("records a parse error for unreadable DQDL", () => {
    // anomaly detection written as Analyzers, or as DetectAnomalies of the statistic, counts as the lab's Mean/StandardDeviation
    expect(rulesetFacts("a", null, null, 'Analyzers = [ Mean "amount", StandardDeviation of amount ]').signatures).toEqual(["Mean amount", "StandardDeviation amount"]);
    expect(rulesetFacts("d", null, null, 'Rules = [ DetectAnomalies of Mean of "amount", DetectAnomalies "StandardDeviation" "amount" ]').signatures).toEqual(expect.arrayContaining(["Mean amount", "StandardDeviation amount"]));
    expect(rulesetFacts("bad", null, null, "Rules = [ ColumnExists \"a")).toMatchObject({ parseError: expect.stringContaining("unterminated"), signatures: [], ruleCount: 0 });
  });
});

describe("data_quality check (scripted answers)", () => {
  it("keeps only the student's rulesets (name or target database), across pages, and reads each once", async () => {
    glue.on(ListDataQualityRulesetsCommand, { NextToken: undefined }).resolves({
      Rulesets: [
        { Name: "schema-checks-7", TargetTable: { DatabaseName: "landing_8", TableName: "t" } },
        { Name: "other-student-17", TargetTable: { DatabaseName: "silver_17", TableName: "t" } },
      ],
      NextToken: "t1",
    });
    glue.on(ListDataQualityRulesetsCommand, { NextToken: "t1" }).resolves({
      Rulesets: [
        { Name: "biz", TargetTable: { DatabaseName: "silver_7", TableName: "transactions" } },
        { Name: "anomalies", TargetTable: { DatabaseName: "gold_7", TableName: "transactions" } },
        { Name: "deleted-7" },
      ],
    });
    const texts: Record<string, string> = { "schema-checks-7": dqdl(LAB_DQ_RULES.schema), biz: dqdl(LAB_DQ_RULES.business), anomalies: dqdl(LAB_DQ_RULES.anomaly) };
    glue.on(GetDataQualityRulesetCommand).callsFake(({ Name = "" }) => {
      if (!texts[Name]) throw new EntityNotFoundException({ message: "gone", $metadata: { httpStatusCode: 400 } });
      return { Name, Ruleset: texts[Name], TargetTable: { DatabaseName: Name === "anomalies" ? "gold_7" : "silver_7", TableName: "transactions" } };
    });
    const f = await collect();
    expect(glue.commandCalls(GetDataQualityRulesetCommand).map((i) => i.Name)).toEqual(["schema-checks-7", "biz", "anomalies", "deleted-7"]);
    expect(f.count).toBe(3);
    expect(f.schemaValidation).toMatchObject({ name: "schema-checks-7", ruleCount: 6, parseError: null });
    expect(f.businessRules).toMatchObject({ name: "biz", database: "silver_7", signatures: expect.arrayContaining(["CustomSql", "Uniqueness transaction_id"]) });
    expect(f.anomalyDetection).toMatchObject({ name: "anomalies", signatures: ["Mean amount", "StandardDeviation amount", "CustomSql"] });
  });

  it("AccessDenied on a ruleset makes the unmatched slots errors, not failures", async () => {
    glue.on(ListDataQualityRulesetsCommand).resolves({ Rulesets: [{ Name: "a-7" }, { Name: "b-7" }] });
    glue.on(GetDataQualityRulesetCommand, { Name: "a-7" }).resolves({ Name: "a-7", Ruleset: dqdl(LAB_DQ_RULES.schema) });
    glue.on(GetDataQualityRulesetCommand, { Name: "b-7" }).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await collect();
    expect(f.schemaValidation).toMatchObject({ name: "a-7" });
    expect(f.businessRules).toMatchObject({ $error: { action: "glue:GetDataQualityRuleset" } });
    expect(f.count).toMatchObject({ $error: { kind: "accessDenied" } });
  });

  it("a failed listing is an error fact everywhere", async () => {
    glue.on(ListDataQualityRulesetsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await collect();
    expect(f.anomalyDetection).toMatchObject({ $error: { action: "glue:ListDataQualityRulesets" } });
  });
});

describe("data_quality task graded from worlds", () => {
  it("a complete world (the lab's rulesets as printed) passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["data_quality"] });
    expect(Object.values(statuses(r))).toEqual(Array(4).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails exactly the missing Uniqueness and StandardDeviation rules", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["data_quality"] });
    expect(statuses(r)).toEqual({
      "data_quality.three_rulesets": "pass",
      "data_quality.schema_validation": "pass",
      "data_quality.business_rules": "fail",
      "data_quality.anomaly_detection": "fail",
    });
    const msg = (id: string) => r.tasks[0]!.criteria.find((c) => c.id === id)!.message.split("; found ")[1]!;
    expect(msg("business_rules")).not.toContain("Uniqueness");
    expect(msg("anomaly_detection")).toBe("Mean amount and CustomSql");
  });

  it("other students' rulesets are not counted", async () => {
    const r = await gradeWorld("glue_hard", emptyWorld("42"), "42", { only: ["data_quality"] });
    expect(statuses(r)).toEqual({ "data_quality.three_rulesets": "fail", "data_quality.schema_validation": "fail", "data_quality.business_rules": "fail", "data_quality.anomaly_detection": "fail" });
    expect(r.tasks[0]!.criteria[0]!.message).toContain("found 0");
  });
});

describe("the world's ListDataQualityRulesets", () => {
  it("applies Filter.Name and Filter.TargetTable and pages like Glue", () => {
    const w = completeWorld("42");
    const list = handlers.glue!.ListDataQualityRulesets!;
    const call = (input: object) => list(w, input, { region: w.region }) as { Rulesets: { Name?: string; RuleCount?: number }[]; NextToken?: string };
    expect(call({ Filter: { Name: "business-rules-42" } }).Rulesets).toEqual([expect.objectContaining({ Name: "business-rules-42", RuleCount: 6 })]);
    const byTable = call({ Filter: { TargetTable: { DatabaseName: "gold_42", TableName: "transactions" } } });
    expect(byTable.Rulesets.map((r) => r.Name)).toEqual(["anomaly-detection-42"]);
    const first = call({});
    expect(first.Rulesets).toHaveLength(3);
    expect(first.NextToken).toBeDefined();
  });
});
