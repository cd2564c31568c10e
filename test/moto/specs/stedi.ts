// stedi_lakehouse against moto: the complete solution, three planted mistakes, and students sharing one account (one
// S3 gateway endpoint for all; the first student's role has the lab's name my-glue-service-role).
import type { AssessmentSpec } from "../support/assessment-suite.js";
import { buildS3GatewayEndpoint, buildStedi, type StediMistake } from "../build/stedi.js";

/** The stedi spec. */
export const stedi: AssessmentSpec<StediMistake> = {
  assessment: "stedi_lakehouse",
  prepare: buildS3GatewayEndpoint,
  build: (w, id, { first, mistake }) => buildStedi(w, id, { ...(first ? { roleName: "my-glue-service-role" } : {}), ...(mistake ? { mistake } : {}) }),
  mistakes: [
    { title: "accelerometer_trusted keeping the customer columns fails only 'accelerometer columns only'", mistake: "accelerometerTrustedKeepsCustomerColumns", failing: ["trusted.accelerometer_trusted_only"] },
    { title: "a customer_landing table of strings only fails only the typed-columns criterion", mistake: "customerLandingAllStrings", failing: ["landing.customer_landing_typed"] },
    { title: "a curated job that writes without updating the catalog fails only its catalog-update criterion", mistake: "curatedJobWithoutCatalogUpdate", failing: ["jobs.customer_curated_updates_catalog"] },
  ],
};
