// Queries — the run's switch, not the student's work: whether Athena row counts may run (--run-queries). The count and
// consent criteria of the zones require it, so without the flag they are skipped with this one reason.
import type { CheckModule } from "../../src/grade/check.js";

/** Whether this run may start Athena queries, and where they would run and write. */
export const queries: CheckModule = {
  id: "queries",
  description: "Whether this run may start Athena queries (--run-queries), with the workgroup and output location given.",
  names: [],
  actions: [],
  async collect(ctx) {
    return {
      enabled: ctx.options.runQueries === true,
      workGroup: ctx.options.athenaWorkgroup ?? null,
      outputLocation: ctx.options.athenaOutput ?? null,
    };
  },
};
