// Replaying a snapshot for another student or region: one sentence saying what it was recorded for (exit 64).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "./helpers.js";

describe("replaying a snapshot under another student ID", () => {
  it("says whom the snapshot was recorded for (exit 64), instead of grading every read as unreadable", async () => {
    const r = await cli(["glue_hard", "--student", "s1", "--replay", "examples/glue_hard/complete.json"]);
    expect(r.code).toBe(64);
    expect(r.err).toContain("the snapshot examples/glue_hard/complete.json was recorded for student demo, not s1: replay it with --student demo");
    expect(r.err).not.toMatch(/grant|permission/i);
    const region = await cli(["glue_hard", "--student", "demo", "--replay", "examples/glue_hard/complete.json", "--region", "eu-west-1"]);
    expect([region.code, region.err]).toEqual([64, expect.stringContaining("was recorded in region us-east-1, not eu-west-1: replay it without --region")]);
  });

  it("a snapshot records its assessment and student; the same ID replays", async () => {
    const d = tempDir();
    const file = join(d, "s.json");
    const rec = await cli(["glue_hard", "--student", "demo", "--replay", "examples/glue_hard/complete.json", "--record", file, "--format", "json"]);
    expect(rec.code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ assessment: "glue_hard", student: "demo" });
    const other = await cli(["glue_hard", "--student", "7", "--replay", file]);
    expect(other.err).toContain("was recorded for student demo, not 7");
  });
});
