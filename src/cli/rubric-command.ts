// `glue-validate rubric lint <file>` and `glue-validate rubric test <file> --cases <dir>`: checking a rubric before
// students meet it — statically (schema, references, fact paths, points) and against recorded cases.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse as parseYamlText } from "yaml";
import { z } from "zod";
import { factPathProblems, type FactSchemas } from "../rubric/fact-paths.js";
import { AwsSession } from "../aws/session.js";
import { readSnapshot, SnapshotError, type Snapshot } from "../aws/snapshot.js";
import { bundledRubric, catalogOf, packageRoot, type Assessment } from "../grade/assessment.js";
import { assessmentForRubric, assessmentIds, loadAssessment, loadCatalogs, openAssessment } from "../app/assessments.js";
import { CheckContext } from "../grade/check.js";
import { isErrorFact } from "../grade/facts.js";
import { environmentOf, gradeStudent } from "../grade/grade.js";
import { nearest, resolveRubricFile, type Catalogs, type Located, type ResolvedRubric } from "../rubric/extends.js";
import { loadRubric, RubricError } from "../rubric/load.js";
import { messageProblems } from "../rubric/message-lint.js";
import type { Expectation, Rubric } from "../rubric/schema.js";
import { resolveNames } from "../rubric/template.js";
import type { GradeReport } from "../grade/result.js";
import { EXIT, UsageError } from "./exit.js";
import type { CliIo } from "./io.js";

export { loadCatalogs };

/** A rubric argument: a file, or the id of a bundled assessment (its bundled rubric). */
export function rubricFileArg(arg: string): string {
  if (!existsSync(arg) && assessmentIds().includes(arg)) return bundledRubric(arg);
  if (!existsSync(arg)) throw new UsageError(`no rubric file ${arg}${assessmentIds().length ? ` (or bundled assessment: ${assessmentIds().join(", ")})` : ""}`);
  return arg;
}

/**
 * For `glue-validate <assessment> --rubric <file>`: the assessment with a custom rubric (plain or `extends:`),
 * or a UsageError naming every problem (file:line:col).
 */
export async function resolveCustomRubric(id: string | undefined, file: string): Promise<{ assessment: Assessment; rubric: Rubric; rubricSource: string }> {
  return openAssessment({ ...(id !== undefined ? { id } : {}), rubricFile: file });
}

/** The bundled cases of an assessment (snapshot + expectation), if any. */
export function bundledCasesDir(assessment: string): string {
  return join(packageRoot(), "rubrics", "cases", assessment);
}

/** Every fact path an expectation reads, with where it is written (relative to the criterion). */
export function expectationPaths(e: Expectation, base = "", at: PropertyKey[] = ["expect"]): { path: string; at: PropertyKey[] }[] {
  const full = e.path ? (base ? `${base}.${e.path}` : e.path) : base;
  const out: { path: string; at: PropertyKey[] }[] = e.path ? [{ path: full, at: [...at, "path"] }] : [];
  for (const m of ["some", "every", "none", "not"] as const) if (e[m]) out.push(...expectationPaths(e[m]!, full, [...at, m]));
  for (const m of ["all", "any"] as const) e[m]?.forEach((sub, i) => out.push(...expectationPaths(sub, full, [...at, m, i])));
  return out;
}

// ── lint ───────────────────────────────────────────────────────────────────────────────────────────────

/** One lint finding. */
export interface LintFinding {
  severity: "error" | "warning";
  file: string;
  line?: number;
  column?: number;
  path: string;
  message: string;
}

/** `file:line:col: error: path: message`. */
export function formatFinding(f: LintFinding): string {
  return `${f.file}${f.line ? `:${f.line}:${f.column ?? 1}` : ""}: ${f.severity}: ${f.path ? `${f.path}: ` : ""}${f.message}`;
}

