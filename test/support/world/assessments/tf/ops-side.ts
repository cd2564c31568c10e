// The ops side of a Terraform deployment in the simulated account: the glue module's workflow, triggers, security
// configuration, Glue KMS key and DynamoDB tables; the security module's Glue role and connections secret; the
// networking module's VPC endpoints; the monitoring module's SNS topic, alarms, dashboard, EventBridge rule and
// monitoring Lambda; the lambda_trigger module's data-trigger Lambda and the raw bucket's notification.
//
// "complete" is the template applied correctly, with its two never-matching job-name bugs corrected (the alarms and
// the rule's pattern name the deployed jobs) and the optional pieces present ({p}-metadata, the secret), so every
// criterion of orchestration, security, state and monitoring passes, warnings included.
// "partial" plants these mistakes (each one criterion; W = a warning, no points):
//   orchestration 1. {p}-start-processing waits for the ingestion job FAILED, not SUCCEEDED  → orchestration.processing_trigger
//                 2. the latest run is RUNNING; the only COMPLETED run had a failed action    → orchestration.successful_run
//   security      3. the security configuration's job bookmarks encryption is DISABLED        → security.bookmarks_encryption
//                 4. automatic rotation is off on alias/{p}-glue's key                        → security.glue_kms_rotation
//   state         5. point-in-time recovery is off on {p}-job-bookmarks                       → state.bookmarks_pitr
//                 6. there is no {p}-metadata table                                           → state.metadata_table (W)
//   monitoring    7. {p}-alerts has no subscription                                           → monitoring.alerts_email
//                 8. the quality job's high-memory alarm has threshold 95                     → monitoring.memory_alarms
//                 9. the dashboard body is truncated JSON                                     → monitoring.dashboard_widgets
//                10. the alarms are the template's (data-ingestion-failure …, JobName = data-ingestion): the names are
//                    accepted (they notify {p}-alerts: another deployment's alarms of the same names are not), the
//                    dimensions never match                                                   → monitoring.alarm_job_dimensions (W)
//                11. the rule's pattern is the template's (jobName ["data-ingestion", …])     → monitoring.rule_pattern_jobs (W)
//                12. the {p}-data-trigger Lambda does not exist (the raw bucket's notification still points at it)
//                                                                                             → monitoring.data_trigger_lambda
//                    (raw_bucket_trigger is then skipped)
// "other" is "complete" under another deployment's names (another student, or this student's other environment).
import type { Trigger, Workflow, WorkflowRun, SecurityConfiguration } from "@aws-sdk/client-glue";
import type { AliasListEntry, KeyMetadata } from "@aws-sdk/client-kms";
import type { Role } from "@aws-sdk/client-iam";
import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { DescribeSecretResponse } from "@aws-sdk/client-secrets-manager";
import type { ContinuousBackupsDescription, TableDescription } from "@aws-sdk/client-dynamodb";
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { Subscription } from "@aws-sdk/client-sns";
import type { Rule, Target } from "@aws-sdk/client-eventbridge";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { NotificationConfiguration } from "@aws-sdk/client-s3";
import type { World } from "../../types.js";
import type { DashboardRecord, TopicRecord } from "../../parts/ops.js";
import { s3KeyId } from "./glue-side.js";
import type { TfNames } from "./names.js";

type Base = Pick<World, "region" | "account">;

/** What kind of deployment to build: a correct one, one with the planted mistakes, or another student's. */
export type Kind = "complete" | "partial" | "other";

