// `glue-validate <assessment> --student <id>`: grade one student, print or write the report, exit by the result.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { servicesOfActions } from "../aws/services.js";
import { AwsSession } from "../aws/session.js";
import { classify, describeError } from "../aws/errors.js";
import { readSnapshot, replayRegionMismatch, replayStudentMismatch, SnapshotError, type Snapshot } from "../aws/snapshot.js";
import { type Assessment } from "../grade/assessment.js";
import { openAssessment } from "../app/assessments.js";
import { environmentOf, gradeStudent, type EvidenceOptions } from "../grade/grade.js";
import { EvidenceFlagError, evidenceFromFlags, type EvidenceFlags } from "../evidence/cloudtrail.js";
import type { CheckOptions } from "../grade/check.js";
import type { Rubric } from "../rubric/schema.js";
import type { GradeReport } from "../grade/result.js";
import { DEFAULT_HTML_REPORT, render, REPORT_FORMATS, isReportFormat, parseReportSpec, type ReportTarget } from "../report/index.js";
import { renderMarkdown } from "../report/markdown.js";
import { githubAnnotations, githubOutputs, githubQuiet } from "../report/github.js";
import { forTerminal } from "../report/sanitize.js";
import { CannotGradeError, EXIT, UsageError } from "./exit.js";
import { parsePercent } from "./percent.js";
import { appendFileSync } from "node:fs";
import { resolve } from "node:path";
import { resolveCustomRubric } from "./rubric-command.js";
import { watchLoop } from "./watch.js";
import { writeFileAtomic, type CliIo } from "./io.js";

/** The options of the grade command, as commander parses them. */
export interface GradeFlags {
  rubric?: string;
  /** --watch [seconds]: true (default interval) or the interval as given. */
  watch?: boolean | string;
  student?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  only?: string[];
  minScore?: string;
  /** --format: one report (default console); with --output it goes to that file. */
  format?: string;
  output?: string;
  /** --report <format>[:<path>], repeatable. */
  report?: string[];
  /** false with --no-github: no step summary, annotations or outputs under GitHub Actions. */
  github?: boolean;
  verbose?: boolean;
  color?: boolean;
  record?: string;
  replay?: string;
  allowErrors?: boolean;
  timeout?: string;
  /** --run-queries: checks may start Athena queries (the only exception to read-only). */
  runQueries?: boolean;
  athenaWorkgroup?: string;
  athenaOutput?: string;
  /** --env: the deployment environment of assessments that have environments (Terraform's dev/staging/prod). */
  env?: string;
  /** --evidence cloudtrail, --evidence-principal, --deadline: authorship evidence. */
  evidence?: string;
  evidencePrincipal?: string;
  deadline?: string;
}

/**
 * The reports a run writes: every --report, plus the --format/--output report when either is given or when
 * no --report goes to stdout (so `--report junit:r.xml` still prints the console report). At most one to stdout.
 */
