// Helpers shared by the reporters: numbers, status words, "found" text, severity order.
import type { CriterionResult, GradeReport, Status, TaskResult } from "../grade/result.js";

/** A number as people write it: 2, 2.5, 43.25. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, "");
}

/** Status words for people. */
export const STATUS_LABEL: Record<Status, string> = {
  pass: "passed",
  fail: "failed",
  error: "could not be checked",
  skipped: "skipped",
  manual: "for a human grader",
  warning: "warning",
};

/** Most urgent first: what the student must act on, then advice (warnings), then what is pending, then what passed. */
export const SEVERITY: Record<Status, number> = { error: 0, fail: 1, warning: 2, skipped: 3, manual: 4, pass: 5 };

/** Stable sort by severity. */
export function bySeverity<T extends { status: Status }>(items: readonly T[]): T[] {
  return items.map((x, i) => [x, i] as const).sort((a, b) => SEVERITY[a[0].status] - SEVERITY[b[0].status] || a[1] - b[1]).map(([x]) => x);
}

/** Every criterion with its task. */
export function allCriteria(r: GradeReport): { task: TaskResult; criterion: CriterionResult }[] {
  return r.tasks.flatMap((task) => task.criteria.map((criterion) => ({ task, criterion })));
}
