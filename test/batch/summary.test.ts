// The class summary with advisory warnings: never failures in the pass rates, listed most frequent first, escaped.
import { describe, expect, it } from "vitest";
import { summarize, summaryMarkdown, summaryText } from "../../src/batch/summary.js";
import type { StudentResult } from "../../src/batch/store.js";
import type { GradeReport } from "../../src/grade/result.js";
import { realReports, withWarnings } from "../report/fixtures.js";

const result = (student: string, report: GradeReport, line: number): StudentResult => ({ schema: "glue-validate/batch-student", schemaVersion: 1, entry: { student, line }, report: { ...report, student }, finishedAt: "2026-01-01T00:00:00Z" });

describe("class summary with warnings", () => {
  it("warnings stay out of task and criterion pass rates and are listed by frequency", async () => {
    const { complete } = await realReports();
    // a and b: the last passing criterion warns instead; b also the one before it
    const a = withWarnings(complete, ["<b>|x"], "pass");
    const b = withWarnings(complete, ["<b>|x", "y"], "pass");
    const [warnA] = a.tasks.flatMap((t) => t.criteria.filter((c) => c.status === "warning").map((c) => `${t.id}.${c.id}`));
    const warnB = b.tasks.flatMap((t) => t.criteria.filter((c) => c.status === "warning").map((c) => `${t.id}.${c.id}`));
    expect(warnB).toContain(warnA);
    const manifest = { assessment: complete.rubric.assessment, rubric: { title: complete.rubric.title, version: "1", source: "test", passPercent: 70 }, tasks: complete.tasks.map((t) => ({ id: t.id, title: t.title })) };
    const s = summarize(manifest, [result("a", a, 1), result("b", b, 2), result("c", complete, 3)]);
    expect(s.tasks.every((t) => t.passRate === 100)).toBe(true);
    expect(s.criteria.every((c) => c.fail === 0 && c.passRate === 100)).toBe(true);
    const other = warnB.find((k) => k !== warnA)!;
    expect(s.warnings.map((w) => [w.key, w.students])).toEqual([[warnA, 2], [other, 1]]);
    const md = summaryMarkdown(s);
    expect(md).toContain("## Warnings (most frequent first)");
    expect(md).toMatch(new RegExp(`\\| \`${warnA}\` .* \\| 2 \\|`));
    expect(summaryText(s)).toContain(`Most frequent warnings (advice, no points): ${warnA} (2), ${other} (1)`);
  });
});
