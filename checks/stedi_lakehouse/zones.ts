// The zone checks' shared body: the zone's tables as facts and, with --run-queries, their row counts.
import { z } from "zod";
import type { CheckContext } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { keyed } from "../shared/keyed.js";
import { NOT_RUN, countResultSchema, countSql, noConsentSql, notRunSchema, runCount, type CountResult } from "./athena.js";
import { databaseFactsSchema, zoneTables, zoneTableSchema, type DatabaseFacts, type FoundTable, type TableId, type ZoneTable } from "./common.js";

/** The consent column of the customer tables (Glue lowercases column names). */
export const CONSENT_COLUMN = "sharewithresearchasofdate";

/** The fact of an extra query: not run, null (no database or no table), no consent column, or its count. */
export const queryFactSchema = z.union([notRunSchema, z.object({ noColumn: z.literal("shareWithResearchAsOfDate") }), countResultSchema]).nullable();
export type QueryFact = z.infer<typeof queryFactSchema>;

/** An extra query of a zone: given the database and the tables found, its fact. */
export type ZoneQuery<K extends TableId> = (db: string, found: Partial<Record<K, FoundTable>>) => Promise<QueryFact>;

/** The facts of a zone of tables K with extra queries E. */
export type ZoneFacts<K extends TableId, E extends string> = { database: DatabaseFacts | ErrorFact; counts: typeof NOT_RUN | Record<K, CountResult | null> } & Record<K, ZoneTable> & Record<E, QueryFact>;

/** The declared facts of a zone of tables `ids` (extra queries are added with `.extend`). */
export function zoneFactsSchema<const K extends TableId>(ids: readonly K[]) {
  const each = <S extends z.ZodType>(s: S) => keyed(ids.map((id) => [id, s] as const));
  return z.object({ database: orError(databaseFactsSchema), ...each(zoneTableSchema), counts: z.union([notRunSchema, z.object(each(countResultSchema.nullable()))]) });
}

/**
 * Facts of a zone: `database`, one entry per table, `counts` (row counts by table id) and one fact per extra query.
 * Without --run-queries, `counts` and the extra facts are `{ notRun: "use --run-queries" }`; no query is started.
 */
export async function zoneFacts<K extends TableId, E extends string = never>(ctx: CheckContext, ids: readonly K[], extras: Readonly<Record<E, ZoneQuery<K>>> = {} as Record<E, ZoneQuery<K>>): Promise<ZoneFacts<K, E>> {
  const { database, tables, found } = await zoneTables(ctx, ids);
  const queries = Object.entries(extras) as [E, ZoneQuery<K>][];
  if (!ctx.options.runQueries) {
    return { database, ...keyed(tables), counts: { ...NOT_RUN }, ...keyed(queries.map(([k]) => [k, { ...NOT_RUN }] as const)) };
  }
  const db = "$error" in database || !database.exists ? undefined : database.name;
  const [counts, extra] = await Promise.all([
    Promise.all(
      ids.map(async (id) => {
        const t = found[id];
        return [id, db && t ? await runCount(ctx, db, countSql(db, t.table)) : null] as const;
      }),
    ),
    Promise.all(queries.map(async ([k, q]) => [k, db ? await q(db, found) : null] as const)),
  ]);
  return { database, ...keyed(tables), counts: keyed(counts), ...keyed(extra) };
}

/** Rows without research consent in a customer table, or `{ noColumn }` when the table has no consent column. */
export async function noConsentRows(ctx: CheckContext, db: string, t: FoundTable | undefined): Promise<QueryFact> {
  if (!t) return null;
  if (!t.columns.includes(CONSENT_COLUMN)) return { noColumn: "shareWithResearchAsOfDate" };
  return runCount(ctx, db, noConsentSql(db, t.table, CONSENT_COLUMN));
}
