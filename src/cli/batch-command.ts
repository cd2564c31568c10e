// `glue-validate batch <assessment> --roster class.csv --out grades/` and `glue-validate merge <dir…> --out <dir>`:
// what each command does (its options and help: src/cli/batch-register.ts).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { parsePercent } from "./percent.js";
import { AwsSession } from "../aws/session.js";
import { REPORT_FORMATS, isReportFormat, type ReportFormat } from "../report/index.js";
import { forTerminal } from "../report/sanitize.js";
import { RoleCredentialCache, stsAssumeRole } from "../batch/credentials.js";
import type { GradebookStyle } from "../batch/gradebook.js";
import { MergeError, mergeDirs } from "../batch/merge.js";
import { writeClassOutputs } from "../batch/outputs.js";
import { ProgressPrinter } from "../batch/progress.js";
import { parseRoster, rosterFromList, type Roster, type RosterFormat } from "../batch/roster.js";
import { runBatch, type Identify, type SessionFactory } from "../batch/run.js";
import { byStudent, parseManualScores, withManualScores, type ManualScore } from "../batch/manual-scores.js";
import type { Rubric } from "../rubric/schema.js";
import { inShard, parseShard, type Shard } from "../batch/shard.js";
import { reportFormatsIn, writeStudentReports } from "../batch/reports.js";
import { readManifest, readStudentResults, studentsDir, type BatchManifest } from "../batch/store.js";
import { UsageError } from "../app/errors.js";
import { checkEnv, checkTasks, evidenceOptions } from "../app/grade.js";
import { openAssessment } from "../app/assessments.js";
import { openSession, whoAmI } from "../app/session.js";
import { EXIT } from "./exit.js";
import { sessionRequest } from "./grade-command.js";
import type { CliIo } from "./io.js";

/** The options of `batch`, as commander parses them. */
export interface BatchFlags {
  roster?: string;
  /** --roster-format: auto (default), csv, plain, canvas, moodle. */
  rosterFormat?: string;
  idColumn?: string;
  nameColumn?: string;
  emailColumn?: string;
  sectionColumn?: string;
  students?: string;
  out?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  timeout?: string;
  concurrency?: string;
  maxTps?: string;
  shard?: string;
  resume?: boolean;
  retryErrors?: boolean;
  overwrite?: boolean;
  gradebook?: string;
  report?: string[];
  minScore?: string;
  only?: string[];
  env?: string;
  allowErrors?: boolean;
  quiet?: boolean;
  /** A CSV of points graded by a person: student, criterion, points, comment. */
  manualScores?: string;
  evidence?: string;
  evidencePrincipal?: string;
  deadline?: string;
}

