// The console reporter, written for a student: per task a line with points; what failed with its hint; skipped
// criteria grouped under the one that blocks them; tasks not started yet in one line; then the next steps.
import { Chalk, type ChalkInstance } from "chalk";
import type { CriterionResult, GradeReport, Status, TaskResult } from "../grade/result.js";
import { forTerminal } from "./sanitize.js";
import { failureSummary } from "../aws/errors.js";
import { renderValue } from "../rubric/render.js";
import { fmt } from "./common.js";
import { blockedGroups, criteriaByKey, hintOf, nextSteps, partialNote, rootBlocker, sentence, waitingPhrase, type Located, manualSummary, authorshipLines } from "./wording.js";

/** Options of the console reporter. */
export interface ConsoleOptions {
  color: boolean;
  verbose: boolean;
}

const ICON: Record<Status, string> = { pass: "✔", fail: "✘", error: "!", skipped: "–", manual: "?", warning: "warn" };

function paint(c: ChalkInstance, s: Status, text: string): string {
  switch (s) {
    case "pass": return c.green(text);
    case "fail": return c.red(text);
    case "error": return c.magenta(text);
    case "skipped": return c.gray(text);
    case "manual": return c.cyan(text);
    case "warning": return c.yellow(text);
  }
}

const t = forTerminal;

/** What the task renderer needs to know about the whole report. */
interface Context {
  c: ChalkInstance;
  o: ConsoleOptions;
  groups: Map<string, Located[]>;
  all: Map<string, Located>;
  /** Whether tasks nobody started may be summarised in one line (a full, non-verbose run of several tasks). */
  compact: boolean;
}

/** The report as terminal text. */
export function renderConsole(r: GradeReport, o: ConsoleOptions): string {
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const ctx: Context = { c, o, groups: blockedGroups(r), all: criteriaByKey(r), compact: !o.verbose && !r.partial && r.tasks.length > 1 };
  const lines: string[] = [];
  lines.push(c.bold(`${t(r.rubric.title)} — student ${t(r.student)}${r.environment ? ` · environment ${t(r.environment)}` : ""}`));
  lines.push(c.gray(`rubric ${t(r.rubric.assessment)} v${t(r.rubric.version)} · ${r.mode === "replay" ? "replayed snapshot" : `account ${t(r.account ?? "?")}`} · region ${t(r.region)}`));
  if (r.regionHint) lines.push(c.yellow.bold(t(r.regionHint)));
  const note = partialNote(r);
  if (note) lines.push(c.yellow(note));
  lines.push("");
  let notStarted = 0;
  for (const task of r.tasks) {
    const compact = ctx.compact && isNotStarted(task);
    if (compact) notStarted++;
    if (compact) lines.push(taskLine(ctx, task, c.gray(` · not started (${task.criteria.length} criteria)`)));
    else if (task.status === "manual" && !o.verbose) lines.push(taskLine(ctx, task, c.cyan(" · for a human grader")));
    else lines.push(...renderTask(ctx, task));
  }
  if (notStarted) lines.push(c.gray(`(Tasks not started are summarised: --only <task> lists what one needs, --verbose lists everything.)`));
  lines.push("", ...summary(c, r), ...renderAuthorship(c, r), ...renderNextSteps(c, r));
  lines.push(c.gray(`${r.aws.calls} AWS calls (${r.aws.memoHits} shared, ${r.aws.retries} retried) in ${(r.durationMs / 1000).toFixed(1)} s`));
  return `${lines.join("\n")}\n`;
}

/** Nothing passed and nothing is uncertain, but something failed: the student has not begun this task. */
function isNotStarted(task: TaskResult): boolean {
  const s = task.criteria.map((x) => x.status);
  return s.includes("fail") && !s.includes("pass") && !s.includes("error");
}

function taskLine(ctx: Context, task: TaskResult, suffix = ""): string {
  const { c } = ctx;
  const manual = task.manualPoints ? c.cyan(` +${fmt(task.manualPoints)} manual`) : "";
  return `${paint(c, task.status, ICON[task.status])} ${c.bold(t(task.title))} ${c.gray(`${fmt(task.points)}/${fmt(task.maxPoints)}`)}${manual}${suffix}`;
}

