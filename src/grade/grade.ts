// Grading one student: run the checks the selected tasks need (concurrently), then evaluate and score.
import type { AwsSession } from "../aws/session.js";
import { classify, describeError } from "../aws/errors.js";
import { evaluate } from "../rubric/evaluate.js";
import type { Rubric } from "../rubric/schema.js";
import { fill, placeholders, resolveNames } from "../rubric/template.js";
import { writeEvents } from "../evidence/cloudtrail.js";
import { authorshipEvidence } from "../evidence/authorship.js";
import type { AuthorshipEvidence, GradeReport, Status, StatusCounts } from "./result.js";
import { CheckContext, type Caller, type CheckOptions } from "./check.js";
import type { Assessment } from "./assessment.js";
import type { Facts } from "./facts.js";
import { TOOL_VERSION } from "./version.js";

/** What one grading run needs. */
export interface GradeOptions {
  assessment: Assessment;
  rubric: Rubric;
  /** Where the rubric came from (bundled or a file), for the report. */
  rubricSource: string;
  session: AwsSession;
  student: string;
  account?: string;
  partition?: string;
  /** The caller instead of account and partition: a live run's STS answer, possibly still in flight (checks start meanwhile). */
  caller?: Caller | Promise<Caller>;
  only?: readonly string[];
  verbose?: boolean;
  /** Called with how many graded tasks have all their checks finished, and how many are graded; last with (n, n). */
  onProgress?: (done: number, total: number) => void;
  /** Overrides the rubric's pass mark (percent). */
  minScore?: number;
  /** Run-level switches for the checks (e.g. --run-queries). */
  checkOptions?: CheckOptions;
  /** --env: the deployment environment, for rubrics that declare `environment` (else its default). */
  env?: string;
  /** --evidence cloudtrail: who created the student's named resources, read from CloudTrail's event history. */
  evidence?: EvidenceOptions;
}

/** Authorship evidence settings: one window for the whole run (so a batch reads it once per account and region). */
export interface EvidenceOptions {
  window: { start: Date; end: Date };
  /** The student's principal as a template (`student-{student}`), or none: then nobody is flagged as "other". */
  principal?: string;
  deadline?: Date;
}

/** The value of {env}: `requested` matched without case against the rubric's environments, else the default. Throws on a value the rubric does not declare. */
export function environmentOf(rubric: Rubric, requested: string | undefined): string | undefined {
  const e = rubric.environment;
  if (!e) {
    if (requested !== undefined) throw new Error(`${rubric.assessment} has no environments; --env does not apply`);
    return undefined;
  }
  if (requested === undefined) return e.default;
  const hit = e.values.find((v) => v.toLowerCase() === requested.trim().toLowerCase());
  if (!hit) throw new Error(`--env must be one of ${e.values.join(", ")} for ${rubric.assessment}, got "${requested}"`);
  return hit;
}

/** The check ids the selected tasks read from, including those behind criteria they require in other tasks. */
export function checksNeeded(rubric: Rubric, only?: readonly string[]): string[] {
  const taskOf = new Map(rubric.tasks.map((t) => [t.id, t]));
  const ids = new Set<string>();
  const seen = new Set<string>();
  const visit = (taskId: string, criterionId?: string): void => {
    const key = `${taskId}.${criterionId ?? "*"}`;
    const t = taskOf.get(taskId);
    if (!t || seen.has(key)) return;
    seen.add(key);
    for (const c of t.criteria) {
      if (criterionId && c.id !== criterionId) continue;
      if (c.expect) ids.add(c.facts ?? t.check ?? "");
      if (c.onlyIf) ids.add(c.onlyIf.facts ?? t.check ?? "");
      for (const req of c.requires ?? []) {
        const [rt, rc] = req.includes(".") ? req.split(".") : [t.id, req];
        visit(rt!, rc);
      }
    }
  };
  for (const t of rubric.tasks) if (!only?.length || only.includes(t.id)) visit(t.id);
  ids.delete("");
  return [...ids];
}

