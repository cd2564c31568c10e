// A CloudWatch metric alarm: metric (or metric math), dimensions, statistic, threshold, comparison, period and actions.
import { z } from "zod";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import type { Facts } from "../src/grade/facts.js";
import { byName, defineReader, missing, namedFacts, stringMap, similarFrom } from "./reader.js";

/** Reads one alarm by name (metric or composite). */
export const reader = defineReader({
  id: "cloudwatch.alarm",
  description: "A CloudWatch alarm: namespace, metric name (or the metrics of a metric-math alarm), dimensions, statistic, threshold, comparison operator, period, evaluation periods, missing-data treatment and alarm actions.",
  params: byName,
  facts: namedFacts({
    kind: z.string(),
    namespace: z.string().nullable(),
    metricName: z.string().nullable(),
    metrics: z.array(z.string()),
    dimensions: stringMap,
    statistic: z.string().nullable(),
    threshold: z.number().nullable(),
    comparison: z.string().nullable(),
    period: z.number().nullable(),
    evaluationPeriods: z.number().nullable(),
    treatMissingData: z.string().nullable(),
    actionsEnabled: z.boolean(),
    alarmActions: z.array(z.string()),
    snsTopics: z.array(z.string()),
  }),
  actions: ["cloudwatch:DescribeAlarms"],
  async read(ctx, { name }) {
    const r = await ctx.read("cloudwatch", new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ["MetricAlarm", "CompositeAlarm"] }));
    if (!r.ok) return r.fact as unknown as Facts;
    const m = r.value.MetricAlarms?.find((a) => a.AlarmName === name);
    const c = r.value.CompositeAlarms?.find((a) => a.AlarmName === name);
    if (!m && !c) {
      const all = await ctx.list("cloudwatch", (t) => new DescribeAlarmsCommand({ NextToken: t, AlarmTypes: ["MetricAlarm", "CompositeAlarm"] }), (o) => ({ items: [...(o.MetricAlarms ?? []), ...(o.CompositeAlarms ?? [])].map((a) => a.AlarmName ?? ""), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const actions = (m ?? c)!.AlarmActions ?? [];
    const dims = m?.Dimensions ?? m?.Metrics?.find((q) => q.MetricStat)?.MetricStat?.Metric?.Dimensions ?? [];
    const stat = m?.Metrics?.find((q) => q.ReturnData !== false && q.MetricStat)?.MetricStat;
    return {
      name,
      exists: true,
      kind: m ? "metric" : "composite",
      namespace: m?.Namespace ?? stat?.Metric?.Namespace ?? null,
      metricName: m?.MetricName ?? stat?.Metric?.MetricName ?? null,
      metrics: (m?.Metrics ?? []).flatMap((q) => (q.MetricStat?.Metric?.MetricName ? [q.MetricStat.Metric.MetricName] : q.Expression ? [q.Expression] : [])),
      dimensions: Object.fromEntries(dims.map((d) => [d.Name ?? "", d.Value ?? ""])),
      statistic: m?.Statistic ?? m?.ExtendedStatistic ?? stat?.Stat ?? null,
      threshold: m?.Threshold ?? null,
      comparison: m?.ComparisonOperator ?? null,
      period: m?.Period ?? stat?.Period ?? null,
      evaluationPeriods: m?.EvaluationPeriods ?? null,
      treatMissingData: m?.TreatMissingData ?? null,
      actionsEnabled: (m ?? c)!.ActionsEnabled ?? true,
      alarmActions: actions,
      snsTopics: actions.filter((a) => a.includes(":sns:")).map((a) => a.split(":").pop() ?? a),
    };
  },
});
