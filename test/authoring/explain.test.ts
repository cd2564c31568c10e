// `explain`: every task and criterion in words, names as templates; markdown as a hand-out page.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledRubric } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { explainMarkdown, explainRubric } from "../../src/cli/explain-command.js";
import { loadRubric } from "../../src/rubric/load.js";
import { authoring, tempDir } from "./helpers.js";
import { INSTRUCTOR_OVERRIDE } from "./fixtures.js";

describe("explain", () => {
  it.each([
    ["text: a task with its check, IAM actions, paths, expectations, requires and hints", ["explain", "glue_hard", "--task", "s3_data_lake"], [
      /Task 1: Enterprise S3 data lake \[s3_data_lake\] — 11 points/,
      /Check s3_data_lake: /,
      /Reads \(IAM actions\): s3:ListBucket, .*kms:DescribeKey/,
      /• Versioning is enabled \[s3_data_lake\.versioning\] — 1 point\n\s+Checks: versioning\.status\n\s+Expects: Enabled\n\s+Requires: s3_data_lake\.bucket_exists/,
      /bucket\s+enterprise-datalake-\{student\}/,
      /Bucket \{bucket\} exists/,
    ], [/Task 2/]],
    ["text: manual criteria with their instructions", ["explain", "glue_hard", "--task", "dev_testing"], [/\(manual\)/, /Manual: Glue development endpoints are retired/, /Graded by a human/], [/Expects:/]],
    ["text: facts of another check name that check", ["explain", "glue_hard", "--task", "cost"], [/Checks: tags, tags\.StudentID, tags\.Environment \(facts of check s3_data_lake: s3:ListBucket/], []],
    ["markdown: a table per task", ["explain", "glue_hard", "--format", "markdown"], [
      /^# AWS Glue Assessment/m,
      /\| Criterion \| Points \| What is checked \| Expected \| Hint \|/,
      /^## Task 15: Cost optimisation — 3 points$/m,
      /\| bucket \| `enterprise-datalake-\{student\}` \|/,
      /\*\*Manual\.\*\* Glue development endpoints/,
    ], []],
    ["json", ["explain", "glue_hard", "--format", "json", "--task", "databases"], [/"check": "databases"/, /"actions": \[/], []],
  ])("%s", async (_name, args, present, absent) => {
    const r = await authoring(args);
    expect(r.code, r.err).toBe(0);
    for (const p of present) expect(r.out).toMatch(p);
    for (const p of absent) expect(r.out).not.toMatch(p);
  });

  it("markdown has one table per task and escapes pipes", async () => {
    const a = (await loadAssessment("glue_hard"))!;
    const rubric = loadRubric(bundledRubric("glue_hard"));
    const md = explainMarkdown(explainRubric(rubric, a), new Map(a.checks.map((c) => [c.id, c])));
    expect(md.match(/^\| Criterion \| Points/gm)).toHaveLength(rubric.tasks.length);
    rubric.tasks[0]!.criteria[0]!.hint = "a | b\nc";
    const one = explainMarkdown(explainRubric(rubric, a, ["s3_data_lake"]), new Map());
    expect(one).toContain("a \\| b<br>c");
    // every table row has the same number of cells as its header
    for (const row of one.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"))) {
      expect(row.replace(/\\\|/g, "").split("|").length, row).toBeGreaterThanOrEqual(4);
    }
  });

  it.each([
    [["explain", "glue_hard", "--task", "nope"], /unknown task "nope"/],
    [["explain", "nope"], /unknown assessment "nope"/],
    [["explain", "glue_hard", "--format", "pdf"], /./],
  ])("refuses %j with exit 64", async (args, pattern) => {
    const r = await authoring(args);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(pattern);
  });

  it("marks a warning criterion as advice that never costs points (text and markdown)", async () => {
    const file = join(tempDir(), "advice.yaml");
    writeFileSync(file, `extends: glue_hard
add:
  - id: databases
    criteria:
      - { id: advice, title: "Pattern names the jobs", severity: warning, points: 0, expect: { path: x, exists: true } }
`);
    const text = await authoring(["explain", "glue_hard", "--rubric", file, "--task", "databases"]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/• Pattern names the jobs \[databases\.advice\] — 0 points \(warning only: advice, never costs points\)/);
    const md = await authoring(["explain", "glue_hard", "--rubric", file, "--task", "databases", "--format", "markdown"]);
    expect(md.out).toMatch(/\| Pattern names the jobs \| 0 \| \*\*Warning only\*\* \(advice, never costs points\)\. `x`/);
  });

  it("explains a custom rubric (--rubric) with its overrides", async () => {
    const dir = tempDir();
    const file = join(dir, "acme.yaml");
    writeFileSync(file, INSTRUCTOR_OVERRIDE);
    const r = await authoring(["explain", "glue_hard", "--rubric", file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/bucket\s+acme-lake-\{student\}/);
    expect(r.out).toMatch(/pass mark 80%/);
    expect(r.out).toMatch(/\[s3_data_lake\.cors\] — 1\.5 points/);
    expect(r.out).toMatch(/\[s3_data_lake\.bucket_region\]/);
    expect(r.out).not.toMatch(/dev_testing/);
  });
});
