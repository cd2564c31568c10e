// The console for a beginner: an empty account fits one screen, skipped criteria are grouped under what blocks
// them, and the output ends with the fixes worth the most points.
import { describe, expect, it } from "vitest";
import { renderConsole } from "../../src/report/console.js";
import type { CriterionResult, GradeReport, TaskResult } from "../../src/grade/result.js";
import { nextSteps, rootBlocker, criteriaByKey } from "../../src/report/wording.js";
import { gradeWorld } from "../support/grade-world.js";
import { emptyWorld, partialWorld } from "../support/world/index.js";
import * as cdk from "../support/world/assessments/cdk.js";
import * as tf from "../support/world/assessments/tf/index.js";
import { clone, realReports, recount } from "./fixtures.js";

const EMPTY = {
  glue_hard: () => emptyWorld("s042"),
  glue_sfn_orchestration_workshop: () => emptyWorld("s042"),
  stedi_lakehouse: () => emptyWorld("s042"),
  glue_etl_pipeline_tf: () => tf.emptyWorld("s042"),
  glue_cdk_sfn_json_to_parquet: () => cdk.emptyWorld("s042"),
} as const;

/** The most lines a beginner's empty account may print (about one screen). */
const SCREEN = 40;

describe("console: a beginner's empty account", () => {
  it.each(Object.entries(EMPTY))("%s fits one screen, groups what waits, and ends with next steps", async (id, world) => {
    const r = await gradeWorld(id, world(), "s042");
    const text = renderConsole(r, { color: false, verbose: false });
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(SCREEN);
    // no skipped criterion printed one by one
    expect(text).not.toMatch(/skipped: requires/);
    // every task appears once, in one line when not started
    for (const task of r.tasks) expect(lines.filter((l) => l.includes(` ${task.title} `)).length).toBe(1);
    // the next steps, numbered, worth the most points first, each with the hint of what to do
    const steps = nextSteps(r);
    expect(steps.length).toBeGreaterThan(0);
    const at = lines.findIndex((l) => l.startsWith("Next steps"));
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith("Score ")));
    steps.forEach((s, i) => {
      expect(lines[at + 1 + 2 * i]).toContain(`${i + 1}. ${s.criterion.title} (`);
      expect(lines[at + 1 + 2 * i]).toContain(`${s.points} points`);
      expect(lines[at + 2 + 2 * i]!.trim()).toBe(s.criterion.hint ?? s.criterion.message);
    });
    for (let i = 1; i < steps.length; i++) expect(steps[i - 1]!.points).toBeGreaterThanOrEqual(steps[i]!.points);
  });

  it("--verbose still lists every criterion (nothing is summarised)", async () => {
    const r = await gradeWorld("glue_hard", EMPTY.glue_hard(), "s042");
    const text = renderConsole(r, { color: false, verbose: true });
    for (const c of r.tasks.flatMap((t) => t.criteria)) expect(text).toContain(c.title);
    expect(text).not.toContain("not started");
  });
});

describe("console: skipped criteria wait under their prerequisite", () => {
  it("each failing prerequisite says how many criteria wait for it; none of them is listed one by one", async () => {
    const r = (await realReports()).partial;
    const all = criteriaByKey(r);
    const text = renderConsole(r, { color: false, verbose: false });
    const lines = text.split("\n");
    const skipped = r.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "skipped" && c.blockedBy);
    expect(skipped.length).toBeGreaterThan(0);
    const waiting = new Map<string, number>();
    for (const c of skipped) waiting.set(rootBlocker(c, all)!, (waiting.get(rootBlocker(c, all)!) ?? 0) + 1);
    for (const [root, n] of waiting) {
      const blocker = all.get(root)!;
      const at = lines.findIndex((l) => l.startsWith(`    ✘ ${blocker.criterion.title} (`) || l.startsWith(`    ! ${blocker.criterion.title} (`));
      expect(at, root).toBeGreaterThan(0);
      const wait = lines.slice(at + 1, at + 4).find((l) => l.includes("↳"));
      expect(wait, root).toMatch(new RegExp(`↳ ${n} more criteri(on waits|a wait) for this`));
    }
    for (const c of skipped) expect(lines.some((l) => l.startsWith(`    – ${c.title} (`))).toBe(false);
    // with --verbose each skipped criterion is back on its own line
    const verbose = renderConsole(r, { color: false, verbose: true }).split("\n");
    for (const c of skipped) expect(verbose.some((l) => l.startsWith(`    – ${c.title} (`))).toBe(true);
  });
});

/** A small report: a (1 point) blocks b (5), which blocks c (3) in another task; d (4) fails alone; e and f pass. */
function synthetic(from: GradeReport): GradeReport {
  const base = clone(from);
  const crit = (id: string, status: CriterionResult["status"], maxPoints: number, extra: Partial<CriterionResult> = {}): CriterionResult => ({ id, title: `criterion ${id}`, status, points: status === "pass" ? maxPoints : 0, maxPoints, message: `message of ${id}`, hint: `hint of ${id}`, ...extra });
  const task = (id: string, criteria: CriterionResult[]): TaskResult => ({ id, title: `Task ${id}`, points: 0, maxPoints: criteria.reduce((a, c) => a + c.maxPoints, 0), manualPoints: 0, status: "fail", criteria });
  base.tasks = [
    task("t1", [crit("a", "fail", 1), crit("b", "skipped", 5, { blockedBy: "t1.a" }), crit("e", "pass", 2)]),
    task("t2", [crit("d", "fail", 4), crit("c", "skipped", 3, { blockedBy: "t1.b" }), crit("f", "pass", 1)]),
  ];
  delete base.partial;
  return recount(base);
}

describe("console: next steps", () => {
  it("ranks a fix by its own points plus everything that waits for it, through chains and across tasks", async () => {
    const r = synthetic((await realReports()).partial);
    expect(nextSteps(r).map((s) => [s.key, s.points, s.unblocks.map((u) => u.key)])).toEqual([
      ["t1.a", 9, ["t1.b", "t2.c"]],
      ["t2.d", 4, []],
    ]);
    const text = renderConsole(r, { color: false, verbose: false });
    expect(text).toContain("  1. criterion a (Task t1: 9 points, and 2 criteria wait for it)\n     hint of a\n  2. criterion d (Task t2: 4 points)\n     hint of d\n");
    expect(text).toContain("        ↳ 2 more criteria wait for this (1 in other tasks)");
    expect(text).toContain(`    – 1 criterion waits for "criterion a" (Task t1)`);
  });

  it("a report with nothing to fix has no next steps", async () => {
    const r = (await realReports()).complete;
    expect(nextSteps(r)).toEqual([]);
    expect(renderConsole(r, { color: false, verbose: false })).not.toContain("Next steps");
  });
});

describe("console: a partial run (--only)", () => {
  it("says how many tasks were graded and never prints PASSED", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["s3_data_lake"] });
    expect(r.partial).toEqual({ graded: 1, total: 15 });
    for (const passed of [true, false]) {
      const text = renderConsole({ ...r, score: { ...r.score, passed } }, { color: false, verbose: false });
      expect(text).toContain("Only 1 of 15 tasks were graded (--only): the score covers only that task, not the whole assessment.");
      expect(text).toContain(`PARTIAL RUN: 1 of 15 tasks graded, ${passed ? "at or above" : "below"} the pass mark for those tasks only`);
      expect(text).not.toMatch(/\bPASSED\b/);
    }
  });
});
