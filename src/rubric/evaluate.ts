// Evaluation: a pure function of (rubric, facts) → task results. No I/O.
import type { CriterionResult, Status, TaskResult } from "../grade/result.js";
import type { Facts } from "../grade/facts.js";
import type { Criterion, Expectation, Rubric, Task } from "./schema.js";
import { describe, match } from "./matchers.js";
import { resolvePath } from "./path.js";
import { FACT_PLACEHOLDER, renderValue } from "./render.js";
import { fill } from "./template.js";
import { failureSentence } from "../aws/errors.js";

/** Inputs besides the rubric: facts by check id and the values of {placeholders}. */
export interface EvaluationInput {
  facts: Readonly<Record<string, Facts | undefined>>;
  vars: Readonly<Record<string, string | undefined>>;
  /** Only these task ids (default: all). */
  only?: readonly string[];
  verbose?: boolean;
}

/** Fills {placeholders} in every string of an expectation. */
function fillExpectation(e: Expectation, vars: EvaluationInput["vars"]): Expectation {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return fill(v, vars);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "path" ? x : walk(x)]));
    return v;
  };
  return walk(e) as Expectation;
}

/** Evaluates every (selected) task of the rubric. */
export function evaluate(rubric: Rubric, input: EvaluationInput): TaskResult[] {
  const tasks = rubric.tasks.filter((t) => !input.only?.length || input.only.includes(t.id));
  const results = new Map<string, CriterionResult>();
  const byId = new Map<string, { task: Task; criterion: Criterion }>();
  for (const task of rubric.tasks) for (const criterion of task.criteria) byId.set(`${task.id}.${criterion.id}`, { task, criterion });

  const judge = (key: string): CriterionResult => {
    const done = results.get(key);
    if (done) return done;
    const { task, criterion } = byId.get(key)!;
    const r = advisory(criterion, judgeOne(task, criterion, input, (req) => judge(req.includes(".") ? req : `${task.id}.${req}`)));
    results.set(key, r);
    return r;
  };

  return tasks.map((task) => {
    const criteria = task.criteria.map((c) => judge(`${task.id}.${c.id}`));
    const auto = criteria.filter((c) => c.status !== "manual");
    return {
      id: task.id,
      title: fill(task.title, input.vars),
      points: sum(criteria.map((c) => c.points)),
      maxPoints: sum(auto.map((c) => c.maxPoints)),
      manualPoints: sum(criteria.filter((c) => c.status === "manual").map((c) => c.maxPoints)),
      // an advisory criterion never decides its task's status, even when it is skipped
      status: taskStatus(criteria.map((c, i) => (task.criteria[i]!.severity === "warning" && c.status !== "pass" ? "warning" : c.status))),
      criteria,
    };
  });
}

function judgeOne(task: Task, c: Criterion, input: EvaluationInput, required: (id: string) => CriterionResult): CriterionResult {
  const base = { id: c.id, title: fill(c.title, input.vars), maxPoints: c.points, ...(c.hint ? { hint: fill(c.hint, input.vars) } : {}) };
  if (c.manual) {
    return { ...base, status: "manual", points: 0, manual: fill(c.manual, input.vars), message: "needs a human grader: not awarded automatically" };
  }
  if (c.onlyIf) {
    const gate = match(fillExpectation(c.onlyIf.expect, input.vars), input.facts[c.onlyIf.facts ?? task.check ?? ""]);
    if (!gate.ok) return { ...base, maxPoints: 0, status: "skipped", points: 0, message: `not graded in this run: ${fill(c.onlyIf.reason, input.vars)}` };
  }
  for (const req of c.requires ?? []) {
    const r = required(req);
    if (r.status !== "pass") {
      const blockedBy = req.includes(".") ? req : `${task.id}.${req}`;
      return { ...base, status: "skipped", points: 0, blockedBy, message: `skipped: requires "${r.title}", which is ${r.status === "fail" || r.status === "warning" ? "not met" : r.status}` };
    }
  }
  const facts = input.facts[c.facts ?? task.check ?? ""];
  const expectation = fillExpectation(c.expect!, input.vars);
  if (facts === undefined) {
    const expected = c.expected ? fill(c.expected, input.vars) : expectedWords(expectation, base.title);
    return { ...base, status: "error", points: 0, expected, message: `could not be checked: the check "${c.facts ?? task.check}" collected no facts (it stopped before reading anything).` };
  }
  const expected = c.expected ? fillFound(c.expected, facts, input.vars) : expectedWords(expectation, base.title);
  const outcome = match(expectation, facts);
  const evidence = input.verbose ? evidenceOf(facts, c, expectation) : undefined;
  const extra = evidence === undefined ? {} : { evidence };
  if (outcome.error) {
    const e = outcome.error.$error;
    return { ...base, ...extra, status: "error", points: 0, expected, action: e.action, cause: e.kind, message: failureSentence(e) };
  }
  const value = outcome.found;
  if (outcome.ok) {
    // `found:` words a failure; a pass shows the graded value (or the `evidence:` field) in words, else the expectation it met.
    const graded = c.evidence ? resolvePath(facts, c.evidence) : { ok: true as const, value };
    const shown = graded.ok && isPlainValue(graded.value) ? renderValue(graded.value) : undefined;
    return { ...base, ...extra, status: "pass", points: c.points, expected, actual: value, ...(shown ? { found: shown } : {}), message: shown ? `found ${shown}` : `met: ${expected}` };
  }
  const told = c.found ? fillFound(c.found, facts, input.vars) : undefined;
  const phrase = told ?? outcome.shown ?? `found ${renderValue(value)}`;
  let message = `expected ${expected}${phrase.startsWith("found ") ? "," : ";"} ${phrase}`;
  if (c.didYouMean) {
    const similar = resolvePath(facts, c.didYouMean);
    if (similar.ok && Array.isArray(similar.value) && similar.value.length) {
      message += `; a similar name exists: ${renderValue(similar.value)} (check the exact spelling)`;
    }
  }
  return { ...base, ...extra, status: "fail", points: 0, expected, actual: value, found: phrase.replace(/^found /, ""), message };
}

