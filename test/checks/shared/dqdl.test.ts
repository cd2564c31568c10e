// The DQDL reader: the lab's rulesets, composites, strings and comments, garbage and oversized input (never a throw).
import { describe, expect, it } from "vitest";
import { DQDL_LIMITS, parseDqdl } from "../../../checks/shared/dqdl.js";
import { dqdl, LAB_DQ_RULES } from "../../support/world/parts/catalog-formats.js";

describe("parseDqdl", () => {
  it("reads the lab's three rulesets as printed", () => {
    expect(parseDqdl(dqdl(LAB_DQ_RULES.schema))).toMatchObject({
      ok: true,
      topLevelRules: 6,
      signatures: ["ColumnExists customer_id", "ColumnExists transaction_id", "ColumnExists amount", "ColumnDataType customer_id", "ColumnDataType amount", "ColumnLength customer_id"],
    });
    const business = parseDqdl(dqdl(LAB_DQ_RULES.business));
    expect(business.signatures).toEqual(["ColumnValues amount", "ColumnValues currency", "RowCount", "CustomSql", "Uniqueness transaction_id", "Completeness customer_id"]);
    expect(business.rules[1]).toMatchObject({ type: "ColumnValues", params: ["currency"], condition: 'in [ "USD" , "EUR" , "GBP" ]' });
    expect(business.rules[3]).toMatchObject({ type: "CustomSQL", canonicalType: "CustomSql", known: true, params: ["SELECT COUNT(*) FROM $table WHERE amount < 0"], condition: "= 0" });
    const anomaly = parseDqdl(dqdl(LAB_DQ_RULES.anomaly));
    expect(anomaly).toMatchObject({ ok: true, topLevelRules: 3, signatures: ["Mean amount", "StandardDeviation amount", "CustomSql"] });
    expect(anomaly.rules[2]!.condition).toBe("within 20 % of historical average");
  });

  it("expands composite rules, nested ones included", () => {
    const p = parseDqdl('Rules = [ (IsComplete "id") and (IsUnique "id"), ((Mean "a" > 1) OR (Sum "a" < 5)) and (RowCount between 1 and 10), ColumnCount = 3 ]');
    expect(p).toMatchObject({ ok: true, topLevelRules: 3 });
    expect(p.rules.map((r) => [r.signature, r.inComposite])).toEqual([
      ["IsComplete id", true], ["IsUnique id", true], ["Mean a", true], ["Sum a", true], ["RowCount", true], ["ColumnCount", false],
    ]);
    expect(p.rules[4]!.condition).toBe("between 1 and 10");
  });

  it("keeps commas, brackets, # and escaped quotes inside strings; skips comments and other blocks", () => {
    const text = [
      "# a comment with Rules = [ nothing ]",
      'Metadata = { "AuthorName": "x" }',
      "Rules = [",
      '  ColumnValues "email" matches "[^@,]+@[a-z]+\\\\.#\\"q\\"" with threshold > 0.9, # trailing comment',
      '  ColumnValues "b" > 0 where "c = \'x, y\'",',
      '  columnexists "Customer_ID",',
      '  ColumnCorrelation "a" "b" > 0.8,',
      '  MadeUpRule "z" = 1,',
      "]",
      'Analyzers = [ Completeness "x" ]',
    ].join("\n");
    const p = parseDqdl(text);
    expect(p.ok).toBe(true);
    expect(p.signatures).toEqual(["ColumnValues email", "ColumnValues b", "ColumnExists Customer_ID", "ColumnCorrelation a b", "MadeUpRule z"]);
    expect(p.rules[0]!.condition).toBe('matches "[^@,]+@[a-z]+\\\\.#\\"q\\"" with threshold > 0.9');
    expect(p.rules[2]).toMatchObject({ type: "columnexists", canonicalType: "ColumnExists", known: true });
    expect(p.rules[4]).toMatchObject({ known: false, canonicalType: "MadeUpRule" });
  });

  it("accepts an empty Rules list", () => {
    expect(parseDqdl("Rules = [ ]")).toMatchObject({ ok: true, rules: [], topLevelRules: 0, signatures: [] });
  });

  it.each([
    ["not text", 42, "empty"],
    ["empty", "   ", "empty"],
    ["no Rules block", "hello world", "no \"Rules"],
    ["unterminated list", 'Rules = [ ColumnExists "a"', "unclosed"],
    ["unterminated string", 'Rules = [ ColumnExists "a ]', "unterminated string"],
    ["mismatched brackets", 'Rules = [ (ColumnExists "a"] ]', "unbalanced"],
    ["a rule that is a number", "Rules = [ 42 ]", "instead of a rule type"],
    ["an empty composite operand", 'Rules = [ (IsComplete "a") and ]', "empty operand"],
  ])("%s → a parse error, not a throw", (_label, text, error) => {
    const p = parseDqdl(text);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.error).toContain(error);
    expect(p.rules).toEqual([]);
  });

  it("bounds oversized and pathological input quickly", () => {
    const t = Date.now();
    expect(parseDqdl("Rules = [" + ' RowCount > 1,'.repeat(6000) + "]")).toMatchObject({ ok: false, error: expect.stringContaining("limit") });
    const many = "Rules = [" + Array.from({ length: 600 }, () => "RowCount>1").join(",") + "]";
    expect(parseDqdl(many)).toMatchObject({ ok: false, error: `more than ${DQDL_LIMITS.maxRules} rules` });
    expect(parseDqdl("Rules = [" + "(".repeat(5000) + "]")).toMatchObject({ ok: false });
    expect(parseDqdl("Rules = [ " + "(".repeat(30) + 'IsComplete "a"' + ")".repeat(30) + " ]")).toMatchObject({ ok: false, error: expect.stringContaining("nested deeper") });
    expect(Date.now() - t).toBeLessThan(2000);
  });
});

