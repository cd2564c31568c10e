// The README shows a beginner's real output: the CLI on an empty account. Regenerate with scripts/readme-beginner.ts.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { beginnerRun, readmeBlock, readmeBlockIn } from "../support/beginner.js";

describe("README: a beginner's output", () => {
  it("is what the tool prints today on an empty account, and fits one screen", async () => {
    const run = await beginnerRun();
    expect(run.code).toBe(1);
    expect(run.out.trimEnd().split("\n").length).toBeLessThanOrEqual(40);
    const inReadme = readmeBlockIn(readFileSync("README.md", "utf8"));
    expect(inReadme, "README.md lacks the beginner-output block").toBeDefined();
    expect(inReadme, "README.md is out of date: run `npx tsx scripts/readme-beginner.ts`").toBe(readmeBlock(run.out));
  }, 60_000);
});