/** The expectation in words; a yes/no test (or one with nothing to say) reads as the criterion's title. */
function expectedWords(e: Expectation, title: string): string {
  const yesNo = typeof e.equals === "boolean" || e.exists !== undefined;
  const words = yesNo ? "" : describe(e, "");
  return words || title.replace(/^([A-Z])(?=[a-z]+\b)/, (x) => x.toLowerCase());
}

/** A value that reads as itself in a pass message: a string, a number, or a list or map of them (not a yes/no, not a whole object). */
function isPlainValue(v: unknown): boolean {
  const scalar = (x: unknown): boolean => typeof x === "string" || typeof x === "number";
  if (scalar(v)) return true;
  if (Array.isArray(v)) return v.length > 0 && v.every(scalar);
  if (v && typeof v === "object" && !("$error" in v)) {
    const values = Object.values(v);
    return values.length > 0 && values.every((x) => x === null || scalar(x) || (Array.isArray(x) && x.every(scalar)));
  }
  return false;
}

/** Fills a `found:` (or `expected:`) template: {names} from the rubric, {$fact.path} with the fact rendered in words. */
export function fillFound(template: string, facts: Facts, vars: EvaluationInput["vars"]): string {
  return fill(template, vars).replace(FACT_PLACEHOLDER, (_, path: string) => {
    const r = resolvePath(facts, path);
    return r.ok ? renderValue(r.value) : "unreadable";
  });
}

/**
 * A `severity: warning` criterion: `fail` becomes `warning` (same message, hint kept); so does `error`, its message
 * already saying it could not be checked (and `action` naming the IAM action), because an advisory criterion must
 * not make a run "could not grade" (exit 2) either. pass, skipped (and onlyIf-skipped) stay as they are. Never points.
 */
function advisory(c: Criterion, r: CriterionResult): CriterionResult {
  if (c.severity !== "warning") return r;
  const status = r.status === "fail" || r.status === "error" ? "warning" : r.status;
  const message = r.status === "error" && !r.message.startsWith("could not be checked") ? `could not be checked: ${r.message}` : r.message;
  return { ...r, status, message, points: 0, maxPoints: 0 };
}

/** The graded field(s) behind a judgement: the evidence path, the expectation's path, or each top-level sub-path. */
function evidenceOf(facts: Facts, c: Criterion, e: Expectation): unknown {
  const at = (path: string): unknown => {
    const r = resolvePath(facts, path);
    return r.ok ? r.value : r.error;
  };
  const path = c.evidence ?? e.path;
  if (path) return at(path);
  const subs = [...(e.all ?? []), ...(e.any ?? []), ...(e.not ? [e.not] : [])].map((x) => x.path).filter((p): p is string => Boolean(p));
  return subs.length ? Object.fromEntries(subs.map((p) => [p, at(p)])) : undefined;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** A task's summary status: error beats fail beats skipped; all-manual stays manual; warnings are advisory (a task with only warnings besides passes passes). */
export function taskStatus(statuses: Status[]): Status {
  const auto = statuses.filter((s) => s !== "manual");
  if (auto.length === 0) return "manual";
  for (const s of ["error", "fail", "skipped"] as const) if (auto.includes(s)) return s;
  return "pass";
}
