// The Markdown reporter: a summary for a PR comment or $GITHUB_STEP_SUMMARY (GitHub-flavoured Markdown).
import type { GradeReport, Status } from "../grade/result.js";
import { bySeverity, fmt, found, STATUS_LABEL } from "./common.js";
import { dropForbidden, mdText } from "./escape.js";

/** Escaped and trimmed: `**` next to whitespace would not open or close emphasis. */
const md = (s: string) => mdText(dropForbidden(s).trim());

/** Options of the Markdown reporter. */
export interface MarkdownOptions {
  /** Stop listing criteria before the text grows past this many characters (a PR comment takes 65,536). */
  maxChars?: number;
}

const ICON: Record<Status, string> = { pass: "✅", fail: "❌", error: "⚠️", skipped: "⏭️", manual: "👤", warning: "🟡" };

/** The report as GitHub-flavoured Markdown; every student-controlled string is escaped (no markup, no HTML). */
export function renderMarkdown(r: GradeReport, o: MarkdownOptions = {}): string {
  const max = o.maxChars ?? 60_000;
  const s = r.score;
  const n = r.counts;
  const head = [
    `## ${s.passed ? "✅" : "❌"} ${md(r.rubric.title)}: student ${md(r.student)}${r.environment ? ` (${md(r.environment)})` : ""}`,
    "",
    `**Score ${fmt(s.points)} / ${fmt(s.maxPoints)} (${fmt(s.percent)}%)** · pass mark ${fmt(s.threshold)}% · **${s.passed ? "passed" : "not passed"}**`,
    "",
    `${n.pass} passed · ${n.fail} failed · ${n.error} could not be checked · ${n.skipped} skipped · ${n.manual} for a human grader (${fmt(s.manualPoints)} points)${n.warning ? ` · ${n.warning} warning${n.warning === 1 ? "" : "s"}` : ""}`,
    "",
    "| Task | Points | Status |",
    "|---|---:|---|",
    ...r.tasks.map((t) => `| ${md(t.title)} | ${fmt(t.points)} / ${fmt(t.maxPoints)}${t.manualPoints ? ` (+${fmt(t.manualPoints)} manual)` : ""} | ${ICON[t.status]} ${STATUS_LABEL[t.status]} |`),
    "",
  ];
  const problems = bySeverity(r.tasks.flatMap((t) => t.criteria.filter((c) => c.status === "fail" || c.status === "error").map((c) => ({ ...c, task: t }))));
  const body: string[] = [];
  let size = head.join("\n").length + 200;
  if (problems.length) {
    body.push(`### Failing and unchecked criteria`, "");
    let shown = 0;
    for (const c of problems) {
      const item = [`- ${ICON[c.status]} **${md(c.task.title)}: ${md(c.title)}** (${fmt(c.points)} / ${fmt(c.maxPoints)})`];
      if (c.status === "error") {
        item.push(`  - could not be checked: ${md(c.message)}`);
        if (c.action) item.push(`  - IAM action: ${md(c.action)}`);
      } else {
        if (c.expected) item.push(`  - expected: ${md(c.expected)}`);
        const f = found(c);
        if (f !== undefined) item.push(`  - found: ${md(f)}`);
        const note = c.message.indexOf("; ");
        if (f === undefined || !c.expected) item.push(`  - ${md(c.message)}`);
        else if (note >= 0) item.push(`  - note: ${md(c.message.slice(note + 2))}`);
        if (c.hint) item.push(`  - hint: ${md(c.hint)}`);
      }
      const text = item.join("\n");
      if (size + text.length > max) break;
      size += text.length + 1;
      body.push(text);
      shown++;
    }
    if (shown < problems.length) body.push("", `_${problems.length - shown} more not shown: see the full report._`);
    body.push("");
  }
  const warnings = r.tasks.flatMap((t) => t.criteria.filter((c) => c.status === "warning").map((c) => ({ ...c, task: t })));
  if (warnings.length) {
    body.push(`### Warnings`, "", "Advice only: no points lost, no effect on passing.", "");
    let shown = 0;
    for (const c of warnings) {
      const item = [`- ${ICON.warning} **${md(c.task.title)}: ${md(c.title)}**`, `  - ${md(c.message)}`, ...(c.hint ? [`  - hint: ${md(c.hint)}`] : [])].join("\n");
      if (size + item.length > max) break;
      size += item.length + 1;
      body.push(item);
      shown++;
    }
    if (shown < warnings.length) body.push("", `_${warnings.length - shown} more warnings not shown: see the full report._`);
    body.push("");
  }
  if (n.manual) body.push(`${n.manual} criteria (${fmt(s.manualPoints)} points) await a human grader and are not in the score.`, "");
  if (n.error) body.push(`⚠️ ${n.error} criteria could not be checked: the score is incomplete.`, "");
  return [...head, ...body].join("\n");
}
