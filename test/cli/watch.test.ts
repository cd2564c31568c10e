// --watch: rounds report what turned green or red; the loop stops on its signal; bad combinations are usage errors.
import { describe, expect, it } from "vitest";
import { changesBetween, describeRound, watchLoop } from "../../src/cli/watch.js";
import { runCli } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { completeWorld, partialWorld } from "../support/world/index.js";
import { gradeWorld } from "../support/grade-world.js";
import { realReports, withWarnings } from "../report/fixtures.js";

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), isTty: false, env: {} };
}

describe("--watch", () => {
  it("says which criteria turned green between two rounds", async () => {
    const [before, after] = [await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["databases"] }), await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["databases"] })];
    const changes = changesBetween(before, after);
    expect(changes.map((c) => `${c.key}:${c.from}→${c.to}`).sort()).toEqual([
      "databases.catalog_encryption:fail→pass",
      "databases.gold_exists:fail→pass",
      "databases.gold_location:skipped→pass",
      "databases.silver_location:fail→pass",
      "databases.tags:skipped→pass",
    ]);
    const text = describeRound(before, after, new Date("2026-11-23T10:00:05Z"));
    expect(text).toMatch(/^10:00:05 score 100% \(\+\d+(\.\d+)?\) PASSED\n/);
    expect(text).toContain("✔ now passing: Database gold_42 exists");
    expect(describeRound(after, before, new Date())).toContain("✘ no longer passing: Database gold_42 exists — expected a Glue database named gold_42; none with that name in this region's Data Catalog");
    expect(describeRound(after, after, new Date())).toMatch(/— no change\n$/);
  });

  it("a criterion that turns into a warning is shown as a warning, not as a failure", async () => {
    const { complete } = await realReports();
    const warned = withWarnings(complete, ["\u001b[31mpattern never matches"], "pass");
    const c = warned.tasks.flatMap((t) => t.criteria).find((x) => x.status === "warning")!;
    const text = describeRound(complete, warned, new Date("2026-11-23T10:00:05Z"));
    expect(text).toContain(`⚠ now warns (advisory, no points): ${c.title} — �pattern never matches`);
    expect(text).not.toContain("no longer passing");
    expect(describeRound(warned, complete, new Date())).toContain(`✔ now passing: ${c.title}`);
  });

  it("regrades each interval until stopped, printing the first round in full and then the changes", async () => {
    const worlds = [partialWorld("42"), completeWorld("42"), completeWorld("42")];
    const io = captureIo();
    const stop = new AbortController();
    let round = 0;
    const firsts: number[] = [];
    const last = await watchLoop({
      intervalMs: 10,
      signal: stop.signal,
      io,
      first: (r) => firsts.push(r.score.percent),
      grade: async () => {
        const r = await gradeWorld("glue_hard", worlds[Math.min(round, 2)]!, "42", { only: ["databases"] });
        if (++round === 3) stop.abort();
        return r;
      },
    });
    expect(round).toBe(3);
    expect(firsts).toHaveLength(1);
    expect(last.score.percent).toBe(100);
    expect(io.stdout).toHaveLength(2);
    expect(io.stdout[0]).toContain("now passing");
    expect(io.stdout[1]).toContain("no change");
  });

  it.each([
    [["--watch", "2"], /at least 5 seconds/],
    [["--watch", "--replay", "examples/glue_hard/complete.json"], /cannot be combined with --replay/],
  ])("refuses %j", async (flags, message) => {
    const io = captureIo();
    const code = await runCli(["node", "glue-validate", "glue_hard", "--student", "42", ...flags], io);
    expect(code).toBe(64);
    expect(io.stderr.join("")).toMatch(message);
  });
});
