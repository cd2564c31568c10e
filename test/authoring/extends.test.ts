// Custom rubrics that `extends` the bundled one: overrides resolve into a plain rubric; mistakes are located in the
// override file with a suggestion.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AwsSession } from "../../src/aws/session.js";
import { bundledRubric, catalogOf, type Assessment } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { gradeStudent } from "../../src/grade/grade.js";
import { loadRubricFile, resolveRubricFile, type Catalogs } from "../../src/rubric/extends.js";
import { loadRubric, RubricError } from "../../src/rubric/load.js";
import type { Rubric } from "../../src/rubric/schema.js";
import { statuses } from "../support/grade-world.js";
import { completeWorld } from "../support/world/index.js";
import { worldTransport } from "../support/world/transport.js";
import { tempDir } from "./helpers.js";
import { INSTRUCTOR_OVERRIDE } from "./fixtures.js";


let assessment: Assessment;
let catalogs: Catalogs;
let dir: string;
beforeAll(async () => {
  assessment = (await loadAssessment("glue_hard"))!;
  catalogs = { glue_hard: catalogOf(assessment) };
  dir = tempDir();
  mkdirSync(join(dir, "rubrics"));
});

function write(name: string, text: string): string {
  const file = join(dir, "rubrics", name);
  writeFileSync(file, text);
  return file;
}

function problems(file: string): string[] {
  try {
    loadRubricFile(file, catalogs);
  } catch (e) {
    expect(e).toBeInstanceOf(RubricError);
    return (e as RubricError).message.split("\n");
  }
  throw new Error("expected the rubric to be refused");
}

const criterion = (r: Rubric, key: string) => {
  const [t, c] = key.split(".");
  return r.tasks.find((x) => x.id === t)?.criteria.find((x) => x.id === c);
};

