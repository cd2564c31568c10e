// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const crawler: CheckModule = {
  id: "crawler",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
