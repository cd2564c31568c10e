// The glue_etl_pipeline_tf assessment: the check modules of its tasks.
import type { Assessment } from "../../src/grade/assessment.js";
import { storage } from "./storage.js";
import { catalog } from "./catalog.js";
import { jobs } from "./jobs.js";
import { orchestration } from "./orchestration.js";
import { security } from "./security.js";
import { state } from "./state.js";
import { monitoring } from "./monitoring.js";
import { runEvidence } from "./run_evidence.js";

/** glue_etl_pipeline_tf: the Terraform-deployed Glue ETL pipeline (seed 001). */
export const assessment: Assessment = {
  id: "glue_etl_pipeline_tf",
  title: "Terraform Glue ETL pipeline — storage, catalog, jobs, workflow, security, state, monitoring",
  lab: "A production-grade Glue ETL pipeline deployed with Terraform (project glue-etl-pipeline-<student>, environment dev/staging/prod): five KMS-encrypted versioned buckets, a catalog database and crawlers, three Glue jobs chained by a workflow and conditional triggers, a security configuration, DynamoDB state tables, SNS, CloudWatch alarms and dashboard, EventBridge and Lambda.",
  checks: [storage, catalog, jobs, orchestration, security, state, monitoring, runEvidence],
};
