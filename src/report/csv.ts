// The CSV reporter: one row per criterion, for spreadsheets and gradebooks (RFC 4180, CRLF, formula-safe).
import type { GradeReport } from "../grade/result.js";
import { allCriteria } from "./common.js";
import { hintOf, sentence } from "./wording.js";
import { csvField } from "./escape.js";

/** The columns, in order. */
export const CSV_COLUMNS = ["student", "task", "criterion", "status", "points", "max_points", "message", "hint"] as const;

/**
 * The report as CSV: a header, then one row per criterion. Text cells starting with `= + - @`, tab or CR
 * are prefixed with `'` so a spreadsheet shows them instead of evaluating them.
 */
export function renderCsv(r: GradeReport): string {
  const rows = [CSV_COLUMNS.map((c) => csvField(c)).join(",")];
  for (const { task, criterion: c } of allCriteria(r)) {
    rows.push([csvField(r.student), csvField(task.id), csvField(c.title), csvField(c.status), csvField(c.points), csvField(c.maxPoints), csvField(sentence(c)), csvField(hintOf(c) ?? "")].join(","));
  }
  return `${rows.join("\r\n")}\r\n`;
}
