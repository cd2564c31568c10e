// STUB — replaced by the assessment's author.
import type { Assessment } from "../../src/grade/assessment.js";

/** Stub. */
export const assessment: Assessment = {
  id: "glue_sfn_orchestration_workshop",
  title: "glue_sfn_orchestration_workshop (in progress)",
  lab: "stub",
  checks: [],
};
