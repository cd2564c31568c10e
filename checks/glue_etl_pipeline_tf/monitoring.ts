// monitoring — compliant: SNS topic {p}-alerts with an email subscription; per job a -failure (numFailedTasks ≥ 1), -long-duration (elapsedTime) and -high-memory (heap usage > 85) alarm notifying the topic; dashboard {p}-glue-dashboard with task, duration and memory widgets; an ENABLED EventBridge rule {p}-glue-job-state-change for aws.glue job state changes of the real job names targeting Lambda {p}-monitoring; Lambda {p}-data-trigger invoked by the raw bucket on s3:ObjectCreated:*.
import { DescribeAlarmsCommand, GetDashboardCommand, ListDashboardsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { ListSubscriptionsByTopicCommand, ListTopicsCommand } from "@aws-sdk/client-sns";
import { GetFunctionConfigurationCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { GetBucketNotificationConfigurationCommand } from "@aws-sdk/client-s3";
import { maskEmail } from "../../src/aws/redact.js";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { dashboardBody } from "../shared/dashboard.js";
import { patternDetailField, patternSources } from "../shared/event-pattern.js";
import { readRule } from "../shared/event-rules.js";
import { once } from "../shared/per-run.js";
import { nearMisses } from "../shared/student-owned.js";

/** The three jobs, by fact key → rubric name key. */
const JOBS = { ingestion: "ingestionJob", processing: "processingJob", quality: "qualityJob" } as const;
/** The template's three alarms per job: fact key → alarm name suffix. */
const ALARM_KINDS = { failure: "failure", longDuration: "long-duration", highMemory: "high-memory" } as const;
/** What the template's dashboard widgets show, as keywords of their metrics and titles. */
const DASHBOARD_TOPICS: Record<string, RegExp> = { tasks: /numFailedTasks|numCompletedTasks/i, duration: /elapsedTime|duration/i, memory: /heap|memory/i };

const names = z.array(z.string());
const similarSchema = orError(names);

/** The alerts topic and its subscriptions (email addresses masked). */
const alertsSchema = orError(
  z.union([
    z.object({
      name: z.string(),
      exists: z.literal(true),
      arn: z.string(),
      subscriptions: orError(z.number()),
      protocols: names.optional(),
      emailSubscriptions: orError(names),
      pendingConfirmation: z.number().optional(),
    }),
    z.object({ name: z.string(), exists: z.literal(false), similar: names }),
  ]),
);

/** The alarms of one kind, one entry per job whose alarm was found. */
const alarmKindSchema = z.object({ names, metrics: z.array(z.string().nullable()), thresholds: z.array(z.number().nullable()), comparisons: z.array(z.string().nullable()), statistics: z.array(z.string().nullable()) });
type AlarmKind = z.infer<typeof alarmKindSchema>;

/** The nine job alarms. */
const alarmsSchema = orError(
  z.object({
    found: z.number(),
    missing: names,
    /** How many alarms are named after the project ({p}-<job>-<kind>) or after the template's literal job key. */
    naming: z.object({ project: z.number(), template: z.number() }),
    failure: alarmKindSchema,
    longDuration: alarmKindSchema,
    highMemory: alarmKindSchema,
    notNotifying: names,
    wrongDimension: names,
    notAttributed: names,
  }),
);

/** The dashboard and what its widgets show. */
const dashboardSchema = orError(
  z.union([
    z.object({ name: z.string(), exists: z.literal(true), parseError: z.string().nullable(), widgetCount: z.number(), covers: names, widgetTypes: names, metrics: names, titles: names }),
    z.object({ name: z.string(), exists: z.literal(false), widgetCount: z.number(), similar: similarSchema }),
  ]),
);

/** The job state-change rule: pattern and targets. */
const ruleSchema = orError(
  z.union([
    z.object({
      name: z.string(),
      exists: z.literal(true),
      state: z.string().nullable(),
      glue: z.boolean(),
      sources: names,
      detailTypes: names,
      parseError: z.string().optional(),
      /** The pattern's detail.jobName values (null: any job), and the real job names it can never match. */
      patternJobNames: names.nullable(),
      unmatchedJobs: names,
      targets: orError(names),
      targetFunctions: orError(names),
    }),
    z.object({ name: z.string(), exists: z.literal(false), targetFunctions: names }),
  ]),
);

/** A Lambda function's configuration (environment variable names only). */
const lambdaSchema = orError(
  z.union([
    z.object({ name: z.string(), exists: z.literal(true), arn: z.string().nullable(), runtime: z.string().nullable(), state: z.string().nullable(), lastUpdateStatus: z.string().nullable(), envKeys: names }),
    z.object({ name: z.string(), exists: z.literal(false), similar: similarSchema }),
  ]),
);
type LambdaFacts = z.infer<typeof lambdaSchema>;

/** The raw bucket's Lambda notifications. */
const notificationSchema = orError(
  z.object({
    bucket: z.string(),
    exists: z.boolean(),
    lambdaTargets: z.array(z.object({ function: z.string().nullable(), events: names, prefix: z.string().nullable() })),
    objectCreatedFunctions: names,
  }),
);

/** The facts of the monitoring task. */
export const monitoringFactsSchema = z.object({
  alerts: alertsSchema,
  alarms: alarmsSchema,
  dashboard: dashboardSchema,
  rule: ruleSchema,
  lambdas: z.object({ monitoring: lambdaSchema, dataTrigger: lambdaSchema }),
  rawNotification: notificationSchema,
});
export type MonitoringFacts = z.infer<typeof monitoringFactsSchema>;

// ── SNS ────────────────────────────────────────────────────────────────────

async function alertsTopic(ctx: CheckContext, name: string): Promise<MonitoringFacts["alerts"]> {
  const all = await ctx.list("sns", (t) => new ListTopicsCommand({ NextToken: t }), (o) => ({ items: o.Topics, next: o.NextToken }));
  if (!all.ok) return all.fact;
  const arns = all.items.map((t) => t.TopicArn ?? "");
  const arn = arns.find((a) => a.endsWith(`:${name}`));
  if (!arn) return { name, exists: false, similar: nearMisses(name, arns.map((a) => a.slice(a.lastIndexOf(":") + 1)), ctx.student) };
  const subs = await ctx.list("sns", (t) => new ListSubscriptionsByTopicCommand({ TopicArn: arn, NextToken: t }), (o) => ({ items: o.Subscriptions, next: o.NextToken }));
  if (!subs.ok) return { name, exists: true, arn, subscriptions: subs.fact, emailSubscriptions: subs.fact };
  const email = subs.items.filter((s) => (s.Protocol ?? "").toLowerCase() === "email" || (s.Protocol ?? "").toLowerCase() === "email-json");
  return {
    name,
    exists: true,
    arn,
    subscriptions: subs.items.length,
    protocols: [...new Set(subs.items.map((s) => s.Protocol ?? "?"))],
    // Addresses are personal: only a masked form is kept.
    emailSubscriptions: email.slice(0, 10).map((s) => maskEmail(s.Endpoint)),
    pendingConfirmation: email.filter((s) => s.SubscriptionArn === "PendingConfirmation").length,
  };
}

// ── alarms ─────────────────────────────────────────────────────────────────

const metricOf = (a: MetricAlarm) => a.MetricName ?? a.Metrics?.find((m) => m.MetricStat?.Metric?.MetricName)?.MetricStat?.Metric?.MetricName ?? null;
const jobDimensionOf = (a: MetricAlarm) =>
  [...(a.Dimensions ?? []), ...(a.Metrics ?? []).flatMap((m) => m.MetricStat?.Metric?.Dimensions ?? [])].find((d) => d.Name === "JobName")?.Value ?? null;

/**
 * The nine alarms. The template names them after a literal job key ("data-ingestion-failure", dimension JobName =
 * "data-ingestion"), not after the deployed job; a corrected deployment names them after the job
 * ("{p}-data-ingestion-failure"). Both are accepted (`naming` says which was found); `wrongDimension` lists alarms
 * whose JobName dimension is not the real job name (they can never fire).
 *
 * The template's literal names are the same for every deployment in the account, so such an alarm counts only when it
 * is this student's: it notifies this deployment's alerts topic, or its JobName dimension is one of this deployment's
 * jobs. The others are listed in `notAttributed` (a classmate's, or one whose actions were changed) and count as missing.
 */
async function alarms(ctx: CheckContext, topicName: string): Promise<MonitoringFacts["alarms"]> {
  const p = ctx.name("p");
  const jobs = Object.fromEntries(Object.entries(JOBS).map(([k, n]) => [k, ctx.name(n)])) as Record<keyof typeof JOBS, string>;
  const short = (job: string) => (job.startsWith(`${p}-`) ? job.slice(p.length + 1) : job);
  const prefixes = [...new Set([`${p}-`, ...Object.values(jobs).map((j) => `${short(j).split("-")[0]}-`)])];
  const lists = await Promise.all(
    prefixes.map((prefix) => ctx.list("cloudwatch", (t) => new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, NextToken: t }), (o) => ({ items: o.MetricAlarms, next: o.NextToken }))),
  );
  const failed = lists.find((l) => !l.ok);
  if (failed && !failed.ok) return failed.fact;
  const byName = new Map<string, MetricAlarm>();
  for (const l of lists) if (l.ok) for (const a of l.items) if (a.AlarmName) byName.set(a.AlarmName, a);

  const deployedJobs = new Set(Object.values(jobs));
  const ownTemplateAlarm = (a: MetricAlarm | undefined): a is MetricAlarm =>
    a !== undefined && ((a.AlarmActions ?? []).some((x) => x.endsWith(`:${topicName}`)) || deployedJobs.has(jobDimensionOf(a) ?? ""));
  const missing: string[] = [];
  const notAttributed: string[] = [];
  const naming = { project: 0, template: 0 };
  const notNotifying: string[] = [];
  const wrongDimension: string[] = [];
  const kinds: Record<keyof typeof ALARM_KINDS, AlarmKind> = {
    failure: { names: [], metrics: [], thresholds: [], comparisons: [], statistics: [] },
    longDuration: { names: [], metrics: [], thresholds: [], comparisons: [], statistics: [] },
    highMemory: { names: [], metrics: [], thresholds: [], comparisons: [], statistics: [] },
  };
  for (const kind of Object.keys(ALARM_KINDS) as (keyof typeof ALARM_KINDS)[]) {
    const suffix = ALARM_KINDS[kind];
    const k = kinds[kind];
    for (const job of Object.values(jobs)) {
      const projectName = `${job}-${suffix}`;
      const templateName = `${short(job)}-${suffix}`;
      const template = byName.get(templateName);
      const a = byName.get(projectName) ?? (ownTemplateAlarm(template) ? template : undefined);
      if (!a) {
        missing.push(projectName);
        if (template) notAttributed.push(`${templateName} (neither notifies ${topicName} nor watches a job of ${p})`);
        continue;
      }
      naming[a.AlarmName === projectName ? "project" : "template"]++;
      k.names.push(a.AlarmName!);
      k.metrics.push(metricOf(a));
      k.thresholds.push(a.Threshold ?? null);
      k.comparisons.push(a.ComparisonOperator ?? null);
      k.statistics.push(a.Statistic ?? null);
      if (!(a.AlarmActions ?? []).some((x) => x.endsWith(`:${topicName}`))) notNotifying.push(a.AlarmName!);
      const dim = jobDimensionOf(a);
      if (dim !== job) wrongDimension.push(`${a.AlarmName} (JobName=${dim ?? "none"})`);
    }
  }
  return { found: naming.project + naming.template, missing, naming, ...kinds, notNotifying, wrongDimension, notAttributed: notAttributed.slice(0, 9) };
}