function renderTask(ctx: Context, task: TaskResult): string[] {
  const { c, o } = ctx;
  const out = [taskLine(ctx, task)];
  const blockedElsewhere = new Map<string, CriterionResult[]>();
  const notGraded = new Map<string, number>();
  let manual = 0;
  for (const cr of task.criteria) {
    if (cr.status === "pass" && !o.verbose) continue;
    if (cr.status === "manual" && !o.verbose) {
      manual++;
      continue;
    }
    if (cr.status === "skipped" && !o.verbose) {
      const root = rootBlocker(cr, ctx.all);
      if (root === undefined) notGraded.set(cr.message, (notGraded.get(cr.message) ?? 0) + 1);
      else if (!ctx.all.has(root) || ctx.all.get(root)!.task !== task) blockedElsewhere.set(root, [...(blockedElsewhere.get(root) ?? []), cr]);
      continue;
    }
    out.push(...renderCriterion(c, cr, o));
    const waiting = ctx.groups.get(`${task.id}.${cr.id}`);
    if (waiting?.length && !o.verbose) {
      const here = waiting.filter((w) => w.task === task).length;
      const where = here === waiting.length ? "" : ` (${waiting.length - here} in other tasks)`;
      out.push(c.gray(`        ↳ ${waitingPhrase(waiting.length)}${where}`));
    }
  }
  for (const [root, list] of blockedElsewhere) {
    const blocker = ctx.all.get(root);
    const what = blocker ? `"${t(blocker.criterion.title)}" (${t(blocker.task.title)})` : `${t(root)}, which this run did not grade`;
    out.push(c.gray(`    ${ICON.skipped} ${list.length} criteri${list.length === 1 ? "on waits" : "a wait"} for ${what}`));
  }
  for (const [why, n] of notGraded) out.push(c.gray(`    ${ICON.skipped} ${n === 1 ? "1 criterion" : `${n} criteria`} ${t(why)}`));
  if (manual && task.status !== "manual") out.push(c.cyan(`    ${ICON.manual} ${manual === 1 ? "1 criterion is" : `${manual} criteria are`} for a human grader (--verbose shows what they look at)`));
  return out;
}

function renderCriterion(c: ChalkInstance, cr: CriterionResult, o: ConsoleOptions): string[] {
  const pts = cr.status === "warning" ? "(advisory, no points)" : `(${fmt(cr.points)}/${fmt(cr.maxPoints)})`;
  const out = [`    ${paint(c, cr.status, ICON[cr.status])} ${t(cr.title)} ${c.gray(pts)}`];
  if (cr.status === "manual") out.push(c.cyan(`        for the grader: ${t(cr.manual ?? "")}`));
  else out.push(`        ${t(sentence(cr))}`);
  const hint = hintOf(cr);
  if (hint) out.push(c.yellow(`        hint: ${t(hint)}`));
  if (o.verbose && cr.evidence !== undefined) out.push(c.gray(`        evidence: ${t(renderValue(cr.evidence))}`));
  return out;
}

function renderAuthorship(c: ChalkInstance, r: GradeReport): string[] {
  const a = authorshipLines(r);
  if (!a) return [];
  return ["", c.bold(t(a.heading)), ...a.lines.map((l) => (l.flagged ? c.red(`  ⚑ ${t(l.text)}`) : c.gray(`    ${t(l.text)}`)))];
}

function summary(c: ChalkInstance, r: GradeReport): string[] {
  const s = r.score;
  const n = r.counts;
  const verdict = r.partial
    ? c.yellow.bold(`PARTIAL RUN: ${r.partial.graded} of ${r.partial.total} tasks graded, ${s.passed ? "at or above" : "below"} the pass mark for those tasks only`)
    : s.passed ? c.green.bold("PASSED") : c.red.bold("NOT PASSED");
  const lines = [`${c.bold("Score")} ${fmt(s.points)} / ${fmt(s.maxPoints)} automatic points (${fmt(s.percent)}%) — pass mark ${fmt(s.threshold)}% — ${verdict}`];
  lines.push(c.gray(`${n.pass} passed · ${n.fail} failed · ${n.error} could not be checked · ${n.skipped} skipped · ${n.manual} for a human (${fmt(s.manualPoints)} points)${n.warning ? ` · ${n.warning} warning${n.warning === 1 ? "" : "s"}` : ""}`));
  for (const l of manualSummary(r).filter((x) => !x.endsWith("not in the score."))) lines.push(c.cyan(t(l)));
  if (n.warning > 0) lines.push(c.yellow(`${n.warning} warning${n.warning === 1 ? "" : "s"}: advice only, no points lost and no effect on passing.`));
  if (n.error > 0) {
    lines.push(c.magenta(`${t(failureSummary(r.tasks.flatMap((tk) => tk.criteria).filter((x) => x.status === "error")))} The score is incomplete.`));
  }
  return lines;
}

function renderNextSteps(c: ChalkInstance, r: GradeReport): string[] {
  const steps = nextSteps(r);
  if (!steps.length) return [];
  const out = ["", c.bold("Next steps") + c.gray(" (worth the most points first)")];
  steps.forEach((s, i) => {
    const more = s.unblocks.length ? `, and ${s.unblocks.length} criteri${s.unblocks.length === 1 ? "on waits" : "a wait"} for it` : "";
    out.push(`  ${i + 1}. ${t(s.criterion.title)} ${c.gray(`(${t(s.task.title)}: ${fmt(s.points)} points${more})`)}`);
    out.push(c.yellow(`     ${t(s.criterion.hint ?? sentence(s.criterion))}`));
  });
  out.push("");
  return out;
}
