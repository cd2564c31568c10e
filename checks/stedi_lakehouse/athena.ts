// Athena queries behind --run-queries: start one (the only call that writes: query results to S3, and it is billed),
// poll its state within a bounded time, read the single number it returns. Never throws.
import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, type StartQueryExecutionInput } from "@aws-sdk/client-athena";
import { z } from "zod";
import { CheckContext, errorFact } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import { once } from "../shared/per-run.js";

/** What a check reports instead of a number when queries were not allowed for this run. */
export const NOT_RUN = { notRun: "use --run-queries" } as const;
export const notRunSchema = z.object({ notRun: z.literal(NOT_RUN.notRun) });

/** Polling: first wait, growth, longest wait, and the deadline for one query (tests shorten these). */
export const athenaTiming = { firstPollMs: 500, maxPollMs: 3000, deadlineMs: 120_000, concurrency: 4 };

/**
 * The read actions of a query, declared by the zone checks. `athena:StartQueryExecution` (plus s3:PutObject and
 * s3:GetBucketLocation on the result location, and glue/s3 reads of the tables' data) is NOT declared: a check's
 * `actions` feed the read-only grader policy (`glue-validate policy`), and --run-queries needs those extra permissions.
 */
export const ATHENA_ACTIONS = ["athena:GetQueryExecution", "athena:GetQueryResults"] as const;

/** What --run-queries needs beyond the read-only policy (documented in docs/stedi.md). */
export const RUN_QUERIES_EXTRA_ACTIONS = ["athena:StartQueryExecution", "s3:PutObject", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "glue:GetTable"] as const;

/** A count, or why there is none: the query failed in Athena (a student problem, e.g. unreadable data) or a call failed (ErrorFact). */
export const countResultSchema = orError(z.union([z.number(), z.object({ failed: z.string(), state: z.string() })]));
export type CountResult = z.infer<typeof countResultSchema>;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** "a" → "\"a\"" with embedded quotes doubled (Athena/Presto identifier quoting). */
export function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A small semaphore per run, so a grading run never floods the account's Athena concurrency quota. */
function limiter(ctx: CheckContext): Promise<(fn: () => Promise<CountResult>) => Promise<CountResult>> {
  return once(ctx, "athena-limiter", async () => {
    let active = 0;
    const waiting: (() => void)[] = [];
    return async (fn: () => Promise<CountResult>) => {
      while (active >= athenaTiming.concurrency) await new Promise<void>((r) => waiting.push(r));
      active++;
      try {
        return await fn();
      } finally {
        active--;
        waiting.shift()?.();
      }
    };
  });
}

/**
 * One fresh read: the session memoises identical calls, which would freeze a poll on its first answer, so each poll
 * goes through a scoped view whose answer is dropped from the shared memo right after.
 */
async function freshRead(ctx: CheckContext, id: string) {
  const view = ctx.aws.scope();
  try {
    return await ctx.withSession(view).read("athena", new GetQueryExecutionCommand({ QueryExecutionId: id }));
  } finally {
    view.release(() => true);
  }
}

/** Runs `sql` (a query whose first column of its first data row is a number) in `database`; returns that number. */
export async function runCount(ctx: CheckContext, database: string, sql: string): Promise<CountResult> {
  const run = await limiter(ctx);
  return run(async () => {
    const input: StartQueryExecutionInput = {
      QueryString: sql,
      QueryExecutionContext: { Database: database, Catalog: "AwsDataCatalog" },
      ...(ctx.options.athenaWorkgroup ? { WorkGroup: ctx.options.athenaWorkgroup } : {}),
      ...(ctx.options.athenaOutput ? { ResultConfiguration: { OutputLocation: ctx.options.athenaOutput } } : {}),
    };
    const started = await ctx.read("athena", new StartQueryExecutionCommand(input));
    if (!started.ok) return started.fact;
    const id = started.value.QueryExecutionId;
    if (!id) return errorFact("athena", "StartQueryExecution", new Error("Athena returned no QueryExecutionId"));
    const deadline = Date.now() + athenaTiming.deadlineMs;
    let wait = athenaTiming.firstPollMs;
    for (;;) {
      const got = await freshRead(ctx, id);
      if (!got.ok) return got.fact;
      const status = got.value.QueryExecution?.Status;
      const state = status?.State ?? "UNKNOWN";
      if (state === "SUCCEEDED") break;
      if (state === "FAILED" || state === "CANCELLED") {
        const reason = status?.AthenaError?.ErrorMessage ?? status?.StateChangeReason ?? state;
        return { failed: reason.slice(0, 300), state };
      }
      if (Date.now() + wait > deadline) {
        return { $error: { action: "athena:GetQueryExecution", kind: "timeout", message: `query ${id} still ${state} after ${Math.round(athenaTiming.deadlineMs / 1000)} s` } };
      }
      await sleep(wait);
      wait = Math.min(athenaTiming.maxPollMs, Math.round(wait * 1.5));
    }
    const res = await ctx.read("athena", new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 10 }));
    if (!res.ok) return res.fact;
    // The first row of a SELECT's result set is the header row.
    const rows = res.value.ResultSet?.Rows ?? [];
    const cell = rows[1]?.Data?.[0]?.VarCharValue;
    const n = cell === undefined ? NaN : Number(cell);
    if (!Number.isFinite(n)) return { failed: `the query returned no number (${JSON.stringify(cell ?? null)})`, state: "SUCCEEDED" };
    return n;
  });
}

/** SQL: rows of a table. */
export function countSql(database: string, table: string): string {
  return `SELECT COUNT(*) FROM ${quoteIdent(database)}.${quoteIdent(table)}`;
}

/** SQL: rows without research consent (null, empty or 0 shareWithResearchAsOfDate), whatever the column's type. */
export function noConsentSql(database: string, table: string, column: string): string {
  const c = quoteIdent(column);
  return `SELECT COUNT(*) FROM ${quoteIdent(database)}.${quoteIdent(table)} WHERE ${c} IS NULL OR TRIM(CAST(${c} AS varchar)) IN ('', '0')`;
}
