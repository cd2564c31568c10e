// Worlds for glue_sfn_orchestration_workshop: a student's pipeline (bucket, two jobs, two crawlers, databases and
// tables, state machine, executions, Athena history, EventBridge rule) among other students' copies in one account.
import type { Crawler, Database, Job, JobRun, Table } from "@aws-sdk/client-glue";
import type { Rule, Target } from "@aws-sdk/client-eventbridge";
import type { QueryExecution, ResultSet } from "@aws-sdk/client-athena";
import type { ExecutionListItem } from "@aws-sdk/client-sfn";
import { compose, type WorldOptions } from "../index.js";
import type { World } from "../types.js";
import type { WorldBucket } from "../parts/storage.js";
import type { OrchestrationWorld, WorldStateMachine } from "../parts/orchestration.js";

type Base = Pick<World, "region" | "account">;

const T0 = new Date("2026-11-02T09:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

/** The names one student's pipeline uses. The student of the test uses the lab's plain names; others are suffixed. */
export function workshopNames(s: string, plain: boolean) {
  const sfx = plain ? "" : `-${s}`;
  return {
    bucket: plain ? `orchestration-lab-data-${s}` : `orchestration-lab-${s}`,
    ingestJob: `raw-ingest-job${sfx}`,
    transformJob: `raw-to-processed-etl${sfx}`,
    rawCrawler: `raw-data-crawler${sfx}`,
    processedCrawler: `processed-data-crawler${sfx}`,
    rawDb: plain ? "workshop_raw" : `workshop_raw_${s}`,
    processedDb: plain ? "workshop_processed" : `workshop_processed_${s}`,
    stateMachine: plain ? "DataPipeline" : `DataPipeline-${s}`,
    rule: plain ? "RunPipelineOnUpload" : `RunPipeline-${s}`,
  };
}
type Names = ReturnType<typeof workshopNames>;

const PARQUET = "PAR1\x15\x04\x15\x80\x01\x15\x80\x01L\x15\x0c\x15\x00\x12\x00\x00PAR1";
const CSV = "customer_id,name,email,status,signup_date\n1,Ana,ana@example.com,active,2024-01-15\n";

/** The state machine definition of a correct solution (the lab's example, completed). */
export function completeDefinition(n: Names): string {
  const catchAll = [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "NotifyFailure" }];
  const poll = (prefix: string, crawler: string, then: string) => ({
    [`Start${prefix}Crawler`]: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:startCrawler", Parameters: { Name: crawler }, ResultPath: null, Catch: catchAll, Next: `WaitFor${prefix}Crawler` },
    [`WaitFor${prefix}Crawler`]: { Type: "Wait", Seconds: 30, Next: `Get${prefix}Crawler` },
    [`Get${prefix}Crawler`]: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:getCrawler", Parameters: { Name: crawler }, Next: `Is${prefix}CrawlerDone` },
    [`Is${prefix}CrawlerDone`]: {
      Type: "Choice",
      Choices: [
        { Variable: "$.Crawler.State", StringEquals: "READY", Next: then },
        { Variable: "$.Crawler.LastCrawl.Status", StringEquals: "FAILED", Next: "NotifyFailure" },
      ],
      Default: `WaitFor${prefix}Crawler`,
    },
  });
  return JSON.stringify(
    {
      Comment: "Orchestration workshop pipeline",
      StartAt: "IngestRawData",
      States: {
        IngestRawData: {
          Type: "Task",
          Resource: "arn:aws:states:::glue:startJobRun.sync",
          Parameters: { JobName: n.ingestJob },
          Retry: [{ ErrorEquals: ["Glue.ConcurrentRunsExceededException"], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2 }],
          Catch: catchAll,
          Next: "StartRawCrawler",
        },
        ...poll("Raw", n.rawCrawler, "TransformData"),
        TransformData: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun.sync", Parameters: { JobName: n.transformJob }, Catch: catchAll, Next: "StartProcessedCrawler" },
        ...poll("Processed", n.processedCrawler, "QueryProcessed"),
        QueryProcessed: {
          Type: "Task",
          Resource: "arn:aws:states:::athena:startQueryExecution.sync",
          Parameters: {
            QueryString: `SELECT COUNT(*) FROM ${n.processedDb}.customers_clean`,
            WorkGroup: "primary",
            ResultConfiguration: { OutputLocation: `s3://${n.bucket}/athena-results/` },
          },
          Catch: catchAll,
          End: true,
        },
        NotifyFailure: { Type: "Pass", Next: "PipelineFailed" },
        PipelineFailed: { Type: "Fail", Error: "PipelineFailed", Cause: "A step of the pipeline failed" },
      },
    },
    null,
    2,
  );
}