/** Runs the checks and returns their facts by check id; a check that throws yields an ErrorFact. */
export async function collectFacts(o: GradeOptions, names: Record<string, string>, ctx = new CheckContext(o.session, o.student, names, callerOf(o), undefined, o.checkOptions)): Promise<Record<string, Facts>> {
  const byId = new Map(o.assessment.checks.map((c) => [c.id, c]));
  const progress = taskProgress(o);
  const entries = await Promise.all(
    checksNeeded(o.rubric, o.only).map(async (id): Promise<[string, Facts]> => {
      const check = byId.get(id);
      if (!check) return [id, { $error: { action: `check:${id}`, kind: "other", message: `no check module "${id}" in ${o.assessment.id}` } } as unknown as Facts];
      try {
        return [id, await check.collect(ctx)];
      } catch (err) {
        return [id, { $error: { action: `check:${id}`, kind: classify(err), message: describeError(err) } } as unknown as Facts];
      } finally {
        progress(id);
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** The run's caller as a promise (settled at once unless a live identity call is in flight). */
function callerOf(o: GradeOptions): Promise<Caller> {
  return Promise.resolve(o.caller ?? { account: o.account, partition: o.partition ?? "aws" });
}

/** Reports tasks done as their checks finish: a task is done when every check it reads from has finished. */
function taskProgress(o: GradeOptions): (finishedCheck: string) => void {
  const report = o.onProgress;
  if (!report) return () => undefined;
  const tasks = o.rubric.tasks.filter((t) => !o.only?.length || o.only.includes(t.id)).map((t) => new Set(checksNeeded(o.rubric, [t.id])));
  const finished = new Set<string>();
  let last = -1;
  const emit = () => {
    const done = tasks.filter((needs) => [...needs].every((id) => finished.has(id))).length;
    if (done !== last) report((last = done), tasks.length);
  };
  emit();
  return (id) => {
    finished.add(id);
    emit();
  };
}

/** Grades one student end to end. */
export async function gradeStudent(o: GradeOptions): Promise<GradeReport> {
  const started = Date.now();
  const env = environmentOf(o.rubric, o.env);
  const caller = callerOf(o);
  // Names built from {account} wait for the caller; otherwise the checks start while it is in flight.
  const early = Object.values(o.rubric.names).some((t) => placeholders(t).includes("account")) ? await caller : undefined;
  const names = resolveNames(o.rubric.names, { student: o.student, account: early?.account, region: o.session.region, env });
  const ctx = new CheckContext(o.session, o.student, names, caller, undefined, o.checkOptions);
  const evidenceOf = async (e: EvidenceOptions) => collectEvidence(o.session, e, names, { student: o.student, account: (await caller).account, region: o.session.region, env });
  const [facts, evidence] = await Promise.all([collectFacts(o, names, ctx), o.evidence ? evidenceOf(o.evidence) : undefined]);
  const { account } = await caller;
  const builtins = { student: o.student, account, region: o.session.region, env };
  const tasks = evaluate(o.rubric, { facts, vars: { ...builtins, ...names }, only: o.only, verbose: o.verbose });
  const criteria = tasks.flatMap((t) => t.criteria);
  const regionHint = criteria.some((c) => c.status !== "pass" && c.status !== "manual") ? wrongRegionHint(ctx.elsewhere, o.session.region) : undefined;
  const points = round(criteria.reduce((a, c) => a + c.points, 0));
  const maxPoints = round(tasks.reduce((a, t) => a + t.maxPoints, 0));
  const percent = maxPoints > 0 ? round((points / maxPoints) * 100) : 0;
  const threshold = o.minScore ?? o.rubric.passPercent;
  return {
    schema: "glue-validate/report",
    schemaVersion: 1,
    tool: { name: "glue-validate", version: TOOL_VERSION },
    rubric: { assessment: o.rubric.assessment, title: o.rubric.title, version: o.rubric.version, source: o.rubricSource },
    student: o.student,
    ...(env ? { environment: env } : {}),
    ...(account ? { account } : {}),
    region: o.session.region,
    ...(regionHint ? { regionHint } : {}),
    mode: o.session.replaying ? "replay" : "live",
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    score: { points, maxPoints, manualPoints: round(tasks.reduce((a, t) => a + t.manualPoints, 0)), percent, threshold, passed: percent >= threshold },
    counts: countStatuses(criteria.map((c) => c.status)),
    ...(tasks.length < o.rubric.tasks.length ? { partial: { graded: tasks.length, total: o.rubric.tasks.length } } : {}),
    tasks,
    aws: { ...o.session.stats },
    ...(evidence ? { evidence } : {}),
  };
}

/**
 * Graded in one region while the student's named resources were found in another: the one sentence that says where
 * to grade instead (never "create it"), or undefined. Shown once, at the top of every report.
 */
export function wrongRegionHint(elsewhere: ReadonlyMap<string, string>, region: string): string | undefined {
  const byRegion = new Map<string, string[]>();
  for (const [resource, r] of elsewhere) byRegion.set(r, [...(byRegion.get(r) ?? []), resource]);
  const [best] = [...byRegion].sort((a, b) => b[1].length - a[1].length);
  if (!best) return undefined;
  const [there, resources] = best;
  return `your resources are in ${there}: run with --region ${there} (this run read ${region}; ${resources.slice(0, 3).join(", ")} ${resources.length === 1 ? "is" : "are"} in ${there})`;
}

/** Reads the account's write events once per window and attributes each of the student's named resources. */
async function collectEvidence(session: AwsSession, e: EvidenceOptions, names: Record<string, string>, builtins: Record<string, string | undefined>): Promise<AuthorshipEvidence> {
  const read = await writeEvents(session, e.window);
  const resources = Object.entries(names).map(([key, name]) => ({ key, name }));
  return authorshipEvidence(read, resources, e.window, { ...(e.principal ? { principal: fill(e.principal, builtins) } : {}), ...(e.deadline ? { deadline: e.deadline } : {}) });
}

/** Criteria counted by status. */
export function countStatuses(statuses: Status[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, error: 0, skipped: 0, manual: 0, warning: 0 };
  for (const s of statuses) counts[s]++;
  return counts;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
