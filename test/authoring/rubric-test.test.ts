// `rubric test`: recorded cases graded with a rubric; the bundled rubric's own cases run in `npm test`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledCasesDir, runRubricTest } from "../../src/cli/rubric-command.js";
import { bundledRubric } from "../../src/grade/assessment.js";
import type { CliIo } from "../../src/cli/io.js";
import { authoring, tempDir } from "./helpers.js";
import { INSTRUCTOR_OVERRIDE } from "./fixtures.js";

function io(): CliIo & { text: () => string } {
  let text = "";
  return { out: (t) => void (text += t), err: (t) => void (text += t), isTty: false, env: {}, text: () => text };
}

/** A copy of the bundled cases, to edit. */
function copyCases(): string {
  const dir = join(tempDir(), "cases");
  mkdirSync(dir);
  for (const n of ["complete", "partial", "empty"]) {
    copyFileSync(join(bundledCasesDir("glue_hard"), `${n}.json`), join(dir, `${n}.json`));
    copyFileSync(join(bundledCasesDir("glue_hard"), `${n}.expect.yaml`), join(dir, `${n}.expect.yaml`));
  }
  return dir;
}

describe("rubric test", () => {
  it.each(["glue_hard", "glue_etl_pipeline_tf", "glue_cdk_sfn_json_to_parquet"])("%s: the bundled rubric passes its own cases (if not: re-run scripts/make-rubric-cases.ts after intended changes)", async (id) => {
    const out = io();
    const code = await runRubricTest(bundledRubric(id), { cases: bundledCasesDir(id) }, out);
    expect(code, out.text()).toBe(0);
    expect(out.text()).toMatch(/^PASS complete \(\d+(\.\d+)?\/\d+(\.\d+)? points, 100%\)$/m);
    expect(out.text()).toMatch(/^PASS partial /m);
    expect(out.text()).toMatch(/^PASS empty .*, 0%\)$/m);
    expect(out.text()).toMatch(/3\/3 cases passed/);
  });

  it("fails a case whose expectation differs, naming the difference (exit 1)", async () => {
    const dir = copyCases();
    const f = join(dir, "partial.expect.yaml");
    writeFileSync(f, readFileSync(f, "utf8").replace(/^percent: .*$/m, "percent: 99").replace("s3_data_lake.versioning: fail", "s3_data_lake.versioning: pass"));
    const r = await authoring(["rubric", "test", "glue_hard", "--cases", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^PASS complete/m);
    expect(r.out).toMatch(/^FAIL partial/m);
    expect(r.out).toMatch(/- percent [\d.]+, expected 99/);
    expect(r.out).toMatch(/- s3_data_lake\.versioning: fail, expected pass \(expected Enabled, found Suspended/);
    expect(r.out).toMatch(/2\/3 cases passed/);
  });

  it("grades a custom rubric on the same cases (an instructor's override changes the scores)", async () => {
    const dir = copyCases();
    const rubric = join(tempDir(), "acme.yaml");
    writeFileSync(rubric, INSTRUCTOR_OVERRIDE.replace("bucket: acme-lake-{student}", "bucket: enterprise-datalake-{student}"));
    const r = await authoring(["rubric", "test", rubric, "--cases", dir]);
    expect(r.code).toBe(1); // the bundled expectations list dev_testing criteria, which the override removes
    expect(r.out).toMatch(/dev_testing\.notebooks: not in the rubric \(expected manual\)/);
  });

  it.each([
    ["no cases folder", (d: string) => ["rubric", "test", "glue_hard", "--cases", join(d, "none")], /no cases folder/],
    ["an empty folder", (d: string) => ["rubric", "test", "glue_hard", "--cases", d], /no cases in/],
    ["a case without an expectation file", (d: string) => (writeFileSync(join(d, "x.json"), "{}"), ["rubric", "test", "glue_hard", "--cases", d]), /missing .*x\.expect\.yaml/],
    ["a bad expectation file", (d: string) => (copyFileSync(join(bundledCasesDir("glue_hard"), "empty.json"), join(d, "x.json")), writeFileSync(join(d, "x.expect.yaml"), "student: s1\npercnt: 3\n"), ["rubric", "test", "glue_hard", "--cases", d]), /x\.expect\.yaml: .*percnt/],
  ])("usage problem: %s → exit 64", async (_name, args, pattern) => {
    const d = tempDir();
    const r = await authoring(args(d));
    expect(r.code).toBe(64);
    expect(r.err).toMatch(pattern);
  });
});
