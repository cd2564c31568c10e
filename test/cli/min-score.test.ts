// --min-score as people write it: "70" and "70%" alike, one sentence for anything else (grade and init-ci).
import { beforeAll, describe, expect, it } from "vitest";
import { parsePercent } from "../../src/cli/percent.js";
import { cli, snapshots, tempDir } from "./helpers.js";

describe("--min-score", () => {
  it.each([
    ["70", 70],
    ["70%", 70],
    ["72.5 %", 72.5],
    [" 0% ", 0],
    ["100", 100],
  ] as const)("%j is %d", (v, n) => {
    expect(parsePercent(v, "--min-score")).toBe(n);
  });

  it.each(["70%%", "seventy", "101%", "-5", "%", "", "7e1"])("%j is refused in one sentence", (v) => {
    expect(() => parsePercent(v, "--min-score")).toThrow(`--min-score takes a percentage from 0 to 100 (e.g. 70 or 70%), got "${v}"`);
  });

  let snap: { complete: string; partial: string };
  beforeAll(async () => {
    snap = await snapshots(tempDir());
  });

  it.each([
    ["0%", 0],
    ["100%", 1],
    ["seventy", 64],
  ] as const)("grading with --min-score %s exits %i", async (v, code) => {
    const r = await cli(["glue_hard", "--student", "42", "--replay", snap.partial, "--min-score", v]);
    expect(r.code).toBe(code);
  });

  it("init-ci writes the pass mark as a number", async () => {
    const r = await cli(["init-ci", "gitlab", "--min-score", "80%", "--output", "-", "--install", "glue-validate@0.1.0"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("--min-score 80 ");
  });
});
