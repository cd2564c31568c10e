// Grading in the wrong region: the report says once, at the top, where the student's resources are and which
// --region to use, instead of leaving only "create it" failures.
import { describe, expect, it } from "vitest";
import { completeWorld, partialWorld } from "../support/world/index.js";
import { gradeWorld } from "../support/grade-world.js";
import { wrongRegionHint } from "../../src/grade/grade.js";
import { renderConsole } from "../../src/report/console.js";
import { render } from "../../src/report/index.js";

describe("wrong region", () => {
  it("graded with eu-west-1 while the student's bucket answers from us-east-1: one hint naming us-east-1, at the top of the console, HTML and Markdown", async () => {
    const world = { ...partialWorld("7"), region: "eu-west-1" };
    const r = await gradeWorld("glue_hard", world, "7");
    expect(r.regionHint).toMatch(/^your resources are in us-east-1: run with --region us-east-1 \(this run read eu-west-1; bucket \S+ is in us-east-1\)$/);
    const text = renderConsole(r, { color: false, verbose: false });
    expect(text.split("\n").slice(0, 4).join("\n")).toContain("run with --region us-east-1");
    expect(text.split("run with --region us-east-1")).toHaveLength(2);
    expect(render("html", r)).toContain("your resources are in us-east-1: run with --region us-east-1");
    expect(render("markdown", r)).toContain("your resources are in us-east-1: run with --region us-east-1");
  });

  it("no hint in the right region, nor when everything passes", async () => {
    expect((await gradeWorld("glue_hard", partialWorld("7"), "7")).regionHint).toBeUndefined();
    expect(wrongRegionHint(new Map(), "eu-west-1")).toBeUndefined();
    const complete = await gradeWorld("glue_hard", completeWorld("7"), "7");
    expect(complete.regionHint).toBeUndefined();
  });
});
