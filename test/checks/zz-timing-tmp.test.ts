import "../support/fake-aws/sdk-shim.js";
import { it } from "vitest";
import { startFakeAws } from "../support/fake-aws/index.js";
import { gradeThroughFake, hermeticHome } from "../support/fake-aws/cli.js";
import { completeWorld } from "../support/world/index.js";
it("timing", async () => {
  const home = hermeticHome();
  for (const only of [["classifier", "schema_registry", "data_quality"], []]) {
    const fake = await startFakeAws({ world: completeWorld("s1"), faults: { seed: 42, throttle: 0.3, internalError: 0.05, reset: 0.05, latencyMs: 2, maxFaultsPerCall: 5 } });
    const t = Date.now();
    const run = await gradeThroughFake(fake, "s1", home, only.length ? ["--only", ...only] : []);
    console.log(only.join(",") || "ALL", Date.now() - t, "ms", fake.log.length, "calls", run.report?.score);
    await fake.close();
  }
  home.cleanup();
}, 120_000);
