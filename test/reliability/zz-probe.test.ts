import "../support/fake-aws/sdk-shim.js";
import { it } from "vitest";
import { startFakeAws, type FaultOptions } from "../support/fake-aws/index.js";
import { gradeThroughFake, hermeticHome } from "../support/fake-aws/cli.js";
import { completeWorld } from "../support/world/index.js";
const home = hermeticHome();
it("probe", async () => {
  for (const f of [undefined, { seed: 42, throttle: 0.3, maxFaultsPerCall: 5 }, { seed: 42, internalError: 0.05, reset: 0.05, maxFaultsPerCall: 5 }, { seed: 42, throttle: 0.3, internalError: 0.05, reset: 0.05, maxFaultsPerCall: 5 }] as (FaultOptions|undefined)[]) {
    const fake = await startFakeAws({ world: completeWorld("s1"), ...(f ? { faults: f } : {}) });
    const byService: Record<string, number> = {};
    const run = await gradeThroughFake(fake, "s1", home);
    for (const c of fake.log) byService[c.service] = (byService[c.service] ?? 0) + 1;
    console.log(JSON.stringify(f), "ms", run.ms, "code", run.code, "calls", fake.log.length, JSON.stringify(fake.faults), JSON.stringify(byService), run.report?.aws);
    await fake.close();
  }
}, 300_000);
