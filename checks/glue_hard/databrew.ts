// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const databrew: CheckModule = {
  id: "databrew",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
