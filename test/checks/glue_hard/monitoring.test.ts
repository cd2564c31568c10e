// Task 13 check: facts from scripted CloudWatch / SNS / EventBridge answers (FakeAws), dashboard and pattern parsing, and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DescribeAlarmsCommand, GetDashboardCommand, ListDashboardsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand } from "@aws-sdk/client-sns";
import { ListRulesCommand, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { alarmFacts, dashboardBody, monitoring } from "../../../checks/glue_hard/monitoring.js";
import { expandMetric } from "../../../checks/shared/dashboard.js";
import { patternSources } from "../../../checks/shared/event-pattern.js";
import { dashboardJson } from "../../support/world/parts/ops.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const cw = aws.client("cloudwatch");
const sns = aws.client("sns");
const eb = aws.client("eventbridge");
const names = { dashboard: "glue-pipeline-metrics-7", criticalTopic: "glue-critical-alerts-7", warningTopic: "glue-warnings-7", infoTopic: "glue-info-7" };
const ctx = (region = "us-east-1") => new CheckContext(aws.session(region), "7", names, "111122223333");
const err = (name: string, status: number, message = name) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const alarm = (AlarmName: string, MetricName: string, Namespace = "Glue", region = "us-east-1"): MetricAlarm => ({ AlarmName, AlarmArn: `arn:aws:cloudwatch:${region}:111122223333:alarm:${AlarmName}`, MetricName, Namespace, Threshold: 1 });

function quietDefaults() {
  cw.on(GetDashboardCommand).resolves({ DashboardName: names.dashboard, DashboardBody: '{"widgets":[]}' });
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
  sns.on(ListTopicsCommand).resolves({ Topics: [] });
  eb.on(ListRulesCommand).resolves({ Rules: [] });
}

beforeEach(() => {
  aws.reset();
});

afterEach(() => {
  // a read the test did not script would stand in the facts as an error: every test scripts what the check reads
  expect(aws.unscripted).toEqual([]);
});

describe("dashboard bodies are student input", () => {
  it.each([
    ["'.' repeats the previous value at that position", [".", "numFailedTasks", ".", "."], ["Glue", "numCompletedTasks", "JobName", "job-7"], ["Glue", "numFailedTasks", "JobName", "job-7"]],
    ["'...' fills the middle from the previous metric", ["...", "job-8"], ["Glue", "elapsedTime", "JobName", "job-7"], ["Glue", "elapsedTime", "JobName", "job-8"]],
    ["'...' after a new metric name", [".", "numFailedTasks", "..."], ["Glue", "numCompletedTasks", "JobName", "job-7", "Type", "count"], ["Glue", "numFailedTasks", "JobName", "job-7", "Type", "count"]],
    ["render options are dropped", ["AWS/Billing", "EstimatedCharges", { stat: "Maximum", label: "cost" }], [], ["AWS/Billing", "EstimatedCharges"]],
    ["shorthand with no previous metric does not throw", ["...", "x"], [], ["x"]],
  ])("%s", (_label, entry, previous, want) => {
    expect(expandMetric(entry as unknown[], previous as string[])).toEqual(want);
  });

  it("counts widgets, expands shorthand, records what the widgets cover", () => {
    const d = dashboardBody(dashboardJson({ region: "us-east-1", account: "111122223333" }, "7"));
    expect(d.widgetCount).toBe(6);
    expect(d.widgetTypes).toEqual(["metric", "text"]);
    expect(d.metrics).toContain("Glue/glue.driver.aggregate.numFailedTasks");
    expect(d.metrics).toContain("Glue/glue.driver.ExecutorAllocationManager.executors.numberMaxNeededExecutors");
    expect(d.metrics).toContain("AWS/Billing/EstimatedCharges");
    expect(d.expressions).toEqual(["m1 / 10 * 100"]);
    expect(d.covers).toEqual(["jobStatus", "duration", "dpu", "dataQuality", "cost", "crawler"]);
  });

  it.each([
    ["not JSON", "{widgets: [", /invalid JSON/],
    ["no widgets array", '{"widgets": {"a": 1}}', /no "widgets" array/],
    ["JSON null", "null", /no "widgets" array/],
    ["too large", `{"widgets":[${'{"type":"text"},'.repeat(80_000)}{}]}`, /too large/],
  ])("malformed body (%s) becomes a parse error fact, not a crash", (_label, body, re) => {
    const d = dashboardBody(body);
    expect(d.widgetCount).toBe(0);
    expect(d.parseError).toMatch(re);
  });

  it("tolerates junk inside widgets", () => {
    const d = dashboardBody(JSON.stringify({ widgets: [null, 3, { type: "metric", properties: { metrics: "nope" } }, { type: "metric", properties: { metrics: [null, [1], ["Glue", "m"]] } }] }));
    expect(d).toMatchObject({ widgetCount: 2, metrics: ["Glue/m"] });
  });
});

describe("monitoring check (client mock)", () => {
  it("a missing dashboard (ResourceNotFound or DashboardNotFoundError) is missing, with near-miss names", async () => {
    for (const e of [err("ResourceNotFound", 404), err("DashboardNotFoundError", 404)]) {
      cw.reset();
      quietDefaults();
      cw.on(GetDashboardCommand).rejects(e);
      cw.on(ListDashboardsCommand).resolves({ DashboardEntries: [{ DashboardName: "glue-pipeline-metrics-s001" }, { DashboardName: "Glue-Pipeline-Metrics-7" }] });
      const f = await aws.collect(monitoring, ctx());
      expect(f.dashboard).toEqual({ name: "glue-pipeline-metrics-7", exists: false, widgetCount: 0, similar: ["Glue-Pipeline-Metrics-7"] });
    }
  });

  it("a malformed dashboard body is a fact, not a crash", async () => {
    quietDefaults();
    cw.on(GetDashboardCommand).resolves({ DashboardName: names.dashboard, DashboardBody: '{"widgets": [ {"type": "metric",' });
    const f = await aws.collect(monitoring, ctx());
    expect(f.dashboard).toMatchObject({ exists: true, widgetCount: 0, parseError: expect.stringContaining("invalid JSON") });
  });

  it("asks for metric and composite alarms, follows NextToken, maps metric-math alarms by their inner metrics", async () => {
    quietDefaults();
    const math: MetricAlarm = {
      AlarmName: "failure-rate-7",
      AlarmArn: "arn:aws:cloudwatch:us-east-1:111122223333:alarm:failure-rate-7",
      Metrics: [
        { Id: "f", MetricStat: { Metric: { Namespace: "Glue", MetricName: "glue.driver.aggregate.numFailedTasks" }, Period: 300, Stat: "Sum" }, ReturnData: false },
        { Id: "r", Expression: "100 * f / 42", ReturnData: true },
      ],
      Threshold: 10,
    };
    cw.on(DescribeAlarmsCommand, { NextToken: undefined }).resolves({ MetricAlarms: [math, alarm("glue-job-runtime-7", "glue.driver.aggregate.elapsedTime"), alarm("someone-else-17", "EstimatedCharges", "AWS/Billing")], NextToken: "n1" });
    cw.on(DescribeAlarmsCommand, { NextToken: "n1" }).resolves({
      MetricAlarms: [
        alarm("executors-high", "glue.driver.ExecutorAllocationManager.executors.numberAllExecutors"),
        { ...alarm("dq-alarm", "glue.data.quality.score", "Glue Data Quality"), Dimensions: [{ Name: "JobName", Value: "studio-etl-pipeline-7" }] },
        alarm("glue-daily-cost-7", "EstimatedCharges", "AWS/Billing"),
      ],
      CompositeAlarms: [{ AlarmName: "pipeline-health-7", AlarmRule: 'ALARM("failure-rate-7")' }],
    });
    const f = await aws.collect(monitoring, ctx());
    const calls = cw.commandCalls(DescribeAlarmsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.AlarmTypes).toEqual(["MetricAlarm", "CompositeAlarm"]);
    expect(f.alarms).toMatchObject({
      count: 5,
      names: ["failure-rate-7", "glue-job-runtime-7", "dq-alarm", "glue-daily-cost-7", "pipeline-health-7"],
      covered: ["jobFailure", "duration", "dataQuality", "cost"],
    });
    const items = (f.alarms as { items: { name: string; metrics: string[]; expressions: string[]; conditions: string[] }[] }).items;
    expect(items[0]).toMatchObject({ metrics: ["Glue/glue.driver.aggregate.numFailedTasks"], expressions: ["100 * f / 42"], conditions: ["jobFailure"] });
    // "executors-high" names no student and has no dimensions: not the student's.
    expect(items.map((i) => i.name)).not.toContain("executors-high");
  });

  it("outside us-east-1 the billing alarm is also looked for in us-east-1", async () => {
    quietDefaults();
    const regions: string[] = [];
    cw.on(DescribeAlarmsCommand).callsFake((_input, { region }) => {
      regions.push(region);
      return region === "us-east-1" ? { MetricAlarms: [alarm("glue-cost-7", "EstimatedCharges", "AWS/Billing")] } : { MetricAlarms: [alarm("glue-job-duration-7", "glue.driver.aggregate.elapsedTime", "Glue", "eu-west-1")] };
    });
    const f = await aws.collect(monitoring, ctx("eu-west-1"));
    expect(regions.sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(f.alarms).toMatchObject({ count: 2, covered: ["duration", "cost"] });
  });

  it("AccessDenied on DescribeAlarms becomes an error fact; the rest is still read", async () => {
    quietDefaults();
    cw.on(DescribeAlarmsCommand).rejects(err("AccessDenied", 403, "not authorized to perform cloudwatch:DescribeAlarms"));
    const f = await aws.collect(monitoring, ctx());
    expect(f.alarms).toMatchObject({ $error: { action: "cloudwatch:DescribeAlarms", kind: "accessDenied" } });
    expect(f.dashboard).toMatchObject({ exists: true });
  });

  it("matches topics by ARN suffix across ListTopics pages and reads their subscriptions", async () => {
    quietDefaults();
    sns.on(ListTopicsCommand, { NextToken: undefined }).resolves({ Topics: [{ TopicArn: "arn:aws:sns:us-east-1:111122223333:glue-critical-alerts-7" }, { TopicArn: "arn:aws:sns:us-east-1:111122223333:my-glue-info-7" }], NextToken: "t2" });
    sns.on(ListTopicsCommand, { NextToken: "t2" }).resolves({ Topics: [{ TopicArn: "arn:aws:sns:us-east-1:111122223333:glue-warnings-s001" }, { TopicArn: "arn:aws:sns:us-east-1:111122223333:glue-warning-7" }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { DisplayName: "P1" } });
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [{ Protocol: "email", Endpoint: "a@example.edu" }, { Protocol: "lambda" }] });
    const f = await aws.collect(monitoring, ctx());
    expect(f.topics).toEqual({
      critical: { name: "glue-critical-alerts-7", exists: true, arn: "arn:aws:sns:us-east-1:111122223333:glue-critical-alerts-7", displayName: "P1", encrypted: false, subscriptions: 2, protocols: ["email", "lambda"] },
      warnings: { name: "glue-warnings-7", exists: false, similar: ["glue-warning-7"] },
      info: { name: "glue-info-7", exists: false, similar: [] },
    });
  });

  it("loops ListRules on NextToken by hand (no paginator), parses event patterns, reads targets", async () => {
    quietDefaults();
    eb.on(ListRulesCommand, { NextToken: undefined }).resolves({
      Rules: [
        { Name: "glue-events-7", State: "ENABLED", EventPattern: '{"source":"aws.glue","detail-type":["Glue Job State Change"]}', EventBusName: "default" },
        { Name: "glue-events-s001", State: "ENABLED", EventPattern: '{"source":["aws.glue"]}' },
      ],
      NextToken: "r2",
    });
    eb.on(ListRulesCommand, { NextToken: "r2" }).resolves({ Rules: [{ Name: "broken-7", State: "ENABLED", EventPattern: "{source: aws.glue" }, { Name: "disabled-7", State: "DISABLED", EventPattern: '{"source":[{"prefix":"aws.gl"}]}' }], NextToken: "r3" });
    eb.on(ListRulesCommand, { NextToken: "r3" }).resolves({ Rules: [] });
    eb.on(ListTargetsByRuleCommand).callsFake((i) => (i.Rule === "glue-events-7" ? { Targets: [{ Id: "1", Arn: "arn:aws:lambda:us-east-1:111122223333:function:f" }] } : { Targets: [] }));
    const f = await aws.collect(monitoring, ctx());
    expect(eb.commandCalls(ListRulesCommand)).toHaveLength(3);
    const e = f.eventRules as { count: number; glue: string[]; glueRules: unknown[]; items: Record<string, unknown>[] };
    expect(e.count).toBe(3);
    expect(e.glue).toEqual(["glue-events-7", "disabled-7"]);
    expect(e.glueRules).toEqual([{ name: "glue-events-7", state: "ENABLED", targetCount: 1 }, { name: "disabled-7", state: "DISABLED", targetCount: 0 }]);
    expect(e.items[0]).toMatchObject({ sources: ["aws.glue"], detailTypes: ["Glue Job State Change"], targetServices: ["lambda"] });
    expect(e.items[1]).toMatchObject({ name: "broken-7", glue: false, parseError: expect.stringContaining("invalid JSON") });
  });
});

describe("alarm and pattern helpers", () => {
  it.each([
    ['{"source":["aws.glue","aws.s3"]}', true],
    ['{"source":"aws.glue"}', true],
    ['{"source":[{"prefix":"aws."}]}', true],
    ['{"source":[{"prefix":"custom"}]}', false],
    ['{"detail-type":["Glue Job State Change"]}', false],
    ["[]", false],
  ])("pattern %s matches Glue: %s", (pattern, want) => {
    expect(patternSources(pattern).glue).toBe(want);
  });

  it("a composite alarm is mapped through its rule text", () => {
    expect(alarmFacts({ AlarmName: "health-7", AlarmRule: 'ALARM("glue-job-duration-7") OR ALARM("glue-dq-7")' }, "composite").conditions).toEqual(["duration", "dataQuality"]);
  });
});

describe("monitoring task graded from worlds", () => {
  it("a complete world passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["monitoring"] });
    expect(Object.values(statuses(r))).toEqual(Array(13).fill("pass"));
  });

  it("a complete world in eu-west-1 still finds the us-east-1 billing alarm", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42", { region: "eu-west-1" }), "42", { only: ["monitoring"] });
    expect(statuses(r)["monitoring.alarm_cost"]).toBe("pass");
  });

  it("the partial world fails exactly the planted mistakes", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["monitoring"] });
    const failed = Object.entries(statuses(r)).filter(([, v]) => v !== "pass").map(([k, v]) => `${k}=${v}`);
    expect(failed).toEqual(["monitoring.dashboard_widgets=fail", "monitoring.alarm_cost=fail", "monitoring.topic_warnings=fail", "monitoring.glue_event_rule_active=fail"]);
    const by = (id: string) => r.tasks[0]!.criteria.find((c) => c.id === id)!;
    expect(by("dashboard_widgets").message).toContain("; 4 widgets");
    expect(by("topic_warnings").message).toContain("a similar name exists: glue-warning-42");
    expect(by("topic_warnings").message).not.toContain("s00");
    expect(by("glue_event_rule_active").message).toContain("in state DISABLED");
  });

  it("dev_testing is manual only", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["dev_testing"] });
    expect(Object.values(statuses(r))).toEqual(["manual", "manual", "manual"]);
    expect(r.tasks[0]!.criteria.reduce((a, c) => a + c.maxPoints, 0)).toBe(2);
  });
});
