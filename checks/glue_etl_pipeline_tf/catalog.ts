// catalog — compliant: database {project}_{env}_catalog (or its underscore spelling) exists; crawlers {p}-raw-data-crawler and {p}-processed-data-crawler write to it from their own buckets with UPDATE_IN_DATABASE / LOG, CRAWL_EVERYTHING, lineage ENABLE and the {p}-security-config security configuration, and their last crawl SUCCEEDED (any schedule; the curated crawler is reported when present, never required).
import { GetCrawlerCommand, GetDatabaseCommand, GetDatabasesCommand, ListCrawlersCommand, type Crawler } from "@aws-sdk/client-glue";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, type ErrorFact, type Facts, type Json } from "../../src/grade/facts.js";
import { crawlerSettings, lastCrawlStatus } from "../shared/glue-crawlers.js";
import { nearMisses } from "../shared/student-owned.js";

/** The crawlers of the template by role; curated only exists in the storage module's copy and is not graded. */
const GRADED = ["raw", "processed"] as const;
type Role = (typeof GRADED)[number] | "curated";
const NAME_KEY: Record<Role, string> = { raw: "rawCrawler", processed: "processedCrawler", curated: "curatedCrawler" };

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
async function databaseFacts(ctx: CheckContext): Promise<Json | ErrorFact> {
  const name = ctx.name("database");
  const underscored = name.replace(/-/g, "_");
  for (const [candidate, spelling] of [[name, "template"], ...(underscored !== name ? [[underscored, "underscores"]] : [])] as const) {
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
export const catalog: CheckModule = {
  id: "catalog",
  description: "Glue catalog database and the raw/processed (and optional curated) crawlers: target database, S3 targets, schema change, recrawl and lineage settings, security configuration, last crawl.",
  names: ["database", "rawCrawler", "processedCrawler", "curatedCrawler", "securityConfig", "rawBucket", "rawBucketSeed", "processedBucket"],
  actions: ["glue:GetDatabase", "glue:GetDatabases", "glue:GetCrawler", "glue:ListCrawlers"],
  async collect(ctx) {
    const roles: Role[] = [...GRADED, "curated"];
    const [database, reads] = await Promise.all([databaseFacts(ctx), Promise.all(roles.map((r) => readCrawler(ctx, ctx.name(NAME_KEY[r]))))]);
    const byRole = new Map(roles.map((r, i) => [r, reads[i]!]));
    const facts: Facts = { database };
    const firstError = GRADED.map((r) => byRole.get(r)!).find((x): x is { kind: "error"; fact: ErrorFact } => x.kind === "error");
    if (firstError) {
      facts.crawlers = firstError.fact;
      facts.missing = firstError.fact;
      return facts;
    }
    const missing = GRADED.filter((r) => byRole.get(r)!.kind === "missing");
    facts.missing = missing.map((r) => `${r}: ${ctx.name(NAME_KEY[r])}`);
    if (missing.length) {
      const all = await crawlerNames(ctx);
      facts.similar = isErrorFact(all) ? all : [...new Set(missing.flatMap((r) => nearMisses(ctx.name(NAME_KEY[r]), all, ctx.student)))].slice(0, 10);
    }
    const found = roles.flatMap((r) => {
      const x = byRole.get(r)!;
      return x.kind === "found" ? [[r, x.crawler] as const] : [];
    });
    const graded = found.filter(([r]) => r !== "curated");
    const map = (f: (c: Crawler) => Json) => Object.fromEntries(graded.map(([r, c]) => [r, f(c)])) as { [k: string]: Json };
    const secName = ctx.name("securityConfig");
    const settings = new Map(found.map(([r, c]) => [r, crawlerSettings(c, secName)]));
    facts.crawlers = Object.fromEntries(found.map(([r, c]) => [r, { name: c.Name ?? "", ...settings.get(r)! }])) as { [k: string]: Json };
    const curated = byRole.get("curated")!;
    facts.curatedCrawler = curated.kind === "found" ? "present (not graded: only the storage module creates it)" : curated.kind === "missing" ? "absent (not required)" : curated.fact;
    facts.databaseName = map((c) => c.DatabaseName ?? null);
    const dbName = !isErrorFact(database) && typeof database === "object" && database !== null && !Array.isArray(database) && database.exists === true ? String(database.name) : null;
    facts.writesToDatabase = map((c) => dbName !== null && (c.DatabaseName ?? "").toLowerCase() === dbName.toLowerCase());
    facts.targets = Object.fromEntries(graded.map(([r]) => [r, settings.get(r)!.s3Paths!])) as { [k: string]: Json };
    facts.schemaChange = map(schemaChangeWords);
    facts.recrawl = map((c) => c.RecrawlPolicy?.RecrawlBehavior ?? null);
    facts.lineage = map((c) => c.LineageConfiguration?.CrawlerLineageSettings ?? null);
    facts.securityConfiguration = map((c) => c.CrawlerSecurityConfiguration?.trim() || null);
    facts.lastCrawl = map((c) => lastCrawlStatus(c, "glue:GetCrawler"));
    facts.schedule = map((c) => c.Schedule?.ScheduleExpression ?? null);
    return facts;
  },
};
