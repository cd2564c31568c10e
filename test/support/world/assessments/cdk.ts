// Worlds for glue_cdk_sfn_json_to_parquet: one student's CDK deployment (GlueCdkExampleStack-<suffix>) among other
// students' deployments in one account: the Glue job and its role, the state machine (definition as CDK synthesises
// it) and its role, the hourly rule, the topic of environment.conf, the source table, runs, Parquet output and the
// published data-quality result, and the CloudFormation stack that lists them.
import type { DataQualityResult, Database, Job, JobRun, Table } from "@aws-sdk/client-glue";
import type { ExecutionListItem } from "@aws-sdk/client-sfn";
import type { Rule, Target } from "@aws-sdk/client-eventbridge";
import type { Role } from "@aws-sdk/client-iam";
import type { StackResourceSummary } from "@aws-sdk/client-cloudformation";
import { compose, type WorldOptions } from "../index.js";
import type { World } from "../types.js";
import type { WorldBucket } from "../parts/storage.js";
import type { OrchestrationWorld, WorldStateMachine } from "../parts/orchestration.js";
import type { TopicRecord } from "../parts/ops.js";

type Base = Pick<World, "region" | "account">;

const T0 = new Date("2026-11-20T08:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const PARQUET = "PAR1\x15\x04\x15\x80\x01\x15\x80\x01L\x15\x0c\x15\x00\x12\x00\x00PAR1";

/** The names a deployment with NAME_SUFFIX `s` gets. `legacy`: the older template without -{ENV}-{suffix} (found only through the stack). */
export function cdkNames(w: Base, s: string, env = "DEV", legacy = false) {
  const tail = legacy ? `${w.account}-${w.region}` : `${w.account}-${w.region}-${env}-${s}`;
  return {
    stack: `GlueCdkExampleStack-${s}`,
    job: `json-to-pq-${w.account}-${w.region}-${env}-${s}`,
    stateMachine: `STF-Glue-json-to-pq-${tail}`,
    rule: `STF-Hourly-Rule-${w.account}-${w.region}-${env}-${s}`,
    glueRole: `GlueJobRole-${w.account}-${w.region}-${env}-${s}`,
    sfnRole: `GlueCdkExampleStack-${s}-StepFunctionRole1A2B3C4D-${s.toUpperCase()}X9`,
    bucket: `scratch-${s}-${w.account}`,
    database: `travel_${s.toLowerCase()}`,
    table: "complaints",
    topic: `arn:aws:sns:${w.region}:${w.account}:pipeline-notify-${s}`,
  };
}
type Names = ReturnType<typeof cdkNames>;

/** The definition CDK synthesises for the stack (sfn_tasks.GlueStartJobRun RUN_JOB + add_retry + add_catch(SnsPublish → Fail), Succeed). */
export function cdkDefinition(n: Names, m: Mistakes = {}): string {
  return JSON.stringify({
    StartAt: "Run Glue ETL Job",
    States: {
      "Run Glue ETL Job": {
        Next: "Succeeded",
        Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: m.weakRetry ? 30 : 10, MaxAttempts: m.weakRetry ? 2 : 3, BackoffRate: 1 }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Publish to SNS" }],
        Type: "Task",
        Resource: "arn:aws:states:::glue:startJobRun.sync",
        Parameters: { JobName: n.job },
      },
      Succeeded: { Type: "Succeed", Comment: "Success!" },
      "Publish to SNS": {
        ...(m.notifyThenEnd ? { End: true } : { Next: "Fail" }),
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish",
        Parameters: { TopicArn: n.topic, "Message.$": "$", Subject: "Glue Job Status" },
      },
      Fail: { Type: "Fail", Error: "Something went wrong", Cause: "Glue Job Failed" },
    },
    ...(m.noTimeout ? {} : { TimeoutSeconds: 7200 }),
  });
}

/**
 * The planted mistakes of the partial deployment: the older template's state machine name (no -{ENV}-{suffix}: only
 * the stack finds it), Glue 4.0, MaxConcurrentRuns 3, no Spark UI, no AmazonS3FullAccess on the job's role, no
 * glue:BatchStopJobRun for the state machine's role, no TimeoutSeconds, Retry 2 × 30 s, the SNS task ends the
 * execution instead of failing it, the rule at minute 40 (an older commit), a topic that does not exist, only
 * FAILED executions and job runs, nothing written under --outputpath, no data-quality result.
 */
type Mistakes = {
  legacyName?: boolean;
  glue4?: boolean;
  concurrency3?: boolean;
  noSparkUi?: boolean;
  noS3Policy?: boolean;
  noStopPermission?: boolean;
  noTimeout?: boolean;
  weakRetry?: boolean;
  notifyThenEnd?: boolean;
  minute40?: boolean;
  noTopic?: boolean;
  onlyFailures?: boolean;
};

