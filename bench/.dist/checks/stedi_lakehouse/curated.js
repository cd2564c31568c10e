import { ATHENA_ACTIONS } from "./athena.js";
import { TABLE_ACTIONS } from "./common.js";
import { zoneFacts } from "./zones.js";
/** The curated zone. */
export const curated = {
    id: "curated",
    description: "Curated tables customer_curated (or customers_curated) and machine_learning_curated: location and columns; with --run-queries, row counts.",
    names: ["database", "plainDatabase"],
    actions: [...TABLE_ACTIONS, ...ATHENA_ACTIONS],
    collect: (ctx) => zoneFacts(ctx, ["customer_curated", "machine_learning_curated"]),
};
