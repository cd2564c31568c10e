// Task 5 — compliant: the state machine has an athena:startQueryExecution(.sync) task whose query reads workshop_processed, and such a query SUCCEEDED in the Athena history (never started by the grader).
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError } from "../../src/grade/facts.js";
import { stateMachineFact, stateMachineFactSchema } from "./common.js";
import { ANCHOR_ACTIONS, findStateMachine, acceptedDatabases, mentionsDatabase, queriesOn, queryHistory } from "./discover.js";

/** The facts of Task 5 (`athenaTasks` only when the state machine was found). */
export const athenaStepFactsSchema = z.object({
  stateMachine: stateMachineFactSchema,
  athenaTasks: z
    .array(
      z.object({
        state: z.string(),
        sync: z.boolean(),
        resource: z.string(),
        queryString: z.string().nullable(),
        database: z.string().nullable(),
        /** The query or its context database names the processed database. */
        referencesProcessed: z.boolean(),
        onMainPath: z.boolean(),
      }),
    )
    .optional(),
  /** SUCCEEDED queries on the processed database in the history (an ErrorFact when none was found and a workgroup could not be read). */
  history: orError(
    z.object({
      workGroups: z.array(z.string()),
      scanned: z.number(),
      succeededOnProcessed: z.number(),
      examples: z.array(z.object({ id: z.string(), query: z.string(), submitted: z.string().nullable() })),
    }),
  ),
});
export type AthenaStepFacts = z.infer<typeof athenaStepFactsSchema>;

/** Task 5: the Athena query step. */
export const athenaStep: CheckModule<AthenaStepFacts> = {
  id: "athena_step",
  description: "Athena tasks of the state machine (startQueryExecution, .sync, QueryString / QueryExecutionContext naming the processed database) and SUCCEEDED queries on it in the Athena query history.",
  names: ["processedDb", "processedDbSuffixed"],
  actions: [...ANCHOR_ACTIONS, "athena:ListQueryExecutions", "athena:BatchGetQueryExecution"],
  facts: athenaStepFactsSchema,
  async collect(ctx) {
    const [sm, history, dbs] = await Promise.all([findStateMachine(ctx), queryHistory(ctx), acceptedDatabases(ctx, "processed")]);
    const athenaTasks =
      sm.kind === "found"
        ? sm.analysis.tasks
            .filter((t) => t.kind === "athenaQuery")
            .map((t) => ({
              state: t.state,
              sync: t.sync,
              resource: t.resource,
              queryString: t.queryString,
              database: t.database,
              referencesProcessed: mentionsDatabase(t.queryString, dbs) || (t.database !== null && dbs.some((d) => d.toLowerCase() === t.database!.toLowerCase())),
              onMainPath: t.onMainPath,
            }))
        : undefined;
    const hits = isErrorFact(history) ? [] : queriesOn(history, dbs);
    return {
      stateMachine: stateMachineFact(sm),
      ...(athenaTasks ? { athenaTasks } : {}),
      history: isErrorFact(history)
        ? history
        : // nothing found while a workgroup could not be read: unknown, not "no"
          hits.length === 0 && history.unread
          ? history.unread
          : { workGroups: history.workGroups, scanned: history.scanned, succeededOnProcessed: hits.length, examples: hits.slice(0, 3).map((q) => ({ id: q.id, query: q.query.slice(0, 200), submitted: q.submitted })) },
    };
  },
};
