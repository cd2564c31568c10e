// Curated — compliant: customer_curated (customers_curated accepted; customer columns only) at …/customer/curated/ and
// machine_learning_curated (step trainer readings with the accelerometer values of the same timestamp) in the curated
// zone; with --run-queries, the expected row counts.
import type { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { ATHENA_ACTIONS } from "./athena.js";
import { TABLE_ACTIONS } from "./common.js";
import { zoneFacts, zoneFactsSchema } from "./zones.js";

const TABLES = ["customer_curated", "machine_learning_curated"] as const;

/** The facts of the curated zone: its tables and their row counts. */
export const curatedFactsSchema = zoneFactsSchema(TABLES);
export type CuratedFacts = z.infer<typeof curatedFactsSchema>;

/** The curated zone. */
export const curated: CheckModule<CuratedFacts> = {
  id: "curated",
  description: "Curated tables customer_curated (or customers_curated) and machine_learning_curated: location and columns; with --run-queries, row counts.",
  names: ["database", "plainDatabase"],
  actions: [...TABLE_ACTIONS, ...ATHENA_ACTIONS],
  facts: curatedFactsSchema,
  collect: (ctx) => zoneFacts(ctx, TABLES),
};
