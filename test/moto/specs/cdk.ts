// glue_cdk_sfn_json_to_parquet against moto: the complete deployment, three planted mistakes, and students sharing one
// account.
import type { AssessmentSpec } from "../support/assessment-suite.js";
import { buildCdk, type CdkMistake } from "../build/cdk.js";

/** The cdk spec. */
export const cdk: AssessmentSpec<CdkMistake> = {
  assessment: "glue_cdk_sfn_json_to_parquet",
  build: (w, id, { mistake }) => buildCdk(w, id, mistake ? { mistake } : {}),
  mistakes: [
    { title: "an hourly rule at minute 40 fails only the schedule", mistake: "scheduleAt40", failing: ["schedule.rule_schedule"] },
    { title: "a state machine without its two-hour timeout fails only the timeout", mistake: "noStateMachineTimeout", failing: ["state_machine.sm_timeout"] },
    { title: "a job with five workers fails only the worker count", mistake: "fiveWorkers", failing: ["glue_job.workers"] },
  ],
};
