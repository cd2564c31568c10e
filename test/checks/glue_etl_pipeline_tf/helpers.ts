// Shared pieces of the glue_etl_pipeline_tf tests: a check context for one deployment, SDK-shaped errors, and grading
// one task against the Terraform worlds.
import { S3ServiceException } from "@aws-sdk/client-s3";
import { AwsSession } from "../../../src/aws/session.js";
import { bundledRubric, catalogOf } from "../../../src/grade/assessment.js";
import { loadAssessment } from "../../../src/app/assessments.js";
import { CheckContext } from "../../../src/grade/check.js";
import { gradeStudent } from "../../../src/grade/grade.js";
import { loadRubric } from "../../../src/rubric/load.js";
import type { GradeReport } from "../../../src/grade/result.js";
import { awsError, FakeAws } from "../../support/check-tester.js";
import { gradeWorld } from "../../support/grade-world.js";
import { tfNames } from "../../support/world/assessments/tf/index.js";
import type { World } from "../../support/world/types.js";

export { messageOf, notPassing } from "../../support/grade-world.js";

export const ACCOUNT = "111122223333";
export const STUDENT = "7";
/** The names of student 7's dev deployment, as the rubric resolves them. */
export const N = tfNames(STUDENT, "dev");
/** The tasks graded by the checks (the review task is for a human). */
export const GLUE_SIDE = ["storage", "catalog", "jobs", "run_evidence"] as const;
export const OPS_SIDE = ["orchestration", "security", "state", "monitoring"] as const;
type TfTask = (typeof GLUE_SIDE)[number] | (typeof OPS_SIDE)[number];

/** The scripted account the check tests answer from (each test file scripts it; `aws.reset()` between tests). */
export const aws = new FakeAws();

/** A check context for student 7's dev deployment, over what `aws` is scripted to answer. */
export function ctx(region = "us-east-1"): CheckContext {
  return new CheckContext(new AwsSession({ region, transport: aws.transport, maxAttempts: 1 }), STUDENT, N as unknown as Record<string, string>, ACCOUNT);
}

/** An SDK-shaped AWS error (the check tester's awsError, status before message). */
export const sdkError = (name: string, status = 400, message = name) => awsError(name, message, status);

/** An AccessDenied error of a JSON protocol service (Glue, KMS, DynamoDB…). */
export const accessDenied = (action: string) => sdkError("AccessDeniedException", 400, `User: arn:aws:iam::${ACCOUNT}:user/grader is not authorized to perform: ${action}`);

/** An EntityNotFoundException as the Glue SDK surfaces it. */
export const notFound = (what: string) => sdkError("EntityNotFoundException", 400, `${what} not found`);

/** An S3 error as the SDK surfaces it: name, status, and (for bodiless HEAD answers) headers on $response. */
export const s3Error = (name: string, status: number, headers: Record<string, string> = {}) =>
  Object.assign(new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: name === "Unknown" ? "UnknownError" : name }), {
    $response: { statusCode: status, headers, body: undefined },
  });

/** Grades one task of the Terraform assessment from a world. */
export function grade(world: World, task: TfTask, o: { env?: string; student?: string } = {}): Promise<GradeReport> {
  return gradeWorld("glue_etl_pipeline_tf", world, o.student ?? "42", { only: [task], env: o.env });
}

/** Grades one task for student 7 (dev) over what `aws` is scripted to answer: the checks' facts judged by the bundled rubric. */
export async function gradeMocked(task: TfTask): Promise<GradeReport> {
  const assessment = (await loadAssessment("glue_etl_pipeline_tf"))!;
  const rubric = loadRubric(bundledRubric("glue_etl_pipeline_tf"), catalogOf(assessment));
  const session = new AwsSession({ region: "us-east-1", transport: aws.transport, maxAttempts: 1 });
  return gradeStudent({ assessment, rubric, rubricSource: "test", session, student: STUDENT, account: ACCOUNT, partition: "aws", only: [task] });
}
