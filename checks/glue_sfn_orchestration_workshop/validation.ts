// Task 7 — compliant: the state machine has a SUCCEEDED execution, sample queries on both tables SUCCEEDED in Athena, and (judged by a person) the counts are right and the job logs show no errors.
import { ListExecutionsCommand, type ExecutionListItem } from "@aws-sdk/client-sfn";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError } from "../../src/grade/facts.js";
import { stateMachineFact, stateMachineFactSchema } from "./common.js";
import { jobRuns } from "../shared/glue-jobs.js";
import { ANCHOR_ACTIONS, findJobs, findStateMachine, acceptedDatabases, queriesOn, queryHistory, type Layer, type QueryHistory, type QuerySummary } from "./discover.js";

const LAYERS = ["raw", "processed"] as const satisfies readonly Layer[];

/** What the counts criterion shows when queries are not allowed. */
export const NOT_RUN = "not run (use --run-queries)";

/** The student's latest COUNT query on a layer and the value it returned (none found: a note). */
const countFactSchema = orError(
  z.union([
    z.object({ query: z.null(), value: z.null(), note: z.string() }),
    z.object({ query: z.string(), id: z.string(), value: z.union([z.number(), z.string()]).nullable() }),
  ]),
);
type CountFact = z.infer<typeof countFactSchema>;

const layerQueriesSchema = z.object({ succeeded: z.number(), examples: z.array(z.string()) });

/** The facts of Task 7 (`executions` only when the state machine was found). */
export const validationFactsSchema = z.object({
  stateMachine: stateMachineFactSchema,
  executions: orError(z.object({ succeeded: z.number(), recent: z.array(z.object({ name: z.string(), status: z.string().nullable(), startDate: z.string().nullable() })) })).optional(),
  /** SUCCEEDED queries per layer in the history (an ErrorFact when a layer has none and a workgroup could not be read). */
  queries: orError(z.object({ workGroups: z.array(z.string()), scanned: z.number(), raw: layerQueriesSchema, processed: layerQueriesSchema })),
  counts: orError(z.union([z.literal(NOT_RUN), z.object({ raw: countFactSchema, processed: countFactSchema })])),
  /** The runs whose CloudWatch log streams a person opens. */
  jobLogs: z.array(z.object({ job: z.string(), runId: z.string().nullable(), logGroup: z.string().nullable(), streams: z.array(z.string()) })),
});
export type ValidationFacts = z.infer<typeof validationFactsSchema>;

const execFacts = (e: ExecutionListItem) => ({ name: e.name ?? "", status: e.status ?? null, startDate: e.startDate instanceof Date ? e.startDate.toISOString() : null });

/** The value of the student's own latest COUNT query on a layer (GetQueryResults of a SUCCEEDED query; none is started). */
async function countOf(ctx: CheckContext, hits: QuerySummary[]): Promise<CountFact> {
  const q = hits.find((x) => /\bcount\s*\(/i.test(x.query));
  if (!q) return { query: null, value: null, note: "no SUCCEEDED COUNT query on this database in the history" };
  const r = await ctx.read("athena", new GetQueryResultsCommand({ QueryExecutionId: q.id, MaxResults: 2 }));
  if (!r.ok) return r.fact;
  const cell = r.value.ResultSet?.Rows?.[1]?.Data?.[0]?.VarCharValue;
  return { query: q.query.slice(0, 200), id: q.id, value: cell !== undefined && /^\d+$/.test(cell) ? Number(cell) : (cell ?? null) };
}

/** Task 7: testing and validation. */
export const validation: CheckModule<ValidationFacts> = {
  id: "validation",
  description: "Executions of the state machine (SUCCEEDED), SUCCEEDED Athena queries on the raw and processed databases in the query history, the counts of the student's own COUNT queries (with --run-queries), and the job runs whose CloudWatch log streams a person checks.",
  names: ["rawDb", "rawDbSuffixed", "processedDb", "processedDbSuffixed"],
  actions: [...ANCHOR_ACTIONS, "states:ListExecutions", "athena:ListQueryExecutions", "athena:BatchGetQueryExecution", "athena:GetQueryResults", "glue:GetJobRuns", "glue:ListJobs", "glue:GetTags"],
  facts: validationFactsSchema,
  async collect(ctx) {
    const [sm, history, jobs] = await Promise.all([findStateMachine(ctx), queryHistory(ctx), findJobs(ctx)]);
    let executions: ValidationFacts["executions"];
    if (sm.kind === "found") {
      const [ok, recent] = await Promise.all([
        ctx.read("sfn", new ListExecutionsCommand({ stateMachineArn: sm.arn, statusFilter: "SUCCEEDED", maxResults: 100 })),
        ctx.read("sfn", new ListExecutionsCommand({ stateMachineArn: sm.arn, maxResults: 5 })),
      ]);
      executions = !ok.ok ? ok.fact : !recent.ok ? recent.fact : { succeeded: ok.value.executions?.length ?? 0, recent: (recent.value.executions ?? []).map(execFacts) };
    }
    const { queries, counts } = isErrorFact(history) ? { queries: history, counts: history } : await layerQueries(ctx, history);
    // CloudWatch Logs cannot be read (no client): the runs and the streams a person should open.
    const jobLogs = await Promise.all(
      [jobs.ingest, jobs.transform]
        .filter((j) => j !== null)
        .map(async (j) => {
          const runs = await jobRuns(ctx, j.name);
          const latest = isErrorFact(runs) ? null : runs.latest;
          const id = latest?.id ?? null;
          return { job: j.name, runId: id, logGroup: latest?.logGroup ?? null, streams: id ? [`/aws-glue/jobs/output/${id}`, `/aws-glue/jobs/error/${id}`] : [] };
        }),
    );
    return { stateMachine: stateMachineFact(sm), ...(executions ? { executions } : {}), queries, counts, jobLogs };
  },
};

/** SUCCEEDED queries on each layer's databases, and (with --run-queries) the values of the student's COUNT queries. */
async function layerQueries(ctx: CheckContext, history: QueryHistory): Promise<Pick<ValidationFacts, "queries" | "counts">> {
  const [raw, processed] = await Promise.all(LAYERS.map(async (l) => queriesOn(history, await acceptedDatabases(ctx, l))));
  const summary = (hits: QuerySummary[]) => ({ succeeded: hits.length, examples: hits.slice(0, 2).map((q) => q.query.slice(0, 200)) });
  // a layer without queries while a workgroup could not be read: unknown, not "no"
  const queries: ValidationFacts["queries"] =
    (!raw!.length || !processed!.length) && history.unread
      ? history.unread
      : { workGroups: history.workGroups, scanned: history.scanned, raw: summary(raw!), processed: summary(processed!) };
  if (!ctx.options.runQueries) return { queries, counts: NOT_RUN };
  const [rawCount, processedCount] = await Promise.all([countOf(ctx, raw!), countOf(ctx, processed!)]);
  return { queries, counts: { raw: rawCount, processed: processedCount } };
}
