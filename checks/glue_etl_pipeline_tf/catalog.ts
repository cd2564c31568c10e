// catalog — compliant: database {project}_{env}_catalog (or its underscore spelling) exists; crawlers {p}-raw-data-crawler and {p}-processed-data-crawler write to it from their own buckets with UPDATE_IN_DATABASE / LOG, CRAWL_EVERYTHING, lineage ENABLE and the {p}-security-config security configuration, and their last crawl SUCCEEDED (any schedule; the curated crawler is reported when present, never required).
import { GetCrawlerCommand, GetDatabaseCommand, GetDatabasesCommand, ListCrawlersCommand, type Crawler } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { crawlerSettingsSchema, crawlerSettings, lastCrawlStatus } from "../shared/glue-crawlers.js";
import { keyed, keyedSchema } from "../shared/keyed.js";
import { nearMisses } from "../shared/student-owned.js";

/** The crawlers of the template by role; curated only exists in the storage module's copy and is not graded. */
const GRADED = ["raw", "processed"] as const;
type Role = (typeof GRADED)[number] | "curated";
const NAME_KEY: Record<Role, string> = { raw: "rawCrawler", processed: "processedCrawler", curated: "curatedCrawler" };

/** The catalog database, by the template's name or its underscore spelling. */
const databaseSchema = orError(
  z.union([
    z.object({ name: z.string(), exists: z.literal(true), spelling: z.enum(["template", "underscores"]), locationUri: z.string().nullable() }),
    z.object({ name: z.string(), exists: z.literal(false), similar: orError(z.array(z.string())) }),
  ]),
);
type DatabaseFacts = z.infer<typeof databaseSchema>;

/** Per graded crawler (raw, processed): one setting. */
const perCrawler = <S extends z.ZodType>(s: S) => keyedSchema(GRADED, s).optional();

/** The facts of the catalog task (only database, crawlers and missing when a crawler could not be read). */
export const catalogFactsSchema = z.object({
  database: databaseSchema,
  /** Each crawler found (curated too), by role. */
  crawlers: orError(keyedSchema(["raw", "processed", "curated"], crawlerSettingsSchema.extend({ name: z.string() }))),
  missing: orError(z.array(z.string())),
  similar: orError(z.array(z.string())).optional(),
  curatedCrawler: orError(z.string()).optional(),
  databaseName: perCrawler(z.string().nullable()),
  writesToDatabase: perCrawler(z.boolean()),
  targets: perCrawler(z.array(z.string())),
  schemaChange: perCrawler(z.string()),
  recrawl: perCrawler(z.string().nullable()),
  lineage: perCrawler(z.string().nullable()),
  securityConfiguration: perCrawler(z.string().nullable()),
  lastCrawl: perCrawler(orError(z.string().nullable())),
  schedule: perCrawler(z.string().nullable()),
});
export type CatalogFacts = z.infer<typeof catalogFactsSchema>;

type CrawlerRead = { kind: "found"; crawler: Crawler } | { kind: "missing" } | { kind: "error"; fact: ErrorFact };

