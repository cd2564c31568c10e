// `describe` for a moto test file: runs when python3 has moto, else skips with one line saying how to enable it.
// On CI (CI=true) a missing moto is an error, not a skip, unless GLUE_VALIDATE_SKIP_MOTO=1 says so on purpose.
import { describe, it } from "vitest";
import { ENABLE_HINT, motoAvailable } from "./moto.js";

let told = false;

/** describe(name, body) against moto, or one skipped test naming how to enable the suite. */
export function describeWithMoto(name: string, body: () => void): void {
  if (motoAvailable()) {
    describe(`${name} (moto)`, body);
    return;
  }
  if (process.env.CI === "true" && process.env.GLUE_VALIDATE_SKIP_MOTO !== "1") {
    describe(`${name} (moto)`, () => it("needs moto on CI", () => { throw new Error(`${ENABLE_HINT}; set GLUE_VALIDATE_SKIP_MOTO=1 to skip on purpose`); }));
    return;
  }
  if (!told) {
    told = true;
    console.warn(ENABLE_HINT);
  }
  describe.skip(`${name} (moto) — ${ENABLE_HINT}`, body);
}
