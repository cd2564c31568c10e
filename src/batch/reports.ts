// Per-student report files in <out>/reports/<id>.<ext>: written as students finish, filled in on --resume, and
// regenerated from stored results by `batch report`.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../util/write-file.js";
import { REPORT_FORMATS, render, type ReportFormat } from "../report/index.js";
import { fileNameFor, type StudentResult } from "./store.js";

/** The file extension of each format. */
export const REPORT_EXT: Record<ReportFormat, string> = { console: "txt", json: "json", junit: "xml", markdown: "md", csv: "csv", gradescope: "gradescope.json", html: "html" };

/** Formats the class page links to, best first. */
const LINK_ORDER: readonly ReportFormat[] = ["html", "markdown", "console", "json"];

export function reportsDir(out: string): string {
  return join(out, "reports");
}

/** The file name of a student's report in one format. */
export function reportName(student: string, format: ReportFormat): string {
  return `${fileNameFor(student)}.${REPORT_EXT[format]}`;
}

/**
 * Writes a graded student's reports in the given formats (all of them, or with `missingOnly` only those not on disk);
 * returns how many files were written. A student who was not graded has no reports.
 */
export function writeStudentReports(out: string, r: StudentResult, formats: readonly ReportFormat[], o: { missingOnly?: boolean } = {}): number {
  if (!r.report) return 0;
  let n = 0;
  for (const f of formats) {
    const file = join(reportsDir(out), reportName(r.entry.student, f));
    if (o.missingOnly && existsSync(file)) continue;
    writeFileAtomic(file, render(f, r.report));
    n++;
  }
  return n;
}

/** Whether any of the formats is missing for the student. */
export function missingReports(out: string, student: string, formats: readonly ReportFormat[]): boolean {
  return formats.some((f) => !existsSync(join(reportsDir(out), reportName(student, f))));
}

/** The formats that already have files in <out>/reports (so `batch report` regenerates what was there). */
export function reportFormatsIn(out: string): ReportFormat[] {
  const dir = reportsDir(out);
  if (!existsSync(dir)) return [];
  const found = new Set<ReportFormat>();
  // longest extension first, so `x.gradescope.json` is gradescope, not json
  const byLength = [...REPORT_FORMATS].sort((a, b) => REPORT_EXT[b].length - REPORT_EXT[a].length);
  for (const name of readdirSync(dir)) {
    const f = byLength.find((fmt) => name.endsWith(`.${REPORT_EXT[fmt]}`));
    if (f) found.add(f);
  }
  return REPORT_FORMATS.filter((f) => found.has(f));
}

/** A link (relative to <out>) to each student's most readable report on disk, or undefined when there is none. */
export function reportLinks(out: string): (student: string) => string | undefined {
  const dir = reportsDir(out);
  const names = new Set(existsSync(dir) ? readdirSync(dir) : []);
  return (student) => {
    for (const f of LINK_ORDER) {
      const name = reportName(student, f);
      if (names.has(name)) return `reports/${encodeURIComponent(name)}`;
    }
    return undefined;
  };
}
