// The AWS data orchestration workshop (seeds/002), built as a student would with the CLI: bucket, two Glue jobs, two
// crawlers, the Step Functions pipeline, Athena queries and a scheduled EventBridge rule.
import { CreateCrawlerCommand, CreateDatabaseCommand, CreateJobCommand, CreateTableCommand, StartCrawlerCommand, StartJobRunCommand } from "@aws-sdk/client-glue";
import { CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import type { Writers } from "../support/clients.js";
import { createBucket, createServiceRole, crawledParquetTable, parquetBytes, putObject } from "./common.js";

/** One planted mistake of the workshop. */
export type WorkshopMistake = "jobsNotSync" | "ruleDisabled" | "processedCrawlerOnRaw";

/** Builds student `id`'s workshop; `suffixed` uses workshop_raw_<id> (a shared account); `mistake` plants one error. */
export async function buildWorkshop(w: Writers, id: string, opts: { suffixed?: boolean; mistake?: WorkshopMistake } = {}): Promise<void> {
  const bucket = `workshop-orchestration-${id}`;
  const rawDb = opts.suffixed ? `workshop_raw_${id}` : "workshop_raw";
  const processedDb = opts.suffixed ? `workshop_processed_${id}` : "workshop_processed";
  await createBucket(w, bucket, { StudentID: id, Project: "orchestration-workshop" });
  await putObject(w, bucket, "raw/");
  await putObject(w, bucket, "processed/");
  await putObject(w, bucket, "scripts/ingest.py", "import sys\nfrom awsglue.utils import getResolvedOptions\n");
  await putObject(w, bucket, "scripts/transform.py", "import sys\nfrom awsglue.utils import getResolvedOptions\n");
  await putObject(w, bucket, "raw/sales/part-00000-1b2c.snappy.parquet", parquetBytes());
  await putObject(w, bucket, "processed/sales_summary/part-00000-9f8e.snappy.parquet", parquetBytes());

  const glueRole = await createServiceRole(w, `WorkshopGlueRole-${id}`, "glue.amazonaws.com", ["glue:*", "s3:GetObject", "s3:PutObject", "s3:ListBucket", "logs:*"]);
  const sfnRole = await createServiceRole(w, `WorkshopStepFunctionsRole-${id}`, "states.amazonaws.com", ["glue:StartJobRun", "glue:GetJobRun", "glue:StartCrawler", "glue:GetCrawler", "athena:StartQueryExecution", "athena:GetQueryExecution"]);
  const eventsRole = await createServiceRole(w, `WorkshopEventBridgeRole-${id}`, "events.amazonaws.com", ["states:StartExecution"]);

  const ingestJob = `ingest-sales-${id}`;
  const transformJob = `transform-sales-${id}`;
  for (const [name, script, out] of [[ingestJob, "ingest.py", "raw/sales/"], [transformJob, "transform.py", "processed/sales_summary/"]] as const) {
    await w.glue.send(new CreateJobCommand({
      Name: name,
      Role: glueRole,
      Command: { Name: "glueetl", ScriptLocation: `s3://${bucket}/scripts/${script}`, PythonVersion: "3" },
      GlueVersion: "4.0",
      WorkerType: "G.1X",
      NumberOfWorkers: 2,
      DefaultArguments: { "--job-language": "python", "--OUTPUT_PATH": `s3://${bucket}/${out}`, "--enable-continuous-cloudwatch-log": "true" },
    }));
    await w.glue.send(new StartJobRunCommand({ JobName: name }));
  }

  await w.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: rawDb } }));
  await w.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: processedDb } }));
  const rawCrawler = `raw-crawler-${id}`;
  const processedCrawler = `processed-crawler-${id}`;
  const processedTarget = opts.mistake === "processedCrawlerOnRaw" ? `s3://${bucket}/raw/sales/` : `s3://${bucket}/processed/`;
  for (const [name, db, path] of [[rawCrawler, rawDb, `s3://${bucket}/raw/`], [processedCrawler, processedDb, processedTarget]] as const) {
    await w.glue.send(new CreateCrawlerCommand({ Name: name, Role: glueRole, DatabaseName: db, Targets: { S3Targets: [{ Path: path }] } }));
    await w.glue.send(new StartCrawlerCommand({ Name: name }));
  }
  await w.glue.send(new CreateTableCommand({ DatabaseName: rawDb, TableInput: crawledParquetTable("sales", `s3://${bucket}/raw/sales/`) }));
  await w.glue.send(new CreateTableCommand({ DatabaseName: processedDb, TableInput: crawledParquetTable("sales_summary", `s3://${bucket}/processed/sales_summary/`) }));

  const jobResource = opts.mistake === "jobsNotSync" ? "arn:aws:states:::glue:startJobRun" : "arn:aws:states:::glue:startJobRun.sync";
  const onFailure = { Catch: [{ ErrorEquals: ["States.ALL"], Next: "PipelineFailed" }] };
  const crawl = (name: string, prefix: string, next: string) => ({
    [`Start${prefix}Crawler`]: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:startCrawler", Parameters: { Name: name }, Next: `Wait${prefix}Crawler` },
    [`Wait${prefix}Crawler`]: { Type: "Wait", Seconds: 30, Next: `Get${prefix}Crawler` },
    [`Get${prefix}Crawler`]: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:getCrawler", Parameters: { Name: name }, Next: `${prefix}CrawlerDone` },
    [`${prefix}CrawlerDone`]: { Type: "Choice", Choices: [{ Variable: "$.Crawler.State", StringEquals: "READY", Next: next }], Default: `Wait${prefix}Crawler` },
  });
  const definition = {
    Comment: "Sales pipeline: ingest, catalog raw, transform, catalog processed, validate with Athena",
    StartAt: "IngestData",
    States: {
      IngestData: { Type: "Task", Resource: jobResource, Parameters: { JobName: ingestJob }, ...onFailure, Next: "StartRawCrawler" },
      ...crawl(rawCrawler, "Raw", "TransformData"),
      TransformData: { Type: "Task", Resource: jobResource, Parameters: { JobName: transformJob }, ...onFailure, Next: "StartProcessedCrawler" },
      ...crawl(processedCrawler, "Processed", "ValidateWithAthena"),
      ValidateWithAthena: {
        Type: "Task",
        Resource: "arn:aws:states:::athena:startQueryExecution.sync",
        Parameters: { QueryString: `SELECT COUNT(*) FROM ${processedDb}.sales_summary`, WorkGroup: "primary", ResultConfiguration: { OutputLocation: `s3://${bucket}/athena-results/` } },
        End: true,
      },
      PipelineFailed: { Type: "Fail", Error: "PipelineFailed", Cause: "A Glue job of the pipeline failed" },
    },
  };
  const machine = await w.sfn.send(new CreateStateMachineCommand({ name: `sales-pipeline-${id}`, definition: JSON.stringify(definition, null, 2), roleArn: sfnRole, tags: [{ key: "StudentID", value: id }] }));
  await w.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn!, input: "{}" }));

  for (const query of [`SELECT * FROM ${rawDb}.sales LIMIT 10`, `SELECT COUNT(*) FROM ${processedDb}.sales_summary`]) {
    await w.athena.send(new StartQueryExecutionCommand({ QueryString: query, QueryExecutionContext: { Database: query.includes(rawDb) ? rawDb : processedDb }, WorkGroup: "primary", ResultConfiguration: { OutputLocation: `s3://${bucket}/athena-results/` } }));
  }

  const rule = `sales-pipeline-daily-${id}`;
  await w.events.send(new PutRuleCommand({ Name: rule, ScheduleExpression: "cron(0 6 * * ? *)", State: opts.mistake === "ruleDisabled" ? "DISABLED" : "ENABLED", Description: "Runs the sales pipeline every morning" }));
  await w.events.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: "sales-pipeline", Arn: machine.stateMachineArn!, RoleArn: eventsRole }] }));
}
