// The CDK JSON-to-Parquet pipeline (seeds/004) as `cdk deploy` leaves it for NAME_SUFFIX=<id>, TARGET_ENVIRONMENT=DEV:
// the Glue job and its role, the state machine (startJobRun.sync with retry, catch → SNS → Fail) and its role, the
// hourly rule; plus what the student prepared (the source table, the topic) and one run of each.
import { AttachRolePolicyCommand, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateDatabaseCommand, CreateJobCommand, CreateTableCommand, StartJobRunCommand } from "@aws-sdk/client-glue";
import { CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateTopicCommand } from "@aws-sdk/client-sns";
import { ACCOUNT, REGION, type Writers } from "../support/clients.js";
import { createBucket, parquetBytes, putObject } from "./common.js";

/** One planted mistake of the CDK deployment. */
export type CdkMistake = "scheduleAt40" | "noStateMachineTimeout" | "fiveWorkers";

const trust = (service: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });

/** `cdk deploy` of GlueCdkExampleStack-<id> in DEV, with the student's own source table, bucket and topic. */
export async function buildCdk(w: Writers, id: string, opts: { mistake?: CdkMistake } = {}): Promise<void> {
  const suffix = `${ACCOUNT}-${REGION}-DEV-${id}`;
  const bucket = `json-to-parquet-${id.toLowerCase()}`;
  const db = `sales_${id.toLowerCase()}`;
  await createBucket(w, bucket);
  await putObject(w, bucket, "scripts/json-to-pq.py", "import sys\nfrom awsglue.context import GlueContext\n");
  await putObject(w, bucket, "input/orders.json", '{"order_id": 1, "amount": 12.5}\n');
  await putObject(w, bucket, "output/part-00000-3f1c.snappy.parquet", parquetBytes());
  await w.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: db } }));
  await w.glue.send(new CreateTableCommand({
    DatabaseName: db,
    TableInput: {
      Name: "orders_json",
      TableType: "EXTERNAL_TABLE",
      Parameters: { classification: "json" },
      StorageDescriptor: { Columns: [{ Name: "order_id", Type: "int" }, { Name: "amount", Type: "double" }], Location: `s3://${bucket}/input/`, SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" } },
    },
  }));
  const topic = (await w.sns.send(new CreateTopicCommand({ Name: `glue-job-status-${id}` }))).TopicArn!;

  const glueRole = (await w.iam.send(new CreateRoleCommand({ RoleName: `GlueJobRole-${suffix}`, AssumeRolePolicyDocument: trust("glue.amazonaws.com") }))).Role!.Arn!;
  for (const policy of ["AmazonS3FullAccess", "service-role/AWSGlueServiceRole"]) await w.iam.send(new AttachRolePolicyCommand({ RoleName: `GlueJobRole-${suffix}`, PolicyArn: `arn:aws:iam::aws:policy/${policy}` }));
  const job = `json-to-pq-${suffix}`;
  await w.glue.send(new CreateJobCommand({
    Name: job,
    Role: glueRole,
    Command: { Name: "glueetl", ScriptLocation: `s3://cdk-hnb659fds-assets-${ACCOUNT}-${REGION}/0a1b2c3d.py`, PythonVersion: "3" },
    GlueVersion: "5.0",
    WorkerType: "G.1X",
    NumberOfWorkers: opts.mistake === "fiveWorkers" ? 5 : 2,
    ExecutionProperty: { MaxConcurrentRuns: 1 },
    DefaultArguments: { "--job-language": "python", "--enable-metrics": "true", "--enable-spark-ui": "true", "--spark-event-logs-path": `s3://${bucket}/spark-ui/`, "--enable-observability-metrics": "true", "--dbname": db, "--table": "orders_json", "--outputpath": `s3://${bucket}/output/` },
  }));
  await w.glue.send(new StartJobRunCommand({ JobName: job }));

  const sfnRoleName = `GlueCdkExampleStack-${id}-StateMachineRole-1A2B3C`;
  const sfnRole = (await w.iam.send(new CreateRoleCommand({ RoleName: sfnRoleName, AssumeRolePolicyDocument: trust("states.amazonaws.com") }))).Role!.Arn!;
  const jobArn = `arn:aws:glue:${REGION}:${ACCOUNT}:job/${job}`;
  const policy = { Version: "2012-10-17", Statement: [
    { Effect: "Allow", Action: ["glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"], Resource: jobArn },
    { Effect: "Allow", Action: "sns:Publish", Resource: topic },
  ] };
  await w.iam.send(new PutRolePolicyCommand({ RoleName: sfnRoleName, PolicyName: "StateMachineRoleDefaultPolicy", PolicyDocument: JSON.stringify(policy) }));
  const definition = {
    StartAt: "Glue Job",
    States: {
      "Glue Job": {
        Next: "Success",
        Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 1 }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Notify Failure" }],
        Type: "Task",
        Resource: `arn:aws:states:::glue:startJobRun.sync`,
        Parameters: { JobName: job },
      },
      "Notify Failure": { Next: "Fail", Type: "Task", Resource: "arn:aws:states:::sns:publish", Parameters: { TopicArn: topic, "Message.$": "$", Subject: "Glue Job Status" } },
      Fail: { Type: "Fail" },
      Success: { Type: "Succeed" },
    },
    ...(opts.mistake === "noStateMachineTimeout" ? {} : { TimeoutSeconds: 7200 }),
  };
  const sm = await w.sfn.send(new CreateStateMachineCommand({ name: `STF-Glue-json-to-pq-${suffix}`, definition: JSON.stringify(definition), roleArn: sfnRole, type: "STANDARD" }));
  await w.sfn.send(new StartExecutionCommand({ stateMachineArn: sm.stateMachineArn! }));

  const rule = `STF-Hourly-Rule-${suffix}`;
  const eventsRoleName = `GlueCdkExampleStack-${id}-RuleEventsRole-4D5E6F`;
  const eventsRole = (await w.iam.send(new CreateRoleCommand({ RoleName: eventsRoleName, AssumeRolePolicyDocument: trust("events.amazonaws.com") }))).Role!.Arn!;
  await w.events.send(new PutRuleCommand({ Name: rule, ScheduleExpression: opts.mistake === "scheduleAt40" ? "cron(40 * * * ? *)" : "cron(20 * * * ? *)", State: "ENABLED" }));
  await w.events.send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: "Target0", Arn: sm.stateMachineArn!, RoleArn: eventsRole }] }));
}
