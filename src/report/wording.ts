// The words every reporter uses: a criterion's sentence and hint, the verdict, a partial run, what blocks what and
// the next steps. One source, so the console, HTML, Markdown, JUnit, CSV, Gradescope and GitHub never word a result
// differently, and none rebuilds its own text from `expected`/`actual`.
import type { CriterionResult, GradeReport, TaskResult } from "../grade/result.js";
import { fmt } from "./common.js";

const COULD_NOT = /^(?:could not be checked\b[:,]?\s*)+/i;

/**
 * The one sentence shown for a criterion: its `message`; for `error` (and a warning that could not be checked)
 * prefixed once with "could not be checked: " (never doubled); for `manual` what the human grader looks at.
 */
export function sentence(c: CriterionResult): string {
  if (c.status === "manual") return c.manualGrade ? c.message : `awaits a human grader${c.manual ? `: ${c.manual}` : ""}`;
  if (c.status === "error" || COULD_NOT.test(c.message)) return `could not be checked: ${c.message.replace(COULD_NOT, "") || "no reason given"}`;
  return c.message;
}

/** The hint a report shows: for what the student can fix (fail, skipped, warning), else none. */
export function hintOf(c: CriterionResult): string | undefined {
  return c.hint && (c.status === "fail" || c.status === "skipped" || c.status === "warning") ? c.hint : undefined;
}

/** "Only 2 of 15 tasks were graded (--only): …", or undefined for a full run. */
export function partialNote(r: GradeReport): string | undefined {
  if (!r.partial) return undefined;
  return `Only ${r.partial.graded} of ${r.partial.total} tasks were graded (--only): the score covers only ${r.partial.graded === 1 ? "that task" : "those tasks"}, not the whole assessment.`;
}

/** The verdict in words: "passed" / "not passed", or for a partial run what the graded tasks alone reach. */
export function verdict(r: GradeReport): string {
  if (r.partial) return r.score.passed ? "the graded tasks reach the pass mark (partial run, not a pass)" : "the graded tasks are below the pass mark (partial run)";
  return r.score.passed ? "passed" : "not passed";
}

/** The score line: "43.25 / 64.5 points (67.05%), pass mark 70%: not passed". */
export function scoreLine(r: GradeReport): string {
  const s = r.score;
  const total = s.total ? `; with the points graded by a person, ${fmt(s.total.points)} / ${fmt(s.total.maxPoints)} (${fmt(s.total.percent)}%)` : "";
  return `${fmt(s.points)} / ${fmt(s.maxPoints)} points (${fmt(s.percent)}%), pass mark ${fmt(s.threshold)}%: ${verdict(r)}${total}`;
}

/** The manual criteria in sentences: the points a person gave (and the total they make), and what still awaits one. */
export function manualSummary(r: GradeReport): string[] {
  const s = r.score;
  const lines: string[] = [];
  for (const task of r.tasks) for (const c of task.criteria) if (c.status === "manual" && c.manualGrade) lines.push(`${task.title}: ${c.title}: ${c.message}`);
  if (s.manual && s.total) lines.push(`Graded by a person: ${fmt(s.manual.points)} / ${fmt(s.manual.maxPoints)} points; total ${fmt(s.total.points)} / ${fmt(s.total.maxPoints)} (${fmt(s.total.percent)}%).`);
  const pending = s.manual ? s.manual.pending : r.counts.manual;
  if (pending) lines.push(`${pending} criteria${s.manual ? "" : ` (${fmt(s.manualPoints)} points)`} await a human grader and are not in the score.`);
  return lines;
}

/** A criterion with its task and its "task.criterion" key. */
export interface Located {
  task: TaskResult;
  criterion: CriterionResult;
  key: string;
}

/** Every criterion of the report by "task.criterion". */
export function criteriaByKey(r: GradeReport): Map<string, Located> {
  const m = new Map<string, Located>();
  for (const task of r.tasks) for (const criterion of task.criteria) m.set(`${task.id}.${criterion.id}`, { task, criterion, key: `${task.id}.${criterion.id}` });
  return m;
}

/**
 * The criterion that really blocks a skipped one: `blockedBy` followed through criteria that are themselves
 * skipped, to the first that failed or could not be checked (may be outside the report under --only).
 */