const T0 = new Date("2026-11-10T08:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

function hash(s: string): string {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** The Glue KMS key id of a deployment (distinct from the glue side's S3 key). */
export function glueKeyId(n: TfNames): string {
  const h = hash(`${n.p}:glue`);
  return `${h}-4747-4000-8000-${(h + h).slice(0, 12)}`;
}

/** The deployment's VPC id. */
export const vpcIdOf = (n: TfNames) => `vpc-0${hash(`${n.p}:vpc`)}`;

/** The template's short job keys ("data-ingestion" …) and the deployed names. */
const jobsOf = (n: TfNames) => [
  { key: "data-ingestion", name: n.ingestionJob },
  { key: "data-processing", name: n.processingJob },
  { key: "data-quality", name: n.qualityJob },
];

// ── glue module: workflow, triggers, runs ──────────────────────────────────

function orchestration(n: TfNames, kind: Kind): { workflows: Workflow[]; triggers: Trigger[]; workflowRuns: Record<string, WorkflowRun[]> } {
  const prod = n.env === "prod";
  const args = { "--environment": n.env };
  const conditional = (Name: string, condition: { JobName?: string; State?: "SUCCEEDED" | "FAILED"; CrawlerName?: string; CrawlState?: "SUCCEEDED" }, JobName: string): Trigger => ({
    Name,
    WorkflowName: n.workflow,
    Id: `tr_${hash(Name)}`,
    Description: "Terraform-managed conditional trigger",
    Type: "CONDITIONAL",
    State: "ACTIVATED",
    Actions: [{ JobName, Arguments: args }],
    // Terraform's predicate default is AND.
    Predicate: { Logical: "AND", Conditions: [{ LogicalOperator: "EQUALS", ...condition }] },
  });
  const start: Trigger = {
    Name: n.startTrigger,
    WorkflowName: n.workflow,
    Id: `tr_${hash(n.startTrigger)}`,
    Description: "Trigger to start the ETL workflow",
    // dev / staging: ON_DEMAND (never activated: CREATED); prod: SCHEDULED daily at 02:00, activated.
    ...(prod ? { Type: "SCHEDULED", State: "ACTIVATED", Schedule: "cron(0 2 * * ? *)" } : { Type: "ON_DEMAND", State: "CREATED" }),
    Actions: [{ CrawlerName: n.rawCrawler }],
  };
  const stats = (done: number, failed: number, running = 0) => ({ TotalActions: 4, SucceededActions: done, FailedActions: failed, TimeoutActions: 0, StoppedActions: 0, RunningActions: running, ErroredActions: 0, WaitingActions: 0 });
  const run = (id: number, start: number, Status: WorkflowRun["Status"], Statistics: WorkflowRun["Statistics"], end?: number): WorkflowRun => ({
    Name: n.workflow,
    WorkflowRunId: `wr_${hash(`${n.p}:${id}`)}${String(id).padStart(4, "0")}`,
    WorkflowRunProperties: {},
    StartedOn: at(start),
    ...(end !== undefined ? { CompletedOn: at(end) } : {}),
    Status,
    Statistics,
  });
  const runs =
    kind === "partial"
      ? // Newest last on purpose: the check sorts by StartedOn.
        [run(1, 0, "COMPLETED", stats(3, 1), 75), run(2, 600, "RUNNING", stats(1, 0, 1))]
      : [run(1, 0, "COMPLETED", stats(4, 0), 80)];
  return {
    workflows: [{ Name: n.workflow, Description: `ETL workflow for ${n.project} in ${n.env} environment`, DefaultRunProperties: {}, CreatedOn: T0, LastModifiedOn: T0, MaxConcurrentRuns: 1, LastRun: runs[runs.length - 1] }],
    triggers: [
      start,
      conditional(n.ingestionTrigger, { CrawlerName: n.rawCrawler, CrawlState: "SUCCEEDED" }, n.ingestionJob),
      conditional(n.processingTrigger, { JobName: n.ingestionJob, State: kind === "partial" ? "FAILED" : "SUCCEEDED" }, n.processingJob),
      conditional(n.qualityTrigger, { JobName: n.processingJob, State: "SUCCEEDED" }, n.qualityJob),
    ],
    workflowRuns: { [n.workflow]: runs },
  };
}

// ── glue / security / networking modules ───────────────────────────────────

function security(w: Base, n: TfNames, kind: Kind) {
  const s3Key = `arn:aws:kms:${w.region}:${w.account}:key/${s3KeyId(n)}`;
  const id = glueKeyId(n);
  const keyArn = `arn:aws:kms:${w.region}:${w.account}:key/${id}`;
  const config: SecurityConfiguration = {
    Name: n.securityConfig,
    CreatedTimeStamp: T0,
    // dev/prod pass the storage module's key (module.storage.kms_key_arn) to the glue module.
    EncryptionConfiguration: {
      S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: s3Key }],
      CloudWatchEncryption: { CloudWatchEncryptionMode: "SSE-KMS", KmsKeyArn: s3Key },
      JobBookmarksEncryption: kind === "partial" ? { JobBookmarksEncryptionMode: "DISABLED" } : { JobBookmarksEncryptionMode: "CSE-KMS", KmsKeyArn: s3Key },
    },
  };
  const key: KeyMetadata = { AWSAccountId: w.account, KeyId: id, Arn: keyArn, CreationDate: T0, Enabled: true, KeyState: "Enabled", KeyManager: "CUSTOMER", KeyUsage: "ENCRYPT_DECRYPT", KeySpec: "SYMMETRIC_DEFAULT", Origin: "AWS_KMS", MultiRegion: false, Description: "KMS key for AWS Glue encryption" };
  const alias: AliasListEntry = { AliasName: n.glueKmsAlias, AliasArn: `arn:aws:kms:${w.region}:${w.account}:${n.glueKmsAlias}`, TargetKeyId: id, CreationDate: T0 };
  // As IAM returns it: URL-encoded.
  const trust = (service: string) => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: service } }] }));
  const role = (RoleName: string, service: string): Role => ({ Path: "/", RoleName, RoleId: `AROA${hash(RoleName).toUpperCase()}EXAMPLE`, Arn: `arn:aws:iam::${w.account}:role/${RoleName}`, CreateDate: T0, AssumeRolePolicyDocument: trust(service), MaxSessionDuration: 3600, Tags: [{ Key: "Name", Value: RoleName }] });
  const vpc = vpcIdOf(n);
  const tags = (svc: string) => [
    { Key: "Name", Value: `${n.p}-${svc}-endpoint` },
    { Key: "Environment", Value: n.env },
    { Key: "Project", Value: n.project },
    { Key: "ManagedBy", Value: "Terraform" },
  ];
  const endpoint = (svc: string, type: "Gateway" | "Interface"): VpcEndpoint => ({
    VpcEndpointId: `vpce-0${hash(`${n.p}:${svc}`)}`,
    VpcEndpointType: type,
    VpcId: vpc,
    ServiceName: `com.amazonaws.${w.region}.${svc}`,
    // EC2 answers lowercase "available" (the SDK enum spells it "Available").
    State: "available" as VpcEndpoint["State"],
    ...(type === "Gateway" ? { RouteTableIds: [`rtb-0${hash(`${n.p}:rt`)}`] } : { SubnetIds: [`subnet-0${hash(`${n.p}:a`)}`], PrivateDnsEnabled: true }),
    CreationTimestamp: T0,
    OwnerId: w.account,
    Tags: tags(svc),
  });
  const secret: DescribeSecretResponse = {
    ARN: `arn:aws:secretsmanager:${w.region}:${w.account}:secret:${n.secret}-${hash(n.secret).slice(0, 6)}`,
    Name: n.secret,
    Description: "Sensitive connection information for Glue jobs",
    KmsKeyId: s3Key,
    CreatedDate: T0,
    LastChangedDate: T0,
    Tags: [{ Key: "Name", Value: `${n.p}-glue-connections` }, { Key: "Environment", Value: n.env }],
  };
  return {
    securityConfigurations: [config],
    kmsKeys: [key],
    kmsAliases: [alias],
    kmsKeyRotation: { [id]: { enabled: kind !== "partial", periodDays: 365 } },
    iamRoles: [role(n.glueRole, "glue.amazonaws.com"), role(`${n.p}-monitoring-role`, "lambda.amazonaws.com")],
    vpcEndpoints: [endpoint("s3", "Gateway"), endpoint("dynamodb", "Gateway"), endpoint("glue", "Interface"), endpoint("logs", "Interface"), endpoint("kms", "Interface")],
    secrets: [secret],
  };
}

