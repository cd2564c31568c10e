// Writes the class-level outputs of a batch folder: gradebook(s) and summary.md; returns the console summary.
import { join } from "node:path";
import { writeFileAtomic } from "../cli/io.js";
import { gradebookCsv, gradebookFile } from "./gradebook.js";
import { summarize, summaryMarkdown, summaryText } from "./summary.js";
import { ordered } from "./store.js";
/** gradebook.csv always, plus the LMS variant asked for; summary.md. Returns the files written and the console text. */
export function writeClassOutputs(out, manifest, results, style = "default") {
    const rows = ordered(results);
    const files = [];
    for (const s of new Set(["default", style])) {
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
