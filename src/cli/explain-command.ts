// `glue-validate explain <assessment>`: every task and criterion in words — points, what is read (check, IAM
// actions, fact path), what is expected, prerequisites, hints, manual instructions. `--format markdown` is a
// rubric page an instructor can hand out. Names stay templates (`enterprise-datalake-{student}`).
import type { Assessment } from "../grade/assessment.js";
import type { CheckModule } from "../grade/check.js";
import { describe } from "../rubric/matchers.js";
import type { Criterion, Rubric, Task } from "../rubric/schema.js";
import { EXIT, UsageError } from "./exit.js";
import { checkTasks } from "../app/grade.js";
import { openAssessment } from "../app/assessments.js";
import type { CliIo } from "./io.js";

/** Flags of `explain`. */
export interface ExplainFlags {
  task?: string[];
  format?: string;
  rubric?: string;
}

/** One criterion, explained. */
export interface ExplainedCriterion {
  id: string;
  title: string;
  points: number;
  kind: "automatic" | "manual";
  /** `warning`: advisory (shown to the student, never costs points). */
  severity?: "warning";
  /** Manual: what the human grader looks at. */
  manual?: string;
  /** The check whose facts are read (the task's, or `facts:`). */
  check?: string;
  /** Fact paths the expectation reads. */
  paths: string[];
  /** The expectation in words. */
  expected?: string;
  requires: string[];
  hint?: string;
  didYouMean?: string;
}

/** One task, explained. */
export interface ExplainedTask {
  id: string;
  title: string;
  description?: string;
  points: number;
  check?: { id: string; description: string; actions: readonly string[] };
  criteria: ExplainedCriterion[];
}

/** The whole rubric, explained. */
export interface Explained {
  assessment: string;
  title: string;
  version: string;
  totalPoints: number;
  passPercent: number;
  student: string;
  /** The environments `{env}` stands for (--env), when the assessment has them. */
  environment?: { values: string[]; default: string; description?: string };
  names: Record<string, string>;
  tasks: ExplainedTask[];
}

/** "{env} is the environment: dev (default), staging or prod (--env; …)" — one line for text and Markdown. */
function environmentLine(e: NonNullable<Explained["environment"]>): string {
  const values = e.values.map((v) => (v === e.default ? `${v} (default)` : v));
  return `{env} is the environment, chosen with --env: ${values.slice(0, -1).join(", ")}${values.length > 1 ? " or " : ""}${values[values.length - 1]}${e.description ? ` — ${e.description}` : ""}.`;
}

function criterionPaths(c: Criterion): string[] {
  const out: string[] = [];
  const walk = (e: NonNullable<Criterion["expect"]>, base: string): void => {
    const full = e.path ? (base ? `${base}.${e.path}` : e.path) : base;
    if (e.path) out.push(full);
    for (const m of ["some", "every", "none", "not"] as const) if (e[m]) walk(e[m]!, full);
    for (const m of ["all", "any"] as const) for (const sub of e[m] ?? []) walk(sub, full);
  };
  if (c.expect) walk(c.expect, "");
  return [...new Set(out)];
}

/** Builds the explanation of a rubric (optionally only some tasks). */
export function explainRubric(rubric: Rubric, assessment: Assessment, only?: readonly string[]): Explained {
  const checks = new Map<string, CheckModule>(assessment.checks.map((c) => [c.id, c]));
  const tasks = rubric.tasks.filter((t) => !only?.length || only.includes(t.id));
  return {
    assessment: rubric.assessment,
    title: rubric.title,
    version: rubric.version,
    totalPoints: rubric.totalPoints,
    passPercent: rubric.passPercent,
    student: rubric.student.description,
    ...(rubric.environment ? { environment: rubric.environment } : {}),
    names: rubric.names,
    tasks: tasks.map((t: Task) => {
      const check = t.check ? checks.get(t.check) : undefined;
      return {
        id: t.id,
        title: t.title,
        ...(t.description ? { description: t.description } : {}),
        points: t.criteria.reduce((a, c) => a + c.points, 0),
        ...(check ? { check: { id: check.id, description: check.description, actions: check.actions } } : {}),
        criteria: t.criteria.map((c): ExplainedCriterion => ({
          id: c.id,
          title: c.title,
          points: c.points,
          kind: c.manual ? "manual" : "automatic",
          ...(c.severity ? { severity: c.severity } : {}),
          ...(c.manual ? { manual: c.manual } : {}),
          ...(c.expect ? { check: c.facts ?? t.check } : {}),
          paths: criterionPaths(c),
          ...(c.expect ? { expected: c.expected ?? describe(c.expect, "") } : {}),
          requires: (c.requires ?? []).map((r) => (r.includes(".") ? r : `${t.id}.${r}`)),
          ...(c.hint ? { hint: c.hint } : {}),
          ...(c.didYouMean ? { didYouMean: c.didYouMean } : {}),
        })),
      };
    }),
  };
}

const pts = (n: number): string => `${n} ${n === 1 ? "point" : "points"}`;

