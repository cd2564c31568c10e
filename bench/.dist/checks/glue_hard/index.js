import { databases } from "./databases.js";
import { s3DataLake } from "./s3_data_lake.js";
import { lakeFormation } from "./lake_formation.js";
import { classifier } from "./classifier.js";
import { schemaRegistry } from "./schema_registry.js";
import { crawler } from "./crawler.js";
import { databrew } from "./databrew.js";
import { studioJob } from "./studio_job.js";
import { streaming } from "./streaming.js";
import { workflow } from "./workflow.js";
import { dataQuality } from "./data_quality.js";
import { security } from "./security.js";
import { monitoring } from "./monitoring.js";
import { cost } from "./cost.js";
/** glue_hard: the Enterprise Data Platform lab (seed 000). */
export const assessment = {
    id: "glue_hard",
    title: "AWS Glue Assessment — Enterprise Data Platform (Hard)",
    lab: "AWS Glue Assessment - Enterprise Data Platform (Hard): S3 data lake, medallion databases, Lake Formation, classifiers, Schema Registry, crawlers, DataBrew, Studio and streaming jobs, workflows, data quality, security, monitoring, cost.",
    checks: [
        s3DataLake,
        databases,
        lakeFormation,
        classifier,
        schemaRegistry,
        crawler,
        databrew,
        studioJob,
        streaming,
        workflow,
        dataQuality,
        security,
        monitoring,
        cost,
    ],
};
