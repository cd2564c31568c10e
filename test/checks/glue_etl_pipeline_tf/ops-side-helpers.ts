// Shared pieces of the ops-side tests (orchestration, security, state, monitoring of glue_etl_pipeline_tf): a check
// context for one deployment, SDK-shaped errors, and grading the four tasks against the Terraform worlds.
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext } from "../../../src/grade/check.js";
import type { GradeReport } from "../../../src/report/model.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";
import { tfNames } from "../../support/world/assessments/tf/index.js";
import type { World } from "../../support/world/types.js";

export const ACCOUNT = "111122223333";
export const STUDENT = "7";
/** The names of student 7's dev deployment, as the rubric resolves them. */
export const N = tfNames(STUDENT, "dev");
/** Names a check may ask for, including the glue side's README spelling of the raw bucket. */
const NAMES: Record<string, string> = { rawBucketSeed: `${N.p}-raw`, ...(N as unknown as Record<string, string>) };
/** The tasks of the ops side. */
export const OPS_SIDE = ["orchestration", "security", "state", "monitoring"] as const;
export type OpsTask = (typeof OPS_SIDE)[number];

/** A check context for student 7's dev deployment, over whatever the SDK mocks answer. */
export function ctx(region = "us-east-1"): CheckContext {
  return new CheckContext(new AwsSession({ region, maxAttempts: 1 }), STUDENT, NAMES, ACCOUNT);
}

/** An SDK error: name, HTTP status, client fault. */
export const sdkError = (name: string, status = 400, message = name) => Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: status } });

/** An AccessDenied error of a JSON protocol service. */
export const accessDenied = (action: string) => sdkError("AccessDeniedException", 400, `User: arn:aws:iam::${ACCOUNT}:user/grader is not authorized to perform: ${action}`);

/** Grades one ops-side task of the Terraform assessment from a world. */
export function grade(world: World, task: OpsTask, o: { env?: string; student?: string } = {}): Promise<GradeReport> {
  return gradeWorld("glue_etl_pipeline_tf", world, o.student ?? "42", { only: [task], env: o.env });
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
