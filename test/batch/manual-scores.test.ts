// Points graded by a human: validated against the rubric and the class, merged into gradebooks, summary and reports.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyManualScores, parseManualScores } from "../../src/batch/manual-scores.js";
import { parseCsv } from "../../src/batch/csv.js";
import { runBatchCommand, runBatchReportCommand } from "../../src/cli/batch-command.js";
import { loadRubric } from "../../src/rubric/load.js";
import { bundledRubric } from "../../src/grade/assessment.js";
import { classWorld, identifyWorld, memoryIo, worldSessions } from "./class-world.js";
import type { CallLog } from "../support/world/transport.js";
import type { GradeReport } from "../../src/grade/result.js";

const rubric = loadRubric(bundledRubric("glue_hard"));
const CLASS = new Set(["s0001", "s0002"]);

describe("manual scores: validation", () => {
  const cases: { name: string; csv: string; problems: { line: number; message: string }[] }[] = [
    { name: "a valid file", csv: "student,criterion,points,comment\ns0001,dev_testing.notebooks,0.5,clean notebook\ns0002,cicd_pipeline,0.25,", problems: [] },
    { name: "a student not in the class", csv: "student,criterion,points\ns0009,dev_testing.notebooks,0.5", problems: [{ line: 2, message: 'student "s0009" is not in this class' }] },
    { name: "an unknown criterion, with the nearest", csv: "student,criterion,points\ns0001,dev_testing.notebook,0.5", problems: [{ line: 2, message: 'unknown criterion "dev_testing.notebook" (did you mean dev_testing.notebooks?)' }] },
    { name: "an automatic criterion", csv: "student,criterion,points\ns0001,s3_data_lake.versioning,1", problems: [{ line: 2, message: expect.stringMatching(/^criterion "s3_data_lake.versioning" is graded automatically; this file scores only the manual criteria \(crawler.configuration_review, /) }] },
    { name: "points over the maximum", csv: "student,criterion,points\ns0001,dev_testing.cicd_pipeline,1", problems: [{ line: 2, message: "1 points is over the maximum of dev_testing.cicd_pipeline (0.75)" }] },
    { name: "negative or non-numeric points", csv: "student,criterion,points\ns0001,dev_testing.notebooks,-1\ns0002,dev_testing.notebooks,half", problems: [{ line: 2, message: "-1 points is below 0" }, { line: 3, message: 'points must be a number, got "half"' }] },
    { name: "the same score twice", csv: "student,criterion,points\ns0001,dev_testing.notebooks,0.5\ns0001,notebooks,0", problems: [{ line: 3, message: "s0001 already has a score for dev_testing.notebooks (line 2)" }] },
    { name: "a header without points", csv: "student,criterion\ns0001,dev_testing.notebooks", problems: [{ line: 1, message: "the header needs the columns student, criterion and points (and optionally comment); missing: points" }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(parseManualScores(c.csv, rubric, CLASS).problems).toEqual(c.problems);
    });
  }

  it("reads score/feedback as column names and a bare criterion id when it is unique", () => {
    const { scores } = parseManualScores("Student,Criterion,Score,Feedback\ns0001,pytest_framework,0.75,tests pass\n", rubric, CLASS);
    expect(scores).toEqual([{ student: "s0001", key: "dev_testing.pytest_framework", points: 0.75, comment: "tests pass", line: 2 }]);
  });
});

describe("manual scores: merged into a report", () => {
  const report = (): GradeReport =>
    ({
      score: { points: 80, maxPoints: 97, manualPoints: 3, percent: 82.47, threshold: 70, passed: true },
      tasks: [
        { id: "dev_testing", title: "T", points: 0, maxPoints: 0, manualPoints: 2, status: "manual", criteria: [
          { id: "notebooks", title: "N", status: "manual", points: 0, maxPoints: 0.5, message: "needs a human grader: not awarded automatically" },
          { id: "cicd_pipeline", title: "C", status: "manual", points: 0, maxPoints: 1.5, message: "needs a human grader: not awarded automatically" },
        ] },
      ],
    }) as unknown as GradeReport;

  it("sets points, comment and the sentence; total = automatic + manual; the automatic score is unchanged", () => {
    const r = applyManualScores(report(), [{ student: "s", key: "dev_testing.notebooks", points: 0.5, comment: "clear", line: 2 }]);
    const c = r.tasks[0]!.criteria[0]!;
    expect(c).toMatchObject({ points: 0.5, manualGrade: { points: 0.5, comment: "clear" }, message: "graded by a person: 0.5 of 0.5 points (clear)" });
    expect(r.score).toMatchObject({ points: 80, percent: 82.47, manual: { points: 0.5, maxPoints: 3, graded: 1, pending: 1 }, total: { points: 80.5, maxPoints: 100, percent: 80.5 } });
  });

  it("applying other scores replaces the earlier ones (idempotent)", () => {
    const once = applyManualScores(report(), [{ student: "s", key: "dev_testing.notebooks", points: 0.5, line: 2 }]);
    const again = applyManualScores(once, [{ student: "s", key: "dev_testing.cicd_pipeline", points: 1, line: 2 }]);
    expect(again.tasks[0]!.criteria[0]!.manualGrade).toBeUndefined();
    expect(again.tasks[0]!.criteria[0]!.points).toBe(0);
    expect(again.score.manual).toEqual({ points: 1, maxPoints: 3, graded: 1, pending: 1 });
  });
});

describe("manual scores through batch", () => {
  const students = [{ id: "s0001", kind: "complete" as const }, { id: "s0002", kind: "partial" as const }];
  const world = classWorld(students);

  it("gradebooks (default, Canvas, Moodle), summary and per-student reports carry a person's points", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-manual-"));
    const scores = join(dir, "manual.csv");
    writeFileSync(scores, ["student,criterion,points,comment", "s0001,dev_testing.notebooks,0.5,good", "s0001,dev_testing.cicd_pipeline,0.75,", "s0001,dev_testing.pytest_framework,0.75,", "s0001,crawler.configuration_review,0.5,", "s0001,streaming.script_review,0.5,", "s0002,dev_testing.notebooks,0.25,\"=HYPERLINK(\"\"x\"\")\""].join("\n"));
    const out = join(dir, "out");
    const log: CallLog = { calls: [] };
    const code = await runBatchCommand("glue_hard", { students: "s0001,s0002", out, quiet: true, gradebook: "canvas", manualScores: scores, report: ["json", "markdown"] }, memoryIo(), { identify: identifyWorld(world), sessionFactory: worldSessions(world, log) });
    expect(code).toBe(0);
    const book = parseCsv(readFileSync(join(out, "gradebook.csv"), "utf8")).map((r) => r.fields);
    const head = book[0]!;
    const row = (id: string) => Object.fromEntries(head.map((h, i) => [h, book.find((r) => r[0] === id)![i]]));
    const s1 = row("s0001");
    expect(s1).toMatchObject({ manual_points: "3", manual_max: "3", manual_pending: "0" });
    expect([Number(s1.total), Number(s1.total_max)]).toEqual([Number(s1.score) + 3, Number(s1.max_score) + 3]);
    expect(Number(s1.total_percent)).toBeCloseTo((Number(s1.total) / Number(s1.total_max)) * 100, 2);
    expect(Number(row("s0002").total)).toBeCloseTo(Number(row("s0002").score) + 0.25, 5);
    expect(row("s0002").manual_pending).toBe("4");
    const canvas = parseCsv(readFileSync(join(out, "gradebook-canvas.csv"), "utf8")).map((r) => r.fields);
    expect(canvas[1]![5]).toBe(s1.total_max);
    expect(canvas[2]![5]).toBe(s1.total);
    expect(readFileSync(join(out, "class.html"), "utf8")).toContain('<button type="button">Manual</button>');
    const summary = readFileSync(join(out, "summary.md"), "utf8");
    expect(summary).toContain("## Points graded by a person");
    expect(summary).toContain("`s0002`: 4 manual criteria not scored");
    const json = JSON.parse(readFileSync(join(out, "reports", "s0002.json"), "utf8")) as GradeReport;
    const notebooks = json.tasks.find((t) => t.id === "dev_testing")!.criteria.find((c) => c.id === "notebooks")!;
    expect(notebooks.manualGrade).toEqual({ points: 0.25, comment: '=HYPERLINK("x")' });
    expect(readFileSync(join(out, "reports", "s0002.md"), "utf8")).toContain("graded by a person: 0.25 of 0.5 points");
    // a formula from the scores file stays inert in the CSV it reaches
    expect(readFileSync(join(out, "gradebook-canvas.csv"), "utf8")).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("batch report merges a scores file given later, with no AWS call", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-manual-"));
    const out = join(dir, "out");
    const log: CallLog = { calls: [] };
    expect(await runBatchCommand("glue_hard", { students: "s0001,s0002", out, quiet: true }, memoryIo(), { identify: identifyWorld(world), sessionFactory: worldSessions(world, log) })).toBe(0);
    expect(readFileSync(join(out, "gradebook.csv"), "utf8")).not.toContain("manual_points");
    const calls = log.calls.length;
    const scores = join(dir, "manual.csv");
    writeFileSync(scores, "student,criterion,points\ns0002,dev_testing.notebooks,0.5\n");
    expect(await runBatchReportCommand(out, { manualScores: scores, report: ["markdown"] }, memoryIo())).toBe(0);
    expect(log.calls.length).toBe(calls);
    const book = parseCsv(readFileSync(join(out, "gradebook.csv"), "utf8")).map((r) => r.fields);
    const i = book[0]!.indexOf("manual_points");
    expect(book.find((r) => r[0] === "s0002")![i]).toBe("0.5");
    expect(readFileSync(join(out, "reports", "s0002.md"), "utf8")).toContain("graded by a person: 0.5 of 0.5 points");
    writeFileSync(scores, "student,criterion,points\ns0002,dev_testing.notebook,0.5\n");
    await expect(runBatchReportCommand(out, { manualScores: scores }, memoryIo())).rejects.toThrow(/manual.csv:2: unknown criterion "dev_testing.notebook" \(did you mean dev_testing.notebooks\?\)/);
  });

  it("a bad scores file stops the batch before anything is graded, every problem with file:line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-manual-"));
    const scores = join(dir, "manual.csv");
    writeFileSync(scores, "student,criterion,points\ns0003,dev_testing.notebooks,0.5\ns0001,dev_testing.notebooks,2\n");
    const log: CallLog = { calls: [] };
    await expect(runBatchCommand("glue_hard", { students: "s0001,s0002", out: join(dir, "out"), quiet: true, manualScores: scores }, memoryIo(), { identify: identifyWorld(world), sessionFactory: worldSessions(world, log) })).rejects.toThrow(
      `the manual scores have 2 problems; nothing was graded:\n  ${scores}:2: student "s0003" is not in this class\n  ${scores}:3: 2 points is over the maximum of dev_testing.notebooks (0.5)`,
    );
    expect(log.calls).toEqual([]);
  });
});
