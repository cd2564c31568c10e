// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const dataQuality: CheckModule = {
  id: "data_quality",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