/** Lints a rubric file: schema and references (errors), fact paths never seen in the recorded cases (warnings). */
export async function lintRubric(file: string, opts: { catalogs?: Catalogs; factSchemas?: (checkId: string) => z.ZodType | undefined } = {}): Promise<LintFinding[]> {
  const catalogs = opts.catalogs ?? (await loadCatalogs());
  let resolved: ResolvedRubric;
  try {
    resolved = resolveRubricFile(file, catalogs);
  } catch (err) {
    if (!(err instanceof RubricError)) throw err;
    return err.problems.map((p) => ({ severity: "error", file: p.file ?? err.file, ...(p.line ? { line: p.line, column: p.column } : {}), path: p.path, message: p.message }));
  }
  const { rubric, origin } = resolved;
  const findings: LintFinding[] = [];
  let assessment: Assessment;
  try {
    assessment = await assessmentForRubric(rubric, file);
  } catch (err) {
    if (!(err instanceof RubricError)) throw err;
    return err.problems.map((p) => ({ severity: "error", file: p.file ?? err.file, ...(p.line ? { line: p.line, column: p.column } : {}), path: p.path, message: p.message }));
  }
  // Every fact path is checked statically against the facts schema its check declares.
  const declared: FactSchemas = new Map(assessment.checks.map((ch) => [ch.id, opts.factSchemas?.(ch.id) ?? (ch.facts as z.ZodType)] as const));
  const error = (l: Located, message: string): void => void findings.push({ severity: "error", file: l.file, ...(l.line ? { line: l.line, column: l.column } : {}), path: l.path, message });
  for (const p of factPathProblems(rubric, declared)) error(origin(p.at), p.message);
  // Messages a student would read as internals, judged on the declared facts.
  for (const p of messageProblems(rubric, (id) => declared.get(id))) error(origin(["tasks", p.ti, "criteria", p.ci, p.field]), p.message);
  // Only report what is written in the linted file itself (not in a bundled base).
  return findings.filter((f) => f.file === file || !resolved.files.slice(1).includes(f.file));
}

/** Runs `rubric lint`; exit 0 when clean (warnings are printed, and fail with --strict), 64 with problems. */
export async function runRubricLint(fileArg: string, flags: { strict?: boolean }, io: CliIo): Promise<number> {
  const file = rubricFileArg(fileArg);
  const findings = await lintRubric(file);
  for (const f of findings) io.out(`${formatFinding(f)}\n`);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  if (!findings.length) io.err(`${file}: no problems\n`);
  else io.err(`${file}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`);
  return errors > 0 || (flags.strict && warnings > 0) ? EXIT.USAGE : EXIT.PASS;
}

// ── test ───────────────────────────────────────────────────────────────────────────────────────────────

const STATUS = z.enum(["pass", "fail", "error", "skipped", "manual", "warning"]);

/** A case's expectation file (`<case>.expect.yaml`). */
export const caseExpectSchema = z
  .object({
    /** The student the snapshot was recorded for. */
    student: z.string().min(1),
    /** The deployment environment the snapshot was graded for (assessments with environments; default: the rubric's). */
    env: z.string().optional(),
    description: z.string().optional(),
    /** Expected score in percent (±0.01). */
    percent: z.number().min(0).max(100).optional(),
    /** Expected points. */
    points: z.number().min(0).optional(),
    /** Expected status per criterion, `task.criterion: pass`. */
    statuses: z.record(z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/), STATUS).optional(),
  })
  .strict();
export type CaseExpect = z.infer<typeof caseExpectSchema>;

/** One case: a snapshot and its expectation file. */
export interface RubricCase {
  name: string;
  snapshot: string;
  expect: string;
}

/** The cases of a folder: every `<name>.json` with a `<name>.expect.yaml`. */
export function listCases(dir: string): RubricCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: basename(f, ".json"), snapshot: join(dir, f), expect: join(dir, `${basename(f, ".json")}.expect.yaml`) }));
}

