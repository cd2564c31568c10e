// Worlds for glue_medium (a rubric-only assessment): a student's pipeline bucket, raw and processed databases, production
// role, scheduled crawler, bookmarked ETL job, workflow and triggers, data quality ruleset, alarms and SNS topic, the
// parameterised job and the runs, among other students' copies in one account.
import type { Crawler, Database, Job, JobRun, Table, Trigger, Workflow, WorkflowRun } from "@aws-sdk/client-glue";
import type { AttachedPolicy, Role } from "@aws-sdk/client-iam";
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { Subscription } from "@aws-sdk/client-sns";
import { solutionWorlds } from "../index.js";
import type { World } from "../types.js";
import type { WorldBucket } from "../parts/storage.js";
import { dqdl, type WorldRuleset } from "../parts/catalog-formats.js";
import type { TopicRecord } from "../parts/ops.js";

type Base = Pick<World, "region" | "account">;
const T0 = new Date("2026-11-04T09:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

/** The planted mistakes of the partial world. */
type Mistakes = { partial?: boolean };

/** The lab's Task 8 rules, as printed. */
export const LAB_RULES = [
  "RowCount > 0",
  'IsComplete "transaction_id"',
  'IsComplete "product_id"',
  'IsComplete "customer_id"',
  'IsComplete "quantity"',
  'IsComplete "price"',
  'ColumnValues "quantity" > 0',
  'ColumnValues "price" > 0',
  'ColumnValues "price" < 10000',
  'IsUnique "transaction_id"',
  'ColumnDataType "transaction_id" = "STRING"',
  'ColumnDataType "quantity" = "INTEGRAL"',
  'ColumnDataType "price" = "FRACTIONAL"',
] as const;

const trust = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }] }));

/**
 * One student's glue_medium solution. Partial: the lifecycle rule moves data to Standard-IA after 30 days, the crawler
 * runs on demand, the job has bookmarks disabled and the default 48-hour timeout, the workflow has no trigger that
 * starts the job, the on-demand trigger is outside the workflow, the ruleset lacks the ColumnDataType rules, the
 * duration alarm fires above 30 minutes, the topic has no subscription, the role cannot pass itself, the parameterised
 * job has no --output_format, and the job's only run failed.
 */
