// The glue_sfn_orchestration_workshop assessment: the check modules of its eight tasks.
import type { Assessment } from "../../src/grade/assessment.js";
import { ingestion } from "./ingestion.js";
import { rawCatalog, processedCatalog } from "./catalog.js";
import { transform } from "./transform.js";
import { athenaStep } from "./athena_step.js";
import { stateMachine } from "./state_machine.js";
import { validation } from "./validation.js";
import { trigger } from "./trigger.js";

/** glue_sfn_orchestration_workshop: the AWS Data Orchestration Workshop lab (seed 002). */
export const assessment: Assessment = {
  id: "glue_sfn_orchestration_workshop",
  title: "AWS Data Orchestration Workshop — Step Functions, Glue, Athena, EventBridge",
  lab: "AWS Data Orchestration Workshop: one S3 bucket (raw/, processed/), an ingestion Glue job writing Parquet, crawlers into workshop_raw and workshop_processed, a transformation job, an Athena query step, a Step Functions state machine orchestrating it all with error handling and crawler polling, and an EventBridge trigger.",
  checks: [ingestion, rawCatalog, transform, processedCatalog, athenaStep, stateMachine, validation, trigger],
};
