// The CLI against a misbehaving endpoint: throttling/500s/resets change nothing; a hung operation and an
// AccessDenied turn exactly the criteria that need them into `error` (naming the IAM action), the rest is graded.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAws, type FaultKind, type FaultOptions } from "../support/fake-aws/index.js";
import { gradeThroughFake, hermeticHome, scoresOf, type CliRun } from "../support/fake-aws/cli.js";
import { completeWorld } from "../support/world/index.js";
import type { GradeReport } from "../../src/grade/result.js";

const home = hermeticHome();
afterAll(() => home.cleanup());

async function grade(faults: FaultOptions | undefined, args: string[] = []): Promise<CliRun & { faults: Record<FaultKind, number>; calls: number }> {
  const fake = await startFakeAws({ world: completeWorld("s1"), ...(faults ? { faults } : {}) });
  try {
    const run = await gradeThroughFake(fake, "s1", home, args);
    return { ...run, faults: { ...fake.faults }, calls: fake.log.length };
  } finally {
    await fake.close();
  }
}

const criteria = (r: GradeReport | undefined) => (r ? r.tasks.flatMap((t) => t.criteria.map((c) => ({ key: `${t.id}.${c.id}`, ...c }))) : []);

let clean: CliRun & { calls: number };
beforeAll(async () => {
  clean = await grade(undefined);
  expect(clean.report, clean.err).toBeDefined();
});

describe("transient faults", () => {
  it("30% throttled + 5% 500s + 5% resets (seeded): the same scores as the clean run, criterion by criterion", async () => {
    const noisy = await grade({ seed: 42, throttle: 0.3, internalError: 0.05, reset: 0.05, latencyMs: 2, maxFaultsPerCall: 5 });
    expect(noisy.report, noisy.err).toBeDefined();
    expect(scoresOf(noisy.report)).toEqual(scoresOf(clean.report));
    expect(noisy.report!.score).toEqual(clean.report!.score);
    expect(noisy.code).toBe(clean.code);
    expect(noisy.faults.throttle).toBeGreaterThan(0);
    expect(noisy.faults.internalError + noisy.faults.reset).toBeGreaterThan(0);
    expect(noisy.report!.aws.retries).toBeGreaterThan(0);
    // Slow because of retryMode "adaptive" (src/aws/session.ts): after the first throttle a client limits itself
    // to ~0.5-1 request/s. The same faults take ~10 s with retryMode "standard" (see the report to the lead).
  }, 120_000);
});

describe("a hung operation", () => {
  it("with --timeout 2: its criteria end as error within the timeout, the run ends, exit 2, stderr names the action", async () => {
    const t0 = Date.now();
    const hung = await grade({ hangOperations: ["glue:GetDataCatalogEncryptionSettings"] }, ["--timeout", "2"]);
    const elapsed = Date.now() - t0;
    expect(hung.code).toBe(2);
    expect(hung.err).toMatch(/glue:GetDataCatalogEncryptionSettings/);
    const byKey = Object.fromEntries(criteria(hung.report).map((c) => [c.key, c]));
    expect(byKey["databases.catalog_encryption"]).toMatchObject({ status: "error", action: "glue:GetDataCatalogEncryptionSettings" });
    expect(byKey["databases.catalog_encryption"]!.message).toMatch(/2000 ms|time/i);
    // Every other criterion is graded as in the clean run, unless it too needs the hung call.
    const cleanStatus = Object.fromEntries(criteria(clean.report).map((c) => [c.key, c.status]));
    for (const c of criteria(hung.report)) {
      if (c.status !== cleanStatus[c.key]) expect(c, c.key).toMatchObject({ status: "error", action: "glue:GetDataCatalogEncryptionSettings" });
    }
    expect(byKey["databases.landing_exists"]!.status).toBe("pass");
    expect(elapsed).toBeLessThan(2000 * 3 + 3000);
  });
});

describe("AccessDenied on one operation", () => {
  it("only the criteria that need glue:GetTags are error, naming the action; everything else is still graded", async () => {
    const denied = await grade({ accessDenied: ["glue:GetTags"] });
    expect(denied.report, denied.err).toBeDefined();
    expect(denied.code).toBe(2);
    expect(denied.err).toMatch(/glue:GetTags/);
    const cleanStatus = Object.fromEntries(criteria(clean.report).map((c) => [c.key, c.status]));
    const changed = criteria(denied.report).filter((c) => c.status !== cleanStatus[c.key]);
    expect(changed.map((c) => c.key)).toContain("databases.tags");
    for (const c of changed) expect(c, c.key).toMatchObject({ status: "error", action: "glue:GetTags" });
    expect(changed.length).toBeLessThan(criteria(clean.report).length / 2);
    const byKey = Object.fromEntries(criteria(denied.report).map((c) => [c.key, c]));
    for (const k of ["databases.landing_exists", "databases.gold_location", "databases.catalog_encryption"]) expect(byKey[k]!.status, k).toBe("pass");
    expect(denied.faults.accessDenied).toBeGreaterThan(0);
  });
});