export function solution(w: Base, s: string, m: Mistakes = {}): Record<string, unknown> {
  const p = m.partial === true;
  const bucket = `glue-pipeline-${s}`;
  const rawDb = `raw_data_${s}`;
  const processedDb = `processed_data_${s}`;
  const roleName = `GlueProductionRole-${s}`;
  const roleArn = `arn:aws:iam::${w.account}:role/${roleName}`;
  const crawlerName = `transactions-crawler-${s}`;
  const jobName = `incremental-etl-${s}`;
  const paramJob = `parameterized-etl-${s}`;
  const wf = `etl-pipeline-${s}`;
  const topicArn = `arn:aws:sns:${w.region}:${w.account}:glue-alerts-${s}`;
  const glueArn = (kind: string, name: string) => `arn:aws:glue:${w.region}:${w.account}:${kind}/${name}`;

  const folders = ["raw/transactions/", "raw/products/", "staging/", "processed/", "scripts/", "temp/", "logs/"];
  const b: WorldBucket = {
    Name: bucket,
    Region: w.region,
    CreationDate: T0,
    versioning: { Status: "Enabled" },
    lifecycle: [{ ID: "archive-old-data", Status: "Enabled", Filter: { Prefix: "" }, Transitions: [p ? { Days: 30, StorageClass: "STANDARD_IA" } : { Days: 90, StorageClass: "GLACIER" }] }],
    tags: [{ Key: "Environment", Value: "Production" }, { Key: "DataPipeline", Value: "ETL" }, { Key: "StudentID", Value: s }],
    objects: [
      ...folders.map((Key) => ({ Key, Size: 0, LastModified: T0 })),
      { Key: "raw/transactions/transactions_2024-11-01.csv", Size: 190, LastModified: T0 },
      { Key: "raw/products/products.csv", Size: 120, LastModified: T0 },
      { Key: "scripts/incremental_etl.py", Size: 2100, LastModified: T0 },
    ],
  };

  const role: Role = { RoleName: roleName, Arn: roleArn, Path: "/", RoleId: `AROA${s.toUpperCase()}M`, CreateDate: T0, AssumeRolePolicyDocument: trust };
  const attached: AttachedPolicy[] = [
    { PolicyName: "AWSGlueServiceRole", PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole" },
    { PolicyName: "AWSGlueConsoleFullAccess", PolicyArn: "arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess" },
    { PolicyName: "CloudWatchLogsFullAccess", PolicyArn: "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess" },
  ];
  const inline = encodeURIComponent(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "s3:*", Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] },
        { Effect: "Allow", Action: "sns:Publish", Resource: topicArn },
        ...(p ? [] : [{ Effect: "Allow", Action: "iam:PassRole", Resource: roleArn, Condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } } }]),
      ],
    }),
  );

  const crawler: Crawler = {
    Name: crawlerName,
    Role: roleArn,
    DatabaseName: rawDb,
    Targets: { S3Targets: [{ Path: `s3://${bucket}/raw/transactions/`, Exclusions: [] }] },
    SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "LOG" },
    ...(p ? {} : { Schedule: { ScheduleExpression: "cron(0 2 * * ? *)", State: "SCHEDULED" } }),
    Configuration: JSON.stringify({ Version: 1, CrawlerOutput: { Partitions: { AddOrUpdateBehavior: "InheritFromTable" } } }),
    State: "READY",
    CreationTime: T0,
    LastCrawl: { Status: "SUCCEEDED", StartTime: at(10), LogGroup: "/aws-glue/crawlers", LogStream: crawlerName },
  };
  const table = (db: string, name: string, location: string, cols: string[]): Table => ({ Name: name, DatabaseName: db, CreateTime: at(12), Parameters: { classification: name === "transactions" ? "csv" : "parquet" }, StorageDescriptor: { Location: location, Columns: cols.map((c) => ({ Name: c, Type: "string" })) } });

  const job = (name: string, args: Record<string, string>): Job => ({
    Name: name,
    Role: roleArn,
    CreatedOn: T0,
    Command: { Name: "glueetl", ScriptLocation: `s3://${bucket}/scripts/incremental_etl.py`, PythonVersion: "3" },
    DefaultArguments: {
      "--job-language": "python",
      "--TempDir": `s3://${bucket}/temp/`,
      "--job-bookmark-option": p && name === jobName ? "job-bookmark-disable" : "job-bookmark-enable",
      "--enable-metrics": "true",
      "--enable-continuous-cloudwatch-log": "true",
      "--enable-spark-ui": "true",
      "--spark-event-logs-path": `s3://${bucket}/logs/sparkui/`,
      ...args,
    },
    GlueVersion: "4.0",
    WorkerType: "G.1X",
    NumberOfWorkers: 5,
    Timeout: p && name === jobName ? 2880 : 30,
    MaxRetries: 2,
    ExecutionProperty: { MaxConcurrentRuns: 3 },
  });
  const paramArgs: Record<string, string> = { "--source_database": rawDb, "--target_database": processedDb, "--source_table": "transactions", "--processing_date": "2024-11-01", ...(p ? {} : { "--output_format": "parquet" }) };
  const runs: JobRun[] = [
    ...(p ? [] : [{ Id: `jr_${s}_2`, JobName: jobName, JobRunState: "SUCCEEDED" as const, StartedOn: at(35), CompletedOn: at(41), LogGroupName: "/aws-glue/jobs" }]),
    { Id: `jr_${s}_1`, JobName: jobName, JobRunState: "FAILED", StartedOn: at(20), CompletedOn: at(22), ErrorMessage: "EntityNotFoundException: Table product_summary not found", LogGroupName: "/aws-glue/jobs" },
  ];

  const triggers: Trigger[] = [
    { Name: `daily-trigger-${s}`, WorkflowName: wf, Type: "SCHEDULED", State: "ACTIVATED", Schedule: "cron(0 3 * * ? *)", Description: "Daily automated ETL pipeline execution", Actions: [{ CrawlerName: crawlerName }] },
    { Name: `manual-trigger-${s}`, ...(p ? {} : { WorkflowName: wf }), Type: "ON_DEMAND", State: "CREATED", Description: "Manual workflow execution", Actions: [p ? { JobName: jobName } : { CrawlerName: crawlerName }] },
    ...(p ? [] : [{ Name: `run-etl-after-crawl-${s}`, WorkflowName: wf, Type: "CONDITIONAL" as const, State: "ACTIVATED" as const, Predicate: { Logical: "ANY" as const, Conditions: [{ LogicalOperator: "EQUALS" as const, CrawlerName: crawlerName, CrawlState: "SUCCEEDED" as const }] }, Actions: [{ JobName: jobName }] }]),
  ];
  const workflow: Workflow = { Name: wf, Description: "Automated ETL pipeline with crawler and job", CreatedOn: T0, LastModifiedOn: T0 };
  const wfRuns: WorkflowRun[] = [{ Name: wf, WorkflowRunId: `wr_${s}_1`, Status: "COMPLETED", StartedOn: at(9), CompletedOn: at(42) }];

  const ruleset: WorldRuleset = {
    Name: `transaction-quality-${s}`,
    Ruleset: dqdl(p ? LAB_RULES.filter((r) => !r.startsWith("ColumnDataType")) : LAB_RULES),
    TargetTable: { DatabaseName: rawDb, TableName: "transactions" },
    CreatedOn: T0,
    LastModifiedOn: T0,
    RuleCount: p ? 10 : 13,
  };

  const alarm = (name: string, metric: string, threshold: number, comparison: MetricAlarm["ComparisonOperator"], stat: MetricAlarm["Statistic"]): MetricAlarm => ({
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${w.region}:${w.account}:alarm:${name}`,
    Namespace: "Glue",
    MetricName: metric,
    Dimensions: [{ Name: "JobName", Value: jobName }, { Name: "JobRunId", Value: "ALL" }, { Name: "Type", Value: "count" }],
    Statistic: stat,
    Threshold: threshold,
    ComparisonOperator: comparison,
    Period: 300,
    EvaluationPeriods: 1,
    TreatMissingData: "notBreaching",
    ActionsEnabled: true,
    AlarmActions: [topicArn],
  });
  const topic: TopicRecord = { TopicArn: topicArn, Attributes: { DisplayName: "Glue alerts" } };
  const subs: Subscription[] = p ? [] : [{ TopicArn: topicArn, Protocol: "email", Endpoint: `${s}@example.com`, SubscriptionArn: `${topicArn}:0f4c2d6e-${s}`, Owner: w.account }];

  return {
    s3Buckets: { [bucket]: b },
    databases: [
      { Name: rawDb, Description: "Raw data from source systems", CreateTime: T0, CatalogId: w.account } satisfies Database,
      { Name: processedDb, Description: "Cleaned and transformed data", CreateTime: T0, CatalogId: w.account } satisfies Database,
    ],
    glueTables: [
      table(rawDb, "transactions", `s3://${bucket}/raw/transactions/`, ["transaction_id", "product_id", "customer_id", "quantity", "price", "timestamp"]),
      table(processedDb, "product_summary", `s3://${bucket}/processed/product_summary/`, ["product_id", "transaction_count", "total_quantity", "total_revenue", "avg_price"]),
    ],
    iamRoles: [role],
    iamAttachedPolicies: { [roleName]: attached },
    iamRolePolicies: { [roleName]: { "pipeline-access": inline } },
    crawlers: [crawler],
    jobs: [job(jobName, {}), job(paramJob, paramArgs)],
    jobRuns: { [jobName]: runs },
    workflows: [workflow],
    triggers,
    workflowRuns: { [wf]: wfRuns },
    dqRulesets: [ruleset],
    metricAlarms: [
      alarm(`glue-job-failure-${s}`, "glue.driver.aggregate.numFailedTasks", 1, "GreaterThanOrEqualToThreshold", "Sum"),
      alarm(`glue-job-duration-${s}`, "glue.driver.aggregate.elapsedTime", p ? 1_800_000 : 1_200_000, "GreaterThanThreshold", "Maximum"),
    ],
    snsTopics: [topic],
    snsSubscriptions: subs,
    glueTags: {
      [glueArn("database", rawDb)]: { Environment: "Production", StudentID: s },
      [glueArn("database", processedDb)]: { Environment: "Production", StudentID: s },
      [glueArn("crawler", crawlerName)]: { DataSource: "Transactions", Scheduled: "Yes", StudentID: s },
      [glueArn("workflow", wf)]: { Automation: "Workflow", StudentID: s },
    },
  };
}

/** A world where the student solved the lab (complete), made the planted mistakes (partial), or built nothing (empty). */
export const { completeWorld, partialWorld, emptyWorld } = solutionWorlds(solution);
