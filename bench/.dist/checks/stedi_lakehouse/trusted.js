import { ATHENA_ACTIONS } from "./athena.js";
import { TABLE_ACTIONS } from "./common.js";
import { noConsentRows, zoneFacts } from "./zones.js";
/** The trusted zone. */
export const trusted = {
    id: "trusted",
    description: "Trusted tables customer_trusted, accelerometer_trusted, step_trainer_trusted: location and columns; with --run-queries, row counts and customer_trusted rows without research consent.",
    names: ["database", "plainDatabase"],
    actions: [...TABLE_ACTIONS, ...ATHENA_ACTIONS],
    collect: (ctx) => zoneFacts(ctx, ["customer_trusted", "accelerometer_trusted", "step_trainer_trusted"], {
        withoutConsent: (db, found) => noConsentRows(ctx, db, found.customer_trusted),
    }),
};
