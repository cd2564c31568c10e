// Points graded by a human: a CSV of (student, criterion, points, comment) validated against the rubric and the
// class, then merged into each report's manual criteria, its score and everything built from it.
import { parseCsv } from "./csv.js";
import { editDistance } from "../util/edit-distance.js";
import type { Rubric } from "../rubric/schema.js";
import type { CriterionResult, GradeReport } from "../grade/result.js";
import type { StudentResult } from "./store.js";

/** One human-graded score: a student's points on one manual criterion, with the grader's comment. */
export interface ManualScore {
  student: string;
  /** `task.criterion`, as in the rubric. */
  key: string;
  points: number;
  comment?: string;
  /** Line in the scores file. */
  line: number;
}

/** A problem in the scores file, at a line. */
export interface ManualScoreProblem {
  line: number;
  message: string;
}

const HEADERS: Record<string, "student" | "criterion" | "points" | "comment"> = {
  student: "student", student_id: "student", id: "student",
  criterion: "criterion", criterion_id: "criterion",
  points: "points", score: "points",
  comment: "comment", comments: "comment", feedback: "comment",
};

/** Every manual criterion of a rubric: `task.criterion` → its maximum points. */
export function manualCriteria(rubric: Pick<Rubric, "tasks">): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of rubric.tasks) for (const c of t.criteria) if (c.manual) out.set(`${t.id}.${c.id}`, c.points);
  return out;
}

/**
 * Parses and validates a scores file (`student,criterion,points,comment`): every student must be in the class,
 * every criterion a manual criterion of the rubric (`task.criterion`, or the criterion id alone when it is unique),
 * points a number from 0 to the criterion's maximum, each (student, criterion) once.
 */
export function parseManualScores(text: string, rubric: Pick<Rubric, "tasks">, students: ReadonlySet<string>): { scores: ManualScore[]; problems: ManualScoreProblem[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    const m = /^line (\d+): (.*)$/.exec((err as Error).message);
    return { scores: [], problems: [{ line: m ? Number(m[1]) : 1, message: m ? m[2]! : (err as Error).message }] };
  }
  const header = records[0];
  if (!header) return { scores: [], problems: [{ line: 1, message: "the scores file is empty" }] };
  const cols = new Map<string, number>();
  header.fields.forEach((h, i) => {
    const k = HEADERS[h.trim().toLowerCase().replace(/[\s-]+/g, "_")];
    if (k && !cols.has(k)) cols.set(k, i);
  });
  const missing = ["student", "criterion", "points"].filter((k) => !cols.has(k));
  if (missing.length) {
    return { scores: [], problems: [{ line: header.line, message: `the header needs the columns student, criterion and points (and optionally comment); missing: ${missing.join(", ")}` }] };
  }
  const manual = manualCriteria(rubric);
  const automatic = new Set(rubric.tasks.flatMap((t) => t.criteria.filter((c) => !c.manual).map((c) => `${t.id}.${c.id}`)));
  const scores: ManualScore[] = [];
  const problems: ManualScoreProblem[] = [];
  const seen = new Map<string, number>();
  for (const r of records.slice(1)) {
    const cell = (k: string) => r.fields[cols.get(k)!]?.trim() ?? "";
    const bad = (message: string) => problems.push({ line: r.line, message });
    const student = cell("student");
    const key = resolveCriterion(cell("criterion"), manual, automatic);
    if (!student) {
      bad("no student");
      continue;
    }
    if (!students.has(student)) {
      bad(`student "${student.slice(0, 40)}" is not in this class`);
      continue;
    }
    if ("problem" in key) {
      bad(key.problem);
      continue;
    }
    const max = manual.get(key.key)!;
    const raw = cell("points");
    const points = raw === "" ? NaN : Number(raw);
    if (!Number.isFinite(points)) {
      bad(`points must be a number, got ${JSON.stringify(raw.slice(0, 20))}`);
      continue;
    }
    if (points < 0 || points > max) {
      bad(`${points} points is ${points < 0 ? "below 0" : `over the maximum of ${key.key} (${max})`}`);
      continue;
    }
    const id = `${student}\u0000${key.key}`;
    const first = seen.get(id);
    if (first !== undefined) {
      bad(`${student} already has a score for ${key.key} (line ${first})`);
      continue;
    }
    seen.set(id, r.line);
    const comment = cols.has("comment") ? cell("comment") : "";
    scores.push({ student, key: key.key, points, line: r.line, ...(comment ? { comment } : {}) });
  }
  return { scores, problems };
}

