// gradebook.csv and the LMS variants (Canvas, Moodle) from the students' results.
import { toCsv } from "./csv.js";
import { errorActions, type BatchManifest, type StudentResult } from "./store.js";

import { GRADEBOOK_STYLES, type GradebookStyle } from "./formats.js";

export { GRADEBOOK_STYLES, type GradebookStyle };

/** The file each style is written to in `<out>`. */
export function gradebookFile(style: GradebookStyle): string {
  return style === "default" ? "gradebook.csv" : `gradebook-${style}.csv`;
}

/**
 * default: student, name, email, section, score, max_score, percent, passed, one column per task (points earned),
 * errors (criteria that could not be checked), status (graded | incomplete: what could not be checked | not graded: why).
 * A student who could not be graded has empty score cells, never 0; an incomplete one keeps the points found so far,
 * marked as such in `status`.
 */
export function gradebookCsv(style: GradebookStyle, manifest: Pick<BatchManifest, "tasks" | "rubric">, results: readonly StudentResult[]): string {
  if (style === "canvas") return canvas(manifest, results);
  if (style === "moodle") return moodle(manifest, results);
  const manual = withManual(results);
  const head = ["student", "name", "email", "section", "score", "max_score", "percent", "passed", ...manifest.tasks.map((t) => t.id), "errors", "status", ...(manual ? ["manual_points", "manual_max", "manual_pending", "total", "total_max", "total_percent"] : [])];
  const rows = results.map((r) => {
    const e = r.entry;
    const rep = r.report;
    const byTask = new Map(rep?.tasks.map((t) => [t.id, t.points]) ?? []);
    const m = rep?.score.manual;
    const total = rep?.score.total;
    return [
      e.student, e.name, e.email, e.section,
      rep?.score.points, rep?.score.maxPoints, rep?.score.percent, rep ? (rep.score.passed ? "yes" : "no") : undefined,
      ...manifest.tasks.map((t) => byTask.get(t.id)),
      rep?.counts.error,
      status(r),
      ...(manual ? [m?.points, m?.maxPoints, m?.pending, total?.points, total?.maxPoints, total?.percent] : []),
    ];
  });
  return toCsv([head, ...rows]);
}

/** Whether manual scores were merged into these results (then the LMS gets automatic + manual points). */
function withManual(results: readonly StudentResult[]): boolean {
  return results.some((r) => r.report?.score.manual);
}

/** The points an LMS receives: automatic + manual when a person's scores were merged, else automatic. */
function lmsPoints(r: StudentResult): number | undefined {
  return r.report?.score.total?.points ?? r.report?.score.points;
}

function status(r: StudentResult): string {
  return problem(r) ?? "graded";
}

/**
 * Why a student's score is not final, in one phrase, or undefined when it is: not graded at all, or incomplete
 * because some criteria could not be checked (their points are missing, not lost).
 */
export function problem(r: StudentResult): string | undefined {
  if (!r.report) return `not graded: ${r.failure ?? "unknown"}`;
  const n = r.report.counts.error;
  if (!n) return undefined;
  const actions = errorActions(r.report);
  return `incomplete: ${n} ${n === 1 ? "criterion" : "criteria"} could not be checked (${actions.slice(0, 5).join(", ")}${actions.length > 5 ? ", …" : ""}); regrade with --retry-errors`;
}

/**
 * Canvas gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment, with a
 * "Points Possible" row first. Canvas matches students by ID, SIS User ID or SIS Login ID; ID (Canvas's internal
 * number) is left empty, SIS User ID carries the student ID, SIS Login ID the e-mail (or the ID). A new column
 * title creates a new assignment on import; points are the score in points. A student who was not graded, or whose
 * grading is incomplete, gets an empty score cell (Canvas leaves the grade as it is) and the reason in "Notes".
 */
function canvas(manifest: Pick<BatchManifest, "rubric">, results: readonly StudentResult[]): string {
  const scored = results.find((r) => r.report)?.report?.score;
  const maxPoints = scored?.total?.maxPoints ?? scored?.maxPoints;
  const rows: (string | number | undefined)[][] = [
    ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", manifest.rubric.title, "Notes"],
    ["Points Possible", "", "", "", "", maxPoints, ""],
  ];
  for (const r of results) {
    const why = problem(r);
    rows.push([r.entry.name ?? r.entry.student, "", r.entry.student, r.entry.email ?? r.entry.student, r.entry.section ?? "", why ? undefined : lmsPoints(r), why ? notFinal(r, why) : ""]);
  }
  return toCsv(rows);
}

/** The note of a score left out of an LMS file: why, and the points found so far when there are any. */
function notFinal(r: StudentResult, why: string): string {
  const s = r.report?.score;
  return `${why}${s ? `; score left empty (${s.points}/${s.maxPoints} found so far)` : ""}`;
}

/**
 * Moodle "Import grades → CSV file": map users by "ID number" (or "Email address"), the grade column to a grade
 * item, and "Feedback" to its feedback. Grades are points; a student not graded or graded incompletely gets an empty
 * grade (Moodle's "no grade") and the reason first in the feedback.
 */
function moodle(manifest: Pick<BatchManifest, "rubric">, results: readonly StudentResult[]): string {
  const rows: (string | number | undefined)[][] = [["ID number", "Email address", "Full name", manifest.rubric.title, "Feedback"]];
  for (const r of results) {
    const rep = r.report;
    const why = problem(r);
    const tasks = rep ? rep.tasks.map((t) => `${t.id} ${t.points}/${t.maxPoints}`).join(", ") : "";
    const manual = rep?.score.manual ? `; graded by a person: ${rep.score.manual.points}/${rep.score.manual.maxPoints}${rep.score.manual.pending ? ` (${rep.score.manual.pending} not scored yet)` : ""}` : "";
    const feedback = why ? `${notFinal(r, why)}${tasks ? `; ${tasks}` : ""}` : `${rep!.score.percent}% (${rep!.score.points}/${rep!.score.maxPoints}); ${tasks}${manual}`;
    rows.push([r.entry.student, r.entry.email ?? "", r.entry.name ?? "", why ? undefined : lmsPoints(r), feedback]);
  }
  return toCsv(rows);
}
