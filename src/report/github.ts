// GitHub Actions integration as pure text: workflow-command annotations, step outputs, and the stop-commands guard.
import { randomBytes } from "node:crypto";
import type { GradeReport } from "../grade/result.js";
import { allCriteria, fmt, found } from "./common.js";
import { ghData, ghProperty } from "./escape.js";

/**
 * One workflow command per failing (`::error`) or unchecked (`::warning`) criterion, then one `::warning` per
 * warning (advisory criterion, after the failures so the cap never hides a failure), one per line.
 * Titles are escaped as properties (`% CR LF : ,`), messages as data (`% CR LF`), so student text can
 * neither end the command nor start another one.
 */
export function githubAnnotations(r: GradeReport, max = 50): string {
  const lines: string[] = [];
  const all = allCriteria(r);
  const problems = [...all.filter(({ criterion: c }) => c.status === "fail" || c.status === "error"), ...all.filter(({ criterion: c }) => c.status === "warning")];
  for (const { task, criterion: c } of problems.slice(0, max)) {
    const title = `${task.title}: ${c.title}`;
    if (c.status === "fail") {
      const f = found(c);
      const msg = [c.message, ...(c.expected && f !== undefined && !c.message.includes(f) ? [`found: ${f}`] : []), ...(c.hint ? [`hint: ${c.hint}`] : [])].join("\n");
      lines.push(`::error title=${ghProperty(title)}::${ghData(msg)}`);
    } else if (c.status === "warning") {
      const msg = [`warning (advisory, no points lost): ${c.message}`, ...(c.hint ? [`hint: ${c.hint}`] : [])].join("\n");
      lines.push(`::warning title=${ghProperty(title)}::${ghData(msg)}`);
    } else {
      lines.push(`::warning title=${ghProperty(title)}::${ghData(c.message)}`);
    }
  }
  if (problems.length > max) lines.push(`::notice title=glue-validate::${ghData(`${problems.length - max} more failing, unchecked or warning criteria are not annotated: see the report`)}`);
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** Lines for $GITHUB_OUTPUT: score, percent, passed (plus max_score, threshold, errors, warnings). */
export function githubOutputs(r: GradeReport): string {
  const s = r.score;
  return [`score=${fmt(s.points)}`, `max_score=${fmt(s.maxPoints)}`, `percent=${fmt(s.percent)}`, `threshold=${fmt(s.threshold)}`, `passed=${s.passed}`, `errors=${r.counts.error}`, `warnings=${r.counts.warning ?? 0}`, ""].join("\n");
}

/**
 * Wraps text that may contain student-controlled lines (the console or JSON report on stdout) in
 * `::stop-commands::<token>` … `::<token>::`, so the runner processes no workflow command inside it.
 */
export function githubQuiet(text: string, token = randomBytes(16).toString("hex")): string {
  if (!text) return text;
  return `::stop-commands::${token}\n${text}${text.endsWith("\n") ? "" : "\n"}::${token}::\n`;
}
