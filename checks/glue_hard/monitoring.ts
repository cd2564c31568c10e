// Task 13 — compliant: dashboard glue-pipeline-metrics-{student} with at least six widgets; at least five alarms of the student covering job failures, duration, DPU, data quality and cost; SNS topics glue-critical-alerts-/glue-warnings-/glue-info-{student}; an enabled EventBridge rule of the student matching source aws.glue with a target.
import { DescribeAlarmsCommand, GetDashboardCommand, ListDashboardsCommand, type CompositeAlarm, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand } from "@aws-sdk/client-sns";
import { ListRulesCommand, ListTargetsByRuleCommand, type Rule } from "@aws-sdk/client-eventbridge";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { errorFactSchema, orError } from "../../src/grade/facts.js";
import { mentionsStudent, nearMisses } from "../shared/student-owned.js";
import { dashboardBody as parseDashboardBody, dashboardFactsSchema, type DashboardFacts } from "../shared/dashboard.js";
import { patternSources, patternSourcesSchema } from "../shared/event-pattern.js";

const MAX_RULES = 20;

/** The facts of one alarm, and the lab's conditions its metrics and name point to. */
export const alarmFactsSchema = z.object({
  name: z.string(),
  kind: z.enum(["metric", "composite"]),
  /** "Namespace/MetricName". */
  metrics: z.array(z.string()),
  expressions: z.array(z.string()),
  threshold: z.number().nullable(),
  actions: z.array(z.string()),
  conditions: z.array(z.string()),
});
export type AlarmFacts = z.infer<typeof alarmFactsSchema>;

/** One of the three SNS topics. */
const topicFactsSchema = orError(
  z.union([
    z.object({ name: z.string(), exists: z.literal(false), similar: z.array(z.string()) }),
    z.object({
      name: z.string(),
      exists: z.literal(true),
      arn: z.string(),
      displayName: z.string().nullable(),
      encrypted: orError(z.boolean()),
      subscriptions: orError(z.number()),
      protocols: orError(z.array(z.string())),
    }),
  ]),
);

/** One EventBridge rule of the student. */
const ruleFactsSchema = z.object({
  name: z.string(),
  state: z.string().nullable(),
  ...patternSourcesSchema.shape,
  targets: orError(z.array(z.string())),
  /** The services of the target ARNs ("sns", "lambda"). */
  targetServices: z.array(z.string()),
  targetCount: orError(z.number()),
});

/** The facts of Task 13. */
export const monitoringFactsSchema = z.object({
  dashboard: orError(
    z.union([
      z.object({ name: z.string(), exists: z.literal(true), ...dashboardFactsSchema.shape }),
      z.object({ name: z.string(), exists: z.literal(false), widgetCount: z.literal(0), similar: orError(z.array(z.string())) }),
    ]),
  ),
  alarms: orError(
    z.object({
      count: z.number(),
      names: z.array(z.string()),
      items: z.array(alarmFactsSchema),
      /** Condition → the names of the alarms that cover it. */
      byCondition: z.record(z.string(), z.array(z.string())),
      covered: z.array(z.string()),
      /** Set when the us-east-1 listing (billing alarms) failed. */
      usEast1: errorFactSchema.optional(),
    }),
  ),
  topics: z.object({ critical: topicFactsSchema, warnings: topicFactsSchema, info: topicFactsSchema }),
  eventRules: orError(
    z.object({
      count: z.number(),
      items: z.array(ruleFactsSchema),
      /** The names of the rules matching aws.glue. */
      glue: z.array(z.string()),
      /** The student's rules matching aws.glue: their state and number of targets. */
      glueRules: z.array(z.object({ name: z.string(), state: z.string().nullable(), targetCount: orError(z.number()) })),
    }),
  ),
});
export type MonitoringFacts = z.infer<typeof monitoringFactsSchema>;

// ── dashboard ──────────────────────────────────────────────────────────────

/** Keywords of the lab's six dashboard widgets, matched against widget titles, metric names and text. */
const WIDGET_TOPICS: Record<string, RegExp> = {
  jobStatus: /fail|success|succeed|numCompleted|completed/i,
  duration: /elapsed|duration/i,
  dpu: /executor|dpu/i,
  dataQuality: /quality/i,
  cost: /cost|charge|billing/i,
  crawler: /crawler/i,
};

/** The facts of a dashboard body, with the lab's six widget topics (see checks/shared/dashboard.ts). */
export function dashboardBody(body: string | undefined): DashboardFacts {
  return parseDashboardBody(body, WIDGET_TOPICS);
}

