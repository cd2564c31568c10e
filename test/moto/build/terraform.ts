// The Terraform Glue ETL pipeline (seeds/001) as `terraform apply` creates it with project_name =
// glue-etl-pipeline-<id>, environment dev: the calls the AWS provider sends, resource by resource.
import { spawnSync } from "node:child_process";
import { CreateAliasCommand, CreateKeyCommand, EnableKeyRotationCommand } from "@aws-sdk/client-kms";
import { PutBucketEncryptionCommand, PutBucketLifecycleConfigurationCommand, PutBucketNotificationConfigurationCommand, PutBucketVersioningCommand, PutPublicAccessBlockCommand, type LifecycleRule } from "@aws-sdk/client-s3";
import { CreateConnectionCommand, CreateCrawlerCommand, CreateDatabaseCommand, CreateJobCommand, CreateSecurityConfigurationCommand, CreateTriggerCommand, CreateWorkflowCommand, StartCrawlerCommand, StartJobRunCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { CreateSubnetCommand, CreateVpcCommand, CreateVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { CreateTableCommand, UpdateContinuousBackupsCommand, type AttributeDefinition, type KeySchemaElement } from "@aws-sdk/client-dynamodb";
import { CreateTopicCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { PutDashboardCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { AddPermissionCommand, CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { ACCOUNT, REGION, type Writers } from "../support/clients.js";
import { createBucket, createServiceRole, parquetBytes, putObject } from "./common.js";

/** One planted mistake of the Terraform deployment. */
export type TerraformMistake = "tempExpiresAfter30Days" | "qualityJobBookmarksOn" | "memoryAlarmWithoutAction";

let lambdaZip: Uint8Array | undefined;
/** A deployment package with index.py (what `archive_file` zips). */
export function deploymentPackage(): Uint8Array {
  lambdaZip ??= Buffer.from(
    spawnSync(process.env.PYTHON ?? "python3", ["-c", "import io,zipfile,sys,base64\nb=io.BytesIO()\nz=zipfile.ZipFile(b,'w')\nz.writestr('index.py','def handler(event, context):\\n    return event\\n')\nz.close()\nsys.stdout.write(base64.b64encode(b.getvalue()).decode())"], { encoding: "utf8" }).stdout,
    "base64",
  );
  return lambdaZip;
}

/** `terraform apply` of the pipeline for student `id` (environment dev). */
export async function buildTerraform(w: Writers, id: string, opts: { mistake?: TerraformMistake } = {}): Promise<void> {
  const project = `glue-etl-pipeline-${id}`;
  const p = `${project}-dev`;
  const jobs = { ingestion: `${p}-data-ingestion`, processing: `${p}-data-processing`, quality: `${p}-data-quality` };

  // ── kms ──
  const s3Key = (await w.kms.send(new CreateKeyCommand({ Description: `${p} S3 encryption key` }))).KeyMetadata!;
  await w.kms.send(new EnableKeyRotationCommand({ KeyId: s3Key.KeyId! }));
  await w.kms.send(new CreateAliasCommand({ AliasName: `alias/${p}-s3-kms-key`, TargetKeyId: s3Key.KeyId! }));
  const glueKey = (await w.kms.send(new CreateKeyCommand({ Description: `${p} Glue encryption key` }))).KeyMetadata!;
  await w.kms.send(new EnableKeyRotationCommand({ KeyId: glueKey.KeyId! }));
  await w.kms.send(new CreateAliasCommand({ AliasName: `alias/${p}-glue`, TargetKeyId: glueKey.KeyId! }));

  // ── storage ──
  const buckets = { raw: `${p}-raw-data`, processed: `${p}-processed-data`, curated: `${p}-curated-data`, scripts: `${p}-scripts`, temp: `${p}-temp` };
  for (const [kind, bucket] of Object.entries(buckets)) {
    await createBucket(w, bucket, { Project: project, Environment: "dev", ManagedBy: "terraform" });
    await w.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
    await w.s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: s3Key.Arn! }, BucketKeyEnabled: true }] } }));
    await w.s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } }));
    const rules: LifecycleRule[] =
      kind === "temp"
        ? [{ ID: "cleanup-temp-files", Status: "Enabled", Filter: {}, Expiration: { Days: opts.mistake === "tempExpiresAfter30Days" ? 30 : 7 } }]
        : kind === "scripts"
          ? []
          : [{ ID: "intelligent-tiering", Status: "Enabled", Filter: {}, Transitions: [{ Days: 30, StorageClass: "INTELLIGENT_TIERING" }] }];
    if (rules.length) await w.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }));
  }
  for (const job of ["data_ingestion", "data_processing", "data_quality"]) await putObject(w, buckets.scripts, `jobs/${job}.py`, "from awsglue.context import GlueContext\n");
  await putObject(w, buckets.processed, "processed/year=2026/month=12/day=01/part-00000.snappy.parquet", parquetBytes());
  await putObject(w, buckets.curated, "curated/year=2026/month=12/day=01/part-00000.snappy.parquet", parquetBytes());

  // ── security ──
  const role = await createServiceRole(w, `${p}-glue-service-role`, "glue.amazonaws.com", ["glue:*", "s3:*", "kms:Decrypt", "kms:GenerateDataKey", "logs:*", "dynamodb:*"]);
  const securityConfig = `${p}-security-config`;
  await w.glue.send(new CreateSecurityConfigurationCommand({
    Name: securityConfig,
    EncryptionConfiguration: {
      S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: glueKey.Arn! }],
      CloudWatchEncryption: { CloudWatchEncryptionMode: "SSE-KMS", KmsKeyArn: glueKey.Arn! },
      JobBookmarksEncryption: { JobBookmarksEncryptionMode: "CSE-KMS", KmsKeyArn: glueKey.Arn! },
    },
  }));
  const vpc = (await w.ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16", TagSpecifications: [{ ResourceType: "vpc", Tags: [{ Key: "Name", Value: `${p}-vpc` }] }] }))).Vpc!;
  const subnet = (await w.ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: "10.0.1.0/24", AvailabilityZone: `${REGION}a` }))).Subnet!;
  for (const service of ["s3", "dynamodb", "glue", "kms", "logs"]) {
    const gateway = service === "s3" || service === "dynamodb";
    await w.ec2.send(new CreateVpcEndpointCommand({
      VpcId: vpc.VpcId!,
      ServiceName: `com.amazonaws.${REGION}.${service}`,
      VpcEndpointType: gateway ? "Gateway" : "Interface",
      ...(gateway ? {} : { SubnetIds: [subnet.SubnetId!], PrivateDnsEnabled: true }),
      TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "Name", Value: `${p}-${service}-endpoint` }] }],
    }));
  }
  await w.secrets.send(new CreateSecretCommand({ Name: `${project}/dev/glue-connections`, SecretString: JSON.stringify({ username: "etl", password: "not-a-real-password" }), KmsKeyId: glueKey.Arn! }));
  await w.glue.send(new CreateConnectionCommand({ ConnectionInput: { Name: `${p}-vpc-connection`, ConnectionType: "NETWORK", ConnectionProperties: {}, PhysicalConnectionRequirements: { SubnetId: subnet.SubnetId!, AvailabilityZone: `${REGION}a`, SecurityGroupIdList: [] } } }));

  // ── catalog ──
  const database = `${project}_dev_catalog`;
  await w.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: database, Description: "Data catalog for the ETL pipeline" } }));
  for (const [kind, bucket] of [["raw", buckets.raw], ["processed", buckets.processed]] as const) {
    const name = `${p}-${kind}-data-crawler`;
    await w.glue.send(new CreateCrawlerCommand({
      Name: name,
      Role: role,
      DatabaseName: database,
      Targets: { S3Targets: [{ Path: `s3://${bucket}/` }] },
      SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "LOG" },
      RecrawlPolicy: { RecrawlBehavior: "CRAWL_EVERYTHING" },
      LineageConfiguration: { CrawlerLineageSettings: "ENABLE" },
      CrawlerSecurityConfiguration: securityConfig,
      Configuration: JSON.stringify({ Version: 1, CrawlerOutput: { Partitions: { AddOrUpdateBehavior: "InheritFromTable" } } }),
    }));
    await w.glue.send(new StartCrawlerCommand({ Name: name }));
  }

  // ── jobs ──
  for (const [kind, name] of Object.entries(jobs)) {
    const bookmarks = kind === "quality" ? (opts.mistake === "qualityJobBookmarksOn" ? "job-bookmark-enable" : "job-bookmark-disable") : "job-bookmark-enable";
    await w.glue.send(new CreateJobCommand({
      Name: name,
      Role: role,
      Command: { Name: "glueetl", ScriptLocation: `s3://${buckets.scripts}/jobs/data_${kind}.py`, PythonVersion: "3" },
      GlueVersion: "4.0",
      WorkerType: "G.1X",
      NumberOfWorkers: 2,
      Timeout: 60,
      MaxRetries: 1,
      SecurityConfiguration: securityConfig,
      Connections: { Connections: [`${p}-vpc-connection`] },
      ExecutionProperty: { MaxConcurrentRuns: kind === "quality" ? 1 : 2 },
      DefaultArguments: {
        "--job-language": "python",
        "--job-bookmark-option": bookmarks,
        "--enable-metrics": "true",
        "--enable-continuous-cloudwatch-log": "true",
        "--enable-spark-ui": "true",
        "--spark-event-logs-path": `s3://${buckets.temp}/spark-logs/`,
        "--TempDir": `s3://${buckets.temp}/temp/`,
        "--database_name": database,
      },
    }));
    await w.glue.send(new StartJobRunCommand({ JobName: name }));
  }

  // ── orchestration ──
  const workflow = `${p}-etl-workflow`;
  await w.glue.send(new CreateWorkflowCommand({ Name: workflow, Description: "ETL pipeline workflow", MaxConcurrentRuns: 1 }));
  await w.glue.send(new CreateTriggerCommand({ Name: `${p}-start-workflow`, WorkflowName: workflow, Type: "SCHEDULED", Schedule: "cron(0 2 * * ? *)", StartOnCreation: true, Actions: [{ CrawlerName: `${p}-raw-data-crawler` }] }));
  const conditional = (name: string, watch: { CrawlerName?: string; JobName?: string; State?: "SUCCEEDED"; CrawlState?: "SUCCEEDED" }, job: string) =>
    w.glue.send(new CreateTriggerCommand({ Name: name, WorkflowName: workflow, Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Logical: "AND", Conditions: [{ LogicalOperator: "EQUALS", ...watch }] }, Actions: [{ JobName: job }] }));
  await conditional(`${p}-start-ingestion`, { CrawlerName: `${p}-raw-data-crawler`, CrawlState: "SUCCEEDED" }, jobs.ingestion);
  await conditional(`${p}-start-processing`, { JobName: jobs.ingestion, State: "SUCCEEDED" }, jobs.processing);
  await conditional(`${p}-start-quality`, { JobName: jobs.processing, State: "SUCCEEDED" }, jobs.quality);
  await w.glue.send(new StartWorkflowRunCommand({ Name: workflow }));

  // ── state ──
  const table = async (name: string, keys: [string, "HASH" | "RANGE"][], protect: boolean) => {
    const KeySchema: KeySchemaElement[] = keys.map(([AttributeName, KeyType]) => ({ AttributeName, KeyType }));
    const AttributeDefinitions: AttributeDefinition[] = keys.map(([AttributeName]) => ({ AttributeName, AttributeType: "S" }));
    await w.dynamodb.send(new CreateTableCommand({ TableName: name, BillingMode: "PAY_PER_REQUEST", KeySchema, AttributeDefinitions, ...(protect ? { SSESpecification: { Enabled: true, SSEType: "KMS", KMSMasterKeyId: glueKey.Arn! } } : {}) }));
    if (protect) await w.dynamodb.send(new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
  };
  await table(`${p}-job-bookmarks`, [["job_name", "HASH"], ["run_id", "RANGE"]], true);
  await table(`${p}-job-state`, [["job_name", "HASH"]], true);
  await table(`${p}-metadata`, [["dataset", "HASH"]], false);

  // ── monitoring ──
  const topic = (await w.sns.send(new CreateTopicCommand({ Name: `${p}-alerts` }))).TopicArn!;
  await w.sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: "email", Endpoint: `data-team+${id}@example.com` }));
  for (const [kind, job] of Object.entries(jobs)) {
    const alarm = (suffix: string, metric: string, threshold: number, stat: "Sum" | "Maximum" | "Average") =>
      w.cloudwatch.send(new PutMetricAlarmCommand({
        AlarmName: `${job}-${suffix}`,
        Namespace: "Glue",
        MetricName: metric,
        Dimensions: [{ Name: "JobName", Value: job }, { Name: "JobRunId", Value: "ALL" }, { Name: "Type", Value: suffix === "high-memory" ? "gauge" : "count" }],
        Statistic: stat,
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: threshold,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmDescription: `${suffix} of ${kind}`,
        AlarmActions: opts.mistake === "memoryAlarmWithoutAction" && kind === "quality" && suffix === "high-memory" ? [] : [topic],
      }));
    await alarm("failure", "glue.driver.aggregate.numFailedTasks", 1, "Sum");
    await alarm("long-duration", "glue.driver.aggregate.elapsedTime", 3_600_000, "Maximum");
    await alarm("high-memory", "glue.driver.jvm.heap.usage", 85, "Average");
  }
  const metric = (name: string) => Object.values(jobs).map((job) => ["Glue", name, "JobName", job, "JobRunId", "ALL", "Type", "count"]);
  const widgets = [
    { type: "metric", x: 0, y: 0, width: 12, height: 6, properties: { title: "Job runs", region: REGION, metrics: [...metric("glue.driver.aggregate.numCompletedTasks"), ...metric("glue.driver.aggregate.numFailedTasks")] } },
    { type: "metric", x: 12, y: 0, width: 12, height: 6, properties: { title: "Duration", region: REGION, metrics: metric("glue.driver.aggregate.elapsedTime") } },
    { type: "metric", x: 0, y: 6, width: 12, height: 6, properties: { title: "Memory", region: REGION, metrics: metric("glue.driver.jvm.heap.usage") } },
  ];
  await w.cloudwatch.send(new PutDashboardCommand({ DashboardName: `${p}-glue-dashboard`, DashboardBody: JSON.stringify({ widgets }) }));

  const lambdaRole = await createServiceRole(w, `${p}-lambda-role`, "lambda.amazonaws.com", ["logs:*", "sns:Publish", "glue:StartWorkflowRun"]);
  const fn = async (name: string) =>
    (await w.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: "python3.11", Handler: "index.handler", Role: lambdaRole, Code: { ZipFile: deploymentPackage() }, Timeout: 60, Environment: { Variables: { SNS_TOPIC_ARN: topic } } }))).FunctionArn!;
  const monitoring = await fn(`${p}-monitoring`);
  const dataTrigger = await fn(`${p}-data-trigger`);
  const rule = `${p}-glue-job-state-change`;
  await w.events.send(new PutRuleCommand({ Name: rule, State: "ENABLED", EventPattern: JSON.stringify({ source: ["aws.glue"], "detail-type": ["Glue Job State Change"], detail: { jobName: Object.values(jobs), state: ["FAILED", "TIMEOUT", "STOPPED", "SUCCEEDED"] } }) }));
  await w.events.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: "monitoring-lambda", Arn: monitoring }] }));
  await w.lambda.send(new AddPermissionCommand({ FunctionName: `${p}-data-trigger`, StatementId: "AllowS3Invoke", Action: "lambda:InvokeFunction", Principal: "s3.amazonaws.com", SourceArn: `arn:aws:s3:::${buckets.raw}`, SourceAccount: ACCOUNT }));
  await w.s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: buckets.raw, NotificationConfiguration: { LambdaFunctionConfigurations: [{ Id: "raw-data-arrival", LambdaFunctionArn: dataTrigger, Events: ["s3:ObjectCreated:*"] }] } }));
}
