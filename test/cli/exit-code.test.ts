// Exit codes with advisory warnings: a report whose only non-passing criteria are warnings exits 0, in every mode.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exitCodeFor } from "../../src/cli/grade-command.js";
import type { GradeReport } from "../../src/grade/result.js";
import { realReports, withErrors, withWarnings } from "../report/fixtures.js";
import { cli, snapshots, tempDir } from "./helpers.js";

describe("exitCodeFor", () => {
  it.each([
    ["only passes", (r: GradeReport) => r, false, 0],
    ["passes and warnings", (r: GradeReport) => withWarnings(r, ["w1", "w2", "w3"], "pass"), false, 0],
    ["passes and a warning that could not be checked", (r: GradeReport) => withWarnings(r, ["could not be checked: events:ListRules failed (AccessDenied)"], "pass"), false, 0],
    ["a warning and an error", (r: GradeReport) => withErrors(withWarnings(withFail(r), ["w"], "pass")), false, 2],
    ["a warning and an error, --allow-errors", (r: GradeReport) => withErrors(withWarnings(withFail(r), ["w"], "pass")), true, 0],
  ] as const)("%s → %i", async (_n, make, allowErrors, code) => {
    const r = make((await realReports()).complete);
    expect(r.score.passed).toBe(true);
    expect(r.counts.fail).toBe(0);
    expect(exitCodeFor(r, allowErrors)).toBe(code);
  });
});

/** The complete report with its first passing criterion failed (still above the pass mark), for withErrors to turn into an error. */
function withFail(r: GradeReport): GradeReport {
  const out = structuredClone(r);
  const t = out.tasks.find((x) => x.criteria.some((c) => c.status === "pass" && c.points > 0))!;
  const c = t.criteria.find((x) => x.status === "pass" && x.points > 0)!;
  t.points -= c.points;
  out.score.points -= c.points;
  c.points = 0;
  c.status = "fail";
  out.counts.pass--;
  out.counts.fail++;
  out.score.percent = Math.round((out.score.points / out.score.maxPoints) * 10000) / 100;
  return out;
}

describe("a rubric with a warning criterion, end to end", () => {
  let snap: { complete: string; partial: string };
  let rubric: string;
  beforeAll(async () => {
    const dir = tempDir();
    snap = await snapshots(dir);
    rubric = join(dir, "advice.yaml");
    writeFileSync(
      rubric,
      `extends: glue_hard
add:
  - id: databases
    criteria:
      - id: advice
        title: "The EventBridge pattern names the deployed jobs"
        severity: warning
        points: 0
        expect: { path: no_such_fact, exists: true }
        hint: "use the full job names"
`,
    );
  });

  it("the complete world with a failing warning: exit 0, full score, the warning shown in console, JSON and GitHub outputs", async () => {
    const plain = await cli(["glue_hard", "--student", "42", "--replay", snap.complete, "--format", "json"]);
    const ref = JSON.parse(plain.out) as GradeReport;
    const d = tempDir();
    const output = join(d, "output.txt");
    const summary = join(d, "summary.md");
    writeFileSync(summary, "");
    const r = await cli(["glue_hard", "--student", "42", "--replay", snap.complete, "--rubric", rubric, "--report", `json:${join(d, "r.json")}`], { GITHUB_ACTIONS: "true", GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(d, "r.json"), "utf8")) as GradeReport;
    expect(json.counts.warning).toBe(1);
    expect(json.score).toMatchObject({ points: ref.score.points, maxPoints: ref.score.maxPoints, percent: ref.score.percent, passed: true });
    expect(json.tasks.find((t) => t.id === "databases")!.status).toBe(ref.tasks.find((t) => t.id === "databases")!.status);
    expect(r.out).toMatch(/\n {4}warn The EventBridge pattern names the deployed jobs \(advisory, no points\)\n {8}expected the EventBridge pattern names the deployed jobs, found none\n/);
    expect(r.out).toMatch(/^::warning title=Task 2%3A Medallion databases%3A The EventBridge pattern names the deployed jobs::warning \(advisory, no points lost\): expected /m);
    expect(r.out).not.toMatch(/^::error/m);
    expect(readFileSync(output, "utf8")).toContain("passed=true\n");
    expect(readFileSync(output, "utf8")).toContain("warnings=1\n");
    expect(readFileSync(summary, "utf8")).toContain("### Warnings");
  });
});
