// Task 13 — compliant: dashboard glue-pipeline-metrics-{student} with at least six widgets; at least five alarms of the student covering job failures, duration, DPU, data quality and cost; SNS topics glue-critical-alerts-/glue-warnings-/glue-info-{student}; an enabled EventBridge rule of the student matching source aws.glue with a target.
import { DescribeAlarmsCommand, GetDashboardCommand, ListDashboardsCommand } from "@aws-sdk/client-cloudwatch";
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand } from "@aws-sdk/client-sns";
import { ListRulesCommand, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { isErrorFact } from "../../src/grade/facts.js";
import { mentionsStudent, nearMisses } from "../shared/student-owned.js";
import { isObject, parseJson, stringList } from "../shared/parse-json.js";
const MAX_WIDGETS = 500;
const MAX_RULES = 20;
const MAX_METRICS = 200;
// ── dashboard ──────────────────────────────────────────────────────────────
/** Keywords of the lab's six dashboard widgets, matched against widget titles, metric names and text. */
const WIDGET_TOPICS = {
    jobStatus: /fail|success|succeed|numCompleted|completed/i,
    duration: /elapsed|duration/i,
    dpu: /executor|dpu/i,
    dataQuality: /quality/i,
    cost: /cost|charge|billing/i,
    crawler: /crawler/i,
};
/**
 * Expands the console's "." (same value as the previous metric at this position) and "..." (the previous metric's
 * values in between) shorthand of one `properties.metrics` entry. Returns the plain string values.
 */
export function expandMetric(entry, previous) {
    const values = entry.filter((x) => typeof x !== "object" || x === null).map((x) => String(x));
    const dots = values.indexOf("...");
    if (dots >= 0) {
        const head = values.slice(0, dots).map((v, i) => (v === "." ? previous[i] ?? "" : v));
        const tail = values.slice(dots + 1).map((v) => (v === "." ? "" : v));
        const middle = previous.slice(head.length, Math.max(head.length, previous.length - tail.length));
        return [...head, ...middle, ...tail];
    }
    return values.map((v, i) => (v === "." ? previous[i] ?? "" : v));
}
/** The facts of a dashboard body (a JSON string written by the student): widgets, metrics, topics covered. */
export function dashboardBody(body) {
    const empty = { widgetCount: 0, widgetTypes: [], titles: [], metrics: [], expressions: [], covers: [] };
    const parsed = parseJson(body, 1_000_000);
    if (!parsed.ok)
        return { ...empty, parseError: parsed.error };
    if (!isObject(parsed.value) || !Array.isArray(parsed.value.widgets))
        return { ...empty, parseError: 'no "widgets" array' };
    const widgets = parsed.value.widgets.filter(isObject).slice(0, MAX_WIDGETS);
    const titles = [];
    const metrics = [];
    const expressions = [];
    const text = [];
    for (const w of widgets) {
        const props = isObject(w.properties) ? w.properties : {};
        if (typeof props.title === "string")
            titles.push(props.title.slice(0, 200));
        if (typeof props.markdown === "string")
            text.push(props.markdown.slice(0, 2000));
        if (typeof props.query === "string")
            text.push(props.query.slice(0, 2000));
        text.push(...stringList(props.alarms));
        let previous = [];
        for (const m of Array.isArray(props.metrics) ? props.metrics.slice(0, MAX_METRICS) : []) {
            if (!Array.isArray(m))
                continue;
            const opts = m.find(isObject);
            if (opts && typeof opts.expression === "string")
                expressions.push(opts.expression.slice(0, 500));
            const values = expandMetric(m, previous);
            if (values.length >= 2) {
                metrics.push(`${values[0]}/${values[1]}`);
                previous = values;
            }
        }
    }
    const haystack = [...titles, ...metrics, ...expressions, ...text].join("\n");
    return {
        widgetCount: widgets.length,
        widgetTypes: [...new Set(widgets.map((w) => (typeof w.type === "string" ? w.type : "?")))],
        titles,
        metrics: [...new Set(metrics)],
        expressions,
        covers: Object.entries(WIDGET_TOPICS).filter(([, re]) => re.test(haystack)).map(([k]) => k),
    };
}
async function dashboard(ctx, name) {
    // A missing dashboard: "ResourceNotFound" (query-compatible code) or "DashboardNotFoundError", HTTP 404 either way.
    const r = await ctx.read("cloudwatch", new GetDashboardCommand({ DashboardName: name }), { missing: ["ResourceNotFound", "DashboardNotFoundError", "ResourceNotFoundException"] });
    if (r.ok)
        return { name, exists: true, ...dashboardBody(r.value.DashboardBody) };
    if (!r.missing)
        return r.fact;
    const all = await ctx.list("cloudwatch", (t) => new ListDashboardsCommand({ NextToken: t }), (o) => ({ items: o.DashboardEntries, next: o.NextToken }));
    return { name, exists: false, widgetCount: 0, similar: all.ok ? nearMisses(name, all.items.map((d) => d.DashboardName ?? ""), ctx.student) : all.fact };
}
// ── alarms ─────────────────────────────────────────────────────────────────
/** The lab's five alarm conditions and the keywords (metric names, alarm names, descriptions) that map an alarm to each. */
export const ALARM_CONDITIONS = {
    jobFailure: /numFailedTasks|fail/i,
    duration: /elapsedTime|duration|runtime|run[-_ ]time/i,
    dpu: /executor|dpu/i,
    dataQuality: /data[-_. ]?quality|quality[-_ ]?score|\bdq\b|[-_]dq[-_]/i,
    cost: /EstimatedCharges|billing|cost|budget|charges|spend/i,
};
/** The facts of one alarm, and the conditions its metrics and name point to. */
export function alarmFacts(a, kind) {
    const metrics = [];
    const expressions = [];
    if (kind === "metric") {
        const m = a;
        if (m.MetricName)
            metrics.push(`${m.Namespace ?? ""}/${m.MetricName}`);
        // Metric-math alarms have no MetricName: their metrics are in Metrics[].MetricStat.Metric.
        for (const q of m.Metrics ?? []) {
            const met = q.MetricStat?.Metric;
            if (met?.MetricName)
                metrics.push(`${met.Namespace ?? ""}/${met.MetricName}`);
            if (q.Expression)
                expressions.push(q.Expression.slice(0, 500));
        }
    }
    else {
        const rule = a.AlarmRule;
        if (rule)
            expressions.push(rule.slice(0, 1000));
    }
    const name = a.AlarmName ?? "";
    const haystack = [name, a.AlarmDescription ?? "", ...metrics, ...expressions].join("\n");
    return {
        name,
        kind,
        metrics,
        expressions,
        threshold: kind === "metric" ? a.Threshold ?? null : null,
        actions: (a.AlarmActions ?? []).slice(0, 10),
        conditions: Object.entries(ALARM_CONDITIONS).filter(([, re]) => re.test(haystack)).map(([k]) => k),
    };
}
const dimensionsMention = (a, student) => [...(a.Dimensions ?? []), ...(a.Metrics ?? []).flatMap((q) => q.MetricStat?.Metric?.Dimensions ?? [])].some((d) => mentionsStudent(d.Value, student));
async function alarmsIn(ctx, region) {
    // Without AlarmTypes only metric alarms come back: ask for both kinds.
    return ctx.list("cloudwatch", (t) => new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm", "CompositeAlarm"], NextToken: t }), (o) => ({ items: [...(o.MetricAlarms ?? []).map((a) => ({ kind: "metric", a })), ...(o.CompositeAlarms ?? []).map((a) => ({ kind: "composite", a }))], next: o.NextToken }), { region });
}
async function alarms(ctx) {
    // Billing metrics (EstimatedCharges) exist only in us-east-1: a cost alarm lives there whatever the lab region.
    const regions = ctx.region === "us-east-1" ? [undefined] : [undefined, "us-east-1"];
    const lists = await Promise.all(regions.map((r) => alarmsIn(ctx, r)));
    const home = lists[0];
    if (!home.ok)
        return home.fact;
    const seen = new Set();
    const all = lists.flatMap((l) => (l.ok ? l.items : [])).filter((x) => {
        const key = x.a.AlarmArn ?? x.a.AlarmName ?? "";
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
    // The student's alarms: the name mentions the student ID, or (metric alarms) a dimension value does, e.g. JobName.
    const mine = all.filter((x) => mentionsStudent(x.a.AlarmName, ctx.student) || (x.kind === "metric" && dimensionsMention(x.a, ctx.student)));
    const items = mine.slice(0, 100).map((x) => alarmFacts(x.a, x.kind));
    const byCondition = Object.fromEntries(Object.keys(ALARM_CONDITIONS).map((c) => [c, items.filter((i) => i.conditions.includes(c)).map((i) => i.name)]));
    return {
        count: mine.length,
        names: items.map((i) => i.name),
        items,
        byCondition,
        covered: Object.keys(ALARM_CONDITIONS).filter((c) => byCondition[c].length > 0),
        ...(lists[1] && !lists[1].ok ? { usEast1: lists[1].fact } : {}),
    };
}
// ── SNS ────────────────────────────────────────────────────────────────────
async function topics(ctx) {
    const all = await ctx.list("sns", (t) => new ListTopicsCommand({ NextToken: t }), (o) => ({ items: o.Topics, next: o.NextToken }));
    const keys = { critical: "criticalTopic", warnings: "warningTopic", info: "infoTopic" };
    const out = {};
    await Promise.all(Object.entries(keys).map(async ([k, nameKey]) => {
        const name = ctx.name(nameKey);
        if (!all.ok) {
            out[k] = all.fact;
            return;
        }
        const arns = all.items.map((t) => t.TopicArn ?? "");
        const arn = arns.find((a) => a.endsWith(`:${name}`));
        if (!arn) {
            out[k] = { name, exists: false, similar: nearMisses(name, arns.map((a) => a.slice(a.lastIndexOf(":") + 1)), ctx.student) };
            return;
        }
        const [attrs, subs] = await Promise.all([
            ctx.read("sns", new GetTopicAttributesCommand({ TopicArn: arn }), { missing: ["NotFoundException", "NotFound"] }),
            ctx.list("sns", (t) => new ListSubscriptionsByTopicCommand({ TopicArn: arn, NextToken: t }), (o) => ({ items: o.Subscriptions, next: o.NextToken })),
        ]);
        out[k] = {
            name,
            exists: true,
            arn,
            displayName: attrs.ok ? attrs.value.Attributes?.DisplayName ?? null : null,
            encrypted: attrs.ok ? Boolean(attrs.value.Attributes?.KmsMasterKeyId) : attrs.fact,
            subscriptions: subs.ok ? subs.items.length : subs.fact,
            protocols: subs.ok ? [...new Set(subs.items.map((s) => s.Protocol ?? ""))] : subs.fact,
        };
    }));
    return out;
}
// ── EventBridge ────────────────────────────────────────────────────────────
/** The sources an event pattern (a JSON string) matches, and whether it matches Glue events. Never throws. */
export function patternSources(pattern) {
    if (pattern === undefined)
        return { sources: [], detailTypes: [], glue: false };
    const parsed = parseJson(pattern, 100_000);
    if (!parsed.ok)
        return { sources: [], detailTypes: [], glue: false, parseError: parsed.error };
    if (!isObject(parsed.value))
        return { sources: [], detailTypes: [], glue: false, parseError: "not a JSON object" };
    const raw = parsed.value.source;
    const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const sources = [];
    let glue = false;
    for (const s of items.slice(0, 50)) {
        if (typeof s === "string") {
            sources.push(s);
            if (s === "aws.glue")
                glue = true;
        }
        else if (isObject(s) && typeof s.prefix === "string") {
            sources.push(`prefix:${s.prefix}`);
            if (s.prefix.startsWith("aws") && "aws.glue".startsWith(s.prefix))
                glue = true;
        }
    }
    const dt = parsed.value["detail-type"];
    return { sources, detailTypes: stringList(dt).slice(0, 20), glue };
}
async function eventRules(ctx) {
    // EventBridge has no paginator: ctx.list follows NextToken by hand.
    const all = await ctx.list("eventbridge", (t) => new ListRulesCommand({ NextToken: t }), (o) => ({ items: o.Rules, next: o.NextToken }));
    if (!all.ok)
        return all.fact;
    const mine = all.items.filter((r) => mentionsStudent(r.Name, ctx.student)).slice(0, MAX_RULES);
    const items = await Promise.all(mine.map(async (r) => {
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
    }));
    const glueRules = items.filter((i) => !isErrorFact(i))
        .filter((i) => i.glue)
        .map((i) => ({ name: i.name, state: i.state, targetCount: i.targetCount }));
    return {
        count: mine.length,
        items,
        glue: glueRules.map((i) => i.name),
        /** The student's rules matching aws.glue: their state and number of targets. */
        glueRules,
    };
}
/** Task 13: dashboard, alarms, SNS topics, EventBridge rule. */
export const monitoring = {
    id: "monitoring",
    description: "CloudWatch dashboard widgets and metrics; the student's alarms mapped to the lab's five conditions; the three SNS topics; the student's EventBridge rules for aws.glue events and their targets.",
    names: ["dashboard", "criticalTopic", "warningTopic", "infoTopic"],
    actions: [
        "cloudwatch:GetDashboard", "cloudwatch:ListDashboards", "cloudwatch:DescribeAlarms",
        "sns:ListTopics", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic",
        "events:ListRules", "events:ListTargetsByRule",
    ],
    async collect(ctx) {
        const [d, a, t, e] = await Promise.all([dashboard(ctx, ctx.name("dashboard")), alarms(ctx), topics(ctx), eventRules(ctx)]);
        const facts = { dashboard: d, alarms: a, topics: t, eventRules: e };
        return facts;
    },
};