/** Exit code when Ctrl-C stopped a batch (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

function positiveInt(v: string | undefined, flag: string, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} takes a whole number from 1 to ${max}, got "${v}"`);
  return n;
}

function positiveNumber(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} takes a number > 0, got "${v}"`);
  return n;
}

/** Parses repeatable --report flags into formats, refusing an unknown one. */
function reportFormats(flags: readonly string[] | undefined): ReportFormat[] {
  const out: ReportFormat[] = [];
  for (const f of flags ?? []) {
    if (!isReportFormat(f)) throw new UsageError(`--report takes a format (${REPORT_FORMATS.join(", ")}), got "${f}"`);
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

/** Reads the roster (or --students) and turns any bad row into one UsageError listing every problem with its line. */
export function loadRoster(flags: Pick<BatchFlags, "roster" | "students" | "rosterFormat" | "idColumn" | "nameColumn" | "emailColumn" | "sectionColumn">, rule: { pattern: string; description: string }): Roster & { source: string } {
  if (flags.roster && flags.students) throw new UsageError("give either --roster or --students, not both");
  let roster: Roster;
  let source: string;
  if (flags.roster) {
    let text: string;
    try {
      text = readFileSync(flags.roster, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read the roster ${flags.roster}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    roster = parseRoster(text, rule, {
      ...(flags.rosterFormat ? { format: flags.rosterFormat as RosterFormat } : {}),
      ...(flags.idColumn ? { idColumn: flags.idColumn } : {}),
      ...(flags.nameColumn ? { nameColumn: flags.nameColumn } : {}),
      ...(flags.emailColumn ? { emailColumn: flags.emailColumn } : {}),
      ...(flags.sectionColumn ? { sectionColumn: flags.sectionColumn } : {}),
    });
    source = flags.roster;
  } else if (flags.students) {
    roster = rosterFromList(flags.students.split(",").map((s) => s.trim()).filter(Boolean), rule);
    source = "--students";
  } else throw new UsageError("missing --roster <file> or --students <id,id,…>");
  if (roster.problems.length) {
    const where = (line: number) => (source === "--students" ? `--students item ${line}` : `${source}:${line}`);
    throw problemsError(`the roster has ${roster.problems.length} invalid row${roster.problems.length > 1 ? "s" : ""}`, roster.problems, where);
  }
  if (!roster.entries.length) throw new UsageError(`the roster ${source} lists no students`);
  return { ...roster, source };
}

/** One UsageError listing a file's problems, each at its place (at most 50 shown). */
function problemsError(what: string, problems: readonly { line: number; message: string }[], where: (line: number) => string): UsageError {
  const shown = problems.slice(0, 50).map((p) => `  ${where(p.line)}: ${forTerminal(p.message)}`);
  return new UsageError(`${what}; nothing was graded:\n${shown.join("\n")}${problems.length > 50 ? "\n  …" : ""}`);
}

/** Reads and validates a manual-scores file against the rubric and the class; every problem is one UsageError with file:line. */
export function loadManualScores(file: string, rubric: Rubric, students: ReadonlySet<string>): ReadonlyMap<string, readonly ManualScore[]> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read the manual scores ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { scores, problems } = parseManualScores(text, rubric, students);
  if (problems.length) throw problemsError(`the manual scores have ${problems.length} problem${problems.length > 1 ? "s" : ""}`, problems, (line) => `${file}:${line}`);
  return byStudent(scores);
}

/** What tests (and embedders) may replace: the sessions (e.g. an in-process transport), the identity check, a stop signal. */
export interface BatchDeps {
  signal?: AbortSignal;
  sessionFactory?: SessionFactory;
  identify?: Identify;
  roles?: RoleCredentialCache;
  /** Per-operation rates replacing the defaults (tests, benchmarks). */
  tpsTable?: Readonly<Record<string, number>>;
}

/** Runs `batch`; returns the exit code. */
export async function runBatchCommand(id: string, flags: BatchFlags, io: CliIo, deps: BatchDeps = {}): Promise<number> {
  const { signal } = deps;
  const { assessment, rubric, rubricSource } = await openAssessment({ id });
  if (!flags.out) throw new UsageError("missing --out <dir> (where the results, gradebook and summary go)");
  const roster = loadRoster(flags, rubric.student);
  for (const w of roster.warnings) io.err(`glue-validate: ${forTerminal(w)}\n`);
  const concurrency = positiveInt(flags.concurrency, "--concurrency", 256) ?? 8;
  const maxTps = positiveNumber(flags.maxTps, "--max-tps");
  let shard: Shard | undefined;
  try {
    shard = flags.shard ? parseShard(flags.shard) : undefined;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const reports = reportFormats(flags.report);
  const only = checkTasks(flags.only, rubric, "--only");
  const minScore = parsePercent(flags.minScore, "--min-score");
  const env = checkEnv(flags.env, rubric);
  const evidence = evidenceOptions(flags);
  const manualScores = flags.manualScores === undefined ? undefined : loadManualScores(flags.manualScores, rubric, new Set(roster.entries.map((e) => e.student)));
  const entries = roster.entries.filter((e) => inShard(e.student, shard));
  const hasResults = existsSync(studentsDir(flags.out)) && readdirSync(studentsDir(flags.out)).some((f) => f.endsWith(".json"));
  if (hasResults && !flags.resume && !flags.retryErrors && !flags.overwrite) {
    throw new UsageError(`${flags.out} already has results: add --resume to continue, --retry-errors to regrade students with errors, or --overwrite to regrade everyone`);
  }
  let previous: ReturnType<typeof readManifest>;
  try {
    previous = hasResults && !flags.overwrite ? readManifest(flags.out) : undefined;
  } catch (err) {
    throw new UsageError(`${flags.out}/batch.json cannot be read (${(err as Error).message.split("\n")[0]}): use --overwrite to regrade everyone, or another --out`);
  }
  // A folder written before environments were recorded has none: it is continued as it is.
  if (previous?.environment !== undefined && previous.environment !== env) {
    throw new UsageError(`${flags.out} holds grades for environment ${previous.environment ?? "(none)"}, not ${env ?? "(none)"}: use --env ${previous.environment ?? "…"} to continue it, or another --out`);
  }

  // Validates --region/--endpoint-url/--timeout exactly as a single-student run does; the batch then makes its own sessions.
  const base = (await openSession(sessionRequest({ region: flags.region, profile: flags.profile, endpointUrl: flags.endpointUrl, timeout: flags.timeout }, io.env), io.env)).session;
  const region = base.region;
  const endpointUrl = flags.endpointUrl ?? io.env.AWS_ENDPOINT_URL;
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
  const roles = deps.roles ?? (entries.some((e) => e.roleArn) ? new RoleCredentialCache(stsAssumeRole({ profile: flags.profile, endpointUrl })) : undefined);

  const ac = new AbortController();
  const stop = () => {
    if (ac.signal.aborted) {
      io.err("\nglue-validate: stopped; finished students are in the output folder (use --resume)\n");
      process.exit(EXIT_INTERRUPTED);
    }
    io.err("\nglue-validate: stopping after the students in flight (Ctrl-C again to quit now); finished results are kept\n");
    ac.abort();
  };
  signal?.addEventListener("abort", () => ac.abort(), { once: true });
  process.on("SIGINT", stop);
  const printer = new ProgressPrinter(io.err, flags.quiet ? "quiet" : io.isTty ? "tty" : "plain");
  try {
    if (!flags.quiet) io.err(`glue-validate: grading ${entries.length} student${entries.length === 1 ? "" : "s"}${shard ? ` (shard ${shard.index}/${shard.count} of ${roster.entries.length})` : ""} with ${concurrency} at a time into ${flags.out}\n`);
    let started = false;
    const result = await runBatch({
      assessment, rubric, rubricSource, entries, out: flags.out, region,
      sessionFactory: deps.sessionFactory ?? ((o) =>
        new AwsSession({
          ...o,
          retryMode: "standard",
          ...(flags.profile && !o.credentials ? { profile: flags.profile } : {}),
          ...(endpointUrl ? { endpointUrl } : {}),
          ...(timeout ? { callTimeoutMs: timeout * 1000, requestTimeoutMs: Math.min(10_000, timeout * 1000) } : {}),
        })),
      identify: deps.identify ?? ((s) => whoAmI(s, undefined, endpointUrl)),
      ...(roles ? { roles } : {}),
      concurrency, ...(maxTps ? { maxTps } : {}), ...(deps.tpsTable ? { tpsTable: deps.tpsTable } : {}),
      resume: Boolean(flags.resume), retryErrors: Boolean(flags.retryErrors),
      ...(minScore !== undefined ? { minScore } : {}), ...(only.length ? { only } : {}), ...(env ? { env } : {}),
      reports, ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}), ...(manualScores ? { manualScores } : {}), ...(evidence ? { evidence } : {}),
      signal: ac.signal,
      onProgress: (p) => {
        if (!started) (started = true), printer.start(p);
        printer.update(p);
      },
    });
    printer.stop();
    if (result.stoppedEarly) {
      const { students, reason } = result.stoppedEarly;
      io.err(`glue-validate: stopped: the first ${students === 1 ? "student" : `${students} students`} could not be graded (${forTerminal(reason)}), so no gradebook was written; fix the credentials, role or --endpoint-url and run the same command again.\n`);
      return EXIT.CANNOT_GRADE;
    }
    if (result.reportsFilled) io.err(`glue-validate: wrote ${result.reportsFilled} missing report${result.reportsFilled === 1 ? "" : "s"} for students already graded\n`);
    const outputs = writeClassOutputs(flags.out, result.manifest, result.results, (flags.gradebook ?? "default") as GradebookStyle, manualScores ? { manual: manualScores } : {});
    if (!flags.quiet) io.out(forTerminal(outputs.console));
    io.err(
      `glue-validate: ${result.graded} graded now, ${result.skipped} already done; ${result.progress.calls} AWS calls (${result.progress.memoHits} answered from the memo), ${result.progress.throttles} throttles retried` +
        `${result.interrupted ? "; stopped early" : ""}. Wrote ${outputs.files.join(", ")}\n`,
    );
    if (result.interrupted) return EXIT_INTERRUPTED;
    const bad = result.results.filter((r) => !r.report || (r.report.counts.error > 0 && !flags.allowErrors));
    if (bad.length) {
      io.err(`glue-validate: ${bad.length} student${bad.length > 1 ? "s" : ""} not fully graded (see summary.md); regrade them with --retry-errors\n`);
      return EXIT.CANNOT_GRADE;
    }
    return EXIT.PASS;
  } finally {
    printer.stop();
    process.off("SIGINT", stop);
  }
}

/** A scores file checked against the rubric a batch folder was graded with and the students it holds. */
async function manualScoresFor(folder: string, manifest: BatchManifest, file: string): Promise<ReadonlyMap<string, readonly ManualScore[]>> {
  if (manifest.rubric.source !== `bundled:${manifest.assessment}`) {
    throw new UsageError(`${folder} was graded with the rubric ${manifest.rubric.source}; give the manual scores to that batch instead (\`glue-validate batch … --rubric … --resume --manual-scores ${file}\`)`);
  }
  const { rubric } = await openAssessment({ id: manifest.assessment });
  return loadManualScores(file, rubric, new Set(readStudentResults(folder).results.keys()));
}

/** The options of `batch report`. */
export interface BatchReportFlags {
  report?: string[];
  gradebook?: string;
  manualScores?: string;
}

/** Runs `batch report <folder>`: everything a batch writes, rebuilt from its stored results without AWS; returns the exit code. */
export async function runBatchReportCommand(folder: string, flags: BatchReportFlags, io: CliIo): Promise<number> {
  let manifest: ReturnType<typeof readManifest>;
  try {
    manifest = readManifest(folder);
  } catch (err) {
    throw new UsageError(`${folder}/batch.json cannot be read (${(err as Error).message.split("\n")[0]})`);
  }
  if (!manifest) throw new UsageError(`${folder} is not a batch folder (it has no batch.json): give the --out folder of a \`glue-validate batch\` run`);
  const requested = reportFormats(flags.report);
  const existing = reportFormatsIn(folder);
  const formats = [...new Set([...existing, ...requested])];
  if (!formats.length) formats.push("html");
  const manual = flags.manualScores === undefined ? undefined : await manualScoresFor(folder, manifest, flags.manualScores);
  let written = 0;
  const { results, problems } = readStudentResults(folder, { each: (r) => void (written += writeStudentReports(folder, manual ? withManualScores(r, manual) : r, formats)) });
  for (const p of problems) io.err(`glue-validate: skipped ${forTerminal(p)}\n`);
  const outputs = writeClassOutputs(folder, manifest, [...results.values()], (flags.gradebook ?? "default") as GradebookStyle, manual ? { manual } : {});
  io.out(forTerminal(outputs.console));
  io.err(`glue-validate: regenerated ${written} report${written === 1 ? "" : "s"} (${formats.join(", ")}) for ${results.size} student${results.size === 1 ? "" : "s"}, without AWS calls. Wrote ${outputs.files.join(", ")}\n`);
  return problems.length ? EXIT.CANNOT_GRADE : EXIT.PASS;
}

/** Runs `merge`; returns the exit code. */
export async function runMergeCommand(dirs: string[], flags: { out: string; gradebook?: string }, io: CliIo): Promise<number> {
  try {
    const { manifest, results, warnings } = mergeDirs(dirs, flags.out);
    for (const w of warnings) io.err(`glue-validate: ${forTerminal(w)}\n`);
    const outputs = writeClassOutputs(flags.out, manifest, results, (flags.gradebook ?? "default") as GradebookStyle);
    io.out(forTerminal(outputs.console));
    io.err(`glue-validate: merged ${results.length} students from ${dirs.length} folders. Wrote ${outputs.files.join(", ")}\n`);
    return EXIT.PASS;
  } catch (err) {
    if (err instanceof MergeError) throw new UsageError(err.message);
    throw err;
  }
}
