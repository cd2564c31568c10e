// `glue-validate <assessment> --student <id>`: parse flags into one grade request, grade through src/app, write reports, exit by the result.
import { appendFileSync } from "node:fs";
import { resolve } from "node:path";
import { gradeOne, prepareGrade, type GradeRequest, type PreparedGrade } from "../app/grade.js";
import { UsageError } from "../app/errors.js";
import type { SessionRequest } from "../app/session.js";
import type { CheckOptions } from "../grade/check.js";
import type { GradeReport } from "../grade/result.js";
import { DEFAULT_HTML_REPORT, render, REPORT_FORMATS, isReportFormat, parseReportSpec, type ReportTarget } from "../report/index.js";
import { renderMarkdown } from "../report/markdown.js";
import { githubAnnotations, githubOutputs, githubQuiet } from "../report/github.js";
import { forTerminal } from "../report/sanitize.js";
import { EXIT } from "./exit.js";
import { parsePercent } from "./percent.js";
import { progressLine } from "./progress-line.js";
import { watchLoop } from "./watch.js";
import type { CliIo } from "./io.js";
import { writeFileAtomic } from "../util/write-file.js";

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

function endpointOf(flags: Pick<GradeFlags, "endpointUrl">, env: NodeJS.ProcessEnv): string | undefined {
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

/** The session part of a request: --region/--profile/--endpoint-url/--timeout/--replay/--record/--run-queries. */
export function sessionRequest(flags: Pick<GradeFlags, "region" | "profile" | "endpointUrl" | "timeout" | "replay" | "record" | "runQueries">, env: NodeJS.ProcessEnv): SessionRequest {
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout takes seconds (> 0), got "${flags.timeout}"`);
  const endpointUrl = flags.replay ? undefined : endpointOf(flags, env);
  return {
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(timeout ? { timeoutSeconds: timeout } : {}),
    ...(flags.replay ? { replay: flags.replay } : {}),
    ...(flags.record ? { record: true } : {}),
    ...(flags.runQueries ? { runQueries: true } : {}),
  };
}

/** The grade command's flags as one typed request for the application layer. */
export function gradeRequest(id: string | undefined, flags: GradeFlags, env: NodeJS.ProcessEnv): GradeRequest {
  return {
    assessment: { ...(id !== undefined ? { id } : {}), ...(flags.rubric ? { rubricFile: flags.rubric } : {}) },
    student: flags.student,
    only: flags.only ?? [],
    ...(flags.minScore !== undefined ? { minScore: parsePercent(flags.minScore, "--min-score") } : {}),
    checkOptions: athenaOptions(flags),
    ...(flags.env !== undefined ? { env: flags.env } : {}),
    session: sessionRequest(flags, env),
    verbose: Boolean(flags.verbose),
    ...(flags.record ? { record: flags.record } : {}),
    evidence: { evidence: flags.evidence, evidencePrincipal: flags.evidencePrincipal, deadline: flags.deadline },
  };
}

/** The exit code for a finished report. */
export function exitCodeFor(report: GradeReport, allowErrors: boolean): number {
  if (report.counts.error > 0 && !allowErrors) return EXIT.CANNOT_GRADE;
  return report.score.passed ? EXIT.PASS : EXIT.BELOW_THRESHOLD;
}

/** Runs the grade command; returns the exit code. */
export async function runGrade(id: string | undefined, flags: GradeFlags, io: CliIo): Promise<number> {
  const request = gradeRequest(id, flags, io.env);
  const prepared = await prepareGrade(request);
  const targets = reportTargets(flags);
  if (flags.watch !== undefined && flags.watch !== false) return runWatch(flags, io, targets, request, prepared);
  const progress = progressLine(io);
  let report: GradeReport;
  try {
    report = await gradeOne(prepared, request, io.env, (line) => (progress.end(), io.err(line)), progress.update);
  } finally {
    progress.end();
  }
  writeReports(report, targets, flags, io);
  if (report.counts.error > 0 && !flags.allowErrors) {
    const actions = [...new Set(report.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "error").map((c) => forTerminal(c.action ?? c.title)))];
    io.err(`glue-validate: ${report.counts.error} criteria could not be checked (${actions.slice(0, 8).join(", ")}${actions.length > 8 ? ", …" : ""}); exit 2. Use --allow-errors to score them as 0.\n`);
  }
  return exitCodeFor(report, Boolean(flags.allowErrors));
}

/**
 * --watch: each round reads AWS afresh (a new session, so nothing stale is reused across rounds; within a round
 * identical reads are still shared), prints what changed, and the exit code is that of the last round.
 */
async function runWatch(flags: GradeFlags, io: CliIo, targets: readonly ReportTarget[], request: GradeRequest, prepared: PreparedGrade): Promise<number> {
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
      grade: () => gradeOne(prepared, request, io.env, io.err),
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