describe("extends", () => {
  it("resolves the instructor override into a plain rubric", () => {
    const base = loadRubric(bundledRubric("glue_hard"));
    const r = loadRubricFile(write("acme.yaml", INSTRUCTOR_OVERRIDE), catalogs);
    expect(r.assessment).toBe("glue_hard");
    expect(r.title).toMatch(/ACME/);
    expect(r.passPercent).toBe(80);
    expect(r.totalPoints).toBe(100);
    expect(r.names.bucket).toBe("acme-lake-{student}");
    expect(r.names.kmsAlias).toBe(base.names.kmsAlias);
    expect(r.tasks.map((t) => t.id)).not.toContain("dev_testing");
    expect(r.tasks).toHaveLength(base.tasks.length - 1);
    expect(criterion(r, "s3_data_lake.cors")).toMatchObject({ points: 1.5, hint: expect.stringMatching(/acme/), requires: ["bucket_exists"] });
    expect(criterion(r, "monitoring.dashboard_widgets")!.expect).toEqual({ path: "dashboard.widgetCount", atLeast: 8 });
    expect(criterion(r, "s3_data_lake.lifecycle_logs")).toBeUndefined();
    expect(criterion(r, "s3_data_lake.bucket_region")).toMatchObject({ points: 1 });
    expect(r.tasks.reduce((s, t) => s + t.criteria.reduce((a, c) => a + c.points, 0), 0)).toBe(100);
  });

  it("grades with the override: renamed bucket, stricter threshold, extra criteria", async () => {
    const rubric = loadRubricFile(join(dir, "rubrics", "acme.yaml"), catalogs);
    const world = completeWorld("s1");
    const session = new AwsSession({ region: world.region, transport: worldTransport(world) });
    const report = await gradeStudent({ assessment, rubric, rubricSource: "file:acme.yaml", session, student: "s1", account: world.account });
    const s = statuses(report);
    expect(s["s3_data_lake.bucket_exists"]).toBe("fail"); // the world's bucket is enterprise-datalake-s1, not acme-lake-s1
    expect(s["s3_data_lake.bucket_region"]).toBe("skipped");
    expect(s["databases.landing_exists"]).toBe("pass");
    expect(s["dev_testing.notebooks"]).toBeUndefined();
    expect(report.score.threshold).toBe(80);
    const bucket = report.tasks[0]!.criteria[0]!;
    expect(bucket.message).toMatch(/acme-lake-s1/); // the renamed template, filled for the student
  });

  it("drops requires that point to a disabled criterion or a removed task", () => {
    const r = loadRubricFile(
      write("drop.yaml", `extends: glue_hard\ntotalPoints: 88.5\nremoveTasks: [s3_data_lake]\noverrides:\n  databases.landing_exists: { disabled: true }\n`),
      catalogs,
    );
    expect(criterion(r, "cost.cost_tags")!.requires).toBeUndefined(); // required s3_data_lake.bucket_exists
    expect(criterion(r, "databases.landing_location")!.requires).toBeUndefined();
    expect(criterion(r, "databases.tags")!.requires).toEqual(["bronze_exists", "silver_exists", "gold_exists"]);
  });

  it("extends another override file (relative path) and refuses a cycle", () => {
    write("base.yaml", `extends: glue_hard\npassPercent: 60\n`);
    expect(loadRubricFile(write("child.yaml", `extends: ./base.yaml\nversion: "2"\n`), catalogs)).toMatchObject({ passPercent: 60, version: "2" });
    write("a.yaml", `extends: ./b.yaml\n`);
    write("b.yaml", `extends: ./a.yaml\n`);
    expect(problems(join(dir, "rubrics", "a.yaml")).join("\n")).toMatch(/extends forms a cycle/);
  });

  // [name, override text, a line of the error (file:line) and its message]
  it.each([
    ["a misspelled criterion, with a suggestion", `extends: glue_hard\noverrides:\n  s3_data_lake.cros: { points: 0.5 }\n`, /x\.yaml:3:\d+ overrides\.s3_data_lake\.cros: task "s3_data_lake" has no criterion "cros"; did you mean "cors"\?/],
    ["an unknown task in removeTasks", `extends: glue_hard\nremoveTasks: [dev_tests]\n`, /x\.yaml:2:\d+ removeTasks\[0\]: unknown task "dev_tests"; did you mean "dev_testing"\?/],
    ["points that no longer add up, at totalPoints", `extends: glue_hard\ntotalPoints: 100\noverrides:\n  s3_data_lake.cors: { points: 3 }\n`, /x\.yaml:2:\d+ totalPoints: criteria points add up to 102\.5, but totalPoints is 100/],
    ["points that no longer add up, at overrides", `extends: glue_hard\noverrides:\n  s3_data_lake.cors: { points: 3 }\n`, /x\.yaml:3:\d+ overrides: criteria points add up to 102\.5/],
    ["a misspelled matcher in an override", `extends: glue_hard\noverrides:\n  s3_data_lake.cors:\n    expect: { path: cors.rules, atleast: 1 }\n`, /x\.yaml:4:\d+ overrides\.s3_data_lake\.cors\.expect\.atleast: unknown field "atleast"; did you mean "atLeast"\?/],
    ["a misspelled override field", `extends: glue_hard\noverrides:\n  s3_data_lake.cors: { pionts: 1 }\n`, /x\.yaml:3:\d+ .*unknown field "pionts"; did you mean "points"\?/],
    ["a new task without a title", `extends: glue_hard\nadd:\n  - id: extra\n    check: s3_data_lake\n    criteria: [{ id: a, title: a, points: 0, expect: { path: bucket.exists, equals: true } }]\n`, /x\.yaml:3:\d+ add\[0\]: a new task needs a title/],
    ["an unknown check in an added task, with the nearest", `extends: glue_hard\nadd:\n  - id: extra\n    title: Extra\n    check: s3_datalake\n    criteria: [{ id: a, title: a, points: 0, expect: { path: bucket.exists, equals: true } }]\n`, /x\.yaml:5:\d+ add\[0\]\.check: unknown check "s3_datalake"; did you mean "s3_data_lake"\?/],
    ["an unknown placeholder in an added criterion", `extends: glue_hard\nadd:\n  - id: s3_data_lake\n    criteria: [{ id: a, title: "{bukket} ok", points: 0, expect: { path: bucket.exists, equals: true } }]\n`, /x\.yaml:4:\d+ .*unknown placeholder \{bukket\}/],
    ["a missing base", `extends: ./nope.yaml\n`, /x\.yaml:1:\d+ extends: cannot find the base rubric "\.\/nope\.yaml"/],
    ["a field of the base's own format", `extends: glue_hard\ntasks: []\n`, /x\.yaml:2:\d+ tasks: unknown field "tasks".*add/],
    ["a task override with a criterion field", `extends: glue_hard\noverrides:\n  cost: { points: 4 }\n`, /x\.yaml:3:\d+ overrides\.cost\.points: a task override may change title/],
  ])("refuses %s", (_name, text, pattern) => {
    const lines = problems(write("x.yaml", text));
    expect(lines.some((l) => pattern.test(l)), lines.join("\n")).toBe(true);
  });

  it("keeps the origin of each part for lint and explain", () => {
    const r = resolveRubricFile(join(dir, "rubrics", "acme.yaml"), catalogs);
    const cors = r.rubric.tasks[0]!.criteria.findIndex((c) => c.id === "cors");
    expect(r.origin(["tasks", 0, "criteria", cors, "points"])).toMatchObject({ file: join(dir, "rubrics", "acme.yaml"), line: 11 });
    expect(r.origin(["tasks", 0, "criteria", cors, "title"]).file).toBe(bundledRubric("glue_hard"));
    expect(r.files).toEqual([join(dir, "rubrics", "acme.yaml"), bundledRubric("glue_hard")]);
  });

  it("loads a plain rubric file too, and refuses an unknown assessment", () => {
    expect(loadRubricFile(bundledRubric("glue_hard"), catalogs).tasks.length).toBeGreaterThan(10);
    const text = `assessment: glue_hardd\ntitle: T\nversion: "1"\ntotalPoints: 1\ntasks:\n  - { id: a, title: A, criteria: [{ id: b, title: B, points: 1, manual: look }] }\n`;
    expect(problems(write("plain.yaml", text)).join("\n")).toMatch(/plain\.yaml:1:\d+ assessment: unknown assessment "glue_hardd"; did you mean "glue_hard"\?/);
  });
});

