// glue_sfn_orchestration_workshop against moto: the complete solution, three planted mistakes, and students sharing
// one account (the first with the lab's database names, the others with workshop_raw_<id>).
import type { AssessmentSpec } from "../support/assessment-suite.js";
import { buildWorkshop, type WorkshopMistake } from "../build/workshop.js";

/** The workshop spec. */
export const workshop: AssessmentSpec<WorkshopMistake> = {
  assessment: "glue_sfn_orchestration_workshop",
  build: (w, id, { first, mistake }) => buildWorkshop(w, id, { suffixed: !first, ...(mistake ? { mistake } : {}) }),
  mistakes: [
    { title: "Step Functions job tasks without .sync fail only the .sync criterion", mistake: "jobsNotSync", failing: ["state_machine.jobs_wait"] },
    { title: "a disabled rule fails only the rule's state", mistake: "ruleDisabled", failing: ["trigger.rule_enabled"] },
    { title: "a processed crawler that reads raw/ fails the processed target criteria", mistake: "processedCrawlerOnRaw", failing: ["processed_catalog.processed_crawler_target", "transform.processed_parquet"] },
  ],
};
