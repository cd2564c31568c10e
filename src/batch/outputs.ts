// Writes the class-level outputs of a batch folder: gradebook(s), summary.md and class.html; returns the console summary.
import { join } from "node:path";
import { writeFileAtomic } from "../util/write-file.js";
import { CLASS_COLUMNS, EVIDENCE_COLUMN, MANUAL_COLUMN, renderClassHtml, type ClassColumn } from "../report/class-html.js";
import { classView } from "./class-view.js";
import { gradebookCsv, gradebookFile, type GradebookStyle } from "./gradebook.js";
import { reportLinks } from "./reports.js";
import { summarize, summaryMarkdown, summaryText } from "./summary.js";
import { ordered, type BatchManifest, type StudentResult } from "./store.js";
import { withManualScores, type ManualScore } from "./manual-scores.js";

/** What the class outputs may add to the defaults. */
export interface ClassOutputOptions {
  /** The student table's columns in class.html (default: CLASS_COLUMNS). */
  columns?: readonly ClassColumn[];
  /** Points a person gave (a manual-scores file), merged into every student's result first. */
  manual?: ReadonlyMap<string, readonly ManualScore[]>;
}

/**
 * gradebook.csv always, plus the LMS variant asked for; summary.md; class.html (linking each student to the best
 * report in <out>/reports). Returns the files written and the console text.
 */
export function writeClassOutputs(out: string, manifest: BatchManifest, results: readonly StudentResult[], style: GradebookStyle = "default", o: ClassOutputOptions = {}): { files: string[]; console: string } {
  const rows = ordered(o.manual ? results.map((r) => withManualScores(r, o.manual!)) : results);
  const files: string[] = [];
  for (const s of new Set<GradebookStyle>(["default", style])) {
    const f = join(out, gradebookFile(s));
    writeFileAtomic(f, gradebookCsv(s, manifest, rows));
    files.push(f);
  }
  const summary = summarize(manifest, rows);
  const md = join(out, "summary.md");
  writeFileAtomic(md, summaryMarkdown(summary));
  files.push(md);
  const page = join(out, "class.html");
  const columns = o.columns ?? [...CLASS_COLUMNS, ...(rows.some((r) => r.report?.score.manual) ? [MANUAL_COLUMN] : []), ...(rows.some((r) => r.report?.evidence) ? [EVIDENCE_COLUMN] : [])];
  writeFileAtomic(page, renderClassHtml(classView(manifest, rows, { reportHref: reportLinks(out), summary }), { columns }));
  files.push(page);
  return { files, console: summaryText(summary) };
}
