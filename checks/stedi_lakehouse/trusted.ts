// Trusted — compliant: customer_trusted, accelerometer_trusted (accelerometer columns only) and step_trainer_trusted at
// …/customer/trusted/, …/accelerometer/trusted/, …/step_trainer/trusted/; with --run-queries, the expected row counts
// and no customer_trusted row without research consent (null, empty or 0 shareWithResearchAsOfDate).
import type { CheckModule } from "../../src/grade/check.js";
import { ATHENA_ACTIONS } from "./athena.js";
import { TABLE_ACTIONS } from "./common.js";
import { noConsentRows, zoneFacts } from "./zones.js";

/** The trusted zone. */
export const trusted: CheckModule = {
  id: "trusted",
  description: "Trusted tables customer_trusted, accelerometer_trusted, step_trainer_trusted: location and columns; with --run-queries, row counts and customer_trusted rows without research consent.",
  names: ["database", "plainDatabase"],
  actions: [...TABLE_ACTIONS, ...ATHENA_ACTIONS],
  collect: (ctx) =>
    zoneFacts(ctx, ["customer_trusted", "accelerometer_trusted", "step_trainer_trusted"], {
      withoutConsent: (db, found) => noConsentRows(ctx, db, found.customer_trusted),
    }),
};
