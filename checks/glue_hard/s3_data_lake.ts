// STUB — replaced by the module's author.
import type { CheckModule } from "../../src/grade/check.js";

/** Stub. */
export const s3DataLake: CheckModule = {
  id: "s3_data_lake",
  description: "TODO",
  names: [],
  actions: [],
  async collect() {
    return {};
  },
};
