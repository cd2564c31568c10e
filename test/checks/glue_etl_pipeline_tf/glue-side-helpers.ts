// Shared pieces of the glue-side tests (storage, catalog, jobs, run_evidence of glue_etl_pipeline_tf): a check context
// for one deployment, SDK-shaped errors, and grading the four tasks against the Terraform worlds.
import { S3ServiceException } from "@aws-sdk/client-s3";
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext } from "../../../src/grade/check.js";
import type { GradeReport } from "../../../src/report/model.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";
import { tfNames } from "../../support/world/assessments/tf/index.js";
import type { World } from "../../support/world/types.js";

export const ACCOUNT = "111122223333";
export const STUDENT = "7";
/** The names of student 7's dev deployment, as the rubric resolves them (plus securityConfig from the ops side). */
export const N = tfNames(STUDENT, "dev");
/** The tasks of the glue side. */
export const GLUE_SIDE = ["storage", "catalog", "jobs", "run_evidence"] as const;

/** A check context for student 7's dev deployment, over whatever the SDK mocks answer. */
export function ctx(): CheckContext {
  return new CheckContext(new AwsSession({ region: "us-east-1", maxAttempts: 1 }), STUDENT, N as unknown as Record<string, string>, ACCOUNT);
}

/** An S3 error as the SDK surfaces it: name, status, and (for bodiless HEAD answers) headers on $response. */
export const s3Error = (name: string, status: number, headers: Record<string, string> = {}) =>
  Object.assign(new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: name === "Unknown" ? "UnknownError" : name }), {
    $response: { statusCode: status, headers, body: undefined },
  });

/** An AccessDenied error of a JSON protocol service (Glue, KMS). */
export const accessDenied = (action: string) =>
  Object.assign(new Error(`User: arn:aws:iam::${ACCOUNT}:user/grader is not authorized to perform: ${action}`), { name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 400 } });

/** An EntityNotFoundException as the Glue SDK surfaces it. */
export const notFound = (what: string) => Object.assign(new Error(`${what} not found`), { name: "EntityNotFoundException", $fault: "client", $metadata: { httpStatusCode: 400 } });

/** Grades one task of the Terraform assessment from a world. */
export function grade(world: World, task: (typeof GLUE_SIDE)[number], o: { env?: string; student?: string } = {}): Promise<GradeReport> {
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
