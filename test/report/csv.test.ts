// CSV parsed back with csv-parse: header, one row per criterion, statuses and points; hostile cells neutralised.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { CSV_COLUMNS, renderCsv } from "../../src/report/csv.js";
import { hintOf } from "../../src/report/wording.js";
import { dropForbidden } from "../../src/report/escape.js";
import type { GradeReport } from "../../src/grade/result.js";
import { hostile, realReports, WARNING_PAYLOADS, withErrors, withWarnings } from "./fixtures.js";

function rows(csv: string): string[][] {
  return parse(csv, { relax_column_count: false, record_delimiter: "\r\n" }) as string[][];
}

function assertRows(csv: string, r: GradeReport): string[][] {
  const [header, ...body] = rows(csv);
  expect(header).toEqual([...CSV_COLUMNS]);
  const all = r.tasks.flatMap((t) => t.criteria.map((c) => ({ t, c })));
  expect(body).toHaveLength(all.length);
  body.forEach((row, i) => {
    const { t, c } = all[i]!;
    expect(row).toHaveLength(8);
    expect(row[7]!.replace(/^'/, "")).toBe(dropForbidden(hintOf(c) ?? ""));
    expect(row[0]).toBe(r.student);
    expect(row[1]).toBe(t.id);
    expect(row[3]).toBe(c.status);
    expect(Number(row[4])).toBe(c.points);
    expect(Number(row[5])).toBe(c.maxPoints);
  });
  return body;
}

describe("csv reporter", () => {
  it("the partial world: one row per criterion with status, points and message", async () => {
    const r = withErrors((await realReports()).partial);
    const csv = renderCsv(r);
    expect(csv.endsWith("\r\n")).toBe(true);
    const body = assertRows(csv, r);
    const all = r.tasks.flatMap((t) => t.criteria);
    body.forEach((row, i) => {
      const c = all[i]!;
      expect(row[2]).toBe(c.title);
      if (c.status !== "manual") expect(row[6]).toBe(/^[=+\-@\t\r]/.test(c.message) ? `'${c.message}` : c.message);
      else expect(row[6]).toMatch(/^awaits a human grader/);
    });
    const sum = body.reduce((a, row) => a + Number(row[4]), 0);
    expect(sum).toBeCloseTo(r.score.points, 2);
  });

  it("the complete world", async () => {
    const { complete } = await realReports();
    const body = assertRows(renderCsv(complete), complete);
    expect(body.filter((row) => row[3] === "pass")).toHaveLength(complete.counts.pass);
  });

  it("warnings: status column \"warning\", 0 of 0 points, hostile messages neutralised", async () => {
    const r = withWarnings((await realReports()).partial);
    const csv = renderCsv(r);
    expect(csv).not.toMatch(/[\u0000\u001b]/);
    const warn = assertRows(csv, r).filter((row) => row[3] === "warning");
    expect(warn).toHaveLength(WARNING_PAYLOADS.length);
    for (const row of warn) expect([row[4], row[5]]).toEqual(["0", "0"]);
    expect(warn.map((row) => row[6]!.slice(0, row[6]!.indexOf(" expected")))).toEqual([`</script><img src=x onerror=alert(1)>`, `'=HYPERLINK("http://x")`, `%0A::error::x`, `[31mred`]);
    for (const row of warn) expect(row[6]).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("a hostile report: every cell parses back, formula starters are prefixed with ', no control characters", async () => {
    const r = hostile((await realReports()).partial);
    const csv = renderCsv(r);
    expect(csv).not.toMatch(/[\u0000\u001b]/);
    const body = assertRows(csv, r);
    const all = r.tasks.flatMap((t) => t.criteria);
    for (const row of body) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    body.forEach((row, i) => {
      const title = dropForbidden(all[i]!.title);
      expect(row[2]).toBe(/^[=+\-@\t\r]/.test(title) ? `'${title}` : title);
    });
    const titles = body.map((row) => row[2]!);
    for (const start of [`'=HYPERLINK("http://x")`, `'+cmd|' /C calc'!A0`, `'-2+3`, `'@SUM(1)`, `'\tTAB`, `'\r\nCRLF`]) {
      expect(titles.some((t) => t.startsWith(start))).toBe(true);
    }
  });
});
