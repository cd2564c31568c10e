// glue_etl_pipeline_tf against moto: the complete deployment, three planted mistakes, and students sharing one account.
import type { AssessmentSpec } from "../support/assessment-suite.js";
import { buildTerraform, type TerraformMistake } from "../build/terraform.js";

/** The terraform spec. */
export const terraform: AssessmentSpec<TerraformMistake> = {
  assessment: "glue_etl_pipeline_tf",
  build: (w, id, { mistake }) => buildTerraform(w, id, mistake ? { mistake } : {}),
  mistakes: [
    { title: "temp files kept 30 days fail only the temp lifecycle", mistake: "tempExpiresAfter30Days", failing: ["storage.lifecycle_temp"] },
    { title: "bookmarks on for the quality job fail only the bookmarks criterion", mistake: "qualityJobBookmarksOn", failing: ["jobs.bookmarks"] },
    { title: "a memory alarm that notifies nobody fails only 'alarms notify the topic'", mistake: "memoryAlarmWithoutAction", failing: ["monitoring.alarms_notify"] },
  ],
};
