// Tasks 2 and 4 — compliant: a crawler writes to workshop_raw (workshop_processed), its S3 target is the raw/ data (the transformed data, not under raw/), its last crawl SUCCEEDED, and the database holds a parquet table with at least five columns.
import type { CheckModule } from "../../src/grade/check.js";
import type { Facts } from "../../src/grade/facts.js";
import { isErrorFact } from "../../src/grade/facts.js";
import { crawlerFact } from "./common.js";
import { parseS3 } from "../shared/s3-objects.js";
import { ANCHOR_ACTIONS, databaseFacts, findCrawler, type Layer } from "./discover.js";

function catalogCheck(layer: Layer, id: string, title: string): CheckModule {
  return {
    id,
    description: `${title}: the crawler writing to the ${layer} database (found through the state machine, StudentID tag, name, or the database), its S3 targets and last crawl; the database and its tables (classification, columns).`,
    names: ["rawPrefix", "rawDb", "rawDbSuffixed", "processedDb", "processedDbSuffixed"],
    actions: ["glue:GetCrawlers", "glue:GetTags", "glue:GetDatabase", "glue:GetTables", ...ANCHOR_ACTIONS],
    async collect(ctx) {
      const crawler = await crawlerFact(ctx, layer);
      const pick = await findCrawler(ctx, layer);
      const crawlerDb = pick.kind === "found" ? (pick.crawler.DatabaseName ?? null) : null;
      const { database, tables } = await databaseFacts(ctx, layer, crawlerDb);
      const facts: Facts = { crawler, database, tables };
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