function tables(w: Base, n: TfNames, kind: Kind): { dynamoTables: TableDescription[]; dynamoBackups: Record<string, ContinuousBackupsDescription> } {
  const keyArn = `arn:aws:kms:${w.region}:${w.account}:key/${glueKeyId(n)}`;
  const table = (TableName: string, keys: [string, "HASH" | "RANGE"][]): TableDescription => ({
    TableName,
    TableArn: `arn:aws:dynamodb:${w.region}:${w.account}:table/${TableName}`,
    TableId: `${hash(TableName)}-0000-4000-8000-000000000000`,
    TableStatus: "ACTIVE",
    CreationDateTime: T0,
    AttributeDefinitions: [...keys.map(([AttributeName]) => ({ AttributeName, AttributeType: "S" as const })), { AttributeName: "status", AttributeType: "S" }, { AttributeName: "updated_at", AttributeType: "S" }],
    KeySchema: keys.map(([AttributeName, KeyType]) => ({ AttributeName, KeyType })),
    BillingModeSummary: { BillingMode: "PAY_PER_REQUEST", LastUpdateToPayPerRequestDateTime: T0 },
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
    GlobalSecondaryIndexes: [{ IndexName: "status-index", KeySchema: [{ AttributeName: "status", KeyType: "HASH" }, { AttributeName: "updated_at", KeyType: "RANGE" }], Projection: { ProjectionType: "ALL" }, IndexStatus: "ACTIVE", IndexSizeBytes: 0, ItemCount: 0 }],
    SSEDescription: { Status: "ENABLED", SSEType: "KMS", KMSMasterKeyArn: keyArn },
    TableSizeBytes: 2048,
    ItemCount: 12,
    DeletionProtectionEnabled: false,
  });
  const pitr = (on: boolean): ContinuousBackupsDescription => ({
    ContinuousBackupsStatus: "ENABLED",
    PointInTimeRecoveryDescription: on
      ? { PointInTimeRecoveryStatus: "ENABLED", RecoveryPeriodInDays: 35, EarliestRestorableDateTime: T0, LatestRestorableDateTime: at(600) }
      : { PointInTimeRecoveryStatus: "DISABLED" },
  });
  const all = [
    table(n.bookmarksTable, [["job_name", "HASH"], ["run_id", "RANGE"]]),
    table(n.jobStateTable, [["job_name", "HASH"]]),
    ...(kind === "partial" ? [] : [table(n.metadataTable, [["pk", "HASH"], ["sk", "RANGE"]])]),
  ];
  return {
    dynamoTables: all,
    dynamoBackups: Object.fromEntries(all.map((t) => [t.TableName!, pitr(!(kind === "partial" && t.TableName === n.bookmarksTable))])),
  };
}

