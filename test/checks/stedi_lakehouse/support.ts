// Grading the STEDI worlds in-process, with or without --run-queries (a session that allows Athena StartQueryExecution).
import { AwsSession } from "../../../src/aws/session.js";
import { bundledRubric, catalogOf } from "../../../src/grade/assessment.js";
import { loadAssessment } from "../../../src/app/assessments.js";
import { gradeStudent } from "../../../src/grade/grade.js";
import type { CheckOptions } from "../../../src/grade/check.js";
import { loadRubric } from "../../../src/rubric/load.js";
import type { GradeReport } from "../../../src/grade/result.js";
import type { World } from "../../support/world/types.js";
import { worldTransport, type CallLog } from "../../support/world/transport.js";
import { athenaTiming } from "../../../checks/stedi_lakehouse/athena.js";

// Polls in tests are immediate.
athenaTiming.firstPollMs = 1;
athenaTiming.maxPollMs = 2;

/** Grades `student` from `world`; with `checkOptions.runQueries` the session allows athena:StartQueryExecution, like the CLI. */
export async function gradeLakehouse(
  world: World,
  student: string,
  o: { checkOptions?: CheckOptions; only?: string[]; log?: CallLog; record?: boolean; allowWrite?: boolean } = {},
): Promise<{ report: GradeReport; session: AwsSession }> {
  const assessment = (await loadAssessment("stedi_lakehouse"))!;
  const rubric = loadRubric(bundledRubric("stedi_lakehouse"), catalogOf(assessment));
  const allow = o.allowWrite ?? o.checkOptions?.runQueries === true;
  const session = new AwsSession({ region: world.region, transport: worldTransport(world, o.log), record: o.record, ...(allow ? { allowedWrites: ["athena:StartQueryExecution"] } : {}) });
  const report = await gradeStudent({ assessment, rubric, rubricSource: "test", session, student, account: world.account, partition: "aws", only: o.only, checkOptions: o.checkOptions });
  return { report, session };
}
