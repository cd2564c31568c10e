// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const studioJob: CheckModule = {
  id: "studio_job",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
