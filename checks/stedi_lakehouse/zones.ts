// The zone checks' shared body: the zone's tables as facts and, with --run-queries, their row counts.
import type { CheckContext } from "../../src/grade/check.js";
import type { Facts, Json } from "../../src/grade/facts.js";
import { NOT_RUN, asJson, countSql, noConsentSql, runCount } from "./athena.js";
import { zoneTables, type TableFacts, type TableId } from "./common.js";

/** The consent column of the customer tables (Glue lowercases column names). */
export const CONSENT_COLUMN = "sharewithresearchasofdate";

/** An extra query of a zone: given the database and the tables found, its fact. */
export type ZoneQuery = (db: string, found: Partial<Record<TableId, TableFacts>>) => Promise<Json>;

/**
 * Facts of a zone: `database`, one entry per table, `counts` (row counts by table id) and one fact per extra query.
 * Without --run-queries, `counts` and the extra facts are `{ notRun: "use --run-queries" }`; no query is started.
 */
export async function zoneFacts(ctx: CheckContext, ids: readonly TableId[], extras: Record<string, ZoneQuery> = {}): Promise<Facts> {
  const { database, tables, found } = await zoneTables(ctx, ids);
  const facts: Facts = { database, ...tables };
  if (!ctx.options.runQueries) {
    facts.counts = { ...NOT_RUN };
    for (const k of Object.keys(extras)) facts[k] = { ...NOT_RUN };
    return facts;
  }
  const d = database as { name?: string; exists?: boolean };
  const db = d.exists && d.name ? d.name : undefined;
  const counts: Record<string, Json> = {};
  await Promise.all([
    ...ids.map(async (id) => {
      const t = found[id];
      counts[id] = db && t?.table ? asJson(await runCount(ctx, db, countSql(db, t.table))) : null;
    }),
    ...Object.entries(extras).map(async ([k, q]) => {
      facts[k] = db ? await q(db, found) : null;
    }),
  ]);
  facts.counts = counts;
  return facts;
}

/** Rows without research consent in a customer table, or `{ noColumn }` when the table has no consent column. */
export async function noConsentRows(ctx: CheckContext, db: string, t: TableFacts | undefined): Promise<Json> {
  if (!t?.table) return null;
  if (!(t.columns ?? []).includes(CONSENT_COLUMN)) return { noColumn: "shareWithResearchAsOfDate" };
  return asJson(await runCount(ctx, db, noConsentSql(db, t.table, CONSENT_COLUMN)));
}