/** Reads and validates an expectation file; a UsageError names the problem. */
export function readExpect(file: string): CaseExpect {
  let data: unknown;
  try {
    data = parseYamlText(readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`cannot read the case expectation ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
  const r = caseExpectSchema.safeParse(data);
  if (!r.success) throw new UsageError(`${file}: ${r.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ")}`);
  if (r.data.percent === undefined && r.data.points === undefined && !r.data.statuses) throw new UsageError(`${file}: expect percent, points and/or statuses`);
  return r.data;
}

/** The outcome of one case. */
export interface CaseResult {
  name: string;
  ok: boolean;
  /** What differs from the expectation. */
  mismatches: string[];
  report?: GradeReport;
}

/** Grades one case against a rubric and compares it with its expectation. */
export async function runCase(assessment: Assessment, rubric: Rubric, c: RubricCase, source = "test"): Promise<CaseResult> {
  if (!existsSync(c.expect)) throw new UsageError(`case ${c.name}: missing ${c.expect} (student and expected percent/points/statuses)`);
  const expect = readExpect(c.expect);
  let snapshot: Snapshot;
  try {
    snapshot = readSnapshot(c.snapshot);
  } catch (err) {
    if (err instanceof SnapshotError) throw new UsageError(err.message);
    throw err;
  }
  const session = new AwsSession({ region: snapshot.region, replay: snapshot });
  const report = await gradeStudent({ assessment, rubric, rubricSource: source, session, student: expect.student, account: snapshot.account, partition: "aws", ...(expect.env ? { env: expect.env } : {}) });
  const mismatches: string[] = [];
  if (expect.percent !== undefined && Math.abs(report.score.percent - expect.percent) > 0.01) mismatches.push(`percent ${report.score.percent}, expected ${expect.percent}`);
  if (expect.points !== undefined && Math.abs(report.score.points - expect.points) > 0.01) mismatches.push(`points ${report.score.points}, expected ${expect.points}`);
  const got = new Map<string, (typeof report.tasks)[number]["criteria"][number]>(report.tasks.flatMap((t) => t.criteria.map((x) => [`${t.id}.${x.id}`, x] as const)));
  for (const [key, want] of Object.entries(expect.statuses ?? {})) {
    const r = got.get(key);
    if (!r) mismatches.push(`${key}: not in the rubric (expected ${want})`);
    else if (r.status !== want) mismatches.push(`${key}: ${r.status}, expected ${want} (${r.message})`);
  }
  return { name: c.name, ok: mismatches.length === 0, mismatches, report };
}

/** Runs every case of a folder against a rubric; prints one line per case; exit 0 when all pass, 1 otherwise. */
export async function runRubricTest(fileArg: string, flags: { cases?: string }, io: CliIo): Promise<number> {
  const file = rubricFileArg(fileArg);
  const { assessment, rubric } = await openAssessment({ rubricFile: file });
  const dir = flags.cases ?? bundledCasesDir(rubric.assessment);
  if (!existsSync(dir)) throw new UsageError(`no cases folder ${dir} (give --cases <dir>)`);
  const cases = listCases(dir);
  if (!cases.length) throw new UsageError(`no cases in ${dir}: expected <name>.json snapshots with <name>.expect.yaml`);
  let failed = 0;
  for (const c of cases) {
    const r = await runCase(assessment, rubric, c, `file:${file}`);
    const score = r.report ? ` (${r.report.score.points}/${r.report.score.maxPoints} points, ${r.report.score.percent}%)` : "";
    io.out(`${r.ok ? "PASS" : "FAIL"} ${c.name}${score}\n`);
    for (const m of r.mismatches.slice(0, 50)) io.out(`  - ${m}\n`);
    if (r.mismatches.length > 50) io.out(`  - … ${r.mismatches.length - 50} more\n`);
    if (!r.ok) failed++;
  }
  io.out(`${cases.length - failed}/${cases.length} cases passed\n`);
  return failed ? EXIT.BELOW_THRESHOLD : EXIT.PASS;
}

/** A rubric file resolved (extends included) and validated, or a UsageError listing its problems. */
async function rubricOrUsageError(file: string): Promise<Rubric> {
  try {
    return resolveRubricFile(file, await loadCatalogs()).rubric;
  } catch (err) {
    if (err instanceof RubricError) throw new UsageError(`invalid rubric:\n${err.message}`);
    throw err;
  }
}
