// The bundled demo snapshots are real recordings that still match the checks: replaying a committed snapshot
// (--replay) gives the same statuses as grading its world live through the fake, so a stale snapshot fails CI.
import "../support/fake-aws/sdk-shim.js";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeAws } from "../support/fake-aws/index.js";
import { gradeThroughFake, hermeticHome, runCliIn, scoresOf, type CliRun } from "../support/fake-aws/cli.js";
import { DEMO_STUDENT, EXAMPLES, examplePath, recordExample, type ExampleKind } from "../support/fake-aws/examples.js";
import type { GradeReport } from "../../src/grade/result.js";

const home = hermeticHome();
afterAll(() => home.cleanup());

async function live(kind: ExampleKind): Promise<CliRun> {
  const fake = await startFakeAws({ world: EXAMPLES[kind].world() });
  try {
    return await gradeThroughFake(fake, DEMO_STUDENT, home, [], {}, EXAMPLES[kind].assessment);
  } finally {
    await fake.close();
  }
}

/** Replays a snapshot offline: no credentials, no endpoint. */
async function replay(file: string, assessment = "glue_hard"): Promise<CliRun> {
  const output = join(home.dir, `replay-${Math.random().toString(36).slice(2)}.json`);
  const run = await runCliIn([assessment, "--student", DEMO_STUDENT, "--replay", file, "--format", "json", "--output", output], { ...home.env });
  if (existsSync(output)) run.report = JSON.parse(readFileSync(output, "utf8")) as GradeReport;
  return run;
}

describe("record → replay through the fake (the mechanism behind scripts/make-examples.ts)", () => {
  for (const kind of Object.keys(EXAMPLES) as ExampleKind[]) {
    it(`${kind}: a fresh recording replays to the same statuses and points as the live run`, async () => {
      const file = join(home.dir, `${kind}.json`);
      const rec = await recordExample(kind, file);
      const again = await replay(file, EXAMPLES[kind].assessment);
      expect(again.report, again.err).toBeDefined();
      expect(again.report!.mode).toBe("replay");
      expect(scoresOf(again.report)).toEqual(scoresOf(rec.run.report));
      expect(again.code).toBe(rec.run.code);
      // Every call the live run made is in the snapshot, as the wire answered it.
      const snap = JSON.parse(readFileSync(file, "utf8")) as { calls: unknown[]; account?: string };
      expect(snap.calls.length).toBe(rec.run.report!.aws.calls);
      expect(snap.account).toBe("123456789012");
    });
  }
});

describe("a stale snapshot is caught", () => {
  it("a snapshot missing one call the checks make no longer replays to the live statuses", async () => {
    const file = join(home.dir, "stale.json");
    const rec = await recordExample("glue_hard/complete", file);
    const snap = JSON.parse(readFileSync(file, "utf8")) as { calls: { service: string; operation: string }[] };
    const i = snap.calls.findIndex((c) => c.service === "glue" && c.operation === "GetDatabase");
    expect(i).toBeGreaterThanOrEqual(0);
    snap.calls.splice(i, 1);
    writeFileSync(file, JSON.stringify(snap));
    const stale = await replay(file);
    expect(scoresOf(stale.report)).not.toEqual(scoresOf(rec.run.report));
    expect(Object.values(scoresOf(stale.report)).some((s) => s.startsWith("error"))).toBe(true);
  });
});

describe("the committed demo snapshots", () => {
  for (const kind of Object.keys(EXAMPLES) as ExampleKind[]) {
    const file = examplePath(kind);
    it.skipIf(!existsSync(file))(`${file} replays to the same statuses as grading its world live (regenerate: node --import tsx scripts/make-examples.ts)`, async () => {
      const [offline, wire] = [await replay(file, EXAMPLES[kind].assessment), await live(kind)];
      expect(offline.report, offline.err).toBeDefined();
      expect(wire.report, wire.err).toBeDefined();
      expect(scoresOf(offline.report)).toEqual(scoresOf(wire.report));
    });
  }
});