// ── monitoring and lambda_trigger modules ──────────────────────────────────

/** The template's dashboard body (text header + task/duration/memory/data widgets per job), with the given JobName values. */
export function tfDashboardBody(w: Base, n: TfNames, jobNames: string[]): string {
  const per = (y: number, title: string, metrics: (name: string) => unknown[][]) =>
    jobNames.map((job, idx) => ({ type: "metric", x: (idx * 8) % 24, y, width: 8, height: 6, properties: { view: "timeSeries", stacked: false, metrics: metrics(job), region: w.region, title: `${job} - ${title}`, period: 300 } }));
  return JSON.stringify({
    widgets: [
      { type: "text", x: 0, y: 0, width: 24, height: 2, properties: { markdown: `# AWS Glue ETL Pipeline Dashboard - ${n.env.toUpperCase()} Environment\nLast updated: 2026-11-10` } },
      ...per(2, "Task Status", (j) => [["Glue", "glue.driver.aggregate.numCompletedTasks", "JobName", j], [".", "glue.driver.aggregate.numFailedTasks", ".", "."]]),
      ...per(8, "Duration (ms)", (j) => [["Glue", "glue.driver.aggregate.elapsedTime", "JobName", j]]),
      ...per(14, "Memory Usage (%)", (j) => [["Glue", "glue.driver.jvm.heap.usage", "JobName", j]]),
      ...per(20, "Data Processed", (j) => [["Glue", "glue.ALL.s3.filesystem.read_bytes", "JobName", j], [".", "glue.ALL.s3.filesystem.write_bytes", ".", "."]]),
    ],
  });
}