/** Plain text, for a terminal. */
export function explainText(x: Explained, checks: ReadonlyMap<string, CheckModule>): string {
  const lines: string[] = [];
  lines.push(`${x.title} (${x.assessment} ${x.version})`);
  lines.push(`${pts(x.totalPoints)}; pass mark ${x.passPercent}% of the automatically graded points. Student ID: ${x.student}.`);
  lines.push("", "Names ({student} is the student ID):");
  if (x.environment) lines.push(`  ${environmentLine(x.environment)}`);
  for (const [k, v] of Object.entries(x.names)) lines.push(`  ${k.padEnd(18)} ${v}`);
  for (const t of x.tasks) {
    lines.push("", `${t.title} [${t.id}] — ${pts(t.points)}`);
    if (t.description) lines.push(`  ${t.description}`);
    if (t.check) {
      lines.push(`  Check ${t.check.id}: ${t.check.description}`);
      lines.push(`  Reads (IAM actions): ${t.check.actions.join(", ")}`);
    } else lines.push("  Graded by a human (no check module).");
    for (const c of t.criteria) {
      lines.push("", `  • ${c.title} [${t.id}.${c.id}] — ${pts(c.points)}${c.kind === "manual" ? " (manual)" : ""}${c.severity === "warning" ? " (warning only: advice, never costs points)" : ""}`);
      if (c.manual) lines.push(`      Manual: ${c.manual}`);
      if (c.kind === "automatic") {
        const other = c.check && c.check !== t.check?.id ? ` (facts of check ${c.check}: ${checks.get(c.check)?.actions.join(", ") ?? "?"})` : "";
        lines.push(`      Checks: ${c.paths.length ? c.paths.join(", ") : "(the facts)"}${other}`);
        lines.push(`      Expects: ${c.expected}`);
      }
      if (c.requires.length) lines.push(`      Requires: ${c.requires.join(", ")} (skipped unless these pass)`);
      if (c.hint) lines.push(`      Hint: ${c.hint}`);
      if (c.didYouMean) lines.push(`      On a near-miss name: shows ${c.didYouMean}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Markdown-safe table cell text. */
function cell(s: string | undefined): string {
  return (s ?? "").replace(/\\/g, "\\\\").replace(/</g, "&lt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** A Markdown rubric page: a table per task. */
export function explainMarkdown(x: Explained, checks: ReadonlyMap<string, CheckModule>): string {
  const out: string[] = [];
  out.push(`# ${cell(x.title)}`, "");
  out.push(`Assessment \`${x.assessment}\`, rubric version ${cell(x.version)}. **${pts(x.totalPoints)}**; you pass with **${x.passPercent}%** of the automatically graded points. Manual criteria are graded by an instructor.`, "");
  out.push(`Your student ID: ${cell(x.student)}. In the names below, \`{student}\` stands for it.`, "");
  if (x.environment) out.push(cell(environmentLine(x.environment)), "");
  out.push("| Name | Resource |", "| --- | --- |");
  for (const [k, v] of Object.entries(x.names)) out.push(`| ${cell(k)} | ${code(v)} |`);
  out.push("", "| Task | Points |", "| --- | ---: |");
  for (const t of x.tasks) out.push(`| [${cell(t.title)}](#${t.id.replace(/_/g, "-")}) | ${t.points} |`);
  for (const t of x.tasks) {
    out.push("", `<a id="${t.id.replace(/_/g, "-")}"></a>`, `## ${cell(t.title)} — ${pts(t.points)}`, "");
    if (t.description) out.push(cell(t.description), "");
    if (t.check) out.push(`Checked by \`${t.check.id}\`: ${cell(t.check.description)} Reads: ${t.check.actions.map(code).join(", ")}.`, "");
    else out.push("Graded by an instructor.", "");
    out.push("| Criterion | Points | What is checked | Expected | Hint |", "| --- | ---: | --- | --- | --- |");
    for (const c of t.criteria) {
      const what =
        c.kind === "manual"
          ? `**Manual.** ${cell(c.manual)}`
          : `${c.severity === "warning" ? "**Warning only** (advice, never costs points). " : ""}${c.paths.map(code).join(", ") || "the facts"}${c.check && c.check !== t.check?.id ? ` (from \`${c.check}\`: ${checks.get(c.check)?.actions.map(code).join(", ") ?? ""})` : ""}${c.requires.length ? `<br>Requires: ${c.requires.map(code).join(", ")}` : ""}`;
      out.push(`| ${cell(c.title)} | ${c.points} | ${what} | ${cell(c.expected ?? "an instructor's judgement")} | ${cell(c.hint)} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** Runs `explain`. */
export async function runExplain(id: string, flags: ExplainFlags, io: CliIo): Promise<number> {
  const format = flags.format ?? "text";
  if (format !== "text" && format !== "markdown" && format !== "json") throw new UsageError(`--format must be text, markdown or json, got "${format}"`);
  const { assessment, rubric } = await openAssessment(flags.rubric ? { id, rubricFile: flags.rubric } : { id });
  const only = checkTasks(flags.task, rubric, "--task");
  const x = explainRubric(rubric, assessment, only);
  const checks = new Map(assessment.checks.map((c) => [c.id, c]));
  io.out(format === "markdown" ? explainMarkdown(x, checks) : format === "json" ? `${JSON.stringify(x, null, 2)}\n` : explainText(x, checks));
  return EXIT.PASS;
}