async function dashboard(ctx: CheckContext, name: string): Promise<MonitoringFacts["dashboard"]> {
  // A missing dashboard: "ResourceNotFound" (query-compatible code) or "DashboardNotFoundError", HTTP 404 either way.
  const r = await ctx.read("cloudwatch", new GetDashboardCommand({ DashboardName: name }), { missing: ["ResourceNotFound", "DashboardNotFoundError", "ResourceNotFoundException"] });
  if (r.ok) return { name, exists: true, ...dashboardBody(r.value.DashboardBody) };
  if (!r.missing) return r.fact;
  const all = await ctx.list("cloudwatch", (t) => new ListDashboardsCommand({ NextToken: t }), (o) => ({ items: o.DashboardEntries, next: o.NextToken }));
  return { name, exists: false, widgetCount: 0, similar: all.ok ? nearMisses(name, all.items.map((d) => d.DashboardName ?? ""), ctx.student) : all.fact };
}

// ── alarms ─────────────────────────────────────────────────────────────────

/** The lab's five alarm conditions and the keywords (metric names, alarm names, descriptions) that map an alarm to each. */
export const ALARM_CONDITIONS: Record<string, RegExp> = {
  jobFailure: /numFailedTasks|fail/i,
  duration: /elapsedTime|duration|runtime|run[-_ ]time/i,
  dpu: /executor|dpu/i,
  dataQuality: /data[-_. ]?quality|quality[-_ ]?score|\bdq\b|[-_]dq[-_]/i,
  cost: /EstimatedCharges|billing|cost|budget|charges|spend/i,
};

/** The facts of one alarm, and the conditions its metrics and name point to. */
export function alarmFacts(a: MetricAlarm | CompositeAlarm, kind: "metric" | "composite"): AlarmFacts {
  const metrics: string[] = [];
  const expressions: string[] = [];
  if (kind === "metric") {
    const m = a as MetricAlarm;
    if (m.MetricName) metrics.push(`${m.Namespace ?? ""}/${m.MetricName}`);
    // Metric-math alarms have no MetricName: their metrics are in Metrics[].MetricStat.Metric.
    for (const q of m.Metrics ?? []) {
      const met = q.MetricStat?.Metric;
      if (met?.MetricName) metrics.push(`${met.Namespace ?? ""}/${met.MetricName}`);
      if (q.Expression) expressions.push(q.Expression.slice(0, 500));
    }
  } else {
    const rule = (a as CompositeAlarm).AlarmRule;
    if (rule) expressions.push(rule.slice(0, 1000));
  }
  const name = a.AlarmName ?? "";
  const haystack = [name, a.AlarmDescription ?? "", ...metrics, ...expressions].join("\n");
  return {
    name,
    kind,
    metrics,
    expressions,
    threshold: kind === "metric" ? (a as MetricAlarm).Threshold ?? null : null,
    actions: (a.AlarmActions ?? []).slice(0, 10),
    conditions: Object.entries(ALARM_CONDITIONS).filter(([, re]) => re.test(haystack)).map(([k]) => k),
  };
}

const dimensionsMention = (a: MetricAlarm, student: string) =>
  [...(a.Dimensions ?? []), ...(a.Metrics ?? []).flatMap((q) => q.MetricStat?.Metric?.Dimensions ?? [])].some((d) => mentionsStudent(d.Value, student));

async function alarmsIn(ctx: CheckContext, region?: string) {
  // Without AlarmTypes only metric alarms come back: ask for both kinds.
  return ctx.list(
    "cloudwatch",
    (t) => new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm", "CompositeAlarm"], NextToken: t }),
    (o) => ({ items: [...(o.MetricAlarms ?? []).map((a) => ({ kind: "metric" as const, a })), ...(o.CompositeAlarms ?? []).map((a) => ({ kind: "composite" as const, a }))], next: o.NextToken }),
    { region },
  );
}