describe("openAssessment with a rubric file (for grade --rubric)", () => {
  it("returns the assessment with the custom rubric, or a usage error in one message", async () => {
    const { openAssessment } = await import("../../src/app/assessments.js");
    const resolveCustomRubric = (id: string, rubricFile: string) => openAssessment({ id, rubricFile });
    const { UsageError } = await import("../../src/cli/exit.js");
    const file = write("custom.yaml", INSTRUCTOR_OVERRIDE);
    const r = await resolveCustomRubric("glue_hard", file);
    expect(r.rubricSource).toBe(`file:${file}`);
    expect(r.rubric.names.bucket).toBe("acme-lake-{student}");
    expect(r.assessment.id).toBe("glue_hard");
    await expect(resolveCustomRubric("glue_hard", write("bad.yaml", "extends: glue_hard\nremoveTasks: [nope]\n"))).rejects.toThrow(UsageError);
    await expect(resolveCustomRubric("glue_hard", write("bad.yaml", "extends: glue_hard\nremoveTasks: [nope]\n"))).rejects.toThrow(/invalid rubric:\n.*bad\.yaml:2:\d+ removeTasks\[0\]: unknown task "nope"/);
    await expect(resolveCustomRubric("nope", file)).rejects.toThrow(/unknown assessment "nope"/);
  });
});

describe("overrides of severity", () => {
  it("makes a graded criterion advice (with points: 0), and grades a warning again (severity: null)", async () => {
    const r = loadRubricFile(
      write("sev.yaml", `extends: glue_hard\ntotalPoints: 99.5\noverrides:\n  s3_data_lake.cors: { severity: warning, points: 0 }\n`),
      catalogs,
    );
    expect(criterion(r, "s3_data_lake.cors")).toMatchObject({ severity: "warning", points: 0 });
    const world = completeWorld("s1");
    delete (world.s3Buckets as Record<string, { cors?: unknown }>)["enterprise-datalake-s1"]!.cors;
    const report = await gradeStudent({ assessment, rubric: r, rubricSource: "file:sev.yaml", session: new AwsSession({ region: world.region, transport: worldTransport(world) }), student: "s1", account: world.account });
    expect(statuses(report)["s3_data_lake.cors"]).toBe("warning");
    expect(report.score.percent).toBe(100);

    const tfCatalogs = { glue_etl_pipeline_tf: catalogOf((await loadAssessment("glue_etl_pipeline_tf"))!) };
    const graded = loadRubricFile(write("graded.yaml", `extends: glue_etl_pipeline_tf\ntotalPoints: 111\noverrides:\n  monitoring.rule_pattern_jobs: { severity: null, points: 1 }\n`), tfCatalogs);
    expect(criterion(graded, "monitoring.rule_pattern_jobs")).toMatchObject({ points: 1 });
    expect(criterion(graded, "monitoring.rule_pattern_jobs")!.severity).toBeUndefined();
  });

  it("a warning with points is refused at the override's line", () => {
    const lines = problems(write("bad-sev.yaml", `extends: glue_hard\noverrides:\n  s3_data_lake.cors:\n    severity: warning\n`));
    expect(lines.join("\n")).toMatch(/bad-sev\.yaml:4:\d+ overrides\.s3_data_lake\.cors\.severity: a warning never costs points: add points: 0/);
  });

  it("grading a warning without giving it points is refused at the override's line", async () => {
    const tfCatalogs = { glue_etl_pipeline_tf: catalogOf((await loadAssessment("glue_etl_pipeline_tf"))!) };
    try {
      loadRubricFile(write("bad-graded.yaml", `extends: glue_etl_pipeline_tf\noverrides:\n  monitoring.rule_pattern_jobs: { severity: null }\n`), tfCatalogs);
      expect.unreachable("the rubric should be refused");
    } catch (e) {
      expect((e as RubricError).message).toMatch(/bad-graded\.yaml:3:\d+ overrides\.monitoring\.rule_pattern_jobs\.severity: a graded criterion needs points/);
    }
  });
});
