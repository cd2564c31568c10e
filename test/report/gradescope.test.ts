// Gradescope results.json parsed back: score, one test per criterion, statuses, manual tests at 0/0, explanations.
import { describe, expect, it } from "vitest";
import { renderGradescope, type GradescopeResults } from "../../src/report/gradescope.js";
import type { GradeReport } from "../../src/grade/result.js";
import { hostile, PAYLOADS, realReports, WARNING_PAYLOADS, withErrors, withWarnings } from "./fixtures.js";

function check(json: string, r: GradeReport): GradescopeResults {
  const g = JSON.parse(json) as GradescopeResults;
  const all = r.tasks.flatMap((t) => t.criteria.map((c) => ({ t, c })));
  expect(g.score).toBe(r.score.points);
  expect(g.output_format).toBe("text");
  expect(g.tests).toHaveLength(all.length);
  const maxSum = g.tests.reduce((a, t) => a + t.max_score, 0);
  expect(maxSum).toBeCloseTo(r.score.maxPoints, 2);
  expect(g.tests.reduce((a, t) => a + t.score, 0)).toBeCloseTo(r.score.points, 2);
  g.tests.forEach((t, i) => {
    const { t: task, c } = all[i]!;
    expect(t.visibility).toBe("visible");
    expect(t.output_format).toBe("text");
    expect(t.tags).toEqual([task.id, c.status]);
    if (c.status === "pass") expect([t.status, t.score, t.max_score]).toEqual(["passed", c.points, c.maxPoints]);
    if (c.status === "fail" || c.status === "skipped" || c.status === "error") expect([t.status, t.score, t.max_score]).toEqual(["failed", 0, c.maxPoints]);
    if (c.status === "manual") {
      expect(t.status).toBeUndefined();
      expect([t.score, t.max_score]).toEqual([0, 0]);
      expect(t.output).toMatch(/^Awaits a human grader/);
    }
    if (c.status === "skipped") expect(t.output).toMatch(/^Skipped: /);
    if (c.status === "error") expect(t.output).toContain(c.message.charAt(0).toUpperCase() + c.message.slice(1));
    if (c.status === "error") expect(t.output).toContain(`AWS action: ${c.action}`);
    if (c.status === "fail" && c.hint) expect(t.output).toContain(`Hint: `);
    if (c.status === "warning") {
      expect([t.status, t.score, t.max_score]).toEqual(["passed", 0, 0]);
      expect(t.output).toMatch(/^Warning: /);
    }
  });
  expect(g.tests.filter((t) => t.status === "passed")).toHaveLength(r.counts.pass + (r.counts.warning ?? 0));
  return g;
}

describe("gradescope reporter", () => {
  it("the complete world", async () => {
    const { complete } = await realReports();
    const g = check(renderGradescope(complete), complete);
    expect(g.output).toContain(`${complete.score.points} / ${complete.score.maxPoints} points`);
  });

  it("the partial world with errors: failed tests explained, manual tests visible at 0/0", async () => {
    const r = withErrors((await realReports()).partial);
    const g = check(renderGradescope(r), r);
    expect(g.tests.filter((t) => t.max_score === 0 && t.tags.includes("manual"))).toHaveLength(r.counts.manual);
    expect(g.output).toContain("2 criteria could not be checked");
    expect(g.extra_data).toMatchObject({ counts: r.counts });
  });

  it("warnings: visible passed tests worth 0 of 0, output starting \"Warning:\", the score unchanged, plain text", async () => {
    const r = withWarnings((await realReports()).partial);
    const json = renderGradescope(r);
    expect(json).not.toMatch(/[\u0000\u001b]/);
    const g = check(json, r);
    const warn = g.tests.filter((t) => t.tags.includes("warning"));
    expect(warn).toHaveLength(WARNING_PAYLOADS.length);
    for (const t of warn) expect([t.status, t.score, t.max_score, t.visibility, t.output_format]).toEqual(["passed", 0, 0, "visible", "text"]);
    expect(warn.map((t) => t.output.split("\n")[0]!.slice(0, t.output.indexOf(" expected")))).toEqual([`Warning: </script><img src=x onerror=alert(1)>`, `Warning: =HYPERLINK("http://x")`, `Warning: %0A::error::x`, `Warning: [31mred`]);
    expect(g.score).toBe(r.score.points);
    expect(g.output).toContain(`${WARNING_PAYLOADS.length} warnings: advice only`);
  });

  it("a hostile report is valid JSON with the payloads as plain text (no control characters)", async () => {
    const r = hostile((await realReports()).partial);
    const json = renderGradescope(r, { visibility: "after_published" });
    expect(json).not.toMatch(/[\u0000\u001b]/);
    const g = JSON.parse(json) as GradescopeResults;
    expect(g.visibility).toBe("after_published");
    expect(g.tests).toHaveLength(r.tasks.flatMap((t) => t.criteria).length);
    for (const t of g.tests) for (const v of [t.name, t.output]) expect(v).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(g.tests.some((t) => t.name.includes(PAYLOADS[0]))).toBe(true);
  });
});