// Forms of the awslabs/dqdl grammar (DataQualityDefinitionLanguage.g4), with cases from its parser tests
// (DQRuleTest.provideRawRules, DQRulesetTest): each must read, with the parameters a grade matches on.
describe("parseDqdl follows the official grammar", () => {
  const one = (rule: string) => parseDqdl(`Rules = [ ${rule} ]`);

  it.each([
    ["IsPrimaryKey colA \"col B\"", "IsPrimaryKey colA col B", ["colA", "col B"], ""],
    ["Completeness of col_1 between 0.5 and 0.8", "Completeness col_1", ["col_1"], "between 0.5 and 0.8"],
    ["Completeness of col_1 not between 0.5 and 0.8", "Completeness col_1", ["col_1"], "not between 0.5 and 0.8"],
    ["ColumnCorrelation of col_1 col_2 between 0.4 and 0.8", "ColumnCorrelation col_1 col_2", ["col_1", "col_2"], "between 0.4 and 0.8"],
    ["ColumnCorrelation of col_1 and \"col abc\" between 0.4 and 0.8", "ColumnCorrelation col_1 col abc", ["col_1", "col abc"], "between 0.4 and 0.8"],
    ["ReferentialIntegrity of \"primary.colA\" and \"ref.colA\" = 0.9", "ReferentialIntegrity primary.colA ref.colA", ["primary.colA", "ref.colA"], "= 0.9"],
    ["ColumnValues colA between 1 and 10", "ColumnValues colA", ["colA"], "between 1 and 10"],
    ["DetectAnomalies of RowCount", "DetectAnomalies RowCount", ["RowCount"], ""],
    ["DetectAnomalies of ColumnCorrelation of \"colA\" and \"colB\"", "DetectAnomalies ColumnCorrelation colA colB", ["ColumnCorrelation", "colA", "colB"], ""],
    ["RowCount != 100", "RowCount", [], "!= 100"],
    ["RowCount between (0.9 * average(last(10))) and 1.1 * average(last(10))", "RowCount", [], "between ( 0.9 * average ( last ( 10 ) ) ) and 1.1 * average ( last ( 10 ) )"],
    ["IsPrimaryKey \"colA\" where \"colA > 100\"", "IsPrimaryKey colA", ["colA"], 'where "colA > 100"'],
    ["ColumnValues \"col-A\" in [\"A\",\"B\"] with threshold <= 0.4", "ColumnValues col-A", ["col-A"], 'in [ "A" , "B" ] with threshold <= 0.4'],
    ["ColumnValues \"col-A\" not in [\"a\",NULL]", "ColumnValues col-A", ["col-A"], 'not in [ "a" , NULL ]'],
    ["FileSize between 1 B and 1 GB", "FileSize", [], "between 1 B and 1 GB"],
  ])("%s", (rule, signature, params, condition) => {
    const p = one(rule);
    expect(p).toMatchObject({ ok: true, topLevelRules: 1 });
    expect(p.rules).toHaveLength(1);
    expect(p.rules[0]).toMatchObject({ signature, params, condition, inComposite: false });
  });

  it("$variables declared at the top and used in conditions", () => {
    const p = parseDqdl('allowed = ["USD", "EUR"]\nminimum = "10"\nRules = [ ColumnValues "currency" in $allowed, ColumnValues "amount" = $minimum ]');
    expect(p).toMatchObject({ ok: true, variables: { allowed: ["USD", "EUR"], minimum: "10" }, signatures: ["ColumnValues currency", "ColumnValues amount"] });
    expect(p.rules[0]!.condition).toBe("in $allowed");
  });

  it.each([
    ["and", 'IsComplete "a" and IsUnique "a"', 2],
    ["AND", 'IsComplete "a" AND IsUnique "a" AND ColumnExists "b"', 3],
    ["or", 'RowCount > 0 or IsComplete "a"', 2],
    ["mixed, parenthesised inner", '(RowCount > 0) OR ((IsComplete "colA") AND (IsUnique "colA"))', 3],
    ["official: three ORs", '(RowCount > 0) OR (IsComplete "colA") OR (IsUnique "colA")', 3],
    ["official: nested both sides", '((RowCount > 0) AND (IsComplete "colB")) OR ((IsComplete "colA") AND (IsUnique "colA"))', 4],
  ])("composite without outer parentheses (%s)", (_n, rule, leaves) => {
    const p = one(rule);
    expect(p).toMatchObject({ ok: true, topLevelRules: 1 });
    expect(p.rules).toHaveLength(leaves);
    expect(p.rules.every((r) => r.inComposite)).toBe(true);
  });

  it("labels: on a rule (official form), on a composite `(A AND B) labels = [...]`, and on nested rules", () => {
    expect(one('FileSize < 5 B labels=["key1"="value1", "key2"="value2"]').rules[0]).toMatchObject({ signature: "FileSize", condition: "< 5 B", labels: { key1: "value1", key2: "value2" } });
    const composite = one('(IsComplete "a" AND IsUnique "a") labels = ["team"="data"]');
    expect(composite.rules.map((r) => [r.signature, r.labels, r.inComposite])).toEqual([["IsComplete a", { team: "data" }, true], ["IsUnique a", { team: "data" }, true]]);
    // labels after a parenthesised operand belong to that operand; around a whole composite they reach every rule in it
    const nested = one('(IsComplete "a" labels=["k"="inner"]) and (IsUnique "b") labels=["k"="outer", "x"="y"]');
    expect(nested.rules.map((r) => r.labels)).toEqual([{ k: "inner" }, { k: "outer", x: "y" }]);
    const around = one('((IsComplete "a" labels=["k"="inner"]) and (IsUnique "b")) labels=["k"="outer", "x"="y"]');
    expect(around.rules.map((r) => r.labels)).toEqual([{ k: "inner", x: "y" }, { k: "outer", x: "y" }]);
    expect(one('IsPrimaryKey "colZ" labels=[key=value]')).toMatchObject({ ok: false });
  });

  it("a document with only Analyzers (official DQRulesetTest), and Rules with Analyzers", () => {
    const only = parseDqdl('Metadata = { "Version": "1.0" }\nAnalyzers = [ RowCount, Completeness "colA", Uniqueness of col_A ]');
    expect(only).toMatchObject({ ok: true, rules: [], topLevelRules: 0, analyzerSignatures: ["RowCount", "Completeness colA", "Uniqueness col_A"] });
    const both = parseDqdl('Rules = [ IsPrimaryKey colA "col C" ] Analyzers = [ Completeness "col C", AllStatistics AllColumns ]');
    expect(both).toMatchObject({ ok: true, signatures: ["IsPrimaryKey colA col C"], analyzerSignatures: ["Completeness col C", "AllStatistics AllColumns"] });
  });
});
