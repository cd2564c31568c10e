// The Enterprise Data Platform lab (seeds/000) for student <id>, as the console and CLI create it. Where moto lacks the
// write (classifiers, DataBrew projects, data cells filters, DQ rulesets) the step is attempted and its refusal is
// expected: the grading of those criteria is covered by the gap table.
import { CreateAliasCommand, CreateKeyCommand } from "@aws-sdk/client-kms";
import { PutBucketCorsCommand, PutBucketEncryptionCommand, PutBucketLifecycleConfigurationCommand, PutBucketLoggingCommand, PutBucketPolicyCommand, PutBucketVersioningCommand } from "@aws-sdk/client-s3";
import {
  CreateClassifierCommand, CreateCrawlerCommand, CreateDatabaseCommand, CreateTableCommand, CreateDataQualityRulesetCommand, CreateJobCommand, CreateRegistryCommand, CreateSchemaCommand, CreateSecurityConfigurationCommand,
  CreateTriggerCommand, CreateWorkflowCommand, PutDataCatalogEncryptionSettingsCommand, type CodeGenConfigurationNode,
} from "@aws-sdk/client-glue";
import { CreateDataCellsFilterCommand, GetDataLakeSettingsCommand, GrantPermissionsCommand, PutDataLakeSettingsCommand, RegisterResourceCommand } from "@aws-sdk/client-lakeformation";
import { CreateDatasetCommand, CreateProjectCommand, CreateRecipeCommand } from "@aws-sdk/client-databrew";
import { CreateStreamCommand } from "@aws-sdk/client-kinesis";
import { CreateSecretCommand, RotateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { PutDashboardCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { CreateTopicCommand } from "@aws-sdk/client-sns";
import { PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateBudgetCommand } from "@aws-sdk/client-budgets";
import { CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { ACCOUNT, REGION, type Writers } from "../support/clients.js";
import { crawledParquetTable, createBucket, createServiceRole, putObject } from "./common.js";
import { deploymentPackage } from "./terraform.js";

/** One planted mistake of the Enterprise Data Platform. */
export type GlueHardMistake = "versioningOff" | "tablePrefixRaw" | "studioJobG1X";

/** Runs a write moto does not implement; its refusal is expected (the gap table covers the grading). */
async function unsupportedByMoto(write: () => Promise<unknown>): Promise<void> {
  await write().catch(() => undefined);
}

const CUSTOMER_AVRO = { type: "record", name: "Customer", namespace: "com.enterprise", fields: [
  { name: "customer_id", type: "string" }, { name: "name", type: "string" }, { name: "email", type: ["null", "string"], default: null },
  { name: "phone", type: ["null", "string"], default: null }, { name: "created_at", type: "long" },
] };
const TRANSACTION_AVRO = { type: "record", name: "Transaction", namespace: "com.enterprise", fields: [
  { name: "transaction_id", type: "string" }, { name: "customer_id", type: "string" }, { name: "amount", type: "double" },
  { name: "currency", type: "string", default: "USD" }, { name: "timestamp", type: "long" },
  { name: "status", type: { type: "enum", name: "Status", symbols: ["PENDING", "COMPLETED", "FAILED"] } },
] };

/** The Glue Studio graph of the lab's visual job (what the console saves). */
function studioGraph(bronze: string, silver: string, gold: string): Record<string, CodeGenConfigurationNode> {
  return {
    "node-1": { CatalogSource: { Name: "Bronze customers", Database: bronze, Table: "tbl_customers" } },
    "node-2": { CatalogSource: { Name: "Bronze transactions", Database: bronze, Table: "tbl_transactions" } },
    "node-3": { Join: { Name: "Join on customer", Inputs: ["node-1", "node-2"], JoinType: "equijoin", Columns: [{ From: "node-1", Keys: [["customer_id"]] }, { From: "node-2", Keys: [["customer_id"]] }] } },
    "node-4": { Filter: { Name: "Completed only", Inputs: ["node-3"], LogicalOperator: "AND", Filters: [{ Operation: "EQ", Negated: false, Values: [{ Type: "COLUMNEXTRACTED", Value: ["status"] }, { Type: "CONSTANT", Value: ["COMPLETED"] }] }] } },
    "node-5": { SparkSQL: { Name: "Derive columns", Inputs: ["node-4"], SqlAliases: [{ From: "node-4", Alias: "tx" }], SqlQuery: "select *, case when amount > 1000 then 'premium' else 'standard' end as customer_segment, current_date() as processing_date, 1.0 as data_quality_score from tx" } },
    "node-6": { SplitFields: { Name: "Split", Inputs: ["node-5"], Paths: [["customer_id"], ["amount"], ["customer_segment"]] } },
    "node-7": { SelectFromCollection: { Name: "Detail", Inputs: ["node-6"], Index: 0 } },
    "node-8": { Aggregate: { Name: "Totals per customer", Inputs: ["node-5"], Groups: [["customer_id"]], Aggs: [{ Column: ["amount"], AggFunc: "sum" }] } },
    "node-9": { CatalogTarget: { Name: "Silver detail", Inputs: ["node-7"], Database: silver, Table: "customer_transactions" } },
    "node-10": { CatalogTarget: { Name: "Gold totals", Inputs: ["node-8"], Database: gold, Table: "customer_totals" } },
  };
}

/** Builds student `id`'s platform. */
export async function buildGlueHard(w: Writers, id: string, opts: { mistake?: GlueHardMistake } = {}): Promise<void> {
  const bucket = `enterprise-datalake-${id}`;
  const db = { landing: `landing_${id}`, bronze: `bronze_${id}`, silver: `silver_${id}`, gold: `gold_${id}` };

  // Task 1: the bucket
  const key = (await w.kms.send(new CreateKeyCommand({ Description: `Data lake key of ${id}` }))).KeyMetadata!;
  await w.kms.send(new CreateAliasCommand({ AliasName: `alias/datalake-${id}`, TargetKeyId: key.KeyId! }));
  await createBucket(w, bucket, { Environment: "Production", Compliance: "GDPR", DataClassification: "Confidential", StudentID: id });
  await createBucket(w, `${bucket}-access-logs`);
  const logDelivery = { Version: "2012-10-17", Statement: [{ Sid: "S3ServerAccessLogsPolicy", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${bucket}-access-logs/*`, Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::${bucket}` } } }] };
  await w.s3.send(new PutBucketPolicyCommand({ Bucket: `${bucket}-access-logs`, Policy: JSON.stringify(logDelivery) }));
  if (opts.mistake !== "versioningOff") await w.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
  await w.s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: key.Arn! }, BucketKeyEnabled: true }] } }));
  await w.s3.send(new PutBucketLoggingCommand({ Bucket: bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: `${bucket}-access-logs`, TargetPrefix: "access-logs/" } } }));
  await w.s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [{ AllowedMethods: ["GET", "PUT"], AllowedOrigins: ["https://analytics.example.com"], AllowedHeaders: ["*"], MaxAgeSeconds: 3000 }] } }));
  // (The lab's usual "deny aws:SecureTransport false" statement would lock everyone out of moto, which is plain HTTP.)
  const policy = { Version: "2012-10-17", Statement: [{ Sid: "AccountDataLakeAccess", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }] };
  await w.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
  await w.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [
    { ID: "bronze-to-glacier", Status: "Enabled", Filter: { Prefix: "bronze/" }, Transitions: [{ Days: 90, StorageClass: "GLACIER" }] },
    { ID: "silver-to-deep-archive", Status: "Enabled", Filter: { Prefix: "silver/" }, Transitions: [{ Days: 180, StorageClass: "DEEP_ARCHIVE" }] },
    { ID: "expire-logs", Status: "Enabled", Filter: { Prefix: "logs/" }, Expiration: { Days: 365 } },
  ] } }));
  for (const folder of ["landing/", "bronze/", "silver/", "gold/", "schemas/", "scripts/", "logs/", "athena-results/"]) await putObject(w, bucket, folder);

  // Task 2: databases and catalog encryption
  for (const [layer, name] of Object.entries(db)) {
    await w.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name, Description: `${layer} layer`, LocationUri: `s3://${bucket}/${layer}/` }, Tags: { Architecture: "Medallion", Environment: "Production", StudentID: id } }));
  }
  // What the crawler and the Studio job leave in the catalog (moto's crawlers and jobs do not run).
  const customerColumns = [{ Name: "customer_id", Type: "string" }, { Name: "name", Type: "string" }, { Name: "email", Type: "string" }, { Name: "phone", Type: "string" }, { Name: "created_at", Type: "bigint" }];
  await w.glue.send(new CreateTableCommand({ DatabaseName: db.bronze, TableInput: crawledParquetTable("tbl_customers", `s3://${bucket}/bronze/customers/`, customerColumns) }));
  await w.glue.send(new CreateTableCommand({ DatabaseName: db.bronze, TableInput: crawledParquetTable("tbl_transactions", `s3://${bucket}/bronze/transactions/`) }));
  await w.glue.send(new CreateTableCommand({ DatabaseName: db.silver, TableInput: crawledParquetTable("customer_transactions", `s3://${bucket}/silver/customer_transactions/`) }));
  await w.glue.send(new CreateTableCommand({ DatabaseName: db.gold, TableInput: crawledParquetTable("customer_totals", `s3://${bucket}/gold/customer_totals/`) }));
  await w.glue.send(new PutDataCatalogEncryptionSettingsCommand({ DataCatalogEncryptionSettings: { EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS", SseAwsKmsKeyId: key.Arn! }, ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: key.Arn! } } }));

  // Task 12's roles come first: Lake Formation needs its admin
  const glueRole = await createServiceRole(w, `GlueServiceRole-${id}`, "glue.amazonaws.com", ["glue:*", "s3:*", "kms:*", "logs:*"]);
  await createServiceRole(w, `DataBrewServiceRole-${id}`, "databrew.amazonaws.com", ["s3:*", "glue:GetTable"]);
  const trustAccount = (account: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" }] });
  const lfAdmin = (await w.iam.send(new CreateRoleCommand({ RoleName: `LakeFormationAdmin-${id}`, AssumeRolePolicyDocument: trustAccount(ACCOUNT) }))).Role!.Arn!;
  await w.iam.send(new CreateRoleCommand({ RoleName: `CrossAccountAnalyst-${id}`, AssumeRolePolicyDocument: trustAccount("210987654321") }));
  const analyst = `arn:aws:iam::${ACCOUNT}:role/CrossAccountAnalyst-${id}`;

  // Task 3: Lake Formation
  await w.lakeformation.send(new RegisterResourceCommand({ ResourceArn: `arn:aws:s3:::${bucket}`, UseServiceLinkedRole: true }));
  // The console's "Add administrators" keeps the account's other administrators (PutDataLakeSettings replaces the list).
  const current = (await w.lakeformation.send(new GetDataLakeSettingsCommand({}))).DataLakeSettings ?? {};
  await w.lakeformation.send(new PutDataLakeSettingsCommand({ DataLakeSettings: { ...current, DataLakeAdmins: [...(current.DataLakeAdmins ?? []), { DataLakePrincipalIdentifier: lfAdmin }], CreateDatabaseDefaultPermissions: [], CreateTableDefaultPermissions: [] } }));
  await w.lakeformation.send(new GrantPermissionsCommand({ Principal: { DataLakePrincipalIdentifier: analyst }, Resource: { Table: { DatabaseName: db.bronze, TableWildcard: {} } }, Permissions: ["SELECT"] }));
  for (const layer of [db.silver, db.gold]) await w.lakeformation.send(new GrantPermissionsCommand({ Principal: { DataLakePrincipalIdentifier: glueRole }, Resource: { Database: { Name: layer } }, Permissions: ["ALL"] }));
  await unsupportedByMoto(() => w.lakeformation.send(new CreateDataCellsFilterCommand({ TableData: { TableCatalogId: ACCOUNT, DatabaseName: db.silver, TableName: "customer_transactions", Name: `hide-pii-${id}`, RowFilter: { AllRowsWildcard: {} }, ColumnWildcard: { ExcludedColumnNames: ["email", "phone"] } } })));

  // Task 4: the Grok classifier
  await unsupportedByMoto(() => w.glue.send(new CreateClassifierCommand({ GrokClassifier: { Name: `custom-log-classifier-${id}`, Classification: "custom_logs", GrokPattern: "%{TIMESTAMP_ISO8601:timestamp} \\[%{LOGLEVEL:log_level}\\] %{GREEDYDATA:message}" } })));

  // Task 5: the schema registry
  const registry = `enterprise-registry-${id}`;
  await w.glue.send(new CreateRegistryCommand({ RegistryName: registry, Description: "Enterprise schemas" }));
  for (const [name, schema] of [["Customer", CUSTOMER_AVRO], ["Transaction", TRANSACTION_AVRO]] as const) {
    await w.glue.send(new CreateSchemaCommand({ RegistryId: { RegistryName: registry }, SchemaName: name, DataFormat: "AVRO", Compatibility: "BACKWARD", SchemaDefinition: JSON.stringify(schema) }));
  }

  // Task 12 (security configuration) before the crawler and jobs that use it
  const securityConfig = `enterprise-security-config-${id}`;
  await w.glue.send(new CreateSecurityConfigurationCommand({ Name: securityConfig, EncryptionConfiguration: {
    S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: key.Arn! }],
    CloudWatchEncryption: { CloudWatchEncryptionMode: "SSE-KMS", KmsKeyArn: key.Arn! },
    JobBookmarksEncryption: { JobBookmarksEncryptionMode: "CSE-KMS", KmsKeyArn: key.Arn! },
  } }));

  // Task 6: the crawler
  const crawler = `enterprise-crawler-${id}`;
  await w.glue.send(new CreateCrawlerCommand({
    Name: crawler, Role: glueRole, DatabaseName: db.landing, Classifiers: [`custom-log-classifier-${id}`],
    Targets: { S3Targets: [{ Path: `s3://${bucket}/landing/` }, { Path: `s3://${bucket}/bronze/` }] },
    Schedule: "cron(0 * * * ? *)", TablePrefix: opts.mistake === "tablePrefixRaw" ? "raw_" : "tbl_",
    SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DEPRECATE_IN_DATABASE" },
    RecrawlPolicy: { RecrawlBehavior: "CRAWL_EVERYTHING" }, CrawlerSecurityConfiguration: securityConfig,
    Tags: { Enterprise: "Yes", Governance: "Enabled", StudentID: id },
  }));

  // Task 7: DataBrew
  const dataset = `customer-data-${id}`;
  const recipe = `clean-customer-data-${id}`;
  await w.databrew.send(new CreateDatasetCommand({ Name: dataset, Format: "CSV", Input: { S3InputDefinition: { Bucket: bucket, Key: "landing/customers/customers.csv" } } }));
  await w.databrew.send(new CreateRecipeCommand({ Name: recipe, Steps: [
    { Action: { Operation: "REMOVE_DUPLICATES", Parameters: { sourceColumn: "customer_id" } } },
    { Action: { Operation: "FILL_WITH_CUSTOM", Parameters: { sourceColumn: "email", value: "unknown@example.com" } } },
    { Action: { Operation: "ADVANCED_DATATYPE_FLAG", Parameters: { sourceColumn: "email", advancedDataType: "EMAIL", targetColumn: "email_valid" } } },
    { Action: { Operation: "CHANGE_DATA_TYPE", Parameters: { sourceColumn: "created_at", columnDataType: "timestamp" } } },
    { Action: { Operation: "REMOVE_MISSING", Parameters: { sourceColumn: "customer_id" } } },
    { Action: { Operation: "FLAG_OUTLIERS", Parameters: { sourceColumn: "amount", outlierStrategy: "Z_SCORE", threshold: "3", targetColumn: "amount_outlier" } } },
  ] }));
  await unsupportedByMoto(() => w.databrew.send(new CreateProjectCommand({ Name: `data-quality-project-${id}`, DatasetName: dataset, RecipeName: recipe, RoleArn: `arn:aws:iam::${ACCOUNT}:role/DataBrewServiceRole-${id}` })));

  // Task 8: the visual job
  const studioJob = `studio-etl-pipeline-${id}`;
  await w.glue.send(new CreateJobCommand({
    Name: studioJob, Role: glueRole, JobMode: "VISUAL",
    Command: { Name: "glueetl", ScriptLocation: `s3://${bucket}/scripts/${studioJob}.py`, PythonVersion: "3" },
    GlueVersion: "4.0", WorkerType: opts.mistake === "studioJobG1X" ? "G.1X" : "G.2X", NumberOfWorkers: 10, ExecutionClass: "FLEX",
    ExecutionProperty: { MaxConcurrentRuns: 5 }, SecurityConfiguration: securityConfig,
    DefaultArguments: { "--job-bookmark-option": "job-bookmark-enable", "--enable-spark-ui": "true", "--spark-event-logs-path": `s3://${bucket}/logs/spark/`, "--enable-continuous-cloudwatch-log": "true", "--enable-metrics": "true", "--enable-auto-scaling": "true", "--job-language": "python", "--TempDir": `s3://${bucket}/scripts/temp/` },
    CodeGenConfigurationNodes: studioGraph(db.bronze, db.silver, db.gold),
  }));

  // Task 9: streaming
  const stream = `transactions-stream-${id}`;
  await w.kinesis.send(new CreateStreamCommand({ StreamName: stream, StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
  const streamingJob = `streaming-etl-${id}`;
  await w.glue.send(new CreateJobCommand({
    Name: streamingJob, Role: glueRole, Command: { Name: "gluestreaming", ScriptLocation: `s3://${bucket}/scripts/${streamingJob}.py`, PythonVersion: "3" },
    GlueVersion: "4.0", WorkerType: "G.1X", NumberOfWorkers: 2,
    DefaultArguments: { "--stream_name": stream, "--job-language": "python", "--enable-auto-scaling": "true" },
  }));

  // Task 10: the workflow
  const workflow = `enterprise-pipeline-${id}`;
  await w.glue.send(new CreateWorkflowCommand({ Name: workflow, Description: "Enterprise pipeline" }));
  await w.glue.send(new CreateTriggerCommand({ Name: `nightly-start-${id}`, WorkflowName: workflow, Type: "SCHEDULED", Schedule: "cron(0 1 * * ? *)", StartOnCreation: true, Actions: [{ CrawlerName: crawler }] }));
  await w.glue.send(new CreateTriggerCommand({ Name: `on-new-data-${id}`, WorkflowName: workflow, Type: "EVENT", EventBatchingCondition: { BatchSize: 10, BatchWindow: 900 }, Actions: [{ CrawlerName: crawler }] }));
  // Logical is optional on AWS; moto answers HTTP 500 without it, so these send the console's "ANY".
  await w.glue.send(new CreateTriggerCommand({ Name: `after-crawl-${id}`, WorkflowName: workflow, Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Logical: "ANY", Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: crawler, CrawlState: "SUCCEEDED" }] }, Actions: [{ JobName: studioJob }] }));
  await w.glue.send(new CreateTriggerCommand({ Name: `after-etl-${id}`, WorkflowName: workflow, Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Logical: "ANY", Conditions: [{ LogicalOperator: "EQUALS", JobName: studioJob, State: "SUCCEEDED" }] }, Actions: [{ JobName: streamingJob }] }));

  // Task 11: data quality rulesets
  const rulesets: [string, string][] = [
    ["schema-validation", 'Rules = [ ColumnExists "customer_id", ColumnExists "transaction_id", ColumnExists "amount", ColumnDataType "customer_id" = "STRING", ColumnDataType "amount" = "DOUBLE", ColumnLength "customer_id" between 5 and 20 ]'],
    ["business-rules", 'Rules = [ ColumnValues "amount" > 0, ColumnValues "currency" in ["USD", "EUR", "GBP"], RowCount > 100, CustomSql "select count(*) from primary where amount > 10000" < 10, Uniqueness "transaction_id" > 0.99, Completeness "customer_id" > 0.95 ]'],
    ["anomaly-detection", 'Rules = [ Mean "amount" between 10 and 1000, StandardDeviation "amount" < 500 ]'],
  ];
  for (const [name, ruleset] of rulesets) {
    await unsupportedByMoto(() => w.glue.send(new CreateDataQualityRulesetCommand({ Name: `${name}-${id}`, Ruleset: ruleset, TargetTable: { DatabaseName: db.silver, TableName: "customer_transactions" } })));
  }

  // Task 12: secret with rotation
  const rotation = await w.lambda.send(new CreateFunctionCommand({ FunctionName: `rotate-db-secret-${id}`, Runtime: "python3.11", Handler: "index.handler", Role: glueRole, Code: { ZipFile: deploymentPackage() } }));
  const secret = await w.secrets.send(new CreateSecretCommand({ Name: `glue/connections/warehouse-${id}`, SecretString: JSON.stringify({ username: "etl", password: "example-only" }), Tags: [{ Key: "StudentID", Value: id }] }));
  await w.secrets.send(new RotateSecretCommand({ SecretId: secret.ARN!, RotationLambdaARN: rotation.FunctionArn!, RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }));

  // Task 13: monitoring
  const widget = (title: string, metric: string) => ({ type: "metric", width: 12, height: 6, properties: { title, region: REGION, metrics: [["Glue", metric, "JobName", studioJob, "JobRunId", "ALL", "Type", "count"]] } });
  await w.cloudwatch.send(new PutDashboardCommand({ DashboardName: `glue-pipeline-metrics-${id}`, DashboardBody: JSON.stringify({ widgets: [
    widget("Completed tasks", "glue.driver.aggregate.numCompletedTasks"), widget("Failed tasks", "glue.driver.aggregate.numFailedTasks"), widget("Elapsed time", "glue.driver.aggregate.elapsedTime"),
    widget("Executors", "glue.driver.ExecutorAllocationManager.executors.numberAllExecutors"), widget("Records read", "glue.driver.aggregate.recordsRead"), widget("Bytes written", "glue.driver.aggregate.bytesWritten"),
  ] }) }));
  const topics: Record<string, string> = {};
  for (const t of ["glue-critical-alerts", "glue-warnings", "glue-info"]) topics[t] = (await w.sns.send(new CreateTopicCommand({ Name: `${t}-${id}` }))).TopicArn!;
  const alarm = (name: string, namespace: string, metric: string, threshold: number, dims: Record<string, string>) =>
    w.cloudwatch.send(new PutMetricAlarmCommand({ AlarmName: `${name}-${id}`, Namespace: namespace, MetricName: metric, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })), Statistic: "Maximum", Period: 300, EvaluationPeriods: 1, Threshold: threshold, ComparisonOperator: "GreaterThanThreshold", AlarmActions: [topics["glue-critical-alerts"]!] }));
  const job = { JobName: studioJob, JobRunId: "ALL", Type: "count" };
  await alarm("glue-job-failure", "Glue", "glue.driver.aggregate.numFailedTasks", 0, job);
  await alarm("glue-job-duration", "Glue", "glue.driver.aggregate.elapsedTime", 3_600_000, job);
  await alarm("glue-dpu-usage", "Glue", "glue.driver.ExecutorAllocationManager.executors.numberAllExecutors", 18, { ...job, Type: "gauge" });
  await alarm("glue-data-quality-score", "Glue Data Quality", "glue.data.quality.score", 0.9, { JobName: studioJob });
  await alarm("glue-cost", "AWS/Billing", "EstimatedCharges", 100, { Currency: "USD" });
  const rule = `glue-job-events-${id}`;
  await w.events.send(new PutRuleCommand({ Name: rule, State: "ENABLED", EventPattern: JSON.stringify({ source: ["aws.glue"], "detail-type": ["Glue Job State Change"], detail: { state: ["FAILED", "TIMEOUT"] } }) }));
  await w.events.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: "critical", Arn: topics["glue-critical-alerts"]! }] }));

  // Task 15: the budget
  await w.budgets.send(new CreateBudgetCommand({ AccountId: ACCOUNT, Budget: { BudgetName: `glue-budget-${id}`, BudgetType: "COST", TimeUnit: "MONTHLY", BudgetLimit: { Amount: "100", Unit: "USD" } } }));
}
