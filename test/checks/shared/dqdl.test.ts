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
    expect(parseDqdl("Rules = [ ]")).toEqual({ ok: true, rules: [], topLevelRules: 0, signatures: [] });
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
