// Glue crawlers as facts: the graded settings of one crawler (targets, schedule, schema change and recrawl policies,
// lineage, security configuration, last crawl) and its Configuration JSON string, parsed defensively.
import type { Crawler } from "@aws-sdk/client-glue";
import { z } from "zod";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { withSlash } from "./arn.js";
import { unlikeAws } from "./unlike-aws.js";
import { canonicalSchedule } from "./cron.js";
import { isObject, parseJson } from "./parse-json.js";

/** The crawler's Configuration JSON string, parsed defensively: the keys it sets, or why it could not be read. */
export const crawlerConfigurationSchema = z.object({
  /** Dotted keys set in the JSON (e.g. "CrawlerOutput.Partitions.AddOrUpdateBehavior"), at most 50. */
  keys: z.array(z.string()),
  partitionsBehavior: z.string().nullable(),
  tablesBehavior: z.string().nullable(),
  tableGroupingPolicy: z.string().nullable(),
  parseError: z.string().optional(),
});
export type CrawlerConfiguration = z.infer<typeof crawlerConfigurationSchema>;

/** The graded settings of one crawler (what `crawlerSettings` returns). */
export const crawlerSettingsSchema = z.object({
  databaseName: z.string().nullable(),
  classifiers: z.array(z.string()),
  s3Paths: z.array(z.string()),
  sampleSizes: z.array(z.number().nullable()),
  otherTargets: z.array(z.string()),
  schedule: z.string().nullable(),
  scheduleState: z.string().nullable(),
  tablePrefix: z.string().nullable(),
  updateBehavior: z.string().nullable(),
  deleteBehavior: z.string().nullable(),
  recrawlBehavior: z.string().nullable(),
  securityConfiguration: z.string().nullable(),
  usesStudentSecurityConfig: z.boolean(),
  lineage: z.string().nullable(),
  configuration: crawlerConfigurationSchema.nullable(),
  state: z.string().nullable(),
  /** null: never crawled; an ErrorFact for a status AWS never gives. */
  lastCrawlStatus: orError(z.string().nullable()),
});
export type CrawlerSettings = z.infer<typeof crawlerSettingsSchema>;

const MAX_CONFIG_CHARS = 64 * 1024;

function dottedKeys(v: unknown, prefix = "", depth = 0, out: string[] = []): string[] {
  if (!v || typeof v !== "object" || Array.isArray(v) || depth > 5) return out;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (x && typeof x === "object" && !Array.isArray(x)) dottedKeys(x, key, depth + 1, out);
    else out.push(key);
    if (out.length >= 50) break;
  }
  return out;
}

function dig(v: unknown, ...path: string[]): string | null {
  let cur = v;
  for (const p of path) cur = cur && typeof cur === "object" && !Array.isArray(cur) ? (cur as Record<string, unknown>)[p] : undefined;
  return typeof cur === "string" ? cur : null;
}

/** Parses Crawler.Configuration (student input): never throws; null when absent. */
export function parseCrawlerConfiguration(raw: string | undefined): CrawlerConfiguration | null {
  if (raw === undefined || raw.trim() === "") return null;
  const empty = { keys: [], partitionsBehavior: null, tablesBehavior: null, tableGroupingPolicy: null };
  const parsed = parseJson(raw, MAX_CONFIG_CHARS);
  if (!parsed.ok) return { ...empty, parseError: parsed.error };
  const v = parsed.value;
  if (!isObject(v)) return { ...empty, parseError: "not a JSON object" };
  return {
    keys: dottedKeys(v),
    partitionsBehavior: dig(v, "CrawlerOutput", "Partitions", "AddOrUpdateBehavior"),
    tablesBehavior: dig(v, "CrawlerOutput", "Tables", "AddOrUpdateBehavior"),
    tableGroupingPolicy: dig(v, "Grouping", "TableGroupingPolicy"),
  };
}

/** The graded settings of one crawler, normalised (paths with one trailing slash, cron whitespace collapsed). */
export function crawlerSettings(c: Crawler, securityConfigName?: string): CrawlerSettings {
  const s3 = c.Targets?.S3Targets ?? [];
  const security = c.CrawlerSecurityConfiguration?.trim() || null;
  return {
    databaseName: c.DatabaseName ?? null,
    classifiers: [...(c.Classifiers ?? [])],
    s3Paths: s3.map((t) => withSlash(t.Path?.trim() ?? "")!).filter((p) => p !== "/"),
    sampleSizes: s3.map((t) => t.SampleSize ?? null),
    otherTargets: (["JdbcTargets", "DynamoDBTargets", "CatalogTargets", "DeltaTargets", "IcebergTargets", "HudiTargets", "MongoDBTargets"] as const).filter((k) => (c.Targets?.[k]?.length ?? 0) > 0),
    schedule: canonicalSchedule(c.Schedule?.ScheduleExpression),
    scheduleState: c.Schedule?.State ?? null,
    tablePrefix: c.TablePrefix ?? null,
    updateBehavior: c.SchemaChangePolicy?.UpdateBehavior ?? null,
    deleteBehavior: c.SchemaChangePolicy?.DeleteBehavior ?? null,
    recrawlBehavior: c.RecrawlPolicy?.RecrawlBehavior ?? null,
    securityConfiguration: security,
    usesStudentSecurityConfig: security !== null && security === securityConfigName,
    lineage: c.LineageConfiguration?.CrawlerLineageSettings ?? null,
    configuration: parseCrawlerConfiguration(c.Configuration),
    state: c.State ?? null,
    lastCrawlStatus: lastCrawlStatus(c, "glue:GetCrawler"),
  };
}

/** The LastCrawl.Status values AWS documents. */
const CRAWL_STATUSES = ["SUCCEEDED", "CANCELLED", "FAILED"];

/**
 * A crawler's last crawl status (null: never crawled). A value AWS does not use (moto answers "RUNNING" for a crawl
 * in progress, where AWS keeps the previous crawl) is the endpoint's fault, not the student's: the criterion is an
 * error naming `action`.
 */
export function lastCrawlStatus(c: Crawler, action: string): string | null | ErrorFact {
  const status = c.LastCrawl?.Status;
  if (status === undefined || CRAWL_STATUSES.includes(status)) return status ?? null;
  return unlikeAws(action, `gives the last crawl status "${String(status).slice(0, 40)}" (AWS returns SUCCEEDED, CANCELLED or FAILED)`);
}