// ── dashboard ──────────────────────────────────────────────────────────────

async function dashboard(ctx: CheckContext, name: string): Promise<MonitoringFacts["dashboard"]> {
  const r = await ctx.read("cloudwatch", new GetDashboardCommand({ DashboardName: name }), { missing: ["ResourceNotFound", "DashboardNotFoundError", "ResourceNotFoundException"] });
  if (r.ok) {
    const body = dashboardBody(r.value.DashboardBody, DASHBOARD_TOPICS);
    return { name, exists: true, parseError: body.parseError ?? null, widgetCount: body.widgetCount, covers: body.covers, widgetTypes: body.widgetTypes, metrics: body.metrics.slice(0, 30), titles: body.titles.slice(0, 30) };
  }
  if (!r.missing) return r.fact;
  const all = await ctx.list("cloudwatch", (t) => new ListDashboardsCommand({ NextToken: t }), (o) => ({ items: o.DashboardEntries, next: o.NextToken }));
  return { name, exists: false, widgetCount: 0, similar: all.ok ? nearMisses(name, all.items.map((d) => d.DashboardName ?? ""), ctx.student) : all.fact };
}

// ── EventBridge ────────────────────────────────────────────────────────────

/** "arn:aws:lambda:r:a:function:name[:qualifier]" → "name"; null for other targets. */
const functionOf = (arn: string) => /^arn:aws[a-z-]*:lambda:[^:]+:\d{12}:function:([^:]+)/.exec(arn)?.[1] ?? null;

