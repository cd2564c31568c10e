// The batch engine: grade a roster with shared sessions, paced calls and bounded memory; write each result as it lands.
import { AwsSession, type SessionOptions } from "../aws/session.js";
import { describeError } from "../aws/errors.js";
import type { Assessment } from "../grade/assessment.js";
import { gradeStudent, type EvidenceOptions } from "../grade/grade.js";
import type { Rubric } from "../rubric/schema.js";
import type { ReportFormat } from "../report/index.js";
import { RoleCredentialCache } from "./credentials.js";
import { TokenBuckets } from "./rate-limit.js";
import type { RosterEntry } from "./roster.js";
import { missingReports, writeStudentReports } from "./reports.js";
import { withManualScores, type ManualScore } from "./manual-scores.js";
import { compact, errorActions, hasErrors, mentionsStudent, manifestFor, readStudentResult, readStudentResults, removeStudentResult, writeManifest, writeStudentResult, type BatchManifest, type StudentResult } from "./store.js";

/** Who the credentials of a session belong to (GetCallerIdentity), or a one-sentence reason it cannot be used. */
export type Identify = (session: AwsSession) => Promise<{ account?: string; partition: string }>;

/** How sessions are made: the batch adds credentials (assumed roles) and the rate limiter per account. */
export type SessionFactory = (o: Pick<SessionOptions, "region" | "credentials" | "rateLimit">) => AwsSession;

/** Progress of a batch, for the progress line. */
export interface BatchProgress {
  total: number;
  done: number;
  /** Skipped because already finished (--resume). */
  skipped: number;
  inFlight: number;
  /** Students with error criteria or not graded. */
  errors: number;
  calls: number;
  memoHits: number;
  throttles: number;
  retries: number;
  startedAt: number;
}

/** Everything runBatch needs. */
export interface BatchOptions {
  assessment: Assessment;
  rubric: Rubric;
  rubricSource: string;
  /** The students to grade (already filtered by --shard). */
  entries: readonly RosterEntry[];
  out: string;
  /** Default region of rows without one. */
  region: string;
  sessionFactory: SessionFactory;
  identify: Identify;
  /** STS AssumeRole cache for rows with role_arn. */
  roles?: RoleCredentialCache;
  /** Students in flight (default 8). */
  concurrency?: number;
  /** Caps every token bucket (calls per second per account, region and operation). */
  maxTps?: number;
  /** Per-operation rates replacing DEFAULT_TPS (tests, benchmarks). */
  tpsTable?: Readonly<Record<string, number>>;
  resume?: boolean;
  retryErrors?: boolean;
  minScore?: number;
  only?: readonly string[];
  /** --env, already checked against the rubric. */
  env?: string;
  /** Per-student reports written to <out>/reports/<id>.<ext> (on --resume also for students already done that lack them). */
  reports?: readonly ReportFormat[];
  /** --evidence cloudtrail: authorship evidence, one window for the whole batch (read once per account and region). */
  evidence?: EvidenceOptions;
  /** Points a person gave (a manual-scores file), merged into the per-student reports. */
  manualScores?: ReadonlyMap<string, readonly ManualScore[]>;
  shard?: string;
  signal?: AbortSignal;
  onProgress?: (p: BatchProgress) => void;
  /** Keep every answer in the memo (default: drop a student's own named reads when the student is done). */
  keepMemo?: boolean;
}

/** What a batch run did. */
export interface BatchResult {
  /** Results for the roster's students found in <out> after the run (this run's and earlier ones), compacted (see `compact`). */
  results: StudentResult[];
  graded: number;
  skipped: number;
  interrupted: boolean;
  manifest: BatchManifest;
  progress: BatchProgress;
  /** Sessions used, with their totals (for the benchmark and the closing line). */
  sessions: { key: string; calls: number; memoHits: number; retries: number; throttles: number; memoSize: number }[];
  assumeRoleCalls: number;
  /** Report files written for students already done (--resume with new --report formats). */
  reportsFilled: number;
  /**
   * Set when the batch stopped because its first students all failed on credentials or the endpoint: why, in one
   * sentence (their results were removed, so nothing pretends they were graded).
   */
  stoppedEarly?: { students: number; reason: string };
}

