// STUB — replaced by the assessment's author.
import type { Assessment } from "../../src/grade/assessment.js";

/** Stub. */
export const assessment: Assessment = {
  id: "stedi_lakehouse",
  title: "stedi_lakehouse (in progress)",
  lab: "stub",
  checks: [],
};
