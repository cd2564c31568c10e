// glue_easy is rubric-only: graded from rubrics/glue_easy.yaml and generic readers alone. Complete = 100%, each planted
// mistake of the partial world fails with a sentence, and an unbundled copy of the rubric grades through the CLI.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gradeWorld, messageOf, notPassing } from "../../support/grade-world.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/glue-easy.js";
import { CHECKS } from "../../../checks/index.js";
import { assessmentIds, loadAssessment } from "../../../src/app/assessments.js";
import { cli } from "../../cli/helpers.js";
import { bundledRubric, packageRoot } from "../../../src/grade/assessment.js";

describe("glue_easy (rubric-only)", () => {
  it("is discovered from its rubric, has no TypeScript checks, and reads only resources", async () => {
    expect(assessmentIds()).toContain("glue_easy");
    expect(Object.keys(CHECKS)).not.toContain("glue_easy");
    const a = (await loadAssessment("glue_easy"))!;
    expect(a.checks.map((c) => c.id)).toEqual(["bucket", "data", "customers_data", "orders_data", "output", "database", "tables", "role", "customers_crawler", "orders_crawler", "job"]);
  });

  it("a complete solution scores 100%", async () => {
    const r = await gradeWorld("glue_easy", completeWorld("s1"), "s1");
    expect(notPassing(r)).toEqual({});
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails exactly its planted mistakes, each with a sentence naming what was found", async () => {
    const r = await gradeWorld("glue_easy", partialWorld("s1"), "s1");
    expect(notPassing(r)).toEqual({
      "s3_source.orders_json": "fail",
      "s3_source.tags": "fail",
      "orders_crawler.database": "fail",
      "orders_crawler.on_demand": "fail",
      "run_crawlers.orders_table": "fail",
      "etl_job.glue_version": "fail",
      "etl_job.workers": "fail",
      "etl_job.limits": "fail",
      "job_run.succeeded": "fail",
      "job_run.output": "fail",
    });
    expect(messageOf(r, "s3_source.orders_json")).toMatch(/found raw\/orders\/orders\.csv/);
    expect(messageOf(r, "orders_crawler.database")).toMatch(/expected the target database datacatalog_s1, found default/);
    expect(messageOf(r, "etl_job.workers")).toMatch(/found number of workers: 10/);
  });

  it("grades an unbundled copy of the rubric with no code: glue-validate --rubric lab.yaml --student demo", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-lab-"));
    const file = join(dir, "my_lab.yaml");
    writeFileSync(file, readFileSync(bundledRubric("glue_easy"), "utf8").replace("assessment: glue_easy", "assessment: my_lab").replace(/^# yaml-language-server.*$/m, ""));
    const snapshot = join(packageRoot(), "examples", "glue_easy", "complete.json");
    const r = await cli(["--rubric", file, "--student", "demo", "--replay", snapshot, "--format", "json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rubric: { assessment: "my_lab", source: `file:${file}` }, score: { percent: 100 } });
    writeFileSync(file, readFileSync(file, "utf8").replace("reader: glue.crawler", "reader: glue.crawlr"));
    const bad = await cli(["--rubric", file, "--student", "demo", "--replay", snapshot]);
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/my_lab\.yaml:\d+:\d+ resources\.customers_crawler\.reader: unknown reader "glue\.crawlr"; did you mean "glue\.crawler"\?/);
  });

  it.skipIf(!existsSync(join(packageRoot(), "dist", "main.js")))("grades the unbundled copy through the built bin (readers load from the bundle's chunks)", () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-bin-"));
    const file = join(dir, "my_lab.yaml");
    writeFileSync(file, readFileSync(bundledRubric("glue_easy"), "utf8").replace("assessment: glue_easy", "assessment: my_lab").replace(/^# yaml-language-server.*$/m, ""));
    const snapshot = join(packageRoot(), "examples", "glue_easy", "partial.json");
    const r = spawnSync(process.execPath, [join(packageRoot(), "bin", "glue-validate.js"), "--rubric", file, "--student", "demo", "--replay", snapshot, "--format", "json"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.stderr).not.toMatch(/internal error|could not start/);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rubric: { assessment: "my_lab" }, score: { percent: 73 } });
  });
});
