// End to end over the wire: `batch` with real SDK clients against the fake AWS endpoint, clean and 20% throttled.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { startFakeAws, type FaultOptions } from "../support/fake-aws/index.js";
import { hermeticHome, testEnv } from "../support/fake-aws/cli.js";
import { runBatchCommand } from "../../src/cli/batch-command.js";
import { readStudentResults } from "../../src/batch/store.js";
import { statuses } from "../support/grade-world.js";
import { classOf, classWorld, memoryIo } from "./class-world.js";

const home = hermeticHome();
afterAll(() => home.cleanup());
const CLASS = classOf(3);
const WORLD = classWorld(CLASS, { pageSize: 20 });

async function batch(faults: FaultOptions): Promise<{ code: number; err: string; grades: Record<string, unknown>; log: number; faults: Record<string, number> }> {
  const fake = await startFakeAws({ world: WORLD, faults });
  const out = mkdtempSync(join(home.dir, "out-"));
  const env = testEnv(home);
  const saved = process.env;
  process.env = { ...env };
  try {
    const io = { ...memoryIo(), env: { ...env } };
    const code = await runBatchCommand("glue_hard", { students: CLASS.map((s) => s.id).join(","), out, endpointUrl: fake.url, concurrency: "3", quiet: true }, io, { tpsTable: { "*": 1000 } });
    const grades = Object.fromEntries([...readStudentResults(out).results].map(([id, r]) => [id, r.report ? { score: r.report.score, statuses: statuses(r.report) } : r.failure]));
    return { code, err: io.stderr(), grades, log: fake.log.length, faults: { ...fake.faults } };
  } finally {
    process.env = saved;
    await fake.close();
  }
}

describe("batch against the fake AWS endpoint", () => {
  it("20% of requests throttled: every student graded, grades identical to the clean run, throttles counted", async () => {
    const clean = await batch({ latencyMs: 1 });
    expect(clean.code, clean.err).toBe(0);
    expect(Object.keys(clean.grades)).toHaveLength(3);
    const noisy = await batch({ latencyMs: 1, throttle: 0.2, seed: 7, maxFaultsPerCall: 1 });
    expect(noisy.code, noisy.err).toBe(0);
    expect(noisy.grades).toEqual(clean.grades);
    expect(noisy.faults.throttle).toBeGreaterThan(10);
    const counted = Number(/(\d+) throttles retried/.exec(noisy.err)?.[1]);
    expect(counted).toBe(noisy.faults.throttle);
  }, 120_000);
});
