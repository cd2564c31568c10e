// Task 5 — compliant: the state machine has an athena:startQueryExecution(.sync) task whose query reads workshop_processed, and such a query SUCCEEDED in the Athena history (never started by the grader).
import type { CheckModule } from "../../src/grade/check.js";
import type { Facts } from "../../src/grade/facts.js";
import { stateMachineFact } from "./common.js";
import { ANCHOR_ACTIONS, findStateMachine, acceptedDatabases, mentionsDatabase, queriesOn, queryHistory } from "./discover.js";

/** Task 5: the Athena query step. */
export const athenaStep: CheckModule = {
  id: "athena_step",
  description: "Athena tasks of the state machine (startQueryExecution, .sync, QueryString / QueryExecutionContext naming the processed database) and SUCCEEDED queries on it in the Athena query history.",
  names: ["processedDb", "processedDbSuffixed"],
  actions: [...ANCHOR_ACTIONS, "athena:ListQueryExecutions", "athena:BatchGetQueryExecution"],
  async collect(ctx) {
    const [sm, history, dbs] = await Promise.all([findStateMachine(ctx), queryHistory(ctx), acceptedDatabases(ctx, "processed")]);
    const facts: Facts = { stateMachine: stateMachineFact(sm) };
    if (sm.kind === "found") {
      facts.athenaTasks = sm.analysis.tasks
        .filter((t) => t.kind === "athenaQuery")
        .map((t) => ({
          state: t.state,
          sync: t.sync,
          resource: t.resource,
          queryString: t.queryString,
          database: t.database,
          referencesProcessed: mentionsDatabase(t.queryString, dbs) || (t.database !== null && dbs.some((d) => d.toLowerCase() === t.database!.toLowerCase())),
          onMainPath: t.onMainPath,
        }));
    }
    if ("$error" in history) facts.history = history;
    else {
      const hits = queriesOn(history, dbs);
      // nothing found while a workgroup could not be read: unknown, not "no"
      facts.history =
        hits.length === 0 && history.unread
          ? history.unread
          : { workGroups: history.workGroups, scanned: history.scanned, succeededOnProcessed: hits.length, examples: hits.slice(0, 3).map((q) => ({ id: q.id, query: q.query.slice(0, 200), submitted: q.submitted })) };
    }
    return facts;
  },
};
