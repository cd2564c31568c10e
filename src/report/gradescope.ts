// The Gradescope reporter: results.json of the Gradescope autograder specification.
// https://gradescope-autograders.readthedocs.io/en/latest/specs/ — top-level score, tests[] with
// name, score, max_score, status ("passed" | "failed"), output, output_format, visibility.
import type { CriterionResult, GradeReport, TaskResult } from "../grade/result.js";
import { fmt } from "./common.js";
import { hintOf, partialNote, scoreLine, sentence } from "./wording.js";
import { dropForbidden } from "./escape.js";
import { failureSummary } from "../aws/errors.js";

/** Options of the Gradescope reporter. */
export interface GradescopeOptions {
  /** Visibility of every test: "visible" (default), "after_due_date", "after_published" or "hidden". */
  visibility?: "visible" | "after_due_date" | "after_published" | "hidden";
}

/** One test of results.json. */
export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status?: "passed" | "failed";
  output: string;
  output_format: "text";
  tags: string[];
  visibility: string;
}

/** The results.json document. */
export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: "text";
  test_output_format: "text";
  visibility: string;
  stdout_visibility: "hidden";
  tests: GradescopeTest[];
  extra_data: Record<string, unknown>;
}

/**
 * The report as Gradescope results.json. The top-level score is the automatic score, so Gradescope does not
 * re-add the tests. Manual criteria are listed with score 0 and max_score 0 (no status: they are neither
 * passed nor failed) and an output saying they await a human; skipped and unchecked criteria are "failed"
 * with 0 points and an output that says why; warnings (advisory criteria) are "passed" at 0 of 0 points with an
 * output starting "Warning:", so they are seen but never count against the student. All output is plain text
 * (output_format "text"), so student-controlled strings are never rendered as HTML or Markdown.
 */
export function renderGradescope(r: GradeReport, o: GradescopeOptions = {}): string {
  const visibility = o.visibility ?? "visible";
  const tests: GradescopeTest[] = [];
  r.tasks.forEach((task, ti) => task.criteria.forEach((c, ci) => tests.push(test(task, c, `${ti + 1}.${ci + 1}`, visibility))));
  const n = r.counts;
  const output = [
    `${r.rubric.title}: student ${r.student}`,
    `Score: ${scoreLine(r)}`,
    ...(partialNote(r) ? [partialNote(r)!] : []),
    `${n.pass} passed, ${n.fail} failed, ${n.error} could not be checked, ${n.skipped} skipped, ${n.manual} await a human grader (${fmt(r.score.manualPoints)} points, not included yet).`,
    ...(n.error ? [`${failureSummary(r.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "error"))} They score 0 here; ask your instructor for a regrade.`] : []),
    ...(n.warning ? [`${n.warning} warning${n.warning === 1 ? "" : "s"}: advice only, listed as passed tests worth 0 points; they never lower the score.`] : []),
  ].join("\n");
  const results: GradescopeResults = {
    score: r.score.points,
    execution_time: Math.round(r.durationMs / 1000),
    output: clean(output),
    output_format: "text",
    test_output_format: "text",
    visibility,
    stdout_visibility: "hidden",
    tests,
    extra_data: { tool: r.tool, rubric: { assessment: r.rubric.assessment, version: r.rubric.version }, score: r.score, counts: r.counts },
  };
  return `${JSON.stringify(results, null, 2)}\n`;
}

function test(task: TaskResult, c: CriterionResult, number: string, visibility: string): GradescopeTest {
  const base = { name: clean(`${task.title}: ${c.title}`), number, output_format: "text" as const, tags: [task.id, c.status], visibility };
  const hint = hintOf(c);
  const text = (first: string, ...more: string[]) => clean([first, ...(hint ? [`Hint: ${hint}`] : []), ...more].join("\n"));
  switch (c.status) {
    case "pass":
      return { ...base, score: c.points, max_score: c.maxPoints, status: "passed", output: text(sentence(c)) };
    case "fail":
      return { ...base, score: c.points, max_score: c.maxPoints, status: "failed", output: text(sentence(c)) };
    case "error":
      return { ...base, score: 0, max_score: c.maxPoints, status: "failed", output: text(capital(sentence(c)), ...(c.action ? [`AWS action: ${c.action}.`] : []), "This is not your mistake: ask for a regrade.") };
    case "skipped":
      return { ...base, score: 0, max_score: c.maxPoints, status: "failed", output: text(`Skipped: ${sentence(c)}`) };
    case "warning":
      return { ...base, score: 0, max_score: 0, status: "passed", output: text(`Warning: ${sentence(c)}`, "This is advice only: it costs no points.") };
    case "manual":
      return { ...base, score: 0, max_score: 0, output: text(`${capital(sentence(c))} (${fmt(c.maxPoints)} points, not included in the automatic score).`) };
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function clean(s: string): string {
  return dropForbidden(s);
}
