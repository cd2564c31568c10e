// Loading rubrics: the bundled ones are valid; broken ones are refused with file, line and path.
import { describe, expect, it } from "vitest";
import { parseRubric, RubricError } from "../../src/rubric/load.js";
import { resolveNames, fill } from "../../src/rubric/template.js";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { assessmentIds, loadAssessment } from "../../src/app/assessments.js";
import { loadRubric } from "../../src/rubric/load.js";

const ok = `assessment: t
title: T
version: "1"
totalPoints: 3
names: { bucket: "lake-{student}" }
tasks:
  - id: s3
    title: S3
    check: bucket
    criteria:
      - id: exists
        title: exists
        points: 3
        expect: { path: exists, equals: true }
`;

function problems(text: string, catalog?: Record<string, string[]>): string[] {
  try {
    parseRubric(text, "my.yaml", catalog);
  } catch (e) {
    expect(e).toBeInstanceOf(RubricError);
    return (e as RubricError).message.split("\n");
  }
  throw new Error("expected the rubric to be refused");
}

describe("rubric loading", () => {
  it("accepts a valid rubric and applies defaults", () => {
    const r = parseRubric(ok, "ok.yaml", { bucket: ["bucket"] });
    expect(r.passPercent).toBe(70);
    expect(r.tasks[0]!.criteria[0]!.points).toBe(3);
  });

  it.each([
    ["a matcher typo, with its line", ok.replace("equals: true", "equal: true"), /^my\.yaml:14:\d+ tasks\[0\]\.criteria\[0\]\.expect: .*equal/],
    ["two matchers", ok.replace("equals: true }", "equals: true, exists: true }"), /^my\.yaml:14:\d+ .*one matcher, found equals \+ exists/],
    ["points not adding up", ok.replace("points: 3", "points: 2"), /points add up to 2, but totalPoints is 3/],
    ["unknown placeholder", ok.replace("title: exists", "title: \"{bukket} exists\""), /my\.yaml:12:\d+ .*unknown placeholder \{bukket\}/],
    ["unknown requires", ok.replace("points: 3", "points: 3\n        requires: [nope]"), /requires unknown criterion "nope"/],
    ["invalid regex", ok.replace("equals: true", 'matches: "(["'), /not a valid regular expression/],
    ["YAML syntax", ok.replace("tasks:", "tasks: [\n"), /^my\.yaml:\d+:\d+ YAML:/],
    ["manual and expect at once", ok.replace("points: 3", 'points: 3\n        manual: "look"'), /either `manual` or has `expect`/],
    ["a criterion with neither", ok.replace("        expect: { path: exists, equals: true }\n", ""), /needs `expect` \(automatic\) or `manual`/],
    ["a warning with points, at the points line", ok.replace("points: 3", "points: 3\n        severity: warning"), /^my\.yaml:13:\d+ tasks\[0\]\.criteria\[0\]\.points: a `severity: warning` criterion never costs points: give it `points: 0` \(found 3\)$/],
    ["a manual warning, at the severity line", ok.replace("points: 3\n        expect: { path: exists, equals: true }", 'points: 0\n        severity: warning\n        manual: "look"').replace("totalPoints: 3", "totalPoints: 1"), /^my\.yaml:14:\d+ tasks\[0\]\.criteria\[0\]\.severity: a `severity: warning` criterion is automatic: it needs `expect`, not `manual`$/],
    ["an unknown severity", ok.replace("points: 3", "points: 3\n        severity: error"), /^my\.yaml:14:\d+ tasks\[0\]\.criteria\[0\]\.severity: .*"warning"/],
    ["a graded criterion requiring a warning", `${ok}      - { id: advice, title: advice, severity: warning, points: 0, expect: { path: x, exists: true } }\n      - { id: more, title: more, points: 0, requires: [advice], expect: { path: y, exists: true } }\n`, /^my\.yaml:16:\d+ tasks\[0\]\.criteria\[2\]\.requires: requires "advice", a `severity: warning` criterion: a warning never costs points, so only another warning may require it$/],
  ])("refuses %s", (_n, text, pattern) => {
    expect(problems(text).some((l) => pattern.test(l))).toBe(true);
  });

  it("accepts an advisory criterion (severity: warning, points: 0, expect), also required by another warning", () => {
    const text = `${ok}      - { id: advice, title: advice, severity: warning, points: 0, expect: { path: x, exists: true }, hint: "h" }\n      - { id: more, title: more, severity: warning, points: 0, requires: [advice], expect: { path: y, exists: true } }\n`;
    const r = parseRubric(text, "ok.yaml", { bucket: ["bucket"] });
    expect(r.tasks[0]!.criteria.map((c) => c.severity)).toEqual([undefined, "warning", "warning"]);
  });

  it("refuses an unknown check and a name the check needs", () => {
    expect(problems(ok, { other: [] }).join("\n")).toMatch(/unknown check "bucket"/);
    expect(problems(ok, { bucket: ["kmsAlias"] }).join("\n")).toMatch(/needs names\.kmsAlias/);
  });

  it("refuses cycles of requires", () => {
    const text = ok.replace("points: 3\n", "points: 1\n        requires: [b]\n") + `      - { id: b, title: b, points: 2, requires: [exists], expect: { path: x, exists: true } }\n`;
    expect(problems(text).join("\n")).toMatch(/cycle: s3\.exists → s3\.b → s3\.exists|cycle: s3\.b → s3\.exists → s3\.b/);
  });

  it.each(assessmentIds())("the bundled rubric %s loads against its checks", async (id) => {
    const a = (await loadAssessment(id))!;
    const r = loadRubric(bundledRubric(id), catalogOf(a));
    expect(r.tasks.reduce((s, t) => s + t.criteria.reduce((x, c) => x + c.points, 0), 0)).toBe(r.totalPoints);
  });
});

describe("templates", () => {
  it("resolves names that use other names and built-ins", () => {
    expect(resolveNames({ bucket: "lake-{student}", path: "s3://{bucket}/x/" }, { student: "9" })).toEqual({ bucket: "lake-9", path: "s3://lake-9/x/" });
  });
  it("leaves unknown placeholders visible", () => {
    expect(fill("a-{nope}-{student}", { student: "1" })).toBe("a-{nope}-1");
  });
  it("refuses a name that refers to itself", () => {
    expect(() => resolveNames({ a: "{b}", b: "{a}" }, {})).toThrow(/refers to itself/);
  });
});

describe("Grok references in rubric text", () => {
  it("%{WORD:action} is left alone, {student} is filled", () => {
    expect(fill("use %{WORD:action} for {student}", { student: "5", WORD: "x" })).toBe("use %{WORD:action} for 5");
  });
});