async function alarms(ctx: CheckContext): Promise<MonitoringFacts["alarms"]> {
  // Billing metrics (EstimatedCharges) exist only in us-east-1: a cost alarm lives there whatever the lab region.
  const regions = ctx.region === "us-east-1" ? [undefined] : [undefined, "us-east-1"];
  const lists = await Promise.all(regions.map((r) => alarmsIn(ctx, r)));
  const home = lists[0]!;
  if (!home.ok) return home.fact;
  const seen = new Set<string>();
  const all = lists.flatMap((l) => (l.ok ? l.items : [])).filter((x) => {
    const key = x.a.AlarmArn ?? x.a.AlarmName ?? "";
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // The student's alarms: the name mentions the student ID, or (metric alarms) a dimension value does, e.g. JobName.
  const mine = all.filter((x) => mentionsStudent(x.a.AlarmName, ctx.student) || (x.kind === "metric" && dimensionsMention(x.a as MetricAlarm, ctx.student)));
  const items = mine.slice(0, 100).map((x) => alarmFacts(x.a, x.kind));
  const byCondition = Object.fromEntries(Object.keys(ALARM_CONDITIONS).map((c) => [c, items.filter((i) => i.conditions.includes(c)).map((i) => i.name)]));
  return {
    count: mine.length,
    names: items.map((i) => i.name),
    items,
    byCondition,
    covered: Object.keys(ALARM_CONDITIONS).filter((c) => byCondition[c]!.length > 0),
    ...(lists[1] && !lists[1].ok ? { usEast1: lists[1].fact } : {}),
  };
}

// ── SNS ────────────────────────────────────────────────────────────────────

async function topics(ctx: CheckContext): Promise<MonitoringFacts["topics"]> {
  const all = await ctx.list("sns", (t) => new ListTopicsCommand({ NextToken: t }), (o) => ({ items: o.Topics, next: o.NextToken }));
  const topic = async (nameKey: string): Promise<z.infer<typeof topicFactsSchema>> => {
    const name = ctx.name(nameKey);
    if (!all.ok) return all.fact;
    const arns = all.items.map((t) => t.TopicArn ?? "");
    const arn = arns.find((a) => a.endsWith(`:${name}`));
    if (!arn) return { name, exists: false, similar: nearMisses(name, arns.map((a) => a.slice(a.lastIndexOf(":") + 1)), ctx.student) };
    const [attrs, subs] = await Promise.all([
      ctx.read("sns", new GetTopicAttributesCommand({ TopicArn: arn }), { missing: ["NotFoundException", "NotFound"] }),
      ctx.list("sns", (t) => new ListSubscriptionsByTopicCommand({ TopicArn: arn, NextToken: t }), (o) => ({ items: o.Subscriptions, next: o.NextToken })),
    ]);
    return {
      name,
      exists: true,
      arn,
      displayName: attrs.ok ? attrs.value.Attributes?.DisplayName ?? null : null,
      encrypted: attrs.ok ? Boolean(attrs.value.Attributes?.KmsMasterKeyId) : attrs.fact,
      subscriptions: subs.ok ? subs.items.length : subs.fact,
      protocols: subs.ok ? [...new Set(subs.items.map((s) => s.Protocol ?? ""))] : subs.fact,
    };
  };
  const [critical, warnings, info] = await Promise.all([topic("criticalTopic"), topic("warningTopic"), topic("infoTopic")]);
  return { critical, warnings, info };
}

// ── EventBridge ────────────────────────────────────────────────────────────

async function eventRules(ctx: CheckContext): Promise<MonitoringFacts["eventRules"]> {
  // EventBridge has no paginator: ctx.list follows NextToken by hand.
  const all = await ctx.list("eventbridge", (t) => new ListRulesCommand({ NextToken: t }), (o) => ({ items: o.Rules, next: o.NextToken }));
  if (!all.ok) return all.fact;
  const mine = all.items.filter((r: Rule) => mentionsStudent(r.Name, ctx.student)).slice(0, MAX_RULES);
  const items = await Promise.all(
    mine.map(async (r): Promise<z.infer<typeof ruleFactsSchema>> => {
      const p = patternSources(r.EventPattern);
      const targets = await ctx.list("eventbridge", (t) => new ListTargetsByRuleCommand({ Rule: r.Name, EventBusName: r.EventBusName, NextToken: t }), (o) => ({ items: o.Targets, next: o.NextToken }));
      const arns = targets.ok ? targets.items.map((t) => t.Arn ?? "") : [];
      return {
        name: r.Name ?? "",
        state: r.State ?? null,
        ...p,
        targets: targets.ok ? arns : targets.fact,
        targetServices: [...new Set(arns.map((a) => a.split(":")[2] ?? ""))],
        targetCount: targets.ok ? arns.length : targets.fact,
      };
    }),
  );
  const glueRules = items.filter((i) => i.glue).map((i) => ({ name: i.name, state: i.state, targetCount: i.targetCount }));
  return { count: mine.length, items, glue: glueRules.map((i) => i.name), glueRules };
}

/** Task 13: dashboard, alarms, SNS topics, EventBridge rule. */
export const monitoring: CheckModule<MonitoringFacts> = {
  id: "monitoring",
  description: "CloudWatch dashboard widgets and metrics; the student's alarms mapped to the lab's five conditions; the three SNS topics; the student's EventBridge rules for aws.glue events and their targets.",
  names: ["dashboard", "criticalTopic", "warningTopic", "infoTopic"],
  actions: [
    "cloudwatch:GetDashboard", "cloudwatch:ListDashboards", "cloudwatch:DescribeAlarms",
    "sns:ListTopics", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic",
    "events:ListRules", "events:ListTargetsByRule",
  ],
  facts: monitoringFactsSchema,
  async collect(ctx) {
    const [d, a, t, e] = await Promise.all([dashboard(ctx, ctx.name("dashboard")), alarms(ctx), topics(ctx), eventRules(ctx)]);
    return { dashboard: d, alarms: a, topics: t, eventRules: e };
  },
};
