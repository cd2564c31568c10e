// The JSON reporter: the report model as documented in docs/report-schema.md.
import type { GradeReport } from "../grade/result.js";

/** The report as pretty-printed JSON. */
export function renderJson(report: GradeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