function resolveCriterion(given: string, manual: Map<string, number>, automatic: ReadonlySet<string>): { key: string } | { problem: string } {
  if (!given) return { problem: "no criterion" };
  if (manual.has(given)) return { key: given };
  const bare = [...manual.keys()].filter((k) => k.endsWith(`.${given}`));
  if (bare.length === 1) return { key: bare[0]! };
  if (bare.length > 1) return { problem: `criterion "${given}" is in several tasks: write ${bare.join(" or ")}` };
  if (automatic.has(given) || [...automatic].some((k) => k.endsWith(`.${given}`))) {
    return { problem: `criterion "${given}" is graded automatically; this file scores only the manual criteria (${[...manual.keys()].join(", ") || "none"})` };
  }
  const nearest = [...manual.keys()].sort((a, b) => editDistance(a, given) - editDistance(b, given))[0];
  return { problem: `unknown criterion "${given.slice(0, 60)}"${nearest ? ` (did you mean ${nearest}?)` : " (the rubric has no manual criteria)"}` };
}

/** Scores grouped by student. */
export function byStudent(scores: readonly ManualScore[]): Map<string, readonly ManualScore[]> {
  const m = new Map<string, ManualScore[]>();
  for (const s of scores) m.set(s.student, [...(m.get(s.student) ?? []), s]);
  return m;
}

/**
 * The report with a person's scores in its manual criteria (points, comment, the sentence every reporter shows)
 * and `score.manual` / `score.total` beside the automatic score, which is unchanged. Applying again with other
 * scores gives the same result as applying those alone.
 */
export function applyManualScores(report: GradeReport, scores: readonly ManualScore[]): GradeReport {
  const byKey = new Map(scores.map((s) => [s.key, s]));
  let awarded = 0;
  let graded = 0;
  let pending = 0;
  const tasks = report.tasks.map((t) => ({
    ...t,
    criteria: t.criteria.map((c): CriterionResult => {
      if (c.status !== "manual") return c;
      const { manualGrade: _old, ...rest } = c;
      const s = byKey.get(`${t.id}.${c.id}`);
      if (!s) {
        pending++;
        return { ...rest, points: 0 };
      }
      graded++;
      awarded += s.points;
      return {
        ...rest,
        points: s.points,
        manualGrade: { points: s.points, ...(s.comment ? { comment: s.comment } : {}) },
        message: `graded by a person: ${s.points} of ${c.maxPoints} points${s.comment ? ` (${s.comment})` : ""}`,
      };
    }),
  }));
  const maxPoints = report.score.maxPoints + report.score.manualPoints;
  const points = report.score.points + awarded;
  return {
    ...report,
    tasks,
    score: {
      ...report.score,
      manual: { points: awarded, maxPoints: report.score.manualPoints, graded, pending },
      total: { points, maxPoints, percent: maxPoints ? Math.round((points / maxPoints) * 10000) / 100 : 0 },
    },
  };
}

/** A batch result with the scores a person gave this student merged in (none: the manual criteria stay pending). */
export function withManualScores(r: StudentResult, manual: ReadonlyMap<string, readonly ManualScore[]>): StudentResult {
  return r.report ? { ...r, report: applyManualScores(r.report, manual.get(r.entry.student) ?? []) } : r;
}
