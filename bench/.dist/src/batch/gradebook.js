// gradebook.csv and the LMS variants (Canvas, Moodle) from the students' results.
import { toCsv } from "./csv.js";
/** Gradebook column conventions. */
export const GRADEBOOK_STYLES = ["default", "canvas", "moodle"];
/** The file each style is written to in `<out>`. */
export function gradebookFile(style) {
    return style === "default" ? "gradebook.csv" : `gradebook-${style}.csv`;
}
/**
 * default: student, name, email, section, score, max_score, percent, passed, one column per task (points earned),
 * errors (criteria that could not be checked), status (graded | errors | not graded: why).
 * A student who could not be graded has empty score cells, never 0.
 */
export function gradebookCsv(style, manifest, results) {
    if (style === "canvas")
        return canvas(manifest, results);
    if (style === "moodle")
        return moodle(manifest, results);
    const head = ["student", "name", "email", "section", "score", "max_score", "percent", "passed", ...manifest.tasks.map((t) => t.id), "errors", "status"];
    const rows = results.map((r) => {
        const e = r.entry;
        const rep = r.report;
        const byTask = new Map(rep?.tasks.map((t) => [t.id, t.points]) ?? []);
        return [
            e.student, e.name, e.email, e.section,
            rep?.score.points, rep?.score.maxPoints, rep?.score.percent, rep ? (rep.score.passed ? "yes" : "no") : undefined,
            ...manifest.tasks.map((t) => byTask.get(t.id)),
            rep?.counts.error,
            status(r),
        ];
    });
    return toCsv([head, ...rows]);
}
function status(r) {
    if (!r.report)
        return `not graded: ${r.failure ?? "unknown"}`;
    return r.report.counts.error > 0 ? "errors" : "graded";
}
/**
 * Canvas gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment, with a
 * "Points Possible" row first. Canvas matches students by ID, SIS User ID or SIS Login ID; ID (Canvas's internal
 * number) is left empty, SIS User ID carries the student ID, SIS Login ID the e-mail (or the ID). A new column
 * title creates a new assignment on import; points are the score in points.
 */
function canvas(manifest, results) {
    const maxPoints = results.find((r) => r.report)?.report?.score.maxPoints;
    const rows = [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", manifest.rubric.title],
        ["Points Possible", "", "", "", "", maxPoints],
    ];
    for (const r of results)
        rows.push([r.entry.name ?? r.entry.student, "", r.entry.student, r.entry.email ?? r.entry.student, r.entry.section ?? "", r.report?.score.points]);
    return toCsv(rows);
}
/**
 * Moodle "Import grades → CSV file": map users by "ID number" (or "Email address"), the grade column to a grade
 * item, and "Feedback" to its feedback. Grades are points.
 */
function moodle(manifest, results) {
    const rows = [["ID number", "Email address", "Full name", manifest.rubric.title, "Feedback"]];
    for (const r of results) {
        const rep = r.report;
        const feedback = rep
            ? `${rep.score.percent}% (${rep.score.points}/${rep.score.maxPoints})${rep.counts.error ? `; ${rep.counts.error} criteria could not be checked` : ""}; ` +
                rep.tasks.map((t) => `${t.id} ${t.points}/${t.maxPoints}`).join(", ")
            : `not graded: ${r.failure ?? "unknown"}`;
        rows.push([r.entry.student, r.entry.email ?? "", r.entry.name ?? "", rep?.score.points, feedback]);
    }
    return toCsv(rows);
}
