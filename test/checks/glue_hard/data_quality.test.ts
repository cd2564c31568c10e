// Task 11 check: whose rulesets, identification by content, facts from mocked Glue responses, and graded worlds end to end.
import { beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import { EntityNotFoundException, GetDataQualityRulesetCommand, GlueClient, ListDataQualityRulesetsCommand } from "@aws-sdk/client-glue";
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext } from "../../../src/grade/check.js";
import { assignRulesets, dataQuality, rulesetFacts } from "../../../checks/glue_hard/data_quality.js";
import { completeWorld, emptyWorld, partialWorld } from "../../support/world/index.js";
import { dqdl, handlers, LAB_DQ_RULES } from "../../support/world/parts/catalog-formats.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const glue = mockClient(GlueClient);
const names = { landingDb: "landing_7", bronzeDb: "bronze_7", silverDb: "silver_7", goldDb: "gold_7" };
const ctx = () => new CheckContext(new AwsSession({ region: "us-east-1", maxAttempts: 1 }), "7", names, "111122223333");

beforeEach(() => {
  glue.reset();
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
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

describe("data_quality check (client mock)", () => {
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
    glue.on(GetDataQualityRulesetCommand).callsFake((i: { Name: string }) => {
      if (!texts[i.Name]) throw new EntityNotFoundException({ message: "gone", $metadata: { httpStatusCode: 400 } });
      return { Name: i.Name, Ruleset: texts[i.Name], TargetTable: { DatabaseName: i.Name === "anomalies" ? "gold_7" : "silver_7", TableName: "transactions" } };
    });
    const f = await dataQuality.collect(ctx());
    expect(glue.commandCalls(GetDataQualityRulesetCommand).map((c) => c.args[0].input.Name)).toEqual(["schema-checks-7", "biz", "anomalies", "deleted-7"]);
    expect(f.count).toBe(3);
    expect(f.schemaValidation).toMatchObject({ name: "schema-checks-7", ruleCount: 6, parseError: null });
    expect(f.businessRules).toMatchObject({ name: "biz", database: "silver_7", signatures: expect.arrayContaining(["CustomSql", "Uniqueness transaction_id"]) });
    expect(f.anomalyDetection).toMatchObject({ name: "anomalies", signatures: ["Mean amount", "StandardDeviation amount", "CustomSql"] });
  });

  it("AccessDenied on a ruleset makes the unmatched slots errors, not failures", async () => {
    glue.on(ListDataQualityRulesetsCommand).resolves({ Rulesets: [{ Name: "a-7" }, { Name: "b-7" }] });
    glue.on(GetDataQualityRulesetCommand, { Name: "a-7" }).resolves({ Name: "a-7", Ruleset: dqdl(LAB_DQ_RULES.schema) });
    glue.on(GetDataQualityRulesetCommand, { Name: "b-7" }).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await dataQuality.collect(ctx());
    expect(f.schemaValidation).toMatchObject({ name: "a-7" });
    expect(f.businessRules).toMatchObject({ $error: { action: "glue:GetDataQualityRuleset" } });
    expect(f.count).toMatchObject({ $error: { kind: "accessDenied" } });
  });

  it("a failed listing is an error fact everywhere", async () => {
    glue.on(ListDataQualityRulesetsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await dataQuality.collect(ctx());
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
