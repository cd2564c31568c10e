// Writes the class-level outputs of a batch folder: gradebook(s) and summary.md; returns the console summary.
import { join } from "node:path";
import { writeFileAtomic } from "../cli/io.js";
import { gradebookCsv, gradebookFile, type GradebookStyle } from "./gradebook.js";
import { summarize, summaryMarkdown, summaryText } from "./summary.js";
import { ordered, type BatchManifest, type StudentResult } from "./store.js";

/** gradebook.csv always, plus the LMS variant asked for; summary.md. Returns the files written and the console text. */
export function writeClassOutputs(out: string, manifest: BatchManifest, results: readonly StudentResult[], style: GradebookStyle = "default"): { files: string[]; console: string } {
  const rows = ordered(results);
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
  return { files, console: summaryText(summary) };
}
