// Markdown rendered back to HTML with a GFM renderer (marked) and read with a DOM: table, summary, failing list; hostile text stays text.
import { describe, expect, it } from "vitest";
import { marked } from "marked";
import { parseHTML } from "linkedom";
import { renderMarkdown } from "../../src/report/markdown.js";
import { mdText } from "../../src/report/escape.js";
import type { GradeReport } from "../../src/grade/result.js";
import { nextSteps } from "../../src/report/wording.js";
import { hostile, PAYLOADS, realReports, WARNING_PAYLOADS, withErrors, withWarnings } from "./fixtures.js";

function dom(md: string) {
  const html = marked.parse(md, { gfm: true, async: false }) as string;
  return parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`).document;
}

function assertStructure(md: string, r: GradeReport) {
  const doc = dom(md);
  const rows = [...doc.querySelectorAll("table tbody tr")];
  expect(rows).toHaveLength(r.tasks.length);
  rows.forEach((row, i) => {
    const cells = [...row.querySelectorAll("td")].map((td) => td.textContent ?? "");
    expect(cells).toHaveLength(3);
    const t = r.tasks[i]!;
    expect(cells[1]).toContain(`${t.points} / ${t.maxPoints}`);
  });
  const problems = r.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "fail" || c.status === "error" || c.status === "warning");
  expect([...doc.querySelectorAll("body > ul > li")].length).toBe(problems.length);
  return doc;
}

describe("markdown reporter", () => {
  it("the partial world: summary line, one table row per task, next steps, each failing criterion with its sentence and hint", async () => {
    const r = withErrors((await realReports()).partial);
    const md = renderMarkdown(r);
    const doc = assertStructure(md, r);
    const text = doc.body.textContent ?? "";
    expect(text).toContain(`Score ${r.score.points} / ${r.score.maxPoints} (${r.score.percent}%)`);
    expect(text).toContain(`pass mark ${r.score.threshold}%`);
    expect(text).toContain(r.score.passed ? "passed" : "not passed");
    const rows = [...doc.querySelectorAll("table tbody tr")];
    r.tasks.forEach((t, i) => expect(rows[i]!.querySelector("td")!.textContent).toBe(t.title));
    const items = [...doc.querySelectorAll("body > ul > li")].map((li) => li.textContent ?? "");
    const first = r.tasks.flatMap((t) => t.criteria).find((c) => c.status === "fail" && c.hint && c.expected)!;
    const item = items.find((x) => x.includes(first.title))!;
    expect(item).toContain(first.message);
    expect(item).not.toContain("found: ");
    expect(item).toContain(`hint: ${first.hint}`);
    expect(items.filter((x) => x.includes("AWS action: s3:GetBucketPolicy"))).toHaveLength(1);
    const steps = [...doc.querySelectorAll("body > ol > li")].map((li) => li.textContent ?? "");
    expect(steps).toEqual(nextSteps(r).map((s) => expect.stringContaining(`${s.criterion.title} (${s.task.title}: ${s.points} points`)));
    expect(md.length).toBeLessThan(65_536);
  });

  it("the complete world: a short report with no failing list", async () => {
    const { complete } = await realReports();
    const md = renderMarkdown(complete);
    assertStructure(md, complete);
    expect(md.length).toBeLessThan(10_000);
  });

  it("a hostile report: no HTML element, link or emphasis injected; every table row keeps three cells", async () => {
    const r = hostile((await realReports()).partial);
    const md = renderMarkdown(r);
    const doc = assertStructure(md, r);
    expect([...doc.querySelectorAll("img, script, a, em, code, iframe, del")].map((e) => e.outerHTML)).toEqual([]);
    // the only strong elements are ours: the score line, the verdict, one per next step and one per listed criterion
    const problems = r.counts.fail + r.counts.error + (r.counts.warning ?? 0);
    expect([...doc.querySelectorAll("strong")].length).toBe(2 + nextSteps(r).length + problems);
    expect(md.replace(/<br>/g, "")).not.toMatch(/<(?!br>)/);
    expect(md).not.toMatch(/[\u0000\u001b]/);
    // each payload's escaped form is present and renders back to the payload text
    const text = doc.body.textContent ?? "";
    for (const p of PAYLOADS) {
      if (/[\u0000\u001b]/.test(p)) continue;
      expect(md).toContain(mdText(p));
      expect(text).toContain(p);
    }
    expect(text).toContain("@\u200beveryone");
  });

  it("warnings: a short Warnings section after the failures, each item escaped (no element, link or mention injected)", async () => {
    const r = withWarnings((await realReports()).partial);
    const md = renderMarkdown(r);
    const doc = assertStructure(md, r);
    expect([...doc.querySelectorAll("h3")].map((h) => h.textContent)).toEqual(["Next steps", "Failing and unchecked criteria", "Warnings"]);
    const lists = [...doc.querySelectorAll("body > ul")];
    const warn = [...lists[lists.length - 1]!.children].map((li) => li.textContent ?? "");
    expect(warn).toHaveLength(WARNING_PAYLOADS.length);
    WARNING_PAYLOADS.forEach((p, i) => {
      expect(warn[i]!.startsWith("🟡 ")).toBe(true);
      expect(warn[i]).toContain(`${p.replace("\u001b", "")} expected the pattern`);
    });
    expect([...doc.querySelectorAll("img, script, a, em, code, iframe, del")].map((e) => e.outerHTML)).toEqual([]);
    expect(md.replace(/<br>/g, "")).not.toMatch(/<(?!br>)/);
    expect(md).not.toMatch(/[\u0000\u001b]/);
    expect(md).toContain(`${WARNING_PAYLOADS.length} warnings`);
    expect(md.indexOf("### Warnings")).toBeGreaterThan(md.indexOf("### Failing and unchecked criteria"));
  });

  it("a long report is cut before the PR-comment limit, saying how many were left out", async () => {
    const r = withErrors((await realReports()).partial);
    for (const c of r.tasks.flatMap((t) => t.criteria)) c.hint = "h".repeat(3000);
    const md = renderMarkdown(r, { maxChars: 20_000 });
    expect(md.length).toBeLessThan(20_000);
    expect(md).toMatch(/_\d+ more not shown: see the full report\._/);
  });
});
