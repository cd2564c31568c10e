import { NOT_RUN, asJson, countSql, noConsentSql, runCount } from "./athena.js";
import { zoneTables } from "./common.js";
/** The consent column of the customer tables (Glue lowercases column names). */
export const CONSENT_COLUMN = "sharewithresearchasofdate";
/**
 * Facts of a zone: `database`, one entry per table, `counts` (row counts by table id) and one fact per extra query.
 * Without --run-queries, `counts` and the extra facts are `{ notRun: "use --run-queries" }`; no query is started.
 */
export async function zoneFacts(ctx, ids, extras = {}) {
    const { database, tables, found } = await zoneTables(ctx, ids);
    const facts = { database, ...tables };
    if (!ctx.options.runQueries) {
        facts.counts = { ...NOT_RUN };
        for (const k of Object.keys(extras))
            facts[k] = { ...NOT_RUN };
        return facts;
    }
    const d = database;
    const db = d.exists && d.name ? d.name : undefined;
    const counts = {};
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
export async function noConsentRows(ctx, db, t) {
    if (!t?.table)
        return null;
    if (!(t.columns ?? []).includes(CONSENT_COLUMN))
        return { noColumn: "shareWithResearchAsOfDate" };
    return asJson(await runCount(ctx, db, noConsentSql(db, t.table, CONSENT_COLUMN)));
}
