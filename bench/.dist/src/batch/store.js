// The batch output folder: one JSON file per student written atomically the moment it is graded, plus a manifest.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../cli/io.js";
/** A file name for a student ID: the ID itself when it is a plain name, else percent-encoded. */
export function fileNameFor(student) {
    return /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(student) && student.length <= 200 ? student : encodeURIComponent(student).replace(/\./g, "%2E").replace(/\*/g, "%2A");
}
export function studentsDir(out) {
    return join(out, "students");
}
/** Writes one student's result atomically. */
export function writeStudentResult(out, r) {
    writeFileAtomic(join(studentsDir(out), `${fileNameFor(r.entry.student)}.json`), `${JSON.stringify(r)}\n`);
}
/** Whether a result still needs grading under --retry-errors: not graded, or some criterion in `error`. */
export function hasErrors(r) {
    return r.failure !== undefined || !r.report || r.report.counts.error > 0;
}
/**
 * The part of a result the gradebook, summary and merge need: scores, statuses and points, error actions; without
 * messages, evidence or found values (a full report is ~100 KB; 1,000 of them must not stay in memory).
 */
export function compact(r) {
    if (!r.report)
        return r;
    const { tasks, ...rest } = r.report;
    return {
        ...r,
        report: {
            ...rest,
            tasks: tasks.map((t) => ({
                ...t,
                criteria: t.criteria.map((c) => ({ id: c.id, title: c.title, status: c.status, points: c.points, maxPoints: c.maxPoints, message: "", ...(c.action ? { action: c.action } : {}) })),
            })),
        },
    };
}
/**
 * Reads every student result in `<out>/students` (compacted unless `full`); unreadable files are returned as
 * problems, not thrown. `each` sees every full result as it is read (merge copies them that way).
 */
export function readStudentResults(out, o = {}) {
    const dir = studentsDir(out);
    const results = new Map();
    const problems = [];
    if (!existsSync(dir))
        return { results, problems };
    for (const f of readdirSync(dir).sort()) {
        if (!f.endsWith(".json"))
            continue;
        let r;
        try {
            r = JSON.parse(readFileSync(join(dir, f), "utf8"));
            if (r?.schema !== "glue-validate/batch-student" || typeof r.entry?.student !== "string")
                throw new Error("not a glue-validate batch result");
        }
        catch (err) {
            problems.push(`${join(dir, f)}: ${err.message}`);
            continue;
        }
        o.each?.(r);
        results.set(r.entry.student, o.full ? r : compact(r));
    }
    return { results, problems };
}
export function manifestFor(assessment, rubric, rubricSource, students, shard) {
    return {
        schema: "glue-validate/batch",
        schemaVersion: 1,
        assessment,
        rubric: { title: rubric.title, version: rubric.version, source: rubricSource, passPercent: rubric.passPercent },
        tasks: rubric.tasks.map((t) => ({ id: t.id, title: t.title })),
        ...(shard ? { shard } : {}),
        students,
        updatedAt: new Date().toISOString(),
    };
}
export function writeManifest(out, m) {
    writeFileAtomic(join(out, "batch.json"), `${JSON.stringify(m, null, 1)}\n`);
}
export function readManifest(out) {
    const f = join(out, "batch.json");
    if (!existsSync(f))
        return undefined;
    const m = JSON.parse(readFileSync(f, "utf8"));
    if (m?.schema !== "glue-validate/batch")
        throw new Error(`${f} is not a glue-validate batch manifest`);
    return m;
}
/** Results in gradebook order: roster line, then student ID. */
export function ordered(results) {
    return [...results].sort((a, b) => a.entry.line - b.entry.line || (a.entry.student < b.entry.student ? -1 : a.entry.student > b.entry.student ? 1 : 0));
}
