// The CLI over the wire (--endpoint-url → fake AWS) grades exactly like the in-process world transport, misses
// nothing in a crowded account, and only ever sends reads.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeAws, type LoggedCall } from "../support/fake-aws/index.js";
import { gradeThroughFake, hermeticHome, scoresOf, statusesOf } from "../support/fake-aws/cli.js";
import { gradeWorld } from "../support/grade-world.js";
import { completeWorld, partialWorld } from "../support/world/index.js";
import { inRegion } from "../support/world/parts/storage.js";
import type { World } from "../support/world/types.js";
import type { GradeReport } from "../../src/grade/result.js";

const home = hermeticHome();
afterAll(() => home.cleanup());

/** Grades `student` in `world` through the fake; returns the report and what reached the server. */
async function overTheWire(world: World, student: string): Promise<{ report: GradeReport; log: LoggedCall[]; code: number; err: string }> {
  const fake = await startFakeAws({ world });
  try {
    const run = await gradeThroughFake(fake, student, home);
    expect(run.report, run.err).toBeDefined();
    return { report: run.report!, log: fake.log, code: run.code, err: run.err };
  } finally {
    await fake.close();
  }
}

type Wire = Awaited<ReturnType<typeof overTheWire>>;
/** The plain complete and partial worlds are graded over the wire once and shared by the tests that read them. */
const shared = new Map<string, Promise<Wire>>();
const wired = (kind: "complete" | "partial") => {
  let p = shared.get(kind);
  if (!p) shared.set(kind, (p = overTheWire((kind === "complete" ? completeWorld : partialWorld)("s1"), "s1")));
  return p;
};

const byCriterion = (r: GradeReport) => Object.fromEntries(r.tasks.flatMap((t) => t.criteria.map((c) => [`${t.id}.${c.id}`, { status: c.status, points: c.points, ...(c.action ? { action: c.action } : {}) }])));

describe("the fake endpoint vs the in-process world transport", () => {
  for (const [kind, build] of [["complete", completeWorld], ["partial", partialWorld]] as const) {
    it(`${kind} world: the same status and points, criterion by criterion`, async () => {
      const wire = await wired(kind);
      const local = await gradeWorld("glue_hard", build("s1"), "s1");
      expect(byCriterion(wire.report)).toEqual(byCriterion(local));
      expect(wire.report.score).toEqual(local.score);
      expect(wire.log.length).toBeGreaterThan(0);
    });
  }

  it("Task 2 (databases) is graded over the wire as the worked example says", async () => {
    const [complete, partial] = [await wired("complete"), await wired("partial")];
    const task2 = (r: GradeReport) => Object.fromEntries(Object.entries(statusesOf(r)).filter(([k]) => k.startsWith("databases.")));
    expect(Object.values(task2(complete.report))).toEqual(Array(10).fill("pass"));
    expect(task2(partial.report)).toMatchObject({
      "databases.landing_exists": "pass",
      "databases.gold_exists": "fail",
      "databases.silver_location": "fail",
      "databases.catalog_encryption": "fail",
    });
  });

  it("read-only: every operation that reached the server is a read (or sts:GetCallerIdentity)", async () => {
    const calls = [...(await wired("complete")).log, ...(await wired("partial")).log];
    expect(calls.length).toBeGreaterThan(0);
    const writes = calls.filter((c) => !/^(Get|List|Describe|Head|BatchGet)[A-Z]/.test(c.operation) && `${c.service}:${c.operation}` !== "sts:GetCallerIdentity");
    expect(writes.map((c) => `${c.service}:${c.operation}`)).toEqual([]);
    expect(calls.filter((c) => c.fault === "unmapped")).toEqual([]);
  });

  it("the world's handlers return SDK-shaped outputs: no field is dropped on the wire", async () => {
    const calls = [...(await wired("complete")).log, ...(await wired("partial")).log];
    const dropped = [...new Set(calls.filter((c) => c.dropped).map((c) => `${c.service}:${c.operation} → ${c.dropped!.join(", ")}`))];
    expect(dropped).toEqual([]);
  });
});

describe("a bucket in another region (storage.ts inRegion: 301 + x-amz-bucket-region)", () => {
  it("the SDK's followRegionRedirects path through the fake grades like the in-process transport", async () => {
    const wire = await overTheWire(inRegion(completeWorld("s1"), "enterprise-datalake-s1", "eu-west-1"), "s1");
    const local = await gradeWorld("glue_hard", inRegion(completeWorld("s1"), "enterprise-datalake-s1", "eu-west-1"), "s1");
    expect(byCriterion(wire.report)).toEqual(byCriterion(local));
    const s3 = wire.log.filter((c) => c.service === "s3" && (c.input as { Bucket?: string }).Bucket === "enterprise-datalake-s1");
    expect(s3.some((c) => c.status === 301 && c.region === "us-east-1")).toBe(true);
    expect(s3.filter((c) => c.status === 200).every((c) => c.region === "eu-west-1")).toBe(true);
    expect(s3.filter((c) => c.status === 200).length).toBeGreaterThan(3);
  });
});

describe("a crowded account", () => {
  /** Criteria whose status or points differ, as "key: alone → crowded". */
  const differences = (alone: GradeReport, crowded: GradeReport) => {
    const a = scoresOf(alone);
    const c = scoresOf(crowded);
    return Object.keys({ ...a, ...c }).filter((k) => a[k] !== c[k]).map((k) => `${k}: ${a[k]} → ${c[k]}`);
  };

  it("300 other students, 5 items per page: nothing is missed (same statuses as an account of one)", async () => {
    const crowded = await overTheWire(completeWorld("s1", { others: 300, pageSize: 5 }), "s1");
    const alone = await overTheWire(completeWorld("s1", { others: 0, pageSize: 5 }), "s1");
    // A difference here usually means a listing stopped early (a check's maxPages: the world serves 5 per page).
    expect(differences(alone.report, crowded.report)).toEqual([]);
  });
});
