// The glue_hard assessment: the check modules of its fifteen tasks.
import type { Assessment } from "../../src/grade/assessment.js";
import { databases } from "./databases.js";

/** glue_hard: the Enterprise Data Platform lab (seed 000). */
export const assessment: Assessment = {
  id: "glue_hard",
  title: "AWS Glue Assessment — Enterprise Data Platform (Hard)",
  lab: "AWS Glue Assessment - Enterprise Data Platform (Hard): S3 data lake, medallion databases, Lake Formation, classifiers, Schema Registry, crawlers, DataBrew, Studio and streaming jobs, workflows, data quality, security, monitoring, cost.",
  checks: [databases],
};
