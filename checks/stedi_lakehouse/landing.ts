// Landing — compliant: customer_landing, accelerometer_landing and step_trainer_landing in the student's database at
// …/customer/landing/, …/accelerometer/landing/, …/step_trainer/landing/, holding every JSON field with typed columns
// (not all strings); with --run-queries, the expected row counts and some customers without research consent.
import type { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { ATHENA_ACTIONS } from "./athena.js";
import { TABLE_ACTIONS } from "./common.js";
import { noConsentRows, queryFactSchema, zoneFacts, zoneFactsSchema } from "./zones.js";

const TABLES = ["customer_landing", "accelerometer_landing", "step_trainer_landing"] as const;

/** The facts of the landing zone: its tables, their row counts and the customers without research consent. */
export const landingFactsSchema = zoneFactsSchema(TABLES).extend({ withoutConsent: queryFactSchema });
export type LandingFacts = z.infer<typeof landingFactsSchema>;

/** The landing zone. */
export const landing: CheckModule<LandingFacts> = {
  id: "landing",
  description: "Landing tables customer_landing, accelerometer_landing, step_trainer_landing: location, columns and types; with --run-queries, row counts and the customers without research consent.",
  names: ["database", "plainDatabase"],
  actions: [...TABLE_ACTIONS, ...ATHENA_ACTIONS],
  facts: landingFactsSchema,
  collect: (ctx) =>
    zoneFacts(ctx, TABLES, {
      withoutConsent: (db, found) => noConsentRows(ctx, db, found.customer_landing),
    }),
};
