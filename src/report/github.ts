// GitHub Actions integration as pure text: workflow-command annotations, step outputs, and the stop-commands guard.
import { randomBytes } from "node:crypto";
import type { GradeReport } from "../grade/result.js";
import { allCriteria, fmt } from "./common.js";
import { hintOf, sentence } from "./wording.js";
import { ghData, ghProperty } from "./escape.js";

/**
 * One workflow command per failing (`::error`) or unchecked (`::warning`) criterion, then one `::warning` per
 * warning (advisory criterion, after the failures so the cap never hides a failure), one per line; at most `max`
 * (GitHub shows 10 of a kind per step), then one `::notice` that counts the rest.
 * Titles are escaped as properties (`% CR LF : ,`), messages as data (`% CR LF`), so student text can
 * neither end the command nor start another one.
 */
export function githubAnnotations(r: GradeReport, max = 10): string {
  const lines: string[] = [];
  const all = allCriteria(r);
  const problems = [...all.filter(({ criterion: c }) => c.status === "fail" || c.status === "error"), ...all.filter(({ criterion: c }) => c.status === "warning")];
  for (const { task, criterion: c } of problems.slice(0, max)) {
    const title = `${task.title}: ${c.title}`;
    const hint = hintOf(c);
    const lead = c.status === "warning" ? `warning (advisory, no points lost): ${sentence(c)}` : sentence(c);
    const msg = [lead, ...(c.status === "error" && c.action ? [`AWS action: ${c.action}`] : []), ...(hint ? [`hint: ${hint}`] : [])].join("\n");
    lines.push(`::${c.status === "fail" ? "error" : "warning"} title=${ghProperty(title)}::${ghData(msg)}`);
  }
  if (problems.length > max) lines.push(`::notice title=glue-validate::${ghData(`${problems.length - max} more failing, unchecked or warning criteria are not annotated (GitHub shows ${max}): see the job summary or the report`)}`);
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