const PARTIAL: Mistakes = {
  legacyName: true, glue4: true, concurrency3: true, noSparkUi: true, noS3Policy: true, noStopPermission: true, noTimeout: true,
  weakRetry: true, notifyThenEnd: true, minute40: true, noTopic: true, onlyFailures: true,
};

/** The criteria the partial deployment fails (task.criterion), each naming a planted mistake. */
export const PARTIAL_FAILS = [
  "iam.glue_role_policies", "iam.sfn_role_glue", "glue_job.glue_version", "glue_job.max_concurrency", "glue_job.metrics_spark_ui",
  "state_machine.sm_timeout", "state_machine.job_retry", "state_machine.notify_then_fail", "schedule.rule_schedule", "sns.topic_exists",
  "runs.execution_succeeded", "runs.job_run_succeeded", "runs.parquet_output", "runs.data_quality_passed",
] as const;

const trust = (service: string) => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] }));

/** One deployment with NAME_SUFFIX `s`. */
export function deployment(w: Base, s: string, m: Mistakes = {}, env = "DEV"): Record<string, unknown> {
  const n = cdkNames(w, s, env, m.legacyName);
  const smArn = `arn:aws:states:${w.region}:${w.account}:stateMachine:${n.stateMachine}`;
  const jobArn = `arn:aws:glue:${w.region}:${w.account}:job/${n.job}`;
  const glueRoleArn = `arn:aws:iam::${w.account}:role/${n.glueRole}`;
  const sfnRoleArn = `arn:aws:iam::${w.account}:role/${n.sfnRole}`;
  const outputPrefix = "obfconsole-data/complaints-pq/";
  const job: Job = {
    Name: n.job,
    Role: glueRoleArn,
    CreatedOn: T0,
    Command: { Name: "glueetl", ScriptLocation: `s3://cdk-hnb659fds-assets-${w.account}-${w.region}/4f1e2d.py`, PythonVersion: "3" },
    DefaultArguments: {
      "--job-language": "python",
      "--enable-metrics": "true",
      ...(m.noSparkUi ? {} : { "--enable-spark-ui": "true" }),
      "--dbname": n.database,
      "--table": n.table,
      "--outputpath": `s3://${n.bucket}/${outputPrefix}`,
    },
    GlueVersion: m.glue4 ? "4.0" : "5.0",
    WorkerType: "G.1X",
    NumberOfWorkers: 2,
    ExecutionProperty: { MaxConcurrentRuns: m.concurrency3 ? 3 : 1 },
    Timeout: 2880,
  };
  const runs: JobRun[] = [
    { Id: `jr_${s}_2`, JobName: n.job, JobRunState: m.onlyFailures ? "FAILED" : "SUCCEEDED", StartedOn: at(80), CompletedOn: at(84), Attempt: 0, ...(m.onlyFailures ? { ErrorMessage: "AnalysisException: Table or view not found: complaints" } : {}) },
    { Id: `jr_${s}_1`, JobName: n.job, JobRunState: "FAILED", StartedOn: at(20), CompletedOn: at(21), Attempt: 0, ErrorMessage: "AccessDenied: s3://output" },
  ];
  const sm: WorldStateMachine = { stateMachineArn: smArn, name: n.stateMachine, status: "ACTIVE", type: "STANDARD", definition: cdkDefinition(n, m), roleArn: sfnRoleArn, creationDate: T0 };
  const executions: ExecutionListItem[] = [
    { executionArn: `arn:aws:states:${w.region}:${w.account}:execution:${n.stateMachine}:e2`, stateMachineArn: smArn, name: "e2", status: m.onlyFailures ? "FAILED" : "SUCCEEDED", startDate: at(80), stopDate: at(85) },
    { executionArn: `arn:aws:states:${w.region}:${w.account}:execution:${n.stateMachine}:e1`, stateMachineArn: smArn, name: "e1", status: "FAILED", startDate: at(20), stopDate: at(22) },
  ];
  const rule: Rule = { Name: n.rule, Arn: `arn:aws:events:${w.region}:${w.account}:rule/${n.rule}`, State: "ENABLED", ScheduleExpression: `cron(${m.minute40 ? 40 : 20} * * * ? *)`, EventBusName: "default" };
  const target: Target = { Id: "Target0", Arn: smArn, RoleArn: `arn:aws:iam::${w.account}:role/GlueCdkExampleStack-${s}-EventsRole77AA-${s}` };
  const roles: Role[] = [
    { RoleName: n.glueRole, RoleId: `AROAGLUE${s.toUpperCase()}`, Arn: glueRoleArn, Path: "/", CreateDate: T0, AssumeRolePolicyDocument: trust("glue.amazonaws.com"), Description: "Glue Job Role" },
    { RoleName: n.sfnRole, RoleId: `AROASFN${s.toUpperCase()}`, Arn: sfnRoleArn, Path: "/", CreateDate: T0, AssumeRolePolicyDocument: trust("states.amazonaws.com"), Description: "Step Function Role" },
  ];
  const sfnPolicy = encodeURIComponent(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Action: ["glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", ...(m.noStopPermission ? [] : ["glue:BatchStopJobRun"])], Resource: jobArn, Effect: "Allow" },
        { Action: "sns:Publish", Resource: n.topic, Effect: "Allow" },
      ],
    }),
  );
  const topics: TopicRecord[] = m.noTopic ? [] : [{ TopicArn: n.topic, Attributes: { TopicArn: n.topic, DisplayName: "", SubscriptionsConfirmed: "1", SubscriptionsPending: "0", Owner: w.account } }];
  const db: Database = { Name: n.database, CreateTime: T0, CatalogId: w.account };
  const source: Table = {
    Name: n.table,
    DatabaseName: n.database,
    CreateTime: T0,
    Parameters: { classification: "json" },
    StorageDescriptor: { Columns: ["index", "obf_flight_no", "obf_departure", "obf_rating"].map((c) => ({ Name: c, Type: "string" })), Location: `s3://${n.bucket}/obfconsole-data/complaints/`, Parameters: { classification: "json" } },
  };
  const outKey = `${outputPrefix}part-00000-7c1d.snappy.parquet`;
  const bucket: WorldBucket = {
    Name: n.bucket,
    Region: w.region,
    CreationDate: T0,
    objects: [
      { Key: "obfconsole-data/complaints/complaints.json", Size: 8192, LastModified: T0 },
      ...(m.onlyFailures ? [] : [{ Key: outKey, Size: 4096, LastModified: at(84) }]),
    ],
  };
  const dq: DataQualityResult[] = m.onlyFailures
    ? []
    : [
        {
          ResultId: `dqresult-${s}-1`,
          Score: 1,
          JobName: n.job,
          JobRunId: `jr_${s}_2`,
          StartedOn: at(83),
          CompletedOn: at(84),
          EvaluationContext: "EvaluateDataQuality_node1734284143136",
          RuleResults: [{ Name: "Rule_1", Description: "ColumnCount > 0", Result: "PASS", EvaluatedMetrics: { "Dataset.*.ColumnCount": 68 } }],
        },
      ];
  const stackRes = (logical: string, type: string, physical: string): StackResourceSummary => ({ LogicalResourceId: logical, PhysicalResourceId: physical, ResourceType: type, ResourceStatus: "CREATE_COMPLETE", LastUpdatedTimestamp: T0 });
  const orchestration: Partial<OrchestrationWorld> = { stateMachines: [sm], sfnExecutions: { [smArn]: executions }, s3ObjectBodies: m.onlyFailures ? {} : { [`${n.bucket}/${outKey}`]: PARQUET } };
  return {
    ...orchestration,
    jobs: [job],
    jobRuns: { [n.job]: runs },
    databases: [db],
    glueTables: [source],
    dqResults: dq,
    eventRules: [rule],
    eventTargets: { [n.rule]: [target] },
    iamRoles: roles,
    iamAttachedPolicies: {
      [n.glueRole]: [
        ...(m.noS3Policy ? [] : [{ PolicyName: "AmazonS3FullAccess", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }]),
        { PolicyName: "AWSGlueServiceRole", PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole" },
      ],
    },
    iamRolePolicies: { [n.sfnRole]: { StepFunctionRoleDefaultPolicy2A3B4C5D: sfnPolicy } },
    snsTopics: topics,
    s3Buckets: { [n.bucket]: bucket },
    cfnStacks: {
      [n.stack]: [
        stackRes("GlueJobRole", "AWS::IAM::Role", n.glueRole),
        stackRes("jsontopq", "AWS::Glue::Job", n.job),
        stackRes("StepFunctionRole", "AWS::IAM::Role", n.sfnRole),
        stackRes("STFGluejsontopq", "AWS::StepFunctions::StateMachine", smArn),
        stackRes("STFHourlyRule", "AWS::Events::Rule", n.rule),
      ],
    },
  };
}

function build(student: string, o: WorldOptions, m: Mistakes | null): World {
  const base = { account: o.account ?? "123456789012", region: o.region ?? "us-east-1", pageSize: o.pageSize ?? 3 };
  const noise = Array.from({ length: o.others ?? 3 }, (_, i) => `s${String(i + 1).padStart(3, "0")}`).filter((s) => s !== student);
  return compose(base, [...noise.map((s) => deployment(base, s)), ...(m ? [deployment(base, student, m)] : [])]);
}

/** A world where `student` deployed the stack correctly and ran it. */
export function completeWorld(student: string, o: WorldOptions = {}): World {
  return build(student, o, {});
}

/** A world with the planted mistakes of PARTIAL_FAILS. */
export function partialWorld(student: string, o: WorldOptions = {}): World {
  return build(student, o, PARTIAL);
}

/** A world where `student` deployed nothing (only other students' stacks). */
export function emptyWorld(student: string, o: WorldOptions = {}): World {
  return build(student, o, null);
}
