// `rubric lint`: schema, reference and fact-path problems located at file:line:col with a suggestion (exit 64); fact
// paths are checked against the facts schema each check declares.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledRubric, catalogOf, type Assessment } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { lintRubric } from "../../src/cli/rubric-command.js";
import { authoring, tempDir } from "./helpers.js";

const ok = `assessment: glue_hard
title: T
version: "1"
totalPoints: 3
names: { bucket: "lake-{student}", kmsAlias: "alias/k-{student}" }
tasks:
  - id: s3
    title: S3
    check: s3_data_lake
    criteria:
      - id: exists
        title: "{bucket} exists"
        points: 2
        expect: { path: bucket.state, equals: exists }
      - id: versioning
        title: Versioning
        points: 1
        requires: [exists]
        expect: { path: versioning.status, equals: Enabled }
`;

let dir: string;
let assessment: Assessment;
beforeAll(async () => {
  dir = tempDir();
  assessment = (await loadAssessment("glue_hard"))!;
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function lint(text: string) {
  const file = write("r.yaml", text);
  return (await lintRubric(file, { catalogs: { glue_hard: catalogOf(assessment) } })).map((f) => `${f.severity} ${f.line ?? 0}: ${f.path}: ${f.message}`);
}

describe("rubric lint", () => {
  it("finds nothing in a clean rubric", async () => {
    expect(await lint(ok)).toEqual([]);
  });

  // [what, change, expected finding]
  it.each([
    ["a misspelled matcher", ok.replace("equals: Enabled", "equal: Enabled"), /^error 19: tasks\[0\]\.criteria\[1\]\.expect\.equal: unknown field "equal"; did you mean "equals"\?/],
    ["an unknown check, with the nearest", ok.replace("check: s3_data_lake", "check: s3_datalake"), /^error 9: tasks\[0\]\.check: unknown check "s3_datalake"; did you mean "s3_data_lake"\?/],
    ["points not summing to totalPoints", ok.replace("points: 2", "points: 1"), /^error \d+: tasks: criteria points add up to 2, but totalPoints is 3/],
    ["a missing template variable", ok.replace('"{bucket} exists"', '"{buckett} exists"'), /^error 12: tasks\[0\]\.criteria\[0\]\.title: unknown placeholder \{buckett\}/],
    ["a name the check needs", ok.replace(', kmsAlias: "alias/k-{student}"', ""), /^error 9: tasks\[0\]\.check: check "s3_data_lake" needs names\.kmsAlias/],
    ["a misspelled criterion field", ok.replace("requires: [exists]", "require: [exists]"), /^error 18: .*unknown field "require"; did you mean "requires"\?/],
    ["an unknown top-level fact", ok.replace("path: versioning.status", "path: versoning.status"), /^error 19: tasks\[0\]\.criteria\[1\]\.expect\.path: facts of check "s3_data_lake": no "versoning\.status": the facts has no "versoning".*did you mean "versioning"\?/],
    ["an unknown nested fact", ok.replace("path: versioning.status", "path: versioning.state"), /^error 19: .*no "versioning\.state": "versioning" has no "state".*did you mean "versioning\.status"\?/],
    ["an unknown fact inside some/all", ok.replace("expect: { path: versioning.status, equals: Enabled }", "expect: { path: lifecycle.rules, some: { all: [{ path: enabeld, equals: true }] } }"), /^error 19: tasks\[0\]\.criteria\[1\]\.expect\.some\.all\[0\]\.path: .*no "enabeld" \(in each item of "lifecycle\.rules"\).*did you mean "enabled"\?/],
  ])("reports %s", async (_what, text, pattern) => {
    const found = await lint(text);
    expect(found.some((l) => pattern.test(l)), found.join("\n")).toBe(true);
  });

  it.each([
    ["the bundled rubric, by id", ["rubric", "lint", "glue_hard"], 0],
    ["the bundled rubric, by file", ["rubric", "lint", bundledRubric("glue_hard")], 0],
  ])("CLI: %s", async (_name, args, code) => {
    const r = await authoring(args);
    expect(r.code, r.out + r.err).toBe(code);
    expect(r.out).not.toMatch(/: error: /);
  });

  it("CLI: a broken rubric → exit 64, one problem per line, with the right line", async () => {
    const file = write("broken.yaml", ok.replace("equals: Enabled", "equal: Enabled"));
    const r = await authoring(["rubric", "lint", file]);
    expect(r.code).toBe(64);
    const lines = r.out.trim().split("\n");
    expect(lines.some((l) => l.startsWith(`${file}:19:`) && /: error: tasks\[0\]\.criteria\[1\]\.expect\.equal: .*did you mean "equals"\?/.test(l)), r.out).toBe(true);
    expect(r.err).toMatch(/\d+ errors?, \d+ warnings?/);
    // Schema problems come first; references are checked once the file has the right shape.
    const refs = write("refs.yaml", ok.replace("check: s3_data_lake", "check: s3_datalake"));
    const r2 = await authoring(["rubric", "lint", refs]);
    expect(r2.code).toBe(64);
    expect(r2.out.trim().split("\n")).toContain(`${refs}:9:12: error: tasks[0].check: unknown check "s3_datalake"; did you mean "s3_data_lake"? (known: ${assessment.checks.map((c) => c.id).join(", ")})`);
  });

  it("CLI: an override file with a misspelled criterion → exit 64 at its line; warnings alone exit 0 unless --strict", async () => {
    const bad = write("over.yaml", "extends: glue_hard\noverrides:\n  s3_data_lake.versionig: { points: 1 }\n");
    const r = await authoring(["rubric", "lint", bad]);
    expect(r.code).toBe(64);
    expect(r.out).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:\\d+: error: overrides\\.s3_data_lake\\.versionig: .*did you mean "versioning"\\?`, "m"));
    const warn = write("warn.yaml", "extends: glue_hard\noverrides:\n  s3_data_lake.versioning: { expect: { path: versioning.stat, equals: Enabled } }\n");
    const w = await authoring(["rubric", "lint", warn]);
    // a fact path the check does not declare is an error, found statically
    expect(w.out).toMatch(/warn\.yaml:3:\d+: error: overrides\.s3_data_lake\.versioning\.expect\.path: .*did you mean "versioning\.status"\?/);
    expect(w.code).toBe(64);
  });

  it("CLI: a missing file → exit 64", async () => {
    const r = await authoring(["rubric", "lint", join(dir, "nope.yaml")]);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/no rubric file/);
  });
});
