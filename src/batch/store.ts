// The batch output folder: one JSON file per student written atomically the moment it is graded, plus a manifest.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../util/write-file.js";
import type { GradeReport } from "../grade/result.js";
import type { Rubric } from "../rubric/schema.js";
import type { RosterEntry } from "./roster.js";

/** What `<out>/students/<id>.json` holds. */
export interface StudentResult {
  schema: "glue-validate/batch-student";
  schemaVersion: 1;
  entry: RosterEntry;
  /** The report, when the student could be graded. */
  report?: GradeReport;
  /** Why the student could not be graded at all (role, credentials, account), in one sentence. */
  failure?: string;
  finishedAt: string;
}

/** What `<out>/batch.json` holds: enough to merge shards and rebuild the gradebook. */
export interface BatchManifest {
  schema: "glue-validate/batch";
  schemaVersion: 1;
  assessment: string;
  rubric: { title: string; version: string; source: string; passPercent: number };
  /** Task ids and titles in rubric order (the gradebook's columns). */
  tasks: { id: string; title: string }[];
  /** --env of assessments with environments: a folder holds one environment's grades. */
  environment?: string;
  shard?: string;
  /** Students in this run's slice of the roster. */
  students: number;
  updatedAt: string;
}

/** A file name for a student ID: the ID itself when it is a plain name, else percent-encoded. */
export function fileNameFor(student: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(student) && student.length <= 200 ? student : encodeURIComponent(student).replace(/\./g, "%2E").replace(/\*/g, "%2A");
}

export function studentsDir(out: string): string {
  return join(out, "students");
}

/** Writes one student's result atomically. */
export function writeStudentResult(out: string, r: StudentResult): void {
  writeFileAtomic(join(studentsDir(out), `${fileNameFor(r.entry.student)}.json`), `${JSON.stringify(r)}\n`);
}

/** Reads one student's full result, or undefined when there is none (or it cannot be read). */
export function readStudentResult(out: string, student: string): StudentResult | undefined {
  try {
    const r = JSON.parse(readFileSync(join(studentsDir(out), `${fileNameFor(student)}.json`), "utf8")) as StudentResult;
    return r?.schema === "glue-validate/batch-student" && r.entry?.student === student ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes one student's result file, if any. */
export function removeStudentResult(out: string, student: string): void {
  rmSync(join(studentsDir(out), `${fileNameFor(student)}.json`), { force: true });
}

/** Matches text (memo keys, titles) that name the student as a whole word (e.g. `landing_s1`, not `s10`). */
export function mentionsStudent(student: string): RegExp {
  const id = student.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9])${id}(?![A-Za-z0-9])`);
}

/** Whether a result still needs grading under --retry-errors: not graded, or some criterion in `error`. */
export function hasErrors(r: StudentResult): boolean {
  return r.failure !== undefined || !r.report || r.report.counts.error > 0;
}

/** The IAM actions (or, without one, the titles) of the criteria that could not be checked, each once. */
export function errorActions(report: GradeReport): string[] {
  return [...new Set(report.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "error").map((c) => c.action ?? c.title))];
}

/**
 * The part of a result the gradebook, summary and merge need: scores, statuses and points, error actions; without
 * messages, evidence or found values (a full report is ~100 KB; 1,000 of them must not stay in memory).
 */
export function compact(r: StudentResult): StudentResult {
  if (!r.report) return r;
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
export function readStudentResults(out: string, o: { full?: boolean; each?: (r: StudentResult) => void } = {}): { results: Map<string, StudentResult>; problems: string[] } {
  const dir = studentsDir(out);
  const results = new Map<string, StudentResult>();
  const problems: string[] = [];
  if (!existsSync(dir)) return { results, problems };
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith(".json")) continue;
    let r: StudentResult;
    try {
      r = JSON.parse(readFileSync(join(dir, f), "utf8")) as StudentResult;
      if (r?.schema !== "glue-validate/batch-student" || typeof r.entry?.student !== "string") throw new Error("not a glue-validate batch result");
    } catch (err) {
      problems.push(`${join(dir, f)}: ${(err as Error).message}`);
      continue;
    }
    o.each?.(r);
    results.set(r.entry.student, o.full ? r : compact(r));
  }
  return { results, problems };
}

export function manifestFor(assessment: string, rubric: Rubric, rubricSource: string, students: number, shard?: string, environment?: string): BatchManifest {
  return {
    schema: "glue-validate/batch",
    schemaVersion: 1,
    assessment,
    rubric: { title: rubric.title, version: rubric.version, source: rubricSource, passPercent: rubric.passPercent },
    tasks: rubric.tasks.map((t) => ({ id: t.id, title: t.title })),
    ...(environment ? { environment } : {}),
    ...(shard ? { shard } : {}),
    students,
    updatedAt: new Date().toISOString(),
  };
}

export function writeManifest(out: string, m: BatchManifest): void {
  writeFileAtomic(join(out, "batch.json"), `${JSON.stringify(m, null, 1)}\n`);
}

export function readManifest(out: string): BatchManifest | undefined {
  const f = join(out, "batch.json");
  if (!existsSync(f)) return undefined;
  const m = JSON.parse(readFileSync(f, "utf8")) as BatchManifest;
  if (m?.schema !== "glue-validate/batch") throw new Error(`${f} is not a glue-validate batch manifest`);
  return m;
}

/** Results in gradebook order: roster line, then student ID. */
export function ordered(results: Iterable<StudentResult>): StudentResult[] {
  return [...results].sort((a, b) => a.entry.line - b.entry.line || (a.entry.student < b.entry.student ? -1 : a.entry.student > b.entry.student ? 1 : 0));
}
