// The --run-queries / --athena-* flags end to end: help text, usage errors, and a replayed run that counts rows.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "../../cli/helpers.js";
import { athenaOptions } from "../../../src/cli/grade-command.js";
import { completeWorld } from "../../support/world/assessments/lakehouse.js";
import { gradeLakehouse } from "./support.js";

describe("Athena flags", () => {
  it("--help documents them, and that --run-queries costs money and writes", async () => {
    const r = await cli(["grade", "--help"]);
    expect(r.out).toContain("--run-queries");
    expect(r.out).toMatch(/COSTS\s+MONEY/);
    expect(r.out).toContain("--athena-workgroup <name>");
    expect(r.out).toContain("--athena-output <s3-uri>");
  });

  it.each([
    [{ athenaOutput: "s3://b/x/" }, "--athena-output only applies with --run-queries"],
    [{ runQueries: true, athenaOutput: "b/x" }, "must be an s3:// URI"],
    [{ runQueries: true, athenaWorkgroup: " " }, "needs a workgroup name"],
  ])("%j is a usage error", (flags, message) => {
    expect(() => athenaOptions(flags)).toThrow(message);
  });

  it("passes the switches to the checks", () => {
    expect(athenaOptions({})).toEqual({});
    // reading a student's own workgroup needs no queries (and costs nothing)
    expect(athenaOptions({ athenaWorkgroup: "student-wg" })).toEqual({ athenaWorkgroup: "student-wg" });
    expect(athenaOptions({ runQueries: true, athenaWorkgroup: "wg", athenaOutput: "s3://o/" })).toEqual({ runQueries: true, athenaWorkgroup: "wg", athenaOutput: "s3://o/" });
  });

  it("exit 64 for --athena-output without --run-queries", async () => {
    const r = await cli(["stedi_lakehouse", "--student", "42", "--athena-output", "s3://b/"]);
    expect(r.code).toBe(64);
    expect(r.err).toContain("--run-queries");
  });

  it("a recorded run replays with --run-queries (counts graded) and without (counts skipped)", async () => {
    const { session } = await gradeLakehouse(completeWorld("42"), "42", { checkOptions: { runQueries: true }, record: true });
    const dir = tempDir();
    const file = join(dir, "stedi.json");
    writeFileSync(file, JSON.stringify(session.toSnapshot({ account: "123456789012" })));
    const on = await cli(["stedi_lakehouse", "--student", "42", "--replay", file, "--run-queries", "--format", "json"]);
    expect(on.code, on.err).toBe(0);
    const report = JSON.parse(on.out) as { score: { percent: number }; counts: { skipped: number; fail: number } };
    expect(report.score.percent).toBe(100);
    expect(report.counts).toMatchObject({ skipped: 0, fail: 0 });
    const off = await cli(["stedi_lakehouse", "--student", "42", "--replay", file, "--format", "json"]);
    expect(off.code, off.err).toBe(0);
    expect((JSON.parse(off.out) as { counts: { skipped: number } }).counts.skipped).toBe(10);
  });
});