export function rootBlocker(c: CriterionResult, all: ReadonlyMap<string, Located>): string | undefined {
  let key = c.blockedBy;
  const seen = new Set<string>();
  while (key && !seen.has(key)) {
    seen.add(key);
    const next = all.get(key)?.criterion;
    if (!next || next.status !== "skipped" || !next.blockedBy) return key;
    key = next.blockedBy;
  }
  return key;
}

/** Skipped criteria grouped by the criterion that blocks them (root key → the skipped ones, in report order). */
export function blockedGroups(r: GradeReport): Map<string, Located[]> {
  const all = criteriaByKey(r);
  const groups = new Map<string, Located[]>();
  for (const l of all.values()) {
    if (l.criterion.status !== "skipped") continue;
    const root = rootBlocker(l.criterion, all);
    if (!root) continue;
    groups.set(root, [...(groups.get(root) ?? []), l]);
  }
  return groups;
}

/** One fix worth doing: a failing criterion, what it unblocks, and the points both are worth. */
export interface NextStep extends Located {
  unblocks: Located[];
  points: number;
}

/**
 * The fixes worth the most points, first: every failing criterion, worth its own missing points plus the points
 * of the criteria that wait for it; ties keep the rubric's order. Unchecked and advisory criteria are not steps.
 */
export function nextSteps(r: GradeReport, max = 3): NextStep[] {
  const groups = blockedGroups(r);
  const steps: NextStep[] = [];
  for (const l of criteriaByKey(r).values()) {
    if (l.criterion.status !== "fail") continue;
    const unblocks = groups.get(l.key) ?? [];
    const points = l.criterion.maxPoints - l.criterion.points + unblocks.reduce((a, u) => a + u.criterion.maxPoints, 0);
    if (points > 0) steps.push({ ...l, unblocks, points });
  }
  return steps.map((s, i) => [s, i] as const).sort((a, b) => b[0].points - a[0].points || a[1] - b[1]).slice(0, max).map(([s]) => s);
}

/** "10 more criteria wait for this" and the like. */
export function waitingPhrase(n: number): string {
  return `${n} more criteri${n === 1 ? "on waits" : "a wait"} for this`;
}

/** A UTC time in words: "2026-11-02 14:03 UTC". */
function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Authorship evidence in sentences: a heading, one line per resource with a creation event (flagged first), what had none. */
export function authorshipLines(r: GradeReport): { heading: string; lines: { text: string; flagged: boolean }[] } | undefined {
  const e = r.evidence;
  if (!e) return undefined;
  const span = `CloudTrail, ${e.window.start.slice(0, 10)} to ${e.window.end.slice(0, 10)}`;
  if (e.error) return { heading: `Who created these resources (${span}): could not be read: ${e.error}`, lines: [] };
  const found = e.resources.filter((x) => x.createdBy);
  const flagged = found.filter((x) => x.flags.length);
  const lines = [...flagged, ...found.filter((x) => !x.flags.length)].map((x) => {
    const parts = [`${x.name}: created by ${x.createdBy} on ${utc(x.createdAt!)} (${x.event})`];
    if (x.flags.includes("other-principal")) parts.push(`not by ${e.principal}`);
    if (x.flags.includes("after-deadline")) parts.push(`after the deadline ${utc(e.deadline!)}`);
    if (x.otherWriters?.length) parts.push(`also changed by ${x.otherWriters.join(", ")}`);
    return { text: parts.join("; "), flagged: x.flags.length > 0 };
  });
  const none = e.resources.length - found.length;
  if (none) lines.push({ text: `${none} more named resource${none === 1 ? " has" : "s have"} no creation event in the window (not built, built before it, or not recorded by CloudTrail).`, flagged: false });
  if (e.truncated) lines.push({ text: `The account had more write events than were read (${e.events}); some resources may lack theirs.`, flagged: false });
  const verdict = flagged.length ? `${flagged.length} of ${found.length} flagged` : found.length ? (e.principal || e.deadline ? "nothing flagged" : `${found.length} found`) : "no creation events found";
  return { heading: `Who created these resources (${span}): ${verdict}`, lines };
}