/**
 * The planted state machine mistakes: the raw crawler runs before the ingestion job (wrong order), no Wait/Choice
 * polling at all, and the transformation job is started without .sync and without Catch or Retry.
 */
export function partialDefinition(n: Names): string {
  return JSON.stringify({
    StartAt: "StartRawCrawler",
    States: {
      StartRawCrawler: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:startCrawler", Parameters: { Name: n.rawCrawler }, Next: "IngestRawData" },
      IngestRawData: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun.sync", Parameters: { JobName: n.ingestJob }, Catch: [{ ErrorEquals: ["States.ALL"], Next: "PipelineFailed" }], Next: "TransformData" },
      TransformData: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun", Parameters: { JobName: n.transformJob }, Next: "StartProcessedCrawler" },
      StartProcessedCrawler: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:startCrawler", Parameters: { Name: n.processedCrawler }, Next: "QueryProcessed" },
      QueryProcessed: { Type: "Task", Resource: "arn:aws:states:::athena:startQueryExecution.sync", Parameters: { QueryString: `SELECT COUNT(*) FROM ${n.processedDb}.customers_clean`, WorkGroup: "primary" }, End: true },
      PipelineFailed: { Type: "Fail", Error: "PipelineFailed" },
    },
  });
}

const COLUMNS = ["customer_id", "name", "email", "status", "signup_date", "country"];

function table(db: string, name: string, location: string, classification: string, cols: string[]): Table {
  return {
    Name: name,
    DatabaseName: db,
    CreateTime: at(20),
    Parameters: { classification, recordCount: "150" },
    StorageDescriptor: { Columns: cols.map((c) => ({ Name: c, Type: "string" })), Location: location, Parameters: { classification } },
  };
}

type Mistakes = { csvRaw?: boolean; brokenDefinition?: boolean; ruleDisabled?: boolean };