async function rule(ctx: CheckContext, name: string): Promise<MonitoringFacts["rule"]> {
  const r = await readRule(ctx, name);
  if (r.kind === "error") return r.fact;
  if (r.kind === "missing") return { name, exists: false, targetFunctions: [] };
  const targets = r.targets;
  const jobs = Object.values(JOBS).map((k) => ctx.name(k));
  const src = patternSources(r.rule.EventPattern);
  const jobField = patternDetailField(r.rule.EventPattern, "jobName", jobs);
  return {
    name,
    exists: true,
    state: r.rule.State ?? null,
    glue: src.glue,
    sources: src.sources,
    detailTypes: src.detailTypes,
    ...(src.parseError ? { parseError: src.parseError } : {}),
    patternJobNames: jobField.values,
    unmatchedJobs: jobField.unmatched,
    targets: Array.isArray(targets) ? targets.slice(0, 10) : targets,
    targetFunctions: Array.isArray(targets) ? targets.map(functionOf).filter((f): f is string => f !== null) : targets,
  };
}

// ── Lambda ─────────────────────────────────────────────────────────────────

/** A function's configuration without its environment values (only the variable names are kept). */
async function lambdaFunction(ctx: CheckContext, name: string, functionNames: () => Promise<string[] | ErrorFact>): Promise<LambdaFacts> {
  const r = await ctx.read("lambda", new GetFunctionConfigurationCommand({ FunctionName: name }), { missing: ["ResourceNotFoundException"] });
  if (!r.ok) {
    if (!r.missing) return r.fact;
    const all = await functionNames();
    return { name, exists: false, similar: Array.isArray(all) ? nearMisses(name, all, ctx.student) : all };
  }
  const f = r.value;
  return {
    name,
    exists: true,
    arn: f.FunctionArn ?? null,
    runtime: f.Runtime ?? null,
    state: f.State ?? null,
    lastUpdateStatus: f.LastUpdateStatus ?? null,
    envKeys: Object.keys(f.Environment?.Variables ?? {}).sort(),
  };
}