/** The template's event pattern, with the given jobName values. */
export const tfEventPattern = (jobNames: string[]) => JSON.stringify({ source: ["aws.glue"], "detail-type": ["Glue Job State Change"], detail: { jobName: jobNames } });

function monitoring(w: Base, n: TfNames, kind: Kind) {
  const partial = kind === "partial";
  const jobs = jobsOf(n);
  const topicArn = `arn:aws:sns:${w.region}:${w.account}:${n.alertsTopic}`;
  const student = n.project.replace(/^glue-etl-pipeline-/, "");
  const topic: TopicRecord = { TopicArn: topicArn, Attributes: { DisplayName: "", Owner: w.account, Policy: "{}", KmsMasterKeyId: `arn:aws:kms:${w.region}:${w.account}:key/${s3KeyId(n)}` } };
  const subscriptions: Subscription[] = partial ? [] : [{ TopicArn: topicArn, SubscriptionArn: `${topicArn}:${hash(n.p)}-aaaa-bbbb-cccc-dddddddddddd`, Owner: w.account, Protocol: "email", Endpoint: `student-${student}@example.edu` }];

  // The template names alarms and their JobName dimension after the for_each key; the corrected module uses the job names.
  const alarm = (job: { key: string; name: string }, suffix: string, metric: string, statistic: "Sum" | "Maximum", op: MetricAlarm["ComparisonOperator"], threshold: number): MetricAlarm => {
    const base = partial ? job.key : job.name;
    const AlarmName = `${base}-${suffix}`;
    return {
      AlarmName,
      AlarmArn: `arn:aws:cloudwatch:${w.region}:${w.account}:alarm:${AlarmName}`,
      AlarmDescription: `This alarm monitors the ${job.key} Glue job`,
      AlarmConfigurationUpdatedTimestamp: T0,
      ActionsEnabled: true,
      OKActions: suffix === "failure" ? [topicArn] : [],
      AlarmActions: [topicArn],
      InsufficientDataActions: [],
      StateValue: "INSUFFICIENT_DATA",
      StateReason: "Insufficient Data: 1 datapoint was unknown.",
      StateUpdatedTimestamp: T0,
      MetricName: metric,
      Namespace: "Glue",
      Statistic: statistic,
      Dimensions: [{ Name: "JobName", Value: partial ? job.key : job.name }],
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: threshold,
      ComparisonOperator: op,
    };
  };
  const metricAlarms = jobs.flatMap((j) => [
    alarm(j, "failure", "glue.driver.aggregate.numFailedTasks", "Sum", "GreaterThanOrEqualToThreshold", 1),
    alarm(j, "long-duration", "glue.driver.aggregate.elapsedTime", "Maximum", "GreaterThanThreshold", 45 * 60 * 1000),
    alarm(j, "high-memory", "glue.driver.jvm.heap.usage", "Maximum", "GreaterThanThreshold", partial && j.name === n.qualityJob ? 95 : 85),
  ]);
  const body = tfDashboardBody(w, n, jobs.map((j) => (partial ? j.key : j.name)));
  const dashboard: DashboardRecord = {
    DashboardName: n.dashboard,
    DashboardArn: `arn:aws:cloudwatch::${w.account}:dashboard/${n.dashboard}`,
    // A body cut off mid-way (as a hand edit gone wrong leaves it).
    DashboardBody: partial ? body.slice(0, Math.floor(body.length / 2)) : body,
    LastModified: T0,
  };
  const fn = (name: string, runtime: string, handler: string, timeout: number, memory: number, env: Record<string, string>): FunctionConfiguration => ({
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:${w.region}:${w.account}:function:${name}`,
    Runtime: runtime as FunctionConfiguration["Runtime"],
    Role: `arn:aws:iam::${w.account}:role/${n.p}-monitoring-role`,
    Handler: handler,
    CodeSize: 2048,
    Description: "",
    Timeout: timeout,
    MemorySize: memory,
    LastModified: "2026-11-10T08:00:00.000+0000",
    CodeSha256: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
    Version: "$LATEST",
    Environment: { Variables: env },
    TracingConfig: { Mode: "PassThrough" },
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: ["x86_64"],
    EphemeralStorage: { Size: 512 },
  });
  const monitoringFn = fn(n.monitoringLambda, "python3.10", "index.handler", 60, 128, { SNS_TOPIC_ARN: topicArn, ENVIRONMENT: n.env, GLUE_JOBS: jobs.map((j) => j.key).join(",") });
  const dataTriggerFn = fn(n.dataTriggerLambda, "python3.9", "lambda_function.lambda_handler", 300, 256, {
    GLUE_WORKFLOW_NAME: n.workflow,
    SECURITY_SNS_TOPIC: `arn:aws:sns:${w.region}:${w.account}:${n.p}-security-alerts`,
    SCAN_RESULTS_TABLE: `${n.p}-security-scan-results`,
    ENVIRONMENT: n.env,
    MAX_FILE_SIZE_MB: "100",
    ALLOWED_FILE_TYPES: "csv,json,parquet,avro",
  });
  const rule: Rule = {
    Name: n.jobStateRule,
    Arn: `arn:aws:events:${w.region}:${w.account}:rule/${n.jobStateRule}`,
    EventPattern: tfEventPattern(jobs.map((j) => (partial ? j.key : j.name))),
    State: "ENABLED",
    Description: "Capture Glue job state changes",
    EventBusName: "default",
  };
  const targets: Target[] = [{ Id: "InvokeMonitoringLambda", Arn: monitoringFn.FunctionArn }];
  const notification: NotificationConfiguration = {
    // S3 answers the filter rule name capitalised ("Prefix"), whatever case it was given.
    LambdaFunctionConfigurations: [
      { Id: `tf-s3-lambda-${hash(n.p)}`, LambdaFunctionArn: dataTriggerFn.FunctionArn, Events: ["s3:ObjectCreated:*"], Filter: { Key: { FilterRules: [{ Name: "Prefix" as "prefix", Value: "data/incoming/" }] } } },
    ],
  };
  return {
    snsTopics: [topic],
    snsSubscriptions: subscriptions,
    metricAlarms,
    dashboards: [dashboard],
    eventRules: [rule],
    eventTargets: { [n.jobStateRule]: targets },
    lambdaFunctions: partial ? [monitoringFn] : [monitoringFn, dataTriggerFn],
    s3Notifications: { [n.rawBucket]: notification },
  };
}

/** The ops-side resources of one deployment. */
export function opsSide(w: Base, n: TfNames, kind: Kind): Record<string, unknown> {
  return { ...orchestration(n, kind), ...security(w, n, kind), ...tables(w, n, kind), ...monitoring(w, n, kind) };
}
