// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const lakeFormation: CheckModule = {
  id: "lake_formation",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
