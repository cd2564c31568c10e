// Trusted — compliant: customer_trusted, accelerometer_trusted (accelerometer columns only) and step_trainer_trusted at
// …/customer/trusted/, …/accelerometer/trusted/, …/step_trainer/trusted/; with --run-queries, the expected row counts
// and no customer_trusted row without research consent (null, empty or 0 shareWithResearchAsOfDate).
import type { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { ATHENA_ACTIONS } from "./athena.js";
import { TABLE_ACTIONS } from "./common.js";
import { noConsentRows, queryFactSchema, zoneFacts, zoneFactsSchema } from "./zones.js";

const TABLES = ["customer_trusted", "accelerometer_trusted", "step_trainer_trusted"] as const;

/** The facts of the trusted zone: its tables, their row counts and the customer_trusted rows without research consent. */
export const trustedFactsSchema = zoneFactsSchema(TABLES).extend({ withoutConsent: queryFactSchema });
export type TrustedFacts = z.infer<typeof trustedFactsSchema>;

/** The trusted zone. */
export const trusted: CheckModule<TrustedFacts> = {
  id: "trusted",
  description: "Trusted tables customer_trusted, accelerometer_trusted, step_trainer_trusted: location and columns; with --run-queries, row counts and customer_trusted rows without research consent.",
  names: ["database", "plainDatabase"],
  actions: [...TABLE_ACTIONS, ...ATHENA_ACTIONS],
  facts: trustedFactsSchema,
  collect: (ctx) =>
    zoneFacts(ctx, TABLES, {
      withoutConsent: (db, found) => noConsentRows(ctx, db, found.customer_trusted),
    }),
};
