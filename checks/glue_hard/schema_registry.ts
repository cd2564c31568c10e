// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const schemaRegistry: CheckModule = {
  id: "schema_registry",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
