// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const monitoring: CheckModule = {
  id: "monitoring",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
