// What the class dashboard shows, computed from the batch's results: the summary, a task × criterion grid of pass
// rates, the most common mistakes with the students who made them, and one row per student with a link to its report.
import { summarize, type ClassSummary } from "./summary.js";
import { mentionsStudent, type BatchManifest, type StudentResult } from "./store.js";

/** One criterion's cell in the heat map. */
export interface HeatCell {
  id: string;
  title: string;
  /** Students whose result for it is pass / fail / error / skipped (advisory warnings and manual criteria are not cells). */
  pass: number;
  fail: number;
  error: number;
  skipped: number;
  /** pass / (pass + fail + error + skipped), in percent; undefined when nobody was judged on it. */
  passRate?: number;
}

/** One task's row in the heat map, criteria in rubric order. */
export interface HeatRow {
  id: string;
  title: string;
  cells: HeatCell[];
}

/** A criterion that students failed, with who failed it. */
export interface Mistake {
  taskId: string;
  taskTitle: string;
  criterionId: string;
  title: string;
  /** Students who failed it, in gradebook order. */
  students: string[];
}

/** One student's row: the (compact) result and where its report is, relative to the batch folder. */
export interface ClassRow {
  result: StudentResult;
  reportHref?: string;
}

/** Everything the class page renders. */
export interface ClassView {
  summary: ClassSummary;
  passPercent: number;
  environment?: string;
  heat: HeatRow[];
  /** Most failed first. */
  mistakes: Mistake[];
  rows: ClassRow[];
  /** When the last of these students was graded (ISO 8601), if any was. */
  gradedAt?: string;
}

/** A criterion title as it reads for the whole class: the student's ID in it (as in "Database gold_s0002") becomes {student}. */
function generic(title: string, student: string): string {
  return title.replace(new RegExp(mentionsStudent(student).source, "g"), "{student}");
}

/** Builds the class view from results in gradebook order; `reportHref` says where a student's report is, if any. */
export function classView(
  manifest: BatchManifest,
  results: readonly StudentResult[],
  o: { reportHref?: (student: string) => string | undefined; summary?: ClassSummary } = {},
): ClassView {
  const heat = new Map<string, HeatRow>(manifest.tasks.map((t) => [t.id, { id: t.id, title: t.title, cells: [] }]));
  const cells = new Map<string, HeatCell>();
  const failedBy = new Map<string, Mistake>();
  for (const r of results) {
    if (!r.report) continue;
    for (const t of r.report.tasks) {
      let row = heat.get(t.id);
      if (!row) heat.set(t.id, (row = { id: t.id, title: t.title, cells: [] }));
      for (const c of t.criteria) {
        if (c.status === "manual" || c.status === "warning") continue;
        const key = `${t.id}\u0000${c.id}`;
        let cell = cells.get(key);
        if (!cell) {
          cell = { id: c.id, title: generic(c.title, r.entry.student), pass: 0, fail: 0, error: 0, skipped: 0 };
          cells.set(key, cell);
          row.cells.push(cell);
        }
        cell[c.status]++;
        if (c.status === "fail") {
          let m = failedBy.get(key);
          if (!m) failedBy.set(key, (m = { taskId: t.id, taskTitle: t.title, criterionId: c.id, title: generic(c.title, r.entry.student), students: [] }));
          m.students.push(r.entry.student);
        }
      }
    }
  }
  for (const cell of cells.values()) {
    const n = cell.pass + cell.fail + cell.error + cell.skipped;
    if (n) cell.passRate = Math.round((cell.pass / n) * 1000) / 10;
  }
  const gradedAt = results.reduce<string | undefined>((a, r) => (r.finishedAt && (!a || r.finishedAt > a) ? r.finishedAt : a), undefined);
  const taskOrder = new Map(manifest.tasks.map((t, i) => [t.id, i]));
  return {
    summary: o.summary ?? summarize(manifest, results),
    passPercent: results.find((r) => r.report)?.report?.score.threshold ?? manifest.rubric.passPercent,
    ...(manifest.environment ? { environment: manifest.environment } : {}),
    heat: [...heat.values()].filter((h) => h.cells.length),
    mistakes: [...failedBy.values()].sort((a, b) => b.students.length - a.students.length || (taskOrder.get(a.taskId) ?? 0) - (taskOrder.get(b.taskId) ?? 0)),
    rows: results.map((result) => {
      const href = o.reportHref?.(result.entry.student);
      return href ? { result, reportHref: href } : { result };
    }),
    ...(gradedAt ? { gradedAt } : {}),
  };
}