// ── S3 notification ────────────────────────────────────────────────────────

/** The raw bucket's Lambda notifications; the README's bucket name is tried when the template's does not exist. */
async function rawNotification(ctx: CheckContext, bucket: string, seedName: string): Promise<MonitoringFacts["rawNotification"]> {
  let r = await ctx.read("s3", new GetBucketNotificationConfigurationCommand({ Bucket: bucket }), { missing: ["NoSuchBucket"] });
  if (!r.ok && r.missing && seedName !== bucket) {
    const seed = await ctx.read("s3", new GetBucketNotificationConfigurationCommand({ Bucket: seedName }), { missing: ["NoSuchBucket"] });
    if (seed.ok || !seed.missing) [r, bucket] = [seed, seedName];
  }
  if (!r.ok) return r.missing ? { bucket, exists: false, lambdaTargets: [], objectCreatedFunctions: [] } : r.fact;
  const configs = r.value.LambdaFunctionConfigurations ?? [];
  const targets = configs.slice(0, 20).map((c) => ({
    function: functionOf(c.LambdaFunctionArn ?? "") ?? c.LambdaFunctionArn ?? null,
    events: (c.Events ?? []).map(String),
    prefix: c.Filter?.Key?.FilterRules?.find((f) => (f.Name ?? "").toLowerCase() === "prefix")?.Value ?? null,
  }));
  return {
    bucket,
    exists: true,
    lambdaTargets: targets,
    objectCreatedFunctions: [...new Set(targets.filter((t) => t.events.some((e) => e.startsWith("s3:ObjectCreated:"))).map((t) => t.function ?? ""))],
  };
}

