// Queries — the run's switch, not the student's work: whether Athena row counts may run (--run-queries). The count and
// consent criteria of the zones require it, so without the flag they are skipped with this one reason.
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";

/** Whether queries may run (--run-queries), and the workgroup and output location given. */
export const queriesFactsSchema = z.object({ enabled: z.boolean(), workGroup: z.string().nullable(), outputLocation: z.string().nullable() });
export type QueriesFacts = z.infer<typeof queriesFactsSchema>;

/** Whether this run may start Athena queries, and where they would run and write. */
export const queries: CheckModule<QueriesFacts> = {
  id: "queries",
  description: "Whether this run may start Athena queries (--run-queries), with the workgroup and output location given.",
  names: [],
  actions: [],
  facts: queriesFactsSchema,
  async collect(ctx) {
    return {
      enabled: ctx.options.runQueries === true,
      workGroup: ctx.options.athenaWorkgroup ?? null,
      outputLocation: ctx.options.athenaOutput ?? null,
    };
  },
};
