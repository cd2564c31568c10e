// Real reports (graded from the complete and partial worlds) and hostile variants for the reporter tests.
import { AwsSession } from "../../src/aws/session.js";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { gradeStudent } from "../../src/grade/grade.js";
import { loadRubric } from "../../src/rubric/load.js";
import type { Snapshot } from "../../src/aws/snapshot.js";
import type { CriterionResult, GradeReport } from "../../src/grade/result.js";
import { countStatuses } from "../../src/grade/grade.js";
import { taskStatus } from "../../src/rubric/evaluate.js";
import { completeWorld, partialWorld } from "../support/world/index.js";
import { worldTransport } from "../support/world/transport.js";
import { gradeWorld } from "../support/grade-world.js";

let cache: Promise<{ complete: GradeReport; partial: GradeReport }> | undefined;

/** The complete and the partial world of student 42 graded (partial with --verbose evidence); graded once per file. */
export function realReports(): Promise<{ complete: GradeReport; partial: GradeReport }> {
  cache ??= (async () => ({
    complete: await gradeWorld("glue_hard", completeWorld("42"), "42"),
    partial: await gradeWorld("glue_hard", partialWorld("42"), "42", { verbose: true }),
  }))();
  return cache;
}

/** A deep copy. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Recomputes counts after editing statuses. */
export function recount(r: GradeReport): GradeReport {
  r.counts = countStatuses(r.tasks.flatMap((t) => t.criteria.map((c) => c.status)));
  return r;
}

/** The report with its first two failing criteria turned into `error` (AccessDenied on an IAM action). */
export function withErrors(r: GradeReport): GradeReport {
  const out = clone(r);
  const fails = out.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "fail").slice(0, 2);
  const actions = ["s3:GetBucketPolicy", "glue:GetDataCatalogEncryptionSettings"];
  fails.forEach((c, i) => {
    c.status = "error";
    c.points = 0;
    c.action = actions[i]!;
    c.message = `could not be checked: AccessDenied on ${actions[i]}`;
    delete c.actual;
  });
  return recount(out);
}

/** Payloads for warning messages: HTML/script, a spreadsheet formula, a percent-encoded workflow command, an ANSI colour. */
export const WARNING_PAYLOADS = [`</script><img src=x onerror=alert(1)>`, `=HYPERLINK("http://x")`, `%0A::error::x`, `\u001b[31mred`] as const;

/**
 * The report with its last failing (or, `from: "pass"`, passing) criteria turned into advisory warnings (as `severity:
 * warning` criteria that did not hold: status warning, 0 of 0 points), one per message, each message leading with it;
 * points, maxima, percent and task statuses are recomputed.
 */
export function withWarnings(r: GradeReport, messages: readonly string[] = WARNING_PAYLOADS, from: "fail" | "pass" = "fail"): GradeReport {
  const out = clone(r);
  const picked = out.tasks.flatMap((t) => t.criteria.filter((c) => c.status === from).map((c) => ({ t, c }))).slice(-messages.length);
  picked.forEach(({ t, c }, i) => {
    t.points = Math.round((t.points - c.points) * 100) / 100;
    t.maxPoints = Math.round((t.maxPoints - c.maxPoints) * 100) / 100;
    out.score.points -= c.points;
    out.score.maxPoints -= c.maxPoints;
    c.status = "warning";
    c.points = 0;
    c.maxPoints = 0;
    c.message = `${messages[i]!} expected the pattern to name deployed jobs, found "data-ingestion"`;
    c.hint = `${messages[i]!} hint`;
  });
  for (const t of out.tasks) t.status = taskStatus(t.criteria.map((c) => c.status));
  out.score.points = Math.round(out.score.points * 100) / 100;
  out.score.maxPoints = Math.round(out.score.maxPoints * 100) / 100;
  out.score.percent = out.score.maxPoints > 0 ? Math.round((out.score.points / out.score.maxPoints) * 10000) / 100 : 0;
  out.score.passed = out.score.percent >= out.score.threshold;
  return recount(out);
}

/** The payloads a student could plant in names, tags, policies and patterns. */
export const PAYLOADS = [
  `</script><img src=x onerror=alert(1)>`,
  `=HYPERLINK("http://x")`,
  `\u001b[2J`,
  `\u0000`,
  `%0A::error::`,
  `| pipe`,
  `]]>`,
] as const;

/** Extra nasties: a newline starting a workflow command, a lone surrogate, U+FFFE, a mention, a link, a backslash-pipe. */
export const EXTRA = [`x\n::error title=spoof::injected`, `lone \ud800 surrogate \ufffe`, `@everyone [click](javascript:alert(1)) *bold* _it_ \`code\``, `\\| escaped pipe`, `+cmd|' /C calc'!A0`, `-2+3`, `@SUM(1)`, `\tTAB`, `\r\nCRLF`] as const;

const ALL = [...PAYLOADS, ...EXTRA];

/**
 * A real report with student-controlled fields replaced: every criterion title, message, expected, actual,
 * hint, manual note and evidence, and every task title, carry the payloads (each payload leads some title).
 */
export function hostile(r: GradeReport): GradeReport {
  const out = withErrors(r);
  let i = 0;
  const p = (k: number) => ALL[k % ALL.length]!;
  for (const t of out.tasks) {
    t.title = `${p(i)} task ${t.id}`;
    for (const c of t.criteria as CriterionResult[]) {
      c.title = `${p(i)}${c.id}`;
      c.message = `${p(i + 1)} message ${p(i + 2)}`;
      c.hint = `${p(i + 3)} hint`;
      if (c.expected !== undefined || c.status === "fail") c.expected = `${p(i + 4)}`;
      if (c.status === "fail" || c.status === "pass") c.actual = { name: p(i), tags: { k: p(i + 5) }, list: [p(i + 6)] };
      if (c.status === "manual") c.manual = `${p(i + 2)} look at it`;
      if (c.evidence !== undefined) c.evidence = { policy: p(i + 3) };
      i++;
    }
  }
  return out;
}

/** Records a snapshot of grading `world` (as --record would) for --replay in CLI tests. */
export async function recordSnapshot(kind: "complete" | "partial", student = "42"): Promise<Snapshot> {
  const world = kind === "complete" ? completeWorld(student) : partialWorld(student);
  const assessment = (await loadAssessment("glue_hard"))!;
  const rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
  const session = new AwsSession({ region: world.region, transport: worldTransport(world), record: true });
  await gradeStudent({ assessment, rubric, rubricSource: "test", session, student, account: world.account, partition: "aws" });
  const snapshot = session.toSnapshot({ account: world.account, description: `${kind} world, student ${student}` });
  await session.close();
  return snapshot;
}
