// glue_hard against moto: the complete platform, three planted mistakes, and students sharing one account.
import type { AssessmentSpec } from "../support/assessment-suite.js";
import { buildGlueHard, type GlueHardMistake } from "../build/glue-hard.js";

/** The glue-hard spec. */
export const glueHard: AssessmentSpec<GlueHardMistake> = {
  assessment: "glue_hard",
  build: (w, id, { mistake }) => buildGlueHard(w, id, mistake ? { mistake } : {}),
  mistakes: [
    { title: "a bucket without versioning fails only the versioning criterion", mistake: "versioningOff", failing: ["s3_data_lake.versioning"] },
    { title: "a crawler table prefix raw_ fails only the prefix criterion", mistake: "tablePrefixRaw", failing: ["crawler.table_prefix"] },
    { title: "a Studio job on G.1X workers fails only the worker criterion", mistake: "studioJobG1X", failing: ["studio_job.workers"] },
  ],
};
