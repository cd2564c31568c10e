// The HTML page read with a DOM: CSP, no external assets, gauge, task bars, one <details> per criterion failing first; hostile text stays text.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { parseHTML } from "linkedom";
import { HTML_CSP, renderHtml } from "../../src/report/html.js";
import { dropForbidden } from "../../src/report/escape.js";
import { SEVERITY } from "../../src/report/common.js";
import type { GradeReport } from "../../src/grade/result.js";
import { hostile, PAYLOADS, realReports, WARNING_PAYLOADS, withErrors, withWarnings } from "./fixtures.js";

function dom(html: string) {
  return parseHTML(html).document;
}

function assertPage(html: string, r: GradeReport) {
  const doc = dom(html);
  expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
  const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")!;
  expect(csp).toBe(HTML_CSP);
  expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
  // self-contained: no element loads anything
  expect([...doc.querySelectorAll("link, img, iframe, object, embed, audio, video, source, base, form")].map((e) => e.outerHTML)).toEqual([]);
  expect([...doc.querySelectorAll("[src]")].map((e) => e.outerHTML)).toEqual([]);
  expect(html).not.toMatch(/(?:href|src)\s*=\s*["']?(?:https?:)?\/\//i);
  const scripts = [...doc.querySelectorAll("script")];
  expect(scripts).toHaveLength(1);
  const hash = createHash("sha256").update(scripts[0]!.textContent ?? "", "utf8").digest("base64");
  expect(csp).toContain(`'sha256-${hash}'`);
  for (const el of doc.querySelectorAll("*")) for (const a of el.getAttributeNames()) expect(a.startsWith("on")).toBe(false);
  expect(html).toContain("@media print");
  // gauge and bars
  expect(doc.querySelector("svg.gauge")!.getAttribute("aria-label")).toBe(`score ${r.score.percent} percent, pass mark ${r.score.threshold} percent`);
  const rows = [...doc.querySelectorAll("table.tasks tbody tr")];
  expect(rows).toHaveLength(r.tasks.length);
  rows.forEach((row, i) => {
    const t = r.tasks[i]!;
    expect(row.querySelector("td")!.textContent).toBe(dropForbidden(t.title));
    if (t.maxPoints > 0) {
      const w = Number(/width:([\d.]+)%/.exec(row.querySelector(".bar > i")!.getAttribute("style")!)![1]);
      expect(w).toBeCloseTo((t.points / t.maxPoints) * 100, 0);
    }
  });
  // one details per criterion, failing first within each task, fail/error open
  const details = [...doc.querySelectorAll("details.c")];
  expect(details).toHaveLength(r.tasks.flatMap((t) => t.criteria).length);
  const byStatus = (s: string) => details.filter((d) => d.classList.contains(s)).length;
  for (const s of ["pass", "fail", "error", "skipped", "manual", "warning"] as const) expect(byStatus(s)).toBe(r.counts[s] ?? 0);
  for (const d of details) expect(d.hasAttribute("open")).toBe(d.classList.contains("fail") || d.classList.contains("error") || d.classList.contains("warning"));
  const sections = [...doc.querySelectorAll("h3")];
  expect(sections).toHaveLength(r.tasks.length);
  const taskSeverity: number[] = [];
  for (const h3 of sections) {
    const statuses: number[] = [];
    for (let el = h3.nextElementSibling; el && el.tagName === "DETAILS"; el = el.nextElementSibling) statuses.push(SEVERITY[el.className.split(" ")[1] as keyof typeof SEVERITY]);
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
    const task = r.tasks.find((t) => t.id === h3.getAttribute("data-task"))!;
    expect(statuses).toHaveLength(task.criteria.length);
    taskSeverity.push(SEVERITY[task.status]);
  }
  expect(taskSeverity).toEqual([...taskSeverity].sort((a, b) => a - b));
  return doc;
}

describe("html reporter", () => {
  it("the partial world with errors: failing first, the sentence, hint and evidence in the details (no Why/Expected/Found repeating it)", async () => {
    const r = withErrors((await realReports()).partial);
    const doc = assertPage(renderHtml(r), r);
    expect(doc.querySelectorAll("details.c")[0]!.classList.contains("error")).toBe(true);
    const fail = r.tasks.flatMap((t) => t.criteria).find((c) => c.status === "fail" && c.hint && c.expected && c.evidence !== undefined)!;
    const d = [...doc.querySelectorAll("details.c.fail")].find((x) => x.querySelector("summary")!.textContent!.includes(fail.title))!;
    const dl = Object.fromEntries([...d.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(Object.keys(dl)).toEqual(["Result", "Hint", "Evidence"]);
    expect(dl.Result).toBe(fail.message);
    expect(dl.Hint).toBe(fail.hint);
    expect(dl.Evidence).toBeTruthy();
    expect(doc.querySelector(".verdict")!.textContent).toBe(r.score.passed ? "Passed" : "Not passed");
    const err = [...doc.querySelectorAll("details.c.error")][0]!;
    expect(err.textContent).toContain("s3:GetBucketPolicy");
    expect(err.textContent).not.toContain("could not be checked: could not be checked");
  });

  it("the complete world", async () => {
    const { complete } = await realReports();
    assertPage(renderHtml(complete), complete);
  });

  it("warnings: a yellow badge, open, \"advisory\" instead of points, a filter; hostile messages stay text", async () => {
    const r = withWarnings((await realReports()).partial);
    const html = renderHtml(r);
    const doc = assertPage(html, r);
    expect(html).toMatch(/\.s-warning\{background:var\(--warning\)/);
    const warn = [...doc.querySelectorAll("details.c.warning")];
    expect(warn).toHaveLength(WARNING_PAYLOADS.length);
    for (const d of warn) {
      expect(d.querySelector("summary .badge.s-warning")!.textContent).toBe("warning");
      expect(d.querySelector("summary .pts")!.textContent).toBe("advisory");
    }
    const why = warn.map((d) => [...d.querySelectorAll("dt")].find((dt) => dt.textContent === "Result")!.nextElementSibling!.textContent ?? "");
    expect(why.map((w) => w.slice(0, w.indexOf(" expected")))).toEqual(WARNING_PAYLOADS.map((p) => dropForbidden(p)));
    expect(doc.querySelector(".counts .badge.s-warning")!.nextSibling!.textContent).toBe(String(WARNING_PAYLOADS.length));
    expect(doc.querySelector("input#showwarn")).not.toBeNull();
    expect(doc.querySelectorAll("img")).toHaveLength(0);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/[\u0000\u001b]/);
  });

  it("a hostile report: no injected element, attribute or script; the payloads are text", async () => {
    const r = hostile((await realReports()).partial);
    const html = renderHtml(r);
    const doc = assertPage(html, r);
    expect([...doc.querySelectorAll("img")].map((e) => e.outerHTML)).toEqual([]);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/[\u0000\u001b]/);
    const summaries = [...doc.querySelectorAll("details.c summary")].map((s) => s.textContent ?? "");
    for (const p of PAYLOADS) {
      const text = dropForbidden(p);
      if (text) expect(summaries.some((s) => s.includes(text))).toBe(true);
    }
    expect(doc.title).toBe(`${r.rubric.title}: student ${r.student}`);
  });
});
