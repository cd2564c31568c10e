// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const security: CheckModule = {
  id: "security",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