/** monitoring: SNS topic, alarms, dashboard, EventBridge rule, Lambda functions, raw bucket notification. */
export const monitoring: CheckModule<MonitoringFacts> = {
  id: "monitoring",
  description:
    "SNS alerts topic and its subscriptions (addresses masked); the nine job alarms (metric, threshold, actions, JobName dimension); the dashboard body; the job state-change rule, its pattern and targets; the two Lambda functions (configuration, never environment values); the raw bucket's Lambda notifications.",
  names: ["p", "alertsTopic", "dashboard", "jobStateRule", "monitoringLambda", "dataTriggerLambda", "rawBucket", "rawBucketSeed", ...Object.values(JOBS)],
  actions: [
    "sns:ListTopics", "sns:ListSubscriptionsByTopic",
    "cloudwatch:DescribeAlarms", "cloudwatch:GetDashboard", "cloudwatch:ListDashboards",
    "events:DescribeRule", "events:ListTargetsByRule",
    "lambda:GetFunctionConfiguration", "lambda:ListFunctions",
    "s3:GetBucketNotification",
  ],
  facts: monitoringFactsSchema,
  async collect(ctx) {
    // Function names are listed once per run, and only if a function is missing (for "did you mean").
    const functionNames = () =>
      once(ctx, "tf:lambdaFunctionNames", () =>
        ctx.list("lambda", (m) => new ListFunctionsCommand({ Marker: m }), (o) => ({ items: o.Functions, next: o.NextMarker })).then((l): string[] | ErrorFact => (l.ok ? l.items.map((f) => f.FunctionName ?? "") : l.fact)),
      );
    const topic = ctx.name("alertsTopic");
    const [t, a, d, r, mon, trig, n] = await Promise.all([
      alertsTopic(ctx, topic),
      alarms(ctx, topic),
      dashboard(ctx, ctx.name("dashboard")),
      rule(ctx, ctx.name("jobStateRule")),
      lambdaFunction(ctx, ctx.name("monitoringLambda"), functionNames),
      lambdaFunction(ctx, ctx.name("dataTriggerLambda"), functionNames),
      rawNotification(ctx, ctx.name("rawBucket"), ctx.name("rawBucketSeed")),
    ]);
    return { alerts: t, alarms: a, dashboard: d, rule: r, lambdas: { monitoring: mon, dataTrigger: trig }, rawNotification: n };
  },
};
