// The report format names alone: the command line lists them in its help without loading any reporter.

/** Every report format, in the order help lists them. */
export const REPORT_FORMATS = ["console", "json", "junit", "markdown", "csv", "gradescope", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Whether `s` names a report format. */
export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}
