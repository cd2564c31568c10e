// JUnit XML from real reports parsed back with an XML parser (and xmllint when installed), and a hostile report.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { renderJunit } from "../../src/report/junit.js";
import { dropForbidden } from "../../src/report/escape.js";
import type { GradeReport } from "../../src/grade/result.js";
import { hostile, PAYLOADS, realReports, WARNING_PAYLOADS, withErrors, withWarnings } from "./fixtures.js";

type Attrs = Record<string, string>;
interface Case extends Attrs { }
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
  isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
});

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites as Attrs & { testsuite: (Attrs & { testcase: (Case & Record<string, any>)[]; properties: { property: Attrs[] } })[] };
}

/** xmllint is strict about characters XML 1.0 forbids; fast-xml-parser is not. */
function xmllint(xml: string): void {
  if (!existsSync("/usr/bin/xmllint")) return;
  execFileSync("/usr/bin/xmllint", ["--noout", "-"], { input: xml });
}

function assertMatches(xml: string, r: GradeReport): void {
  const root = parse(xml);
  const all = r.tasks.flatMap((t) => t.criteria);
  expect(Number(root.tests)).toBe(all.length);
  expect(Number(root.failures)).toBe(r.counts.fail);
  expect(Number(root.errors)).toBe(r.counts.error);
  expect(Number(root.skipped)).toBe(r.counts.skipped + r.counts.manual);
  expect(Number(root.time)).toBeCloseTo(r.durationMs / 1000, 3);
  expect(root.testsuite).toHaveLength(r.tasks.length);
  r.tasks.forEach((task, i) => {
    const s = root.testsuite[i]!;
    expect(s.name).toBe(dropForbidden(task.title));
    expect(Number(s.tests)).toBe(task.criteria.length);
    expect(Number(s.failures)).toBe(task.criteria.filter((c) => c.status === "fail").length);
    expect(Number(s.errors)).toBe(task.criteria.filter((c) => c.status === "error").length);
    expect(Number(s.skipped)).toBe(task.criteria.filter((c) => c.status === "skipped" || c.status === "manual").length);
    expect(s.time).toBe("0.000");
    expect(s.properties.property.find((p) => p.name === "points")!.value).toBe(String(task.points));
    expect(s.testcase).toHaveLength(task.criteria.length);
    task.criteria.forEach((c, j) => {
      const tc = s.testcase[j]!;
      expect(tc.classname).toBe(task.id);
      expect(tc.name).toBe(dropForbidden(c.title));
      const has = (k: string) => tc[k] !== undefined;
      expect([has("failure"), has("error"), has("skipped")]).toEqual([c.status === "fail", c.status === "error", c.status === "skipped" || c.status === "manual"]);
      if (c.status === "fail") {
        expect(tc.failure.message).toBe(dropForbidden(c.message));
        // the criterion's own sentence, not a reconstruction from expected/actual
        expect(tc.failure["#text"].startsWith(dropForbidden(c.message))).toBe(true);
        expect(tc.failure["#text"]).not.toMatch(/^(expected|found): /m);
        if (c.hint) expect(tc.failure["#text"]).toContain(`hint: ${dropForbidden(c.hint)}`);
      }
      if (c.status === "error") {
        expect(tc.error.type).toBe(c.action);
        expect(tc.error["#text"]).toContain(`AWS action: ${c.action}`);
        expect(tc.error.message).toMatch(/^could not be checked: /);
        expect(tc.error.message).not.toMatch(/could not be checked: could not be checked/);
      }
      if (c.status === "manual") expect(tc.skipped.message).toMatch(/^awaits a human grader/);
      if (c.status === "skipped") expect(tc.skipped.message).toBe(dropForbidden(c.message));
      if (c.status === "warning") expect(tc["system-out"]).toContain(`warning: ${dropForbidden(c.message)}`);
      else expect(tc["system-out"]).toBeUndefined();
    });
  });
}

describe("junit reporter", () => {
  it("the complete world: every criterion a testcase, counts in the attributes", async () => {
    const { complete } = await realReports();
    const xml = renderJunit(complete);
    xmllint(xml);
    assertMatches(xml, complete);
    expect(complete.counts.pass).toBeGreaterThan(50);
  });

  it("the partial world with errors: failure, error (naming the IAM action) and skipped elements", async () => {
    const r = withErrors((await realReports()).partial);
    expect(r.counts.fail).toBeGreaterThan(5);
    expect(r.counts.error).toBe(2);
    expect(r.counts.manual).toBeGreaterThan(0);
    const xml = renderJunit(r);
    xmllint(xml);
    assertMatches(xml, r);
    expect(xml).toContain(`type="s3:GetBucketPolicy"`);
  });

  it("warnings: passing testcases (no failure, error or skipped) with the advice in <system-out>, escaped", async () => {
    const r = withWarnings((await realReports()).partial);
    const xml = renderJunit(r);
    xmllint(xml);
    assertMatches(xml, r);
    const root = parse(xml);
    expect(Number(root.failures)).toBe(r.counts.fail);
    expect(Number(root.errors)).toBe(0);
    const warn = root.testsuite.flatMap((s) => s.testcase).filter((tc) => tc["system-out"] !== undefined);
    expect(warn).toHaveLength(WARNING_PAYLOADS.length);
    for (const tc of warn) expect([tc.failure, tc.error, tc.skipped]).toEqual([undefined, undefined, undefined]);
    expect(warn.map((tc) => (tc["system-out"] as string).split(" expected")[0])).toEqual(WARNING_PAYLOADS.map((p) => `warning: ${dropForbidden(p)}`));
    expect(xml).not.toContain("<img");
    expect(xml).toContain("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(xml).not.toMatch(/\u001b/);
  });

  it("a hostile report is still valid XML and every payload comes back as text", async () => {
    const r = hostile((await realReports()).partial);
    const xml = renderJunit(r);
    xmllint(xml);
    assertMatches(xml, r);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(xml).not.toContain("<img");
    expect(xml).not.toContain("</script>");
    expect(xml).not.toContain("]]>");
    const names = parse(xml).testsuite.flatMap((s) => s.testcase.map((c) => c.name));
    for (const p of PAYLOADS.filter((x) => dropForbidden(x) !== "")) expect(names.some((n) => n.startsWith(dropForbidden(p)))).toBe(true);
  });
});