/** One student's pipeline. `plain`: the lab's names (the graded student); otherwise suffixed names (other students). */
export function pipeline(w: Base, s: string, plain: boolean, m: Mistakes = {}): Record<string, unknown> {
  const n = workshopNames(s, plain);
  const smArn = `arn:aws:states:${w.region}:${w.account}:stateMachine:${n.stateMachine}`;
  const role = `arn:aws:iam::${w.account}:role/WorkshopGlueRole-${s}`;
  const rawKey = m.csvRaw ? "raw/customers/customers.csv" : "raw/customers/part-00000-1a2b.snappy.parquet";
  const processedKey = "processed/customers_clean/part-00000-9f8e.snappy.parquet";
  const bucket: WorldBucket = {
    Name: n.bucket,
    Region: w.region,
    CreationDate: T0,
    tags: [{ Key: "StudentID", Value: s }, { Key: "Project", Value: "orchestration-workshop" }],
    objects: [
      { Key: "raw/", Size: 0, LastModified: T0 },
      { Key: rawKey, Size: 4096, LastModified: at(10) },
      { Key: "processed/", Size: 0, LastModified: T0 },
      { Key: "processed/customers_clean/_SUCCESS", Size: 0, LastModified: at(30) },
      { Key: processedKey, Size: 2048, LastModified: at(30) },
      { Key: "athena-results/q-1.csv", Size: 12, LastModified: at(40) },
    ],
  };
  const job = (name: string, script: string): Job => ({
    Name: name,
    Role: role,
    CreatedOn: T0,
    Command: { Name: "glueetl", ScriptLocation: `s3://aws-glue-assets-${w.account}-${w.region}/scripts/${script}`, PythonVersion: "3" },
    DefaultArguments: { "--job-language": "python", "--enable-continuous-cloudwatch-log": "true" },
    GlueVersion: "4.0",
    WorkerType: "G.1X",
    NumberOfWorkers: 2,
    Timeout: 60,
    ExecutionProperty: { MaxConcurrentRuns: 1 },
  });
  const runs = (name: string, start: number): JobRun[] => [
    { Id: `jr_${name}_2`, JobName: name, JobRunState: "SUCCEEDED", StartedOn: at(start + 60), CompletedOn: at(start + 63), LogGroupName: "/aws-glue/jobs", Attempt: 0 },
    { Id: `jr_${name}_1`, JobName: name, JobRunState: "FAILED", StartedOn: at(start), CompletedOn: at(start + 1), ErrorMessage: "NameError: name 'df' is not defined", LogGroupName: "/aws-glue/jobs", Attempt: 0 },
  ];
  const crawler = (name: string, db: string, path: string): Crawler => ({
    Name: name,
    Role: role,
    DatabaseName: db,
    Targets: { S3Targets: [{ Path: path, Exclusions: [] }] },
    SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DEPRECATE_IN_DATABASE" },
    State: "READY",
    CreationTime: T0,
    LastCrawl: { Status: "SUCCEEDED", LogGroup: "/aws-glue/crawlers", LogStream: name, StartTime: at(15) },
  });
  const db = (name: string): Database => ({ Name: name, CreateTime: T0, CatalogId: w.account });
  const sm: WorldStateMachine = {
    stateMachineArn: smArn,
    name: n.stateMachine,
    status: "ACTIVE",
    definition: m.brokenDefinition ? partialDefinition(n) : completeDefinition(n),
    roleArn: `arn:aws:iam::${w.account}:role/StepFunctionsWorkshopRole-${s}`,
    type: "STANDARD",
    creationDate: T0,
    tags: [{ key: "StudentID", value: s }],
  };
  const executions: ExecutionListItem[] = [
    { executionArn: `arn:aws:states:${w.region}:${w.account}:execution:${n.stateMachine}:run-2`, stateMachineArn: smArn, name: "run-2", status: "SUCCEEDED", startDate: at(60), stopDate: at(75) },
    { executionArn: `arn:aws:states:${w.region}:${w.account}:execution:${n.stateMachine}:run-1`, stateMachineArn: smArn, name: "run-1", status: "FAILED", startDate: at(0), stopDate: at(2) },
  ];
  const rule: Rule = m.ruleDisabled
    ? { Name: n.rule, Arn: `arn:aws:events:${w.region}:${w.account}:rule/${n.rule}`, State: "DISABLED", ScheduleExpression: "cron(0 2 * * ? *)", EventBusName: "default" }
    : {
        Name: n.rule,
        Arn: `arn:aws:events:${w.region}:${w.account}:rule/${n.rule}`,
        State: "ENABLED",
        EventPattern: JSON.stringify({ source: ["aws.s3"], "detail-type": ["Object Created"], detail: { bucket: { name: [n.bucket] }, object: { key: [{ prefix: "incoming/" }] } } }),
        EventBusName: "default",
      };
  const target: Target = { Id: "pipeline", Arn: smArn, RoleArn: `arn:aws:iam::${w.account}:role/EventBridgeInvokeSfn-${s}` };
  // Other students queried a day earlier: the graded student's queries are the most recent.
  const qAt = (min: number) => at(plain ? min : min - 1440);
  const q = (id: string, sql: string, dbName: string, min: number, state = "SUCCEEDED"): QueryExecution => ({
    QueryExecutionId: id,
    Query: sql,
    StatementType: "DML",
    QueryExecutionContext: { Database: dbName, Catalog: "AwsDataCatalog" },
    Status: { State: state as "SUCCEEDED", SubmissionDateTime: qAt(min), CompletionDateTime: qAt(min + 1) },
    WorkGroup: "primary",
  });
  const qs = [
    q(`q-${s}-4`, `SELECT COUNT(*) FROM ${n.processedDb}.customers_clean`, n.processedDb, 80),
    q(`q-${s}-3`, `SELECT * FROM "${n.rawDb}"."customers" LIMIT 10`, n.rawDb, 78),
    q(`q-${s}-2`, `SELECT COUNT(*) FROM ${n.rawDb}.customers`, "default", 77),
    q(`q-${s}-1`, `SELECT COUNT(*) FROM ${n.processedDb}.customer`, n.processedDb, 76, "FAILED"),
  ];
  const count = (v: string): ResultSet => ({ Rows: [{ Data: [{ VarCharValue: "_col0" }] }, { Data: [{ VarCharValue: v }] }] });
  const glueArn = (kind: string, name: string) => `arn:aws:glue:${w.region}:${w.account}:${kind}/${name}`;
  const orchestration: Partial<OrchestrationWorld> = {
    stateMachines: [sm],
    sfnExecutions: { [smArn]: executions },
    s3ObjectBodies: { [`${n.bucket}/${rawKey}`]: m.csvRaw ? CSV : PARQUET, [`${n.bucket}/${processedKey}`]: PARQUET },
    s3Notifications: m.ruleDisabled ? {} : { [n.bucket]: { EventBridgeConfiguration: {} } },
    athenaQueries: qs,
    athenaResults: { [`q-${s}-4`]: count("120"), [`q-${s}-2`]: count("150") },
  };
  return {
    s3Buckets: { [n.bucket]: bucket },
    jobs: [job(n.ingestJob, "ingest.py"), job(n.transformJob, "transform.py")],
    jobRuns: { [n.ingestJob]: runs(n.ingestJob, 0), [n.transformJob]: runs(n.transformJob, 5) },
    crawlers: [crawler(n.rawCrawler, n.rawDb, `s3://${n.bucket}/raw/`), crawler(n.processedCrawler, n.processedDb, `s3://${n.bucket}/processed`)],
    databases: [db(n.rawDb), db(n.processedDb)],
    glueTables: [
      table(n.rawDb, "customers", `s3://${n.bucket}/raw/customers/`, m.csvRaw ? "csv" : "parquet", COLUMNS),
      table(n.processedDb, "customers_clean", `s3://${n.bucket}/processed/customers_clean/`, "parquet", ["customer_id", "email", "status", "signup_year"]),
    ],
    glueTags: plain ? {} : { [glueArn("job", n.ingestJob)]: { StudentID: s }, [glueArn("crawler", n.rawCrawler)]: { StudentID: s } },
    eventRules: [rule],
    eventTargets: { [n.rule]: [target] },
    ...orchestration,
  };
}

