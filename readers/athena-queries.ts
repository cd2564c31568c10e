// Athena query history of a workgroup: the latest queries (SQL clipped), their state and database, and how many succeeded.
import { z } from "zod";
import { BatchGetQueryExecutionCommand, ListQueryExecutionsCommand } from "@aws-sdk/client-athena";
import type { Facts } from "../src/grade/facts.js";
import { defineReader, errorFactSchema } from "./reader.js";

const MAX_QUERIES = 50;

/** Reads the most recent queries of a workgroup (one BatchGetQueryExecution of at most 50). */
export const reader = defineReader({
  id: "athena.queries",
  description: "The most recent Athena queries of a workgroup (at most 50): each query's SQL (clipped to 500 characters), state, database and statement type; how many succeeded; and the SQL of the succeeded ones, upper-cased, for `contains` criteria.",
  params: z.object({ workgroup: z.string().default("primary") }).strict(),
  facts: z.union([
    z.object({
      count: z.number(),
      succeeded: z.number(),
      queries: z.array(z.object({ sql: z.string(), state: z.string().nullable(), database: z.string().nullable(), statementType: z.string().nullable() })),
      succeededSql: z.array(z.string()),
    }),
    errorFactSchema,
  ]),
  actions: ["athena:ListQueryExecutions", "athena:BatchGetQueryExecution"],
  async read(ctx, { workgroup }) {
    const ids = await ctx.list("athena", (t) => new ListQueryExecutionsCommand({ WorkGroup: workgroup, NextToken: t, MaxResults: MAX_QUERIES }), (o) => ({ items: o.QueryExecutionIds, next: o.NextToken }), { maxPages: 10, partialOk: true });
    if (!ids.ok) return ids.missing ? { count: 0, succeeded: 0, queries: [], succeededSql: [] } : (ids.fact as unknown as Facts);
    const wanted = ids.items.slice(0, MAX_QUERIES);
    if (!wanted.length) return { count: 0, succeeded: 0, queries: [], succeededSql: [] };
    const got = await ctx.read("athena", new BatchGetQueryExecutionCommand({ QueryExecutionIds: wanted }));
    if (!got.ok) return got.fact as unknown as Facts;
    const queries = (got.value.QueryExecutions ?? []).map((q) => ({ sql: (q.Query ?? "").slice(0, 500), state: q.Status?.State ?? null, database: q.QueryExecutionContext?.Database ?? null, statementType: q.StatementType ?? null }));
    const ok = queries.filter((q) => q.state === "SUCCEEDED");
    return { count: queries.length, succeeded: ok.length, queries, succeededSql: ok.map((q) => q.sql.toUpperCase().replace(/\s+/g, " ")) };
  },
});
