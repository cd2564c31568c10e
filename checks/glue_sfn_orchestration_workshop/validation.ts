// Task 7 — compliant: the state machine has a SUCCEEDED execution, sample queries on both tables SUCCEEDED in Athena, and (judged by a person) the counts are right and the job logs show no errors.
import { ListExecutionsCommand, type ExecutionListItem } from "@aws-sdk/client-sfn";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import type { Facts, Json } from "../../src/grade/facts.js";
import { stateMachineFact } from "./common.js";
import { jobRuns } from "../shared/glue-jobs.js";
import { ANCHOR_ACTIONS, findJobs, findStateMachine, acceptedDatabases, queriesOn, queryHistory, type Layer, type QuerySummary } from "./discover.js";

/** What the counts criterion shows when queries are not allowed. */
export const NOT_RUN = "not run (use --run-queries)";

const execFacts = (e: ExecutionListItem) => ({ name: e.name ?? "", status: e.status ?? null, startDate: e.startDate instanceof Date ? e.startDate.toISOString() : null });

/** The value of the student's own latest COUNT query on a layer (GetQueryResults of a SUCCEEDED query; none is started). */
async function countOf(ctx: CheckContext, hits: QuerySummary[]): Promise<Json> {
  const q = hits.find((x) => /\bcount\s*\(/i.test(x.query));
  if (!q) return { query: null, value: null, note: "no SUCCEEDED COUNT query on this database in the history" };
  const r = await ctx.read("athena", new GetQueryResultsCommand({ QueryExecutionId: q.id, MaxResults: 2 }));
  if (!r.ok) return r.fact;
  const cell = r.value.ResultSet?.Rows?.[1]?.Data?.[0]?.VarCharValue;
  return { query: q.query.slice(0, 200), id: q.id, value: cell !== undefined && /^\d+$/.test(cell) ? Number(cell) : (cell ?? null) };
}

/** Task 7: testing and validation. */
export const validation: CheckModule = {
  id: "validation",
  description: "Executions of the state machine (SUCCEEDED), SUCCEEDED Athena queries on the raw and processed databases in the query history, the counts of the student's own COUNT queries (with --run-queries), and the job runs whose CloudWatch log streams a person checks.",
  names: ["rawDb", "rawDbSuffixed", "processedDb", "processedDbSuffixed"],
  actions: [...ANCHOR_ACTIONS, "states:ListExecutions", "athena:ListQueryExecutions", "athena:BatchGetQueryExecution", "athena:GetQueryResults", "glue:GetJobRuns", "glue:ListJobs", "glue:GetTags"],
  async collect(ctx) {
    const [sm, history, jobs] = await Promise.all([findStateMachine(ctx), queryHistory(ctx), findJobs(ctx)]);
    const facts: Facts = { stateMachine: stateMachineFact(sm) };
    if (sm.kind === "found") {
      const [ok, recent] = await Promise.all([
        ctx.read("sfn", new ListExecutionsCommand({ stateMachineArn: sm.arn, statusFilter: "SUCCEEDED", maxResults: 100 })),
        ctx.read("sfn", new ListExecutionsCommand({ stateMachineArn: sm.arn, maxResults: 5 })),
      ]);
      facts.executions = ok.ok && recent.ok ? { succeeded: ok.value.executions?.length ?? 0, recent: (recent.value.executions ?? []).map(execFacts) } : !ok.ok ? ok.fact : !recent.ok ? recent.fact : null;
    }
    const layers: Layer[] = ["raw", "processed"];
    if ("$error" in history) {
      facts.queries = history;
      facts.counts = history;
    } else {
      const accepted = await Promise.all(layers.map((l) => acceptedDatabases(ctx, l)));
      const hits = Object.fromEntries(layers.map((l, i) => [l, queriesOn(history, accepted[i]!)]));
      const complete = layers.every((l) => hits[l]!.length > 0);
      // a layer without queries while a workgroup could not be read: unknown, not "no"
      facts.queries =
        !complete && history.unread
          ? history.unread
          : {
              workGroups: history.workGroups,
              scanned: history.scanned,
              ...Object.fromEntries(layers.map((l) => [l, { succeeded: hits[l]!.length, examples: hits[l]!.slice(0, 2).map((q) => q.query.slice(0, 200)) }])),
            };
      facts.counts = ctx.options.runQueries ? Object.fromEntries(await Promise.all(layers.map(async (l) => [l, await countOf(ctx, hits[l]!)] as const))) : NOT_RUN;
    }
    // CloudWatch Logs cannot be read (no client): the runs and the streams a person should open.
    facts.jobLogs = await Promise.all(
      [jobs.ingest, jobs.transform].filter((j) => j !== null).map(async (j) => {
        const runs = await jobRuns(ctx, j!.name);
        const latest = "$error" in runs ? null : (runs.latest as { id?: string; logGroup?: string | null } | null);
        const id = latest?.id ?? null;
        return { job: j!.name, runId: id, logGroup: latest?.logGroup ?? null, streams: id ? [`/aws-glue/jobs/output/${id}`, `/aws-glue/jobs/error/${id}`] : [] };
      }),
    );
    return facts;
  },
};
