// CloudWatch dashboard bodies (JSON strings written by the student), parsed defensively into small facts.
import { z } from "zod";
import { isObject, parseJson, stringList } from "./parse-json.js";

const MAX_WIDGETS = 500;
const MAX_METRICS = 200;

/** What a dashboard body shows. */
export const dashboardFactsSchema = z.object({
  widgetCount: z.number(),
  widgetTypes: z.array(z.string()),
  titles: z.array(z.string()),
  metrics: z.array(z.string()),
  expressions: z.array(z.string()),
  covers: z.array(z.string()),
  parseError: z.string().optional(),
});
export type DashboardFacts = z.infer<typeof dashboardFactsSchema>;

/**
 * Expands the console's "." (same value as the previous metric at this position) and "..." (the previous metric's
 * values in between) shorthand of one `properties.metrics` entry. Returns the plain string values.
 */
export function expandMetric(entry: readonly unknown[], previous: readonly string[]): string[] {
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

/**
 * The facts of a dashboard body (a JSON string written by the student): widgets, metrics ("Namespace/MetricName",
 * shorthand expanded), titles, expressions, and which of `topics` (keyword patterns) the widgets cover. Never throws:
 * a body that is not JSON, or has no "widgets" array, gives `parseError` and no widgets.
 */
export function dashboardBody(body: string | undefined, topics: Readonly<Record<string, RegExp>> = {}): DashboardFacts {
  const empty = { widgetCount: 0, widgetTypes: [], titles: [], metrics: [], expressions: [], covers: [] };
  const parsed = parseJson(body, 1_000_000);
  if (!parsed.ok) return { ...empty, parseError: parsed.error };
  if (!isObject(parsed.value) || !Array.isArray(parsed.value.widgets)) return { ...empty, parseError: 'no "widgets" array' };
  const widgets = parsed.value.widgets.filter(isObject).slice(0, MAX_WIDGETS);
  const titles: string[] = [];
  const metrics: string[] = [];
  const expressions: string[] = [];
  const text: string[] = [];
  for (const w of widgets) {
    const props = isObject(w.properties) ? w.properties : {};
    if (typeof props.title === "string") titles.push(props.title.slice(0, 200));
    if (typeof props.markdown === "string") text.push(props.markdown.slice(0, 2000));
    if (typeof props.query === "string") text.push(props.query.slice(0, 2000));
    text.push(...stringList(props.alarms));
    let previous: string[] = [];
    for (const m of Array.isArray(props.metrics) ? props.metrics.slice(0, MAX_METRICS) : []) {
      if (!Array.isArray(m)) continue;
      const opts = m.find(isObject);
      if (opts && typeof opts.expression === "string") expressions.push(opts.expression.slice(0, 500));
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
    covers: Object.entries(topics).filter(([, re]) => re.test(haystack)).map(([k]) => k),
  };
}
