// The glue_cdk_sfn_json_to_parquet assessment: the check modules of its tasks.
import type { Assessment } from "../../src/grade/assessment.js";
import { iam } from "./iam.js";
import { glueJob } from "./glue_job.js";
import { stateMachine } from "./state_machine.js";
import { schedule } from "./schedule.js";
import { sns } from "./sns.js";
import { runs } from "./runs.js";

/** glue_cdk_sfn_json_to_parquet: the CDK Glue + Step Functions JSON-to-Parquet pipeline (seed 004). */
export const assessment: Assessment = {
  id: "glue_cdk_sfn_json_to_parquet",
  title: "CDK Glue + Step Functions pipeline — JSON to Parquet on an hourly schedule",
  lab: "A CDK stack (GlueCdkExampleStack-<suffix>, --student = NAME_SUFFIX): a Glue 5.0 PySpark job converting a catalog table's JSON to Parquet with a data-quality rule, a Step Functions state machine running it with retries and an SNS failure notification, and an hourly EventBridge rule.",
  checks: [iam, glueJob, stateMachine, schedule, sns, runs],
};
