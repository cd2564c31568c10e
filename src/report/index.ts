// The reporters by format name: each is a pure function from a finished GradeReport to text.
import type { GradeReport } from "../grade/result.js";
import { renderConsole } from "./console.js";
import { renderCsv } from "./csv.js";
import { renderGradescope } from "./gradescope.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from "./formats.js";

export { isReportFormat, REPORT_FORMATS, type ReportFormat };

/** Options some reporters read. */
export interface RenderOptions {
  color?: boolean;
  verbose?: boolean;
}

/** Renders the report in one format. */
export function render(format: ReportFormat, r: GradeReport, o: RenderOptions = {}): string {
  switch (format) {
    case "console": return renderConsole(r, { color: Boolean(o.color), verbose: Boolean(o.verbose) });
    case "json": return renderJson(r);
    case "junit": return renderJunit(r);
    case "markdown": return renderMarkdown(r);
    case "csv": return renderCsv(r);
    case "gradescope": return renderGradescope(r);
    case "html": return renderHtml(r);
  }
}

/** One requested report: a format, and a file or stdout (path undefined). */
export interface ReportTarget {
  format: ReportFormat;
  path?: string;
}

/** Where `--report html` without a path writes: a page is for a browser, not for the terminal (`html:-` is stdout). */
export const DEFAULT_HTML_REPORT = "glue-validate-report.html";

/**
 * Parses `--report <format>[:<path>]`; `:-` is stdout, and `html` without a path goes to DEFAULT_HTML_REPORT. Splits at the first colon, so `junit:C:\out\r.xml` keeps its drive letter.
 * Throws an Error whose message lists the formats for an unknown one.
 */
export function parseReportSpec(spec: string): ReportTarget {
  const i = spec.indexOf(":");
  const format = (i < 0 ? spec : spec.slice(0, i)).trim().toLowerCase();
  const path = i < 0 ? undefined : spec.slice(i + 1);
  if (!isReportFormat(format)) throw new Error(`unknown report format "${format}" in --report ${spec}; formats: ${REPORT_FORMATS.join(", ")}`);
  if (path !== undefined && path.trim() === "") throw new Error(`--report ${spec}: missing path after ":" (write --report ${format} for stdout)`);
  if (path === "-") return { format };
  if (path === undefined && format === "html") return { format, path: DEFAULT_HTML_REPORT };
  return { format, ...(path !== undefined ? { path } : {}) };
}
