import { ATHENA_ACTIONS } from "./athena.js";
import { TABLE_ACTIONS } from "./common.js";
import { noConsentRows, zoneFacts } from "./zones.js";
/** The landing zone. */
export const landing = {
    id: "landing",
    description: "Landing tables customer_landing, accelerometer_landing, step_trainer_landing: location, columns and types; with --run-queries, row counts and the customers without research consent.",
    names: ["database", "plainDatabase"],
    actions: [...TABLE_ACTIONS, ...ATHENA_ACTIONS],
    collect: (ctx) => zoneFacts(ctx, ["customer_landing", "accelerometer_landing", "step_trainer_landing"], {
        withoutConsent: (db, found) => noConsentRows(ctx, db, found.customer_landing),
    }),
};