async function readCrawler(ctx: CheckContext, name: string): Promise<CrawlerRead> {
  const r = await ctx.read("glue", new GetCrawlerCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
  if (r.ok) return r.value.Crawler ? { kind: "found", crawler: r.value.Crawler } : { kind: "missing" };
  return r.missing ? { kind: "missing" } : { kind: "error", fact: r.fact };
}

async function crawlerNames(ctx: CheckContext): Promise<string[] | ErrorFact> {
  const r = await ctx.list("glue", (t) => new ListCrawlersCommand({ NextToken: t }), (o) => ({ items: o.CrawlerNames, next: o.NextToken }));
  return r.ok ? r.items : r.fact;
}

/**
 * The catalog database: the template's name ({project}_{env}_catalog keeps project_name's hyphens), or the same
 * with every hyphen an underscore (the spelling Athena needs no quotes for) — `spelling` says which was found.
 */
async function databaseFacts(ctx: CheckContext): Promise<DatabaseFacts> {
  const name = ctx.name("database");
  const underscored = name.replace(/-/g, "_");
  const spellings: [string, "template" | "underscores"][] = [[name, "template"], ...(underscored !== name ? [[underscored, "underscores"] as [string, "underscores"]] : [])];
  for (const [candidate, spelling] of spellings) {
    const r = await ctx.read("glue", new GetDatabaseCommand({ Name: candidate }), { missing: ["EntityNotFoundException"] });
    if (r.ok) return { name: candidate, exists: true, spelling, locationUri: r.value.Database?.LocationUri ?? null };
    if (!r.missing) return r.fact;
  }
  const all = await ctx.list("glue", (t) => new GetDatabasesCommand({ NextToken: t }), (o) => ({ items: o.DatabaseList, next: o.NextToken }));
  return { name, exists: false, similar: all.ok ? nearMisses(name, all.items.map((d) => d.Name ?? ""), ctx.student) : all.fact };
}

/** "UPDATE_IN_DATABASE / LOG": the crawler's schema change policy (update / delete behaviour) in one value. */
export function schemaChangeWords(c: Crawler): string {
  return `${c.SchemaChangePolicy?.UpdateBehavior ?? "unset"} / ${c.SchemaChangePolicy?.DeleteBehavior ?? "unset"}`;
}

/** catalog: the catalog database and the raw/processed crawlers. */
export const catalog: CheckModule<CatalogFacts> = {
  id: "catalog",
  description: "Glue catalog database and the raw/processed (and optional curated) crawlers: target database, S3 targets, schema change, recrawl and lineage settings, security configuration, last crawl.",
  names: ["database", "rawCrawler", "processedCrawler", "curatedCrawler", "securityConfig", "rawBucket", "rawBucketSeed", "processedBucket"],
  actions: ["glue:GetDatabase", "glue:GetDatabases", "glue:GetCrawler", "glue:ListCrawlers"],
  facts: catalogFactsSchema,
  async collect(ctx) {
    const roles: Role[] = [...GRADED, "curated"];
    const [database, reads] = await Promise.all([databaseFacts(ctx), Promise.all(roles.map((r) => readCrawler(ctx, ctx.name(NAME_KEY[r]))))]);
    const byRole = new Map(roles.map((r, i) => [r, reads[i]!]));
    const firstError = GRADED.map((r) => byRole.get(r)!).find((x): x is { kind: "error"; fact: ErrorFact } => x.kind === "error");
    if (firstError) return { database, crawlers: firstError.fact, missing: firstError.fact };
    const missing = GRADED.filter((r) => byRole.get(r)!.kind === "missing");
    let similar: string[] | ErrorFact | undefined;
    if (missing.length) {
      const all = await crawlerNames(ctx);
      similar = isErrorFact(all) ? all : [...new Set(missing.flatMap((r) => nearMisses(ctx.name(NAME_KEY[r]), all, ctx.student)))].slice(0, 10);
    }
    const found = roles.flatMap((r) => {
      const x = byRole.get(r)!;
      return x.kind === "found" ? [[r, x.crawler] as const] : [];
    });
    const graded = found.flatMap(([r, c]) => (r === "curated" ? [] : [[r, c] as const]));
    const map = <V>(f: (c: Crawler) => V) => keyed(graded.map(([r, c]) => [r, f(c)] as const));
    const secName = ctx.name("securityConfig");
    const settings = new Map(found.map(([r, c]) => [r, crawlerSettings(c, secName)]));
    const dbName = !isErrorFact(database) && database.exists ? database.name : null;
    const curated = byRole.get("curated")!;
    return {
      database,
      crawlers: keyed(found.map(([r, c]) => [r, { name: c.Name ?? "", ...settings.get(r)! }] as const)),
      missing: missing.map((r) => `${r}: ${ctx.name(NAME_KEY[r])}`),
      ...(similar !== undefined ? { similar } : {}),
      curatedCrawler: curated.kind === "found" ? "present (not graded: only the storage module creates it)" : curated.kind === "missing" ? "absent (not required)" : curated.fact,
      databaseName: map((c) => c.DatabaseName ?? null),
      writesToDatabase: map((c) => dbName !== null && (c.DatabaseName ?? "").toLowerCase() === dbName.toLowerCase()),
      targets: keyed(graded.map(([r]) => [r, settings.get(r)!.s3Paths] as const)),
      schemaChange: map(schemaChangeWords),
      recrawl: map((c) => c.RecrawlPolicy?.RecrawlBehavior ?? null),
      lineage: map((c) => c.LineageConfiguration?.CrawlerLineageSettings ?? null),
      securityConfiguration: map((c) => c.CrawlerSecurityConfiguration?.trim() || null),
      lastCrawl: map((c) => lastCrawlStatus(c, "glue:GetCrawler")),
      schedule: map((c) => c.Schedule?.ScheduleExpression ?? null),
    };
  },
};