function build(student: string, o: WorldOptions, m: Mistakes): World {
  const base = { account: o.account ?? "123456789012", region: o.region ?? "us-east-1", pageSize: o.pageSize ?? 3 };
  const noise = Array.from({ length: o.others ?? 3 }, (_, i) => `s${String(i + 1).padStart(3, "0")}`).filter((s) => s !== student);
  const tooling: Record<string, unknown> = {
    s3Buckets: { [`aws-glue-assets-${base.account}-${base.region}`]: { Name: `aws-glue-assets-${base.account}-${base.region}`, Region: base.region, CreationDate: T0, objects: [] } satisfies WorldBucket },
  };
  return compose(base, [tooling, ...noise.map((s) => pipeline(base, s, false)), pipeline(base, student, true, m)]);
}

/** A world where `student` built the whole pipeline correctly (S3-event trigger with EventBridge notifications on). */
export function completeWorld(student: string, o: WorldOptions = {}): World {
  return build(student, o, {});
}

/**
 * The planted mistakes: a CSV file under raw/ (so the raw table is csv too), a state machine whose raw crawler runs
 * before the ingestion job, without Wait/Choice polling, with the transformation job started without .sync and
 * without Catch/Retry, and a DISABLED (scheduled) rule.
 */
export function partialWorld(student: string, o: WorldOptions = {}): World {
  return build(student, o, { csvRaw: true, brokenDefinition: true, ruleDisabled: true });
}
