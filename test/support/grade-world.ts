// Grades a student against an in-process world: the whole pipeline (checks → facts → rubric → report) without a network.
import { AwsSession } from "../../src/aws/session.js";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { gradeStudent } from "../../src/grade/grade.js";
import { loadRubric } from "../../src/rubric/load.js";
import type { GradeReport } from "../../src/grade/result.js";
import type { World } from "./world/types.js";
import { worldTransport, type CallLog } from "./world/transport.js";
import type { Transport } from "../../src/aws/session.js";

/** Grades `student` on `assessment` from `world`; `log` collects every call made; `wrap` lets a test alter answers (faults). */
export async function gradeWorld(assessmentId: string, world: World, student: string, opts: { only?: string[]; log?: CallLog; verbose?: boolean; env?: string; wrap?: (t: Transport) => Transport } = {}): Promise<GradeReport> {
  const assessment = (await loadAssessment(assessmentId))!;
  const rubric = loadRubric(bundledRubric(assessmentId), catalogOf(assessment));
  const transport = worldTransport(world, opts.log);
  const session = new AwsSession({ region: world.region, transport: opts.wrap ? opts.wrap(transport) : transport });
  return gradeStudent({ assessment, rubric, rubricSource: "test", session, student, account: world.account, partition: "aws", only: opts.only, verbose: opts.verbose, env: opts.env });
}

/** Criterion statuses of a report as { "task.criterion": status }. */
export function statuses(report: GradeReport): Record<string, string> {
  return Object.fromEntries(report.tasks.flatMap((t) => t.criteria.map((c) => [`${t.id}.${c.id}`, c.status])));
}

/** The criteria of a report that did not pass, with their statuses. */
export function notPassing(r: GradeReport): Record<string, string> {
  return Object.fromEntries(Object.entries(statuses(r)).filter(([, s]) => s !== "pass"));
}

/** The message of one criterion ("task.criterion"). */
export function messageOf(r: GradeReport, key: string): string {
  const [t, c] = key.split(".");
  return r.tasks.find((x) => x.id === t)?.criteria.find((x) => x.id === c)?.message ?? "";
}
