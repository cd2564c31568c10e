// The console reporter: per task a line with points; per failing criterion expected vs found and the hint.
import { Chalk, type ChalkInstance } from "chalk";
import type { CriterionResult, GradeReport, Status, TaskResult } from "./model.js";
import { forTerminal } from "./sanitize.js";
import { shortJson } from "../rubric/evaluate.js";

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

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "");
}

/** The report as terminal text. */
export function renderConsole(r: GradeReport, o: ConsoleOptions): string {
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const t = forTerminal;
  const lines: string[] = [];
  lines.push(c.bold(`${t(r.rubric.title)} — student ${t(r.student)}${r.environment ? ` · environment ${t(r.environment)}` : ""}`));
  lines.push(c.gray(`rubric ${t(r.rubric.assessment)} v${t(r.rubric.version)} · ${r.mode === "replay" ? "replayed snapshot" : `account ${t(r.account ?? "?")}`} · region ${t(r.region)}`));
  lines.push("");
  for (const task of r.tasks) lines.push(...renderTask(c, task, o));
  lines.push("");
  const s = r.score;
  const verdict = s.passed ? c.green.bold("PASSED") : c.red.bold("NOT PASSED");
  lines.push(`${c.bold("Score")} ${fmt(s.points)} / ${fmt(s.maxPoints)} automatic points (${fmt(s.percent)}%) — pass mark ${fmt(s.threshold)}% — ${verdict}`);
  const n = r.counts;
  lines.push(c.gray(`${n.pass} passed · ${n.fail} failed · ${n.error} could not be checked · ${n.skipped} skipped · ${n.manual} for a human (${fmt(s.manualPoints)} points)${n.warning ? ` · ${n.warning} warning${n.warning === 1 ? "" : "s"}` : ""}`));
  if (n.warning > 0) lines.push(c.yellow(`${n.warning} warning${n.warning === 1 ? "" : "s"}: advice only, no points lost and no effect on passing.`));
  if (n.error > 0) {
    const actions = [...new Set(r.tasks.flatMap((tk) => tk.criteria).filter((x) => x.status === "error" && x.action).map((x) => x.action!))];
    lines.push(c.magenta(`${n.error} criteria could not be checked${actions.length ? `: grant ${actions.map(t).join(", ")} or retry` : ""}.`));
  }
  lines.push(c.gray(`${r.aws.calls} AWS calls (${r.aws.memoHits} shared, ${r.aws.retries} retried) in ${(r.durationMs / 1000).toFixed(1)} s`));
  return `${lines.join("\n")}\n`;
}

function renderTask(c: ChalkInstance, task: TaskResult, o: ConsoleOptions): string[] {
  const pts = `${fmt(task.points)}/${fmt(task.maxPoints)}`;
  const manual = task.manualPoints ? c.cyan(` +${fmt(task.manualPoints)} manual`) : "";
  const out = [`${paint(c, task.status, ICON[task.status])} ${c.bold(forTerminal(task.title))} ${c.gray(pts)}${manual}`];
  for (const cr of task.criteria) {
    if (cr.status === "pass" && !o.verbose) continue;
    out.push(...renderCriterion(c, cr, o));
  }
  return out;
}

function renderCriterion(c: ChalkInstance, cr: CriterionResult, o: ConsoleOptions): string[] {
  const t = forTerminal;
  const pts = cr.status === "warning" ? "(advisory, no points)" : `(${fmt(cr.points)}/${fmt(cr.maxPoints)})`;
  const out = [`    ${paint(c, cr.status, ICON[cr.status])} ${t(cr.title)} ${c.gray(pts)}`];
  if (cr.status === "manual") out.push(c.cyan(`        for the grader: ${t(cr.manual ?? "")}`));
  else if (cr.status !== "pass" || o.verbose) out.push(`        ${t(cr.message)}`);
  if (cr.hint && (cr.status === "fail" || cr.status === "skipped" || cr.status === "warning")) out.push(c.yellow(`        hint: ${t(cr.hint)}`));
  if (o.verbose && cr.evidence !== undefined) out.push(c.gray(`        evidence: ${t(shortJson(cr.evidence, 400))}`));
  return out;
}
