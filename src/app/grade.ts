// Grading one student: the typed request the CLI builds, its checks against the rubric, and one graded run.
import { servicesOfActions } from "../aws/services.js";
import type { AwsSession } from "../aws/session.js";
import { replayRegionMismatch, replayStudentMismatch, type Snapshot } from "../aws/snapshot.js";
import { EvidenceFlagError, evidenceFromFlags, type EvidenceFlags } from "../evidence/cloudtrail.js";
import type { CheckOptions } from "../grade/check.js";
import { environmentOf, gradeStudent, type EvidenceOptions } from "../grade/grade.js";
import type { GradeReport } from "../grade/result.js";
import type { Rubric } from "../rubric/schema.js";
import { resolveTaskRef } from "../rubric/task-ref.js";
import { writeFileAtomic } from "../util/write-file.js";
import { UsageError } from "./errors.js";
import { openAssessment, type OpenedAssessment } from "./assessments.js";
import { openSession, profileOf, whoAmI, type Caller, type SessionRequest } from "./session.js";

/** Everything one grading run needs, parsed from the command line. */
export interface GradeRequest {
  /** A bundled id and/or a rubric file (see openAssessment). */
  assessment: { id?: string; rubricFile?: string };
  /** As given: checked against the rubric's pattern when the assessment is open. */
  student: string | undefined;
  /** --only task ids (empty: all). */
  only: readonly string[];
  /** --min-score, a percentage. */
  minScore?: number;
  checkOptions: CheckOptions;
  /** --env as given: matched against the rubric's environments. */
  env?: string;
  session: SessionRequest;
  verbose: boolean;
  /** --record: where the snapshot of every AWS call is written. */
  record?: string;
  /** --evidence cloudtrail, --evidence-principal, --deadline (checked when the session is open: a replay reuses its window). */
  evidence?: EvidenceFlags;
}

/** A request checked against its assessment: ready to grade. */
export interface PreparedGrade extends OpenedAssessment {
  student: string;
  only: readonly string[];
  env?: string;
}

/** Opens the request's assessment and checks the student, --only and --env against its rubric. */
export async function prepareGrade(req: GradeRequest): Promise<PreparedGrade> {
  const opened = await openAssessment(req.assessment);
  const student = checkStudent(req.student, opened.rubric);
  const only = checkTasks(req.only, opened.rubric, "--only");
  const env = checkEnv(req.env, opened.rubric);
  return { ...opened, student, only, ...(env ? { env } : {}) };
}

/** Grades a prepared request with a session and a caller, possibly still being asked (one round; --watch calls it again). */
export function gradeWith(p: PreparedGrade, req: GradeRequest, session: AwsSession, who: Caller | Promise<Caller>, evidence?: EvidenceOptions, onProgress?: (done: number, total: number) => void): Promise<GradeReport> {
  return gradeStudent({
    assessment: p.assessment, rubric: p.rubric, rubricSource: p.rubricSource, session, student: p.student, caller: who,
    only: p.only, verbose: req.verbose, minScore: req.minScore, checkOptions: req.checkOptions, env: p.env, ...(evidence ? { evidence } : {}), ...(onProgress ? { onProgress } : {}),
  });
}

/**
 * Grades one student end to end: opens the session, identifies the caller, grades, and (with --record) writes the
 * snapshot even when grading failed. `notify` receives one line for the user (where the snapshot went); `onProgress`
 * tasks done / total while grading.
 */
export async function gradeOne(p: PreparedGrade, req: GradeRequest, env: NodeJS.ProcessEnv, notify: (line: string) => void, onProgress?: (done: number, total: number) => void): Promise<GradeReport> {
  const { session, snapshot } = await openSession(req.session, env);
  const mismatch = snapshot && req.session.replay ? (replayStudentMismatch(snapshot, req.session.replay, p.student) ?? replayRegionMismatch(snapshot, req.session.replay, req.session.region)) : undefined;
  if (mismatch) throw new UsageError(mismatch);
  const evidence = evidenceOptions(req.evidence ?? {}, snapshot);
  let account: string | undefined;
  try {
    const asking = whoAmI(session, snapshot, req.session.endpointUrl, profileOf(req.session, env));
    session.warm(servicesOfActions(p.assessment.checks.flatMap((c) => c.actions)));
    // Checks start while the identity call is in flight; only reads that need the account wait for it. When it
    // fails, its error is the one reported (the checks send nothing more).
    const grading = gradeWith(p, req, session, asking, evidence, onProgress);
    grading.catch(() => undefined);
    account = (await asking).account;
    return await grading;
  } finally {
    if (req.record) {
      writeFileAtomic(req.record, `${JSON.stringify(session.toSnapshot({ account, description: `${p.rubric.assessment} for student ${p.student}`, assessment: p.rubric.assessment, student: p.student }), null, 1)}\n`);
      notify(`AWS calls recorded to ${req.record}\n`);
    }
    await session.close();
  }
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

/**
 * Tasks named by id or by the number the lab gives them ("1", "Task 1"; comma lists allowed), as task ids in the
 * rubric's order without duplicates; `flag` names the option in the error.
 */
export function checkTasks(given: readonly string[] | undefined, rubric: Rubric, flag: string): string[] {
  const refs = (given ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  const ids = new Set<string>();
  for (const ref of refs) {
    const r = resolveTaskRef(rubric.tasks, ref);
    if ("error" in r) throw new UsageError(`${flag}: ${r.error}`);
    ids.add(r.id);
  }
  return rubric.tasks.map((t) => t.id).filter((id) => ids.has(id));
}