/** How many of a run's first finished students must all fail on access (credentials, endpoint) to stop the batch. */
export const EARLY_STOP_STUDENTS = 5;

/**
 * Whether a result failed for reasons that are not the student's: not graded at all (credentials, role, account,
 * endpoint), or graded with every judged criterion in error. An internal error is not counted.
 */
function failedOnAccess(r: StudentResult, internal: boolean): boolean {
  if (internal) return false;
  if (!r.report) return true;
  const c = r.report.counts;
  return c.error > 0 && c.pass + c.fail + c.warning === 0;
}

/** The pooled session of a row: one per (account, region, role) for the whole batch. */
interface Pooled {
  session: AwsSession;
  who: Promise<{ account?: string; partition: string }>;
}

/** Grades the roster; resolves when every student is done or the signal stopped it (finished results kept). */
export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  const manifest = manifestFor(o.rubric.assessment, o.rubric, o.rubricSource, o.entries.length, o.shard, o.env);
  writeManifest(o.out, manifest);
  const existing = o.resume || o.retryErrors ? readStudentResults(o.out).results : new Map<string, StudentResult>();
  // A student who was not graded is never done: --resume grades them again.
  const todo = o.entries.filter((e) => {
    const r = existing.get(e.student);
    if (!r?.report) return true;
    return Boolean(o.retryErrors && hasErrors(r));
  });
  let reportsFilled = 0;
  if (o.reports?.length) {
    const formats = o.reports;
    const todoIds = new Set(todo.map((e) => e.student));
    for (const e of o.entries) {
      if (todoIds.has(e.student) || !existing.has(e.student) || !missingReports(o.out, e.student, formats)) continue;
      const full = readStudentResult(o.out, e.student);
      if (full) reportsFilled += writeStudentReports(o.out, o.manualScores ? withManualScores(full, o.manualScores) : full, formats, { missingOnly: true });
    }
  }
  const progress: BatchProgress = { total: o.entries.length, done: 0, skipped: o.entries.length - todo.length, inFlight: 0, errors: 0, calls: 0, memoHits: 0, throttles: 0, retries: 0, startedAt: Date.now() };
  for (const e of o.entries) {
    const r = existing.get(e.student);
    if (r && !todo.includes(e) && hasErrors(r)) progress.errors++;
  }

  const limiters = new Map<string, TokenBuckets>();
  const pool = new Map<string, Pooled>();
  const pooled = (e: RosterEntry): Pooled => {
    const region = e.region ?? o.region;
    const key = `${e.account ?? ""}|${region}|${e.roleArn ?? ""}|${e.externalId ?? ""}`;
    let p = pool.get(key);
    if (!p) {
      const acct = e.account ?? "default";
      let limiter = limiters.get(acct);
      if (!limiter) limiters.set(acct, (limiter = new TokenBuckets({ ...(o.tpsTable ? { table: o.tpsTable } : {}), ...(o.maxTps ? { maxTps: o.maxTps } : {}) })));
      const credentials = e.roleArn ? requireRoles(o).provider(e.roleArn, e.externalId, region) : undefined;
      const session = o.sessionFactory({ region, rateLimit: limiter, ...(credentials ? { credentials } : {}) });
      const who = o.identify(session);
      who.catch(() => undefined);
      p = { session, who };
      pool.set(key, p);
    }
    return p;
  };
  const totals = () => {
    let calls = 0, memoHits = 0, throttles = 0, retries = 0;
    for (const p of pool.values()) {
      calls += p.session.stats.calls;
      memoHits += p.session.stats.memoHits;
      retries += p.session.stats.retries;
      throttles += p.session.throttled;
    }
    Object.assign(progress, { calls, memoHits, throttles, retries });
  };

  /** One student's result; `internal` when grading itself broke (a bug, not access). */
  const gradeOne = async (e: RosterEntry): Promise<{ result: StudentResult; internal?: true }> => {
    const base = { schema: "glue-validate/batch-student", schemaVersion: 1, entry: e } as const;
    let p: Pooled;
    let who: { account?: string; partition: string };
    try {
      p = pooled(e);
      who = await p.who;
    } catch (err) {
      return { result: { ...base, failure: err instanceof Error && err.name === "CannotGradeError" ? err.message : describeError(err), finishedAt: new Date().toISOString() } };
    }
    if (e.account && !e.roleArn && who.account && who.account !== e.account) {
      return { result: { ...base, failure: `the roster puts ${e.student} in account ${e.account}, but the credentials are for account ${who.account} (give the row a role_arn)`, finishedAt: new Date().toISOString() } };
    }
    const view = p.session.scope();
    try {
      const report = await gradeStudent({
        assessment: o.assessment, rubric: o.rubric, rubricSource: o.rubricSource, session: view, student: e.student,
        account: who.account ?? e.account, partition: who.partition, ...(o.only?.length ? { only: o.only } : {}), ...(o.minScore !== undefined ? { minScore: o.minScore } : {}), ...(o.env ? { env: o.env } : {}), ...(o.evidence ? { evidence: o.evidence } : {}),
      });
      return { result: { ...base, report, finishedAt: new Date().toISOString() } };
    } catch (err) {
      return { result: { ...base, failure: `internal error while grading: ${(err as Error)?.message ?? String(err)}`, finishedAt: new Date().toISOString() }, internal: true };
    } finally {
      if (!o.keepMemo) {
        const mentions = mentionsStudent(e.student);
        view.release((key) => mentions.test(key));
      }
    }
  };

  const finished = new Map(existing);
  let graded = 0;
  const queue = [...todo];
  // The first students to finish in this run: if every one failed on access, the rest would too.
  const firstN = Math.min(EARLY_STOP_STUDENTS, todo.length);
  const first: { student: string; access: boolean; reason: string }[] = [];
  const accessFailures: string[] = [];
  let stoppedEarly: BatchResult["stoppedEarly"];
  const worker = async () => {
    while (queue.length && !o.signal?.aborted && !stoppedEarly) {
      const e = queue.shift()!;
      progress.inFlight++;
      const { result: r, internal } = await gradeOne(e);
      progress.inFlight--;
      const access = failedOnAccess(r, Boolean(internal));
      if (access) accessFailures.push(e.student);
      if (first.length < firstN) {
        first.push({ student: e.student, access, reason: r.failure ?? `nothing could be checked (${r.report ? errorActionsText(r) : "no report"})` });
        if (first.length === firstN && first.every((f) => f.access)) {
          stoppedEarly = { students: firstN, reason: first[0]!.reason };
          queue.length = 0;
        }
      }
      writeStudentResult(o.out, r);
      if (r.report && o.reports?.length) writeStudentReports(o.out, o.manualScores ? withManualScores(r, o.manualScores) : r, o.reports);
      finished.set(e.student, compact(r));
      graded++;
      progress.done++;
      if (hasErrors(r)) progress.errors++;
      totals();
      o.onProgress?.({ ...progress });
    }
  };
  o.onProgress?.({ ...progress });
  const n = Math.max(1, Math.min(o.concurrency ?? 8, todo.length || 1));
  try {
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    totals();
    for (const p of pool.values()) await p.session.close();
  }
  if (stoppedEarly) {
    // Nothing was learned about these students: leave no result that a gradebook or --resume would count.
    for (const student of accessFailures) {
      removeStudentResult(o.out, student);
      finished.delete(student);
    }
  }
  const roster = new Set(o.entries.map((e) => e.student));
  return {
    results: [...finished.values()].filter((r) => roster.has(r.entry.student)),
    graded,
    skipped: progress.skipped,
    interrupted: Boolean(o.signal?.aborted) && queue.length > 0,
    manifest,
    progress: { ...progress },
    sessions: [...pool].map(([key, p]) => ({ key, calls: p.session.stats.calls, memoHits: p.session.stats.memoHits, retries: p.session.stats.retries, throttles: p.session.throttled, memoSize: p.session.memoSize })),
    assumeRoleCalls: o.roles?.assumed ?? 0,
    reportsFilled,
    ...(stoppedEarly ? { stoppedEarly } : {}),
  };
}

function errorActionsText(r: StudentResult): string {
  return r.report ? errorActions(r.report).slice(0, 3).join(", ") : "";
}

function requireRoles(o: BatchOptions): RoleCredentialCache {
  if (!o.roles) throw new Error("the roster has role_arn rows but no role credential cache was given");
  return o.roles;
}

export { mentionsStudent };
