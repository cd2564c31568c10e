// monitoring (glue_etl_pipeline_tf): facts from scripted SNS / CloudWatch / EventBridge / Lambda / S3 answers, event
// pattern and address masking helpers, the Terraform worlds graded end to end, and a recording without secrets.
import { beforeEach, describe, expect, it } from "vitest";
import { DescribeAlarmsCommand, GetDashboardCommand, ListDashboardsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { ListSubscriptionsByTopicCommand, ListTopicsCommand } from "@aws-sdk/client-sns";
import { DescribeRuleCommand, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { GetFunctionConfigurationCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { GetBucketNotificationConfigurationCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { monitoring } from "../../../checks/glue_etl_pipeline_tf/monitoring.js";
import { maskEmail, REDACTED } from "../../../src/aws/redact.js";
import { patternDetailField } from "../../../checks/shared/event-pattern.js";
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext } from "../../../src/grade/check.js";
import { completeWorld, partialWorld, tfNames } from "../../support/world/assessments/tf/index.js";
import { tfDashboardBody, tfEventPattern } from "../../support/world/assessments/tf/ops-side.js";
import { worldTransport } from "../../support/world/transport.js";
import { statuses } from "../../support/grade-world.js";
import { accessDenied, ACCOUNT, aws, ctx, grade, messageOf, N, notPassing, sdkError } from "./helpers.js";

const sns = aws.client("sns");
const cw = aws.client("cloudwatch");
const eb = aws.client("eventbridge");
const lambda = aws.client("lambda");
const s3 = aws.client("s3");
const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:${N.alertsTopic}`;
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const JOBS = [N.ingestionJob, N.processingJob, N.qualityJob];

const alarm = (AlarmName: string, MetricName: string, Threshold: number, job: string, actions = [topicArn]): MetricAlarm => ({
  AlarmName, AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${AlarmName}`, MetricName, Namespace: "Glue", Threshold, Dimensions: [{ Name: "JobName", Value: job }], AlarmActions: actions, ComparisonOperator: "GreaterThanThreshold", Statistic: "Maximum",
});

function typical() {
  sns.on(ListTopicsCommand, { NextToken: undefined }).resolves({ Topics: [{ TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:glue-etl-pipeline-s001-dev-alerts` }], NextToken: "t2" });
  sns.on(ListTopicsCommand, { NextToken: "t2" }).resolves({ Topics: [{ TopicArn: topicArn }] });
  sns.on(ListSubscriptionsByTopicCommand).resolves({
    Subscriptions: [
      { TopicArn: topicArn, Protocol: "email", Endpoint: "jane.doe@university.example.edu", SubscriptionArn: `${topicArn}:1` },
      { TopicArn: topicArn, Protocol: "email", Endpoint: "ops@example.com", SubscriptionArn: "PendingConfirmation" },
      { TopicArn: topicArn, Protocol: "lambda", Endpoint: fnArn("x"), SubscriptionArn: `${topicArn}:2` },
    ],
  });
  // The project-named alarms over two pages; the quality job's failure alarm under the template's literal name,
  // as a metric-math alarm (no top-level MetricName).
  const own = JOBS.flatMap((j) => [
    ...(j === N.qualityJob ? [] : [alarm(`${j}-failure`, "glue.driver.aggregate.numFailedTasks", 1, j)]),
    alarm(`${j}-long-duration`, "glue.driver.aggregate.elapsedTime", 2_700_000, j),
    alarm(`${j}-high-memory`, "glue.driver.jvm.heap.usage", 0.85, j, j === N.processingJob ? [] : [topicArn]),
  ]);
  cw.on(DescribeAlarmsCommand, { AlarmNamePrefix: `${N.p}-`, NextToken: undefined }).resolves({ MetricAlarms: own.slice(0, 4), NextToken: "a2" });
  cw.on(DescribeAlarmsCommand, { AlarmNamePrefix: `${N.p}-`, NextToken: "a2" }).resolves({ MetricAlarms: own.slice(4) });
  cw.on(DescribeAlarmsCommand, { AlarmNamePrefix: "data-" }).resolves({
    MetricAlarms: [
      {
        AlarmName: "data-quality-failure", AlarmArn: "arn:q", AlarmActions: [topicArn], Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold",
        Metrics: [{ Id: "m1", MetricStat: { Metric: { Namespace: "Glue", MetricName: "glue.driver.aggregate.numFailedTasks", Dimensions: [{ Name: "JobName", Value: "data-quality" }] }, Period: 300, Stat: "Sum" }, ReturnData: true }],
      },
    ],
  });
  cw.on(GetDashboardCommand).resolves({ DashboardName: N.dashboard, DashboardBody: tfDashboardBody({ region: "us-east-1", account: ACCOUNT }, N, JOBS) });
  eb.on(DescribeRuleCommand).resolves({ Name: N.jobStateRule, State: "ENABLED", EventBusName: "default", EventPattern: tfEventPattern(["data-ingestion", "data-processing", "data-quality"]) });
  eb.on(ListTargetsByRuleCommand).resolves({ Targets: [{ Id: "InvokeMonitoringLambda", Arn: `${fnArn(N.monitoringLambda)}:live` }] });
  lambda.on(GetFunctionConfigurationCommand).callsFake((i) => ({
    FunctionName: i.FunctionName, FunctionArn: fnArn(i.FunctionName!), Runtime: "python3.10", State: "Active", LastUpdateStatus: "Successful",
    Environment: { Variables: { SNS_TOPIC_ARN: topicArn, DB_PASSWORD: "hunter2-not-for-facts" } },
  }));
  s3.on(GetBucketNotificationConfigurationCommand).resolves({
    LambdaFunctionConfigurations: [
      { LambdaFunctionArn: fnArn(N.dataTriggerLambda), Events: ["s3:ObjectCreated:*"], Filter: { Key: { FilterRules: [{ Name: "Prefix" as "prefix", Value: "data/incoming/" }] } } },
      { LambdaFunctionArn: fnArn("cleanup"), Events: ["s3:ObjectRemoved:*"] },
    ],
  });
}

beforeEach(() => {
  aws.reset();
});

describe("helpers", () => {
  it.each([
    ["admin@example.com", "a***@e***.com"],
    ["jane.doe@university.example.edu", "j***@u***.edu"],
    ["no-at-sign", "***"],
    [undefined, "***"],
  ])("maskEmail(%s) → %s", (a, masked) => expect(maskEmail(a)).toBe(masked));

  it.each([
    ["the template's literal keys never match", tfEventPattern(["data-ingestion", "data-processing", "data-quality"]), JOBS],
    ["the real names match", tfEventPattern(JOBS), []],
    ["a prefix matches all", JSON.stringify({ source: ["aws.glue"], detail: { jobName: [{ prefix: `${N.p}-` }] } }), []],
    ["a wildcard matches", JSON.stringify({ detail: { jobName: [{ wildcard: "*-data-*" }] } }), []],
    ["anything-but excludes", JSON.stringify({ detail: { jobName: [{ "anything-but": [N.qualityJob] }] } }), [N.qualityJob]],
    ["no jobName filter: every job", JSON.stringify({ source: ["aws.glue"], "detail-type": ["Glue Job State Change"] }), []],
    ["not JSON: nothing matches", "{source:", JOBS],
  ])("%s", (_, pattern, unmatched) => expect(patternDetailField(pattern, "jobName", JOBS).unmatched).toEqual(unmatched));
});

describe("monitoring check (scripted answers)", () => {
  it("SNS: the topic found across pages, email subscriptions masked (pending ones counted and reported)", async () => {
    typical();
    const f = await aws.collect(monitoring, ctx());
    expect(f.alerts).toEqual({ name: N.alertsTopic, exists: true, arn: topicArn, subscriptions: 3, protocols: ["email", "lambda"], emailSubscriptions: ["j***@u***.edu", "o***@e***.com"], pendingConfirmation: 1 });
    expect(JSON.stringify(f)).not.toContain("jane.doe");
  });

  it("alarms: both prefixes paginated; template-literal names accepted; metric-math metrics read; wrong dimensions and missing actions listed", async () => {
    typical();
    const f = await aws.collect(monitoring, ctx());
    const a = f.alarms as Record<string, unknown>;
    expect(a.missing).toEqual([]);
    expect(a.naming).toEqual({ project: 8, template: 1 });
    expect(a.failure).toMatchObject({ names: [`${N.ingestionJob}-failure`, `${N.processingJob}-failure`, "data-quality-failure"], metrics: Array(3).fill("glue.driver.aggregate.numFailedTasks"), thresholds: [1, 1, 1] });
    expect(a.highMemory).toMatchObject({ thresholds: [0.85, 0.85, 0.85] });
    expect(a.notNotifying).toEqual([`${N.processingJob}-high-memory`]);
    expect(a.wrongDimension).toEqual(["data-quality-failure (JobName=data-quality)"]);
    expect(cw.commandCalls(DescribeAlarmsCommand).map((c) => c.AlarmNamePrefix)).toEqual([`${N.p}-`, "data-", `${N.p}-`]);
  });

  it("a template-named alarm counts only when it is this deployment's: it notifies this alerts topic, or watches one of its jobs", async () => {
    typical();
    const classmate = `arn:aws:sns:us-east-1:${ACCOUNT}:glue-etl-pipeline-s001-dev-alerts`;
    // The student's own quality failure alarm is gone; a classmate's template-named alarms remain (their topic, the
    // template's dimension), plus one template-named alarm whose actions were edited but which watches our job.
    cw.on(DescribeAlarmsCommand, { AlarmNamePrefix: "data-" }).resolves({
      MetricAlarms: [
        alarm("data-quality-failure", "glue.driver.aggregate.numFailedTasks", 1, "data-quality", [classmate]),
        alarm("data-ingestion-failure", "glue.driver.aggregate.numFailedTasks", 1, "data-ingestion", [classmate]),
        alarm("data-quality-long-duration", "glue.driver.aggregate.elapsedTime", 1, N.qualityJob, []),
      ],
    });
    const own = JOBS.flatMap((j) => [alarm(`${j}-long-duration`, "glue.driver.aggregate.elapsedTime", 2_700_000, j), alarm(`${j}-high-memory`, "glue.driver.jvm.heap.usage", 0.85, j)]).filter((a) => a.AlarmName !== `${N.qualityJob}-long-duration`);
    cw.on(DescribeAlarmsCommand, { AlarmNamePrefix: `${N.p}-` }).resolves({ MetricAlarms: [...own, alarm(`${N.ingestionJob}-failure`, "glue.driver.aggregate.numFailedTasks", 1, N.ingestionJob)] });
    const a = (await aws.collect(monitoring, ctx())).alarms as Record<string, unknown>;
    // The project-named ingestion alarm wins over the classmate's data-ingestion-failure; data-quality-failure is theirs.
    expect(a.failure).toMatchObject({ names: [`${N.ingestionJob}-failure`] });
    expect(a.missing).toEqual([`${N.processingJob}-failure`, `${N.qualityJob}-failure`]);
    expect(a.notAttributed).toEqual([`data-quality-failure (neither notifies ${N.alertsTopic} nor watches a job of ${N.p})`]);
    // Attributed by its JobName dimension although it notifies nothing.
    expect((a.longDuration as { names: string[] }).names).toContain("data-quality-long-duration");
    expect(a.notNotifying).toEqual(["data-quality-long-duration"]);
    expect(a.naming).toEqual({ project: 6, template: 1 });
  });

  it("dashboard, rule, functions and notification: the template's pattern leaves every job unmatched; env values never kept", async () => {
    typical();
    const f = await aws.collect(monitoring, ctx());
    expect(f.dashboard).toMatchObject({ exists: true, parseError: null, widgetCount: 13, covers: ["tasks", "duration", "memory"] });
    expect(f.rule).toMatchObject({ exists: true, state: "ENABLED", glue: true, patternJobNames: ["data-ingestion", "data-processing", "data-quality"], unmatchedJobs: JOBS, targetFunctions: [N.monitoringLambda] });
    expect(f.lambdas).toMatchObject({ monitoring: { exists: true, envKeys: ["DB_PASSWORD", "SNS_TOPIC_ARN"] }, dataTrigger: { exists: true, runtime: "python3.10" } });
    expect(JSON.stringify(f)).not.toContain("hunter2");
    expect(f.rawNotification).toEqual({
      bucket: N.rawBucket,
      exists: true,
      lambdaTargets: [{ function: N.dataTriggerLambda, events: ["s3:ObjectCreated:*"], prefix: "data/incoming/" }, { function: "cleanup", events: ["s3:ObjectRemoved:*"], prefix: null }],
      objectCreatedFunctions: [N.dataTriggerLambda],
    });
  });

  it("a truncated dashboard body is a parse error; a missing dashboard (404 ResourceNotFound) lists near misses", async () => {
    typical();
    cw.on(GetDashboardCommand).resolves({ DashboardName: N.dashboard, DashboardBody: '{"widgets":[{"type":"metric","prop' });
    let f = await aws.collect(monitoring, ctx());
    expect(f.dashboard).toMatchObject({ exists: true, widgetCount: 0, parseError: expect.stringContaining("invalid JSON") });
    cw.on(GetDashboardCommand).rejects(sdkError("ResourceNotFound", 404, `Dashboard ${N.dashboard} does not exist`));
    cw.on(ListDashboardsCommand).resolves({ DashboardEntries: [{ DashboardName: "glue-etl-pipeline-7-dev-glue_dashboard" }, { DashboardName: "glue-etl-pipeline-s001-dev-glue-dashboard" }] });
    f = await aws.collect(monitoring, ctx());
    expect(f.dashboard).toEqual({ name: N.dashboard, exists: false, widgetCount: 0, similar: ["glue-etl-pipeline-7-dev-glue_dashboard"] });
  });

  it("missing rule, function and raw bucket: facts say so; the README's raw bucket name is tried", async () => {
    typical();
    eb.on(DescribeRuleCommand).rejects(sdkError("ResourceNotFoundException", 400, `Rule ${N.jobStateRule} does not exist on EventBus default.`));
    lambda.on(GetFunctionConfigurationCommand, { FunctionName: N.dataTriggerLambda }).rejects(sdkError("ResourceNotFoundException", 404, "Function not found"));
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: "glue-etl-pipeline-7-dev-datatrigger" }] });
    const noBucket = new S3ServiceException({ name: "NoSuchBucket", $fault: "client", $metadata: { httpStatusCode: 404 }, message: "The specified bucket does not exist" });
    s3.on(GetBucketNotificationConfigurationCommand, { Bucket: N.rawBucket }).rejects(noBucket);
    s3.on(GetBucketNotificationConfigurationCommand, { Bucket: `${N.p}-raw` }).resolves({ LambdaFunctionConfigurations: [{ LambdaFunctionArn: fnArn(N.dataTriggerLambda), Events: ["s3:ObjectCreated:Put"] }] });
    const f = await aws.collect(monitoring, ctx());
    expect(f.rule).toEqual({ name: N.jobStateRule, exists: false, targetFunctions: [] });
    expect(f.lambdas).toMatchObject({ dataTrigger: { name: N.dataTriggerLambda, exists: false, similar: ["glue-etl-pipeline-7-dev-datatrigger"] } });
    expect(f.rawNotification).toMatchObject({ bucket: `${N.p}-raw`, objectCreatedFunctions: [N.dataTriggerLambda] });
  });

  it("both functions missing: the function names are listed once per run (shared by the two lookups)", async () => {
    typical();
    lambda.on(GetFunctionConfigurationCommand).rejects(sdkError("ResourceNotFoundException", 404, "Function not found"));
    lambda.on(ListFunctionsCommand, { Marker: undefined }).resolves({ Functions: [{ FunctionName: "glue-etl-pipeline-7-dev_monitoring" }], NextMarker: "m2" });
    lambda.on(ListFunctionsCommand, { Marker: "m2" }).resolves({ Functions: [{ FunctionName: "glue-etl-pipeline-7-dev-datatrigger" }] });
    const f = await aws.collect(monitoring, ctx());
    expect(f.lambdas).toMatchObject({ monitoring: { exists: false, similar: ["glue-etl-pipeline-7-dev_monitoring"] }, dataTrigger: { exists: false, similar: ["glue-etl-pipeline-7-dev-datatrigger"] } });
    expect(lambda.commandCalls(ListFunctionsCommand)).toHaveLength(2);
  });

  it("AccessDenied stands where the value would be (targets, alarms, subscriptions)", async () => {
    typical();
    eb.on(ListTargetsByRuleCommand).rejects(accessDenied("events:ListTargetsByRule"));
    for (const AlarmNamePrefix of [`${N.p}-`, "data-"]) cw.on(DescribeAlarmsCommand, { AlarmNamePrefix }).rejects(Object.assign(sdkError("AccessDenied", 403, "not authorized"), { Code: "AccessDenied" }));
    sns.on(ListSubscriptionsByTopicCommand).rejects(Object.assign(sdkError("AuthorizationErrorException", 403, "not authorized"), { Code: "AuthorizationError" }));
    const f = await aws.collect(monitoring, ctx());
    expect(f.rule).toMatchObject({ exists: true, targetFunctions: { $error: { action: "events:ListTargetsByRule", kind: "accessDenied" } } });
    expect(f.alarms).toMatchObject({ $error: { action: "cloudwatch:DescribeAlarms" } });
    expect(f.alerts).toMatchObject({ exists: true, emailSubscriptions: { $error: { action: "sns:ListSubscriptionsByTopic" } } });
  });
});

describe("monitoring graded against the Terraform worlds", () => {
  it("a complete deployment (job names corrected in alarms and pattern) passes every criterion, warnings included", async () => {
    const r = await grade(completeWorld("42"), "monitoring");
    expect(notPassing(r)).toEqual({});
    expect(r.tasks[0]!.points).toBe(12);
  });

  it("the partial deployment fails or warns exactly on its planted mistakes, naming them", async () => {
    const r = await grade(partialWorld("42"), "monitoring");
    expect(notPassing(r)).toEqual({
      "monitoring.alerts_email": "fail",
      "monitoring.memory_alarms": "fail",
      "monitoring.alarm_job_dimensions": "warning",
      "monitoring.dashboard_widgets": "fail",
      "monitoring.rule_pattern_jobs": "warning",
      "monitoring.data_trigger_lambda": "fail",
      "monitoring.raw_bucket_trigger": "skipped",
    });
    expect(messageOf(r, "monitoring.memory_alarms")).toContain("found 95");
    expect(messageOf(r, "monitoring.dashboard_widgets")).toContain("invalid JSON");
    expect(messageOf(r, "monitoring.rule_pattern_jobs")).toContain("glue-etl-pipeline-42-dev-data-ingestion");
    expect(messageOf(r, "monitoring.alarm_job_dimensions")).toContain("JobName=data-ingestion");
    // The template's literal alarm names are accepted; warnings cost nothing.
    expect(r.tasks[0]!.criteria.find((c) => c.id === "alarms_exist")!.status).toBe("pass");
    expect(r.tasks[0]!.points).toBe(12 - 1 - 1 - 1 - 0.5 - 1);
  });

  it("another deployment's template-named alarms in the same account give a student who deployed nothing no alarm points", async () => {
    // s001's partial deployment uses the template's literal alarm names (data-ingestion-failure …), notifying s001's topic.
    const r = await grade(partialWorld("s001"), "monitoring", { student: "s777" });
    const s = notPassing(r);
    expect(s["monitoring.alarms_found"]).toBe("fail");
    for (const c of ["alarms_exist", "failure_alarms", "duration_alarms", "memory_alarms", "alarms_notify"]) expect(s[`monitoring.${c}`], c).toBe("skipped");
    expect(r.tasks[0]!.points).toBe(0);
    // The same world graded for s001 still accepts its own template-named alarms.
    const own = await grade(partialWorld("s001"), "monitoring", { student: "s001" });
    expect(statuses(own)["monitoring.alarms_exist"]).toBe("pass");
  });

  it("--env staging grades the staging copy", async () => {
    expect(notPassing(await grade(completeWorld("42", { env: "staging" }), "monitoring", { env: "staging" }))).toEqual({});
    expect(notPassing(await grade(partialWorld("42"), "monitoring", { env: "staging" }))).toEqual({});
  });

  it("a --record snapshot of the check holds the Lambda variable names but none of their values", async () => {
    const world = completeWorld("42");
    const n = tfNames("42");
    const session = new AwsSession({ region: world.region, transport: worldTransport(world), record: true });
    const names = { rawBucketSeed: `${n.p}-raw`, ...(n as unknown as Record<string, string>) };
    const f = await monitoring.collect(new CheckContext(session, "42", names, world.account));
    expect(f.lambdas).toMatchObject({ dataTrigger: { exists: true, envKeys: expect.arrayContaining(["SCAN_RESULTS_TABLE", "ALLOWED_FILE_TYPES"]) } });
    const text = JSON.stringify(session.toSnapshot({ account: world.account }));
    expect(text).toContain("GetFunctionConfiguration");
    expect(text).toContain("SCAN_RESULTS_TABLE");
    // Values are replaced by the session's one placeholder (src/aws/redact.ts), not one of the check's own.
    expect(text).toContain(`"SCAN_RESULTS_TABLE":${JSON.stringify(REDACTED)}`);
    expect(text).not.toContain(`${n.p}-security-scan-results`);
    expect(text).not.toContain("csv,json,parquet,avro");
    // The facts keep the subscription address masked only.
    expect(JSON.stringify(f)).not.toContain("student-42@example.edu");
    expect(f.alerts).toMatchObject({ emailSubscriptions: ["s***@e***.edu"] });
  });
});