export function reportTargets(flags: Pick<GradeFlags, "format" | "output" | "report">): ReportTarget[] {
  const targets: ReportTarget[] = [];
  for (const spec of flags.report ?? []) {
    try {
      targets.push(parseReportSpec(spec));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const format = flags.format ?? "console";
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")}, got "${format}"`);
  if (flags.output === "") throw new UsageError("--output needs a file name");
  const shorthand: ReportTarget = { format, ...(flags.output ? { path: flags.output } : format === "html" ? { path: DEFAULT_HTML_REPORT } : {}) };
  if (flags.format !== undefined || flags.output !== undefined || !targets.some((t) => !t.path)) targets.unshift(shorthand);
  const toStdout = targets.filter((t) => !t.path);
  if (toStdout.length > 1) {
    throw new UsageError(`only one report can go to stdout, got ${toStdout.map((t) => t.format).join(" and ")}; give the others a file (--report ${toStdout[1]!.format}:<path>)`);
  }
  const seen = new Map<string, string>();
  for (const t of targets) {
    if (!t.path) continue;
    const key = resolve(t.path);
    if (seen.has(key)) throw new UsageError(`two reports (${seen.get(key)} and ${t.format}) would be written to ${t.path}`);
    seen.set(key, t.format);
  }
  return targets;
}

/** Loads the assessment and its rubric, or throws a UsageError that names the problem. */
export async function resolveAssessment(id: string): Promise<{ assessment: Assessment; rubric: Rubric; rubricSource: string }> {
  return openAssessment({ id });
}

/** The --env value for the rubric (its declared spelling), or a UsageError naming the allowed values. */
export function checkEnv(requested: string | undefined, rubric: Rubric): string | undefined {
  try {
    return environmentOf(rubric, requested);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Checks a student ID against the rubric's pattern. */
export function checkStudent(student: string | undefined, rubric: Rubric): string {
  if (!student) throw new UsageError("missing --student <id> (your student ID, as used in your resource names)");
  if (!new RegExp(rubric.student.pattern).test(student)) {
    throw new UsageError(`invalid student ID ${JSON.stringify(student.slice(0, 40))}: expected ${rubric.student.description}`);
  }
  return student;
}


function endpointOf(flags: GradeFlags, env: NodeJS.ProcessEnv): string | undefined {
  const url = flags.endpointUrl ?? env.AWS_ENDPOINT_URL;
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http(s)");
  } catch {
    throw new UsageError(`--endpoint-url must be an http(s) URL, got "${url}"`);
  }
  return url;
}

/** The Athena switches for the checks; --athena-* without --run-queries is a usage error (they would do nothing). */
export function athenaOptions(flags: Pick<GradeFlags, "runQueries" | "athenaWorkgroup" | "athenaOutput">): CheckOptions {
  // --athena-workgroup alone names the workgroup the checks read (its result location, its query history);
  // --athena-output only says where queries the grader runs would write.
  if (!flags.runQueries && flags.athenaOutput !== undefined) throw new UsageError("--athena-output only applies with --run-queries (it is where the grader's own queries write)");
  if (flags.athenaOutput !== undefined && !/^s3:\/\/[^/]+/.test(flags.athenaOutput)) throw new UsageError(`--athena-output must be an s3:// URI, got "${flags.athenaOutput}"`);
  if (flags.athenaWorkgroup !== undefined && !flags.athenaWorkgroup.trim()) throw new UsageError("--athena-workgroup needs a workgroup name");
  return {
    ...(flags.runQueries ? { runQueries: true } : {}),
    ...(flags.athenaWorkgroup ? { athenaWorkgroup: flags.athenaWorkgroup.trim() } : {}),
    ...(flags.athenaOutput ? { athenaOutput: flags.athenaOutput } : {}),
  };
}

/** Creates the session for a run: replay from a snapshot, or live AWS (optionally at an endpoint). */
export function sessionFor(flags: GradeFlags, env: NodeJS.ProcessEnv): { session: AwsSession; snapshot?: Snapshot } {
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout takes seconds (> 0), got "${flags.timeout}"`);
  if (flags.replay) {
    let snapshot: Snapshot;
    try {
      snapshot = readSnapshot(flags.replay);
    } catch (err) {
      if (err instanceof SnapshotError) throw new UsageError(err.message);
      throw err;
    }
    // With --run-queries a replay answers the recorded Athena queries (nothing is sent).
    const allowedWrites = flags.runQueries ? { allowedWrites: ["athena:StartQueryExecution"] } : {};
    return { snapshot, session: new AwsSession({ region: flags.region ?? snapshot.region, replay: snapshot, record: Boolean(flags.record), ...allowedWrites }) };
  }
  const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  const attempts = maxAttemptsOf(env);
  return {
    session: new AwsSession({
      region,
      profile: flags.profile,
      ...(attempts ? { maxAttempts: attempts } : {}),
      endpointUrl: endpointOf(flags, env),
      record: Boolean(flags.record),
      ...(flags.runQueries ? { allowedWrites: ["athena:StartQueryExecution"] } : {}),
      ...(timeout ? { callTimeoutMs: timeout * 1000, requestTimeoutMs: Math.min(10_000, timeout * 1000) } : {}),
    }),
  };
}

/** AWS_MAX_ATTEMPTS (the SDK's setting: attempts per call, retries included), when set. */
function maxAttemptsOf(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.AWS_MAX_ATTEMPTS?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`AWS_MAX_ATTEMPTS is the number of attempts per AWS call (1 or more), got "${raw.slice(0, 20)}"`);
  return Number(raw);
}

/** Who is asking: account and partition, or a CannotGradeError in one sentence. */
export async function whoAmI(session: AwsSession, snapshot: Snapshot | undefined, endpoint: string | undefined): Promise<{ account?: string; partition: string }> {
  try {
    const id = await session.send("sts", new GetCallerIdentityCommand({}));
    return { account: id.Account, partition: id.Arn?.split(":")[1] || "aws" };
  } catch (err) {
    if (snapshot) return { account: snapshot.account, partition: "aws" };
    const kind = classify(err);
    const where = endpoint ? `the endpoint ${endpoint}` : "AWS";
    if (kind === "credentials") throw new CannotGradeError("no AWS credentials found: set AWS_PROFILE (or use --profile) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; to grade offline, use --replay <snapshot>");
    if (kind === "network" || kind === "timeout") throw new CannotGradeError(`cannot reach ${where}: ${describeError(err)}`);
    if (kind === "accessDenied") throw new CannotGradeError(`${where} rejected the credentials: ${describeError(err)}`);
    throw new CannotGradeError(`cannot identify the AWS account at ${where}: ${describeError(err)}`);
  }
}

/** The exit code for a finished report. */
export function exitCodeFor(report: GradeReport, allowErrors: boolean): number {
  if (report.counts.error > 0 && !allowErrors) return EXIT.CANNOT_GRADE;
  return report.score.passed ? EXIT.PASS : EXIT.BELOW_THRESHOLD;
}

/** The --evidence settings of a run (a UsageError for bad flags); a replay reuses the recorded window. */
export function evidenceOptions(flags: EvidenceFlags, snapshot?: Snapshot): EvidenceOptions | undefined {
  try {
    return evidenceFromFlags(flags, new Date(), snapshot);
  } catch (err) {
    if (err instanceof EvidenceFlagError) throw new UsageError(err.message);
    throw err;
  }
}

/** Runs the grade command; returns the exit code. */
export async function runGrade(id: string | undefined, flags: GradeFlags, io: CliIo): Promise<number> {
  const { assessment, rubric, rubricSource } = flags.rubric ? await resolveCustomRubric(id, flags.rubric) : await openAssessment(id !== undefined ? { id } : {});
  const student = checkStudent(flags.student, rubric);
  const targets = reportTargets(flags);
  const known = rubric.tasks.map((t) => t.id);
  const only = (flags.only ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  for (const t of only) if (!known.includes(t)) throw new UsageError(`--only: unknown task "${t}"; tasks: ${known.join(", ")}`);
  const minScore = parsePercent(flags.minScore, "--min-score");
  const checkOptions = athenaOptions(flags);
  const env = checkEnv(flags.env, rubric);
  if (flags.watch !== undefined && flags.watch !== false) {
    const grade = (session: AwsSession, who: { account?: string; partition: string }) =>
      gradeStudent({ assessment, rubric, rubricSource, session, student, ...who, only, verbose: flags.verbose, minScore, checkOptions, env });
    return runWatch(flags, io, targets, grade);
  }
  const { session, snapshot } = sessionFor(flags, io.env);
  const mismatch = snapshot && flags.replay ? (replayStudentMismatch(snapshot, flags.replay, student) ?? replayRegionMismatch(snapshot, flags.replay, flags.region)) : undefined;
  if (mismatch) throw new UsageError(mismatch);
  const evidence = evidenceOptions(flags, snapshot);
  let account: string | undefined;
  try {
    const asking = whoAmI(session, snapshot, flags.endpointUrl ?? io.env.AWS_ENDPOINT_URL);
    session.warm(servicesOfActions(assessment.checks.flatMap((c) => c.actions)));
    const who = await asking;
    account = who.account;
    const report = await gradeStudent({ assessment, rubric, rubricSource, session, student, ...who, only, verbose: flags.verbose, minScore, checkOptions, env, ...(evidence ? { evidence } : {}) });
    writeReports(report, targets, flags, io);
    if (report.counts.error > 0 && !flags.allowErrors) {
      const actions = [...new Set(report.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "error").map((c) => forTerminal(c.action ?? c.title)))];
      io.err(`glue-validate: ${report.counts.error} criteria could not be checked (${actions.slice(0, 8).join(", ")}${actions.length > 8 ? ", …" : ""}); exit 2. Use --allow-errors to score them as 0.\n`);
    }
    return exitCodeFor(report, Boolean(flags.allowErrors));
  } finally {
    if (flags.record) {
      writeFileAtomic(flags.record, `${JSON.stringify(session.toSnapshot({ account, description: `${id} for student ${student}`, assessment: id, student }), null, 1)}\n`);
      io.err(`AWS calls recorded to ${flags.record}\n`);
    }
    await session.close();
  }
}

/**
 * --watch: each round reads AWS afresh (a new session, so nothing stale is reused across rounds; within a round
 * identical reads are still shared), prints what changed, and the exit code is that of the last round.
 */
async function runWatch(flags: GradeFlags, io: CliIo, targets: readonly ReportTarget[], grade: (s: AwsSession, who: { account?: string; partition: string }) => Promise<GradeReport>): Promise<number> {
  if (flags.replay) throw new UsageError("--watch regrades live AWS; it cannot be combined with --replay");
  if (flags.record) throw new UsageError("--watch cannot be combined with --record");
  const seconds = flags.watch === true ? 30 : Number(flags.watch);
  if (!Number.isFinite(seconds) || seconds < 5) throw new UsageError(`--watch takes an interval of at least 5 seconds, got "${String(flags.watch)}"`);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once("SIGINT", onSigint);
  try {
    const last = await watchLoop({
      intervalMs: seconds * 1000,
      signal: stop.signal,
      io,
      first: (r) => writeReports(r, targets, flags, io),
      grade: async () => {
        const { session } = sessionFor(flags, io.env);
        try {
          return await grade(session, await whoAmI(session, undefined, flags.endpointUrl ?? io.env.AWS_ENDPOINT_URL));
        } finally {
          await session.close();
        }
      },
    });
    return exitCodeFor(last, Boolean(flags.allowErrors));
  } finally {
    process.off("SIGINT", onSigint);
  }
}

/** Whether the run is under GitHub Actions with the integration on. */
export function githubMode(flags: Pick<GradeFlags, "github">, env: NodeJS.ProcessEnv): boolean {
  return flags.github !== false && env.GITHUB_ACTIONS === "true";
}

/**
 * Writes every requested report, then (under GitHub Actions) the step summary, annotations and step outputs.
 * On GitHub the console report on stdout is fenced with stop-commands so student text cannot issue workflow
 * commands; annotations follow it on stdout, or go to stderr when stdout carries a machine-readable report.
 */
export function writeReports(report: GradeReport, targets: readonly ReportTarget[], flags: GradeFlags, io: CliIo): void {
  const gh = githubMode(flags, io.env);
  let stdoutFormat: string | undefined;
  for (const t of targets) {
    const color = !t.path && flags.color !== false && io.isTty && !io.env.NO_COLOR;
    const text = render(t.format, report, { color, verbose: Boolean(flags.verbose) });
    if (t.path) {
      writeFileAtomic(t.path, text);
      io.err(`${t.format} report written to ${t.path}\n`);
    } else {
      stdoutFormat = t.format;
      io.out(gh && t.format === "console" ? githubQuiet(text) : text);
    }
  }
  if (!gh) return;
  const annotations = githubAnnotations(report);
  if (annotations) (stdoutFormat === undefined || stdoutFormat === "console" ? io.out : io.err)(annotations);
  appendTo(io, "GITHUB_STEP_SUMMARY", `${renderMarkdown(report)}\n`);
  appendTo(io, "GITHUB_OUTPUT", githubOutputs(report));
}

function appendTo(io: CliIo, variable: string, text: string): void {
  const file = io.env[variable];
  if (!file) return;
  try {
    appendFileSync(file, text);
  } catch (err) {
    io.err(`glue-validate: cannot append to $${variable} (${file}): ${(err as Error).message}\n`);
  }
}
