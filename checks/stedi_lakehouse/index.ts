// The stedi_lakehouse assessment: the check modules of its tasks (seed 003, the Udacity STEDI lakehouse).
import type { Assessment } from "../../src/grade/assessment.js";
import { setup } from "./setup.js";
import { queries } from "./queries.js";
import { landing } from "./landing.js";
import { trusted } from "./trusted.js";
import { curated } from "./curated.js";
import { jobs } from "./jobs.js";

/** stedi_lakehouse: ingesting and organising data in a lakehouse with AWS Glue and Athena (seed 003). */
export const assessment: Assessment = {
  id: "stedi_lakehouse",
  title: "STEDI Human Balance — Data Lakehouse with AWS Glue and Athena",
  lab: "Ingesting and Organising Data in a Data Lakehouse Using AWS Glue and AWS Athena (STEDI): S3 gateway endpoint, Glue role, landing/trusted/curated Glue tables, Glue jobs between the zones, Athena row counts (opt-in).",
  checks: [setup, queries, landing, trusted, curated, jobs],
};
