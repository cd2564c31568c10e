// The Markdown reporter: a summary for a PR comment or $GITHUB_STEP_SUMMARY (GitHub-flavoured Markdown).
import type { GradeReport, Status } from "../grade/result.js";
import { bySeverity, fmt, STATUS_LABEL } from "./common.js";
import { authorshipLines, hintOf, manualSummary, nextSteps, partialNote, sentence, verdict } from "./wording.js";
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
    `## ${r.partial ? "🟡" : s.passed ? "✅" : "❌"} ${md(r.rubric.title)}: student ${md(r.student)}${r.environment ? ` (${md(r.environment)})` : ""}`,
    "",
    `**Score ${fmt(s.points)} / ${fmt(s.maxPoints)} (${fmt(s.percent)}%)** · pass mark ${fmt(s.threshold)}% · **${verdict(r)}**`,
    "",
    ...(r.regionHint ? [`**⚠ ${md(r.regionHint)}**`, ""] : []),
    ...(r.partial ? [`_${md(partialNote(r)!)}_`, ""] : []),
    `${n.pass} passed · ${n.fail} failed · ${n.error} could not be checked · ${n.skipped} skipped · ${n.manual} for a human grader (${fmt(s.manualPoints)} points)${n.warning ? ` · ${n.warning} warning${n.warning === 1 ? "" : "s"}` : ""}`,
    "",
    "| Task | Points | Status |",
    "|---|---:|---|",
    ...r.tasks.map((t) => `| ${md(t.title)} | ${fmt(t.points)} / ${fmt(t.maxPoints)}${t.manualPoints ? ` (+${fmt(t.manualPoints)} manual)` : ""} | ${ICON[t.status]} ${STATUS_LABEL[t.status]} |`),
    "",
  ];
  const steps = nextSteps(r);
  if (steps.length) {
    head.push("### Next steps", "", ...steps.map((st, i) => `${i + 1}. **${md(st.criterion.title)}** (${md(st.task.title)}: ${fmt(st.points)} points${st.unblocks.length ? `, and ${st.unblocks.length} criteria wait for it` : ""}): ${md(st.criterion.hint ?? sentence(st.criterion))}`), "");
  }
  const problems = bySeverity(r.tasks.flatMap((t) => t.criteria.filter((c) => c.status === "fail" || c.status === "error").map((c) => ({ ...c, task: t }))));
  const body: string[] = [];
  let size = head.join("\n").length + 200;
  if (problems.length) {
    body.push(`### Failing and unchecked criteria`, "");
    let shown = 0;
    for (const c of problems) {
      const item = [`- ${ICON[c.status]} **${md(c.task.title)}: ${md(c.title)}** (${fmt(c.points)} / ${fmt(c.maxPoints)})`];
      item.push(`  - ${md(sentence(c))}`);
      if (c.status === "error" && c.action) item.push(`  - AWS action: ${md(c.action)}`);
      const hint = hintOf(c);
      if (hint) item.push(`  - hint: ${md(hint)}`);
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
      const hint = hintOf(c);
      const item = [`- ${ICON.warning} **${md(c.task.title)}: ${md(c.title)}**`, `  - ${md(sentence(c))}`, ...(hint ? [`  - hint: ${md(hint)}`] : [])].join("\n");
      if (size + item.length > max) break;
      size += item.length + 1;
      body.push(item);
      shown++;
    }
    if (shown < warnings.length) body.push("", `_${warnings.length - shown} more warnings not shown: see the full report._`);
    body.push("");
  }
  const manual = manualSummary(r);
  for (const l of manual) body.push(`👤 ${md(l)}`, "");
  const authorship = authorshipLines(r);
  if (authorship) body.push(`### Authorship`, "", md(authorship.heading), "", ...authorship.lines.map((l) => `${l.flagged ? "⚑ " : ""}${md(l.text)}  `), "");
  if (n.error) body.push(`⚠️ ${n.error} criteria could not be checked: the score is incomplete.`, "");
  return [...head, ...body].join("\n");
}
