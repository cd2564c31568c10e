// Tasks 2 and 4 — compliant: a crawler writes to workshop_raw (workshop_processed), its S3 target is the raw/ data (the transformed data, not under raw/), its last crawl SUCCEEDED, and the database holds a parquet table with at least five columns.
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError } from "../../src/grade/facts.js";
import { crawlerFact, crawlerFactSchema } from "./common.js";
import { parseS3 } from "../shared/s3-objects.js";
import { ANCHOR_ACTIONS, databaseFacts, databaseFactSchema, findCrawler, tableFactSchema, type Layer } from "./discover.js";

/** The facts of Tasks 2 and 4 (`targets` and `writesTo` only when the crawler was found). */
export const catalogFactsSchema = z.object({
  crawler: crawlerFactSchema,
  database: databaseFactSchema,
  tables: orError(z.array(tableFactSchema)),
  /** The crawler's S3 targets, and whether each lies under raw/. */
  targets: z.array(z.object({ path: z.string(), bucket: z.string().nullable(), prefix: z.string().nullable(), underRaw: z.boolean() })).optional(),
  /** The database the crawler writes to. */
  writesTo: z.string().nullable().optional(),
});
export type CatalogFacts = z.infer<typeof catalogFactsSchema>;

function catalogCheck(layer: Layer, id: string, title: string): CheckModule<CatalogFacts> {
  return {
    id,
    description: `${title}: the crawler writing to the ${layer} database (found through the state machine, StudentID tag, name, or the database), its S3 targets and last crawl; the database and its tables (classification, columns).`,
    names: ["rawPrefix", "rawDb", "rawDbSuffixed", "processedDb", "processedDbSuffixed"],
    actions: ["glue:GetCrawlers", "glue:GetTags", "glue:GetDatabase", "glue:GetTables", ...ANCHOR_ACTIONS],
    facts: catalogFactsSchema,
    async collect(ctx) {
      const crawler = await crawlerFact(ctx, layer);
      const pick = await findCrawler(ctx, layer);
      const crawlerDb = pick.kind === "found" ? (pick.crawler.DatabaseName ?? null) : null;
      const { database, tables } = await databaseFacts(ctx, layer, crawlerDb);
      const facts: CatalogFacts = { crawler, database, tables };
      if (!isErrorFact(crawler) && pick.kind === "found") {
        const raw = ctx.name("rawPrefix");
        facts.targets = (pick.crawler.Targets?.S3Targets ?? []).map((t) => {
          const p = parseS3(t.Path);
          return { path: t.Path ?? "", bucket: p?.bucket ?? null, prefix: p?.prefix ?? null, underRaw: p ? p.prefix.startsWith(raw) : false };
        });
        facts.writesTo = crawlerDb;
      }
      return facts;
    },
  };
}

/** Task 2: the raw data catalog (workshop_raw). */
export const rawCatalog = catalogCheck("raw", "raw_catalog", "Task 2");
/** Task 4: the processed data catalog (workshop_processed). */
export const processedCatalog = catalogCheck("processed", "processed_catalog", "Task 4");
