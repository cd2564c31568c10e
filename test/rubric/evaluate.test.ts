// Evaluation is a pure function of (rubric, facts): tables of facts in, statuses and points out.
import { describe, expect, it } from "vitest";
import { evaluate, taskStatus } from "../../src/rubric/evaluate.js";
import { parseRubric } from "../../src/rubric/load.js";

const rubric = parseRubric(
  `
assessment: t
title: T
version: "1"
totalPoints: 10
names: { bucket: "lake-{student}" }
tasks:
  - id: s3
    title: "Bucket {bucket}"
    check: bucket
    criteria:
      - { id: exists, title: "{bucket} exists", points: 4, expect: { path: exists, equals: true }, found: "no bucket {bucket}", hint: "create {bucket}", didYouMean: similar }
      - { id: versioning, title: versioning, points: 2, requires: [exists], expect: { path: versioning, equals: Enabled } }
      - { id: tag, title: tag, points: 2, requires: [exists], expect: { path: tags.StudentID, equals: "{student}" } }
      - { id: notes, title: notes, points: 2, manual: "read the student's notes" }
`,
  "inline.yaml",
);
const vars = { student: "7", bucket: "lake-7" };
const run = (facts: Record<string, unknown>) => evaluate(rubric, { facts: { bucket: facts as never }, vars })[0]!;
const byId = (facts: Record<string, unknown>) => Object.fromEntries(run(facts).criteria.map((c) => [c.id, c]));

describe("evaluate", () => {
  it.each([
    ["all good", { exists: true, versioning: "Enabled", tags: { StudentID: "7" } }, { exists: "pass", versioning: "pass", tag: "pass", notes: "manual" }, 8],
    ["missing bucket skips its settings", { exists: false, similar: ["Lake-07"] }, { exists: "fail", versioning: "skipped", tag: "skipped", notes: "manual" }, 0],
    ["one wrong setting", { exists: true, versioning: "Suspended", tags: { StudentID: "7" } }, { exists: "pass", versioning: "fail", tag: "pass", notes: "manual" }, 6],
    ["unreadable setting is an error", { exists: true, versioning: { $error: { action: "s3:GetBucketVersioning", kind: "accessDenied", message: "AccessDenied" } }, tags: { StudentID: "7" } }, { exists: "pass", versioning: "error", tag: "pass", notes: "manual" }, 6],
    ["another student's tag", { exists: true, versioning: "Enabled", tags: { StudentID: "8" } }, { exists: "pass", versioning: "pass", tag: "fail", notes: "manual" }, 6],
  ] as const)("%s", (_n, facts, want, points) => {
    const t = run(facts);
    expect(Object.fromEntries(t.criteria.map((c) => [c.id, c.status]))).toEqual(want);
    expect(t.points).toBe(points);
    expect(t.maxPoints).toBe(8);
    expect(t.manualPoints).toBe(2);
  });

  it("a failure says what was expected and what was found, with the near-miss name", () => {
    const c = byId({ exists: false, similar: ["Lake-07"] });
    expect(c.exists!.message).toBe("expected lake-7 exists; no bucket lake-7; a similar name exists: Lake-07 (check the exact spelling)");
    expect(c.exists!.hint).toBe("create lake-7");
    expect(c.exists!.title).toBe("lake-7 exists");
    expect(c.versioning!.message).toContain('requires "lake-7 exists"');
  });

  it("an error names the IAM action and never awards points", () => {
    const c = byId({ exists: true, versioning: { $error: { action: "s3:GetBucketVersioning", kind: "accessDenied", message: "AccessDenied" } } });
    expect(c.versioning).toMatchObject({ status: "error", points: 0, action: "s3:GetBucketVersioning" });
    expect(c.versioning!.message).toContain("s3:GetBucketVersioning");
  });

  it("a check that failed entirely makes each of its criteria an error", () => {
    const t = run({ $error: { action: "check:bucket", kind: "other", message: "boom" } });
    expect(t.criteria.filter((c) => c.status === "error").map((c) => c.id)).toEqual(["exists"]);
    expect(t.criteria.find((c) => c.id === "versioning")!.status).toBe("skipped");
  });

  it("manual criteria are never awarded, whatever the facts", () => {
    const c = byId({ exists: true, versioning: "Enabled", tags: { StudentID: "7" }, notes: true });
    expect(c.notes).toMatchObject({ status: "manual", points: 0, maxPoints: 2, manual: "read the student's notes" });
  });

  it.each([
    [["pass", "manual"], "pass"],
    [["pass", "fail", "error"], "error"],
    [["pass", "skipped"], "skipped"],
    [["manual"], "manual"],
  ] as const)("task status of %j is %s", (s, want) => {
    expect(taskStatus([...s])).toBe(want);
  });
});

describe("checksNeeded", () => {
  it("includes the checks behind criteria required from other tasks, and skips manual-only tasks", async () => {
    const { checksNeeded } = await import("../../src/grade/grade.js");
    const r = parseRubric(
      `assessment: t
title: T
version: "1"
totalPoints: 3
tasks:
  - { id: a, title: A, check: ca, criteria: [{ id: x, title: x, points: 1, expect: { path: x, exists: true } }] }
  - { id: b, title: B, check: cb, criteria: [{ id: y, title: y, points: 1, requires: [a.x], expect: { path: y, exists: true } }] }
  - { id: c, title: C, criteria: [{ id: z, title: z, points: 1, manual: "look" }] }
`,
      "t.yaml",
    );
    expect(checksNeeded(r, ["b"]).sort()).toEqual(["ca", "cb"]);
    expect(checksNeeded(r, ["c"])).toEqual([]);
    expect(checksNeeded(r).sort()).toEqual(["ca", "cb"]);
  });
});

describe("onlyIf", () => {
  const r = parseRubric(
    `assessment: t
title: T
version: "1"
totalPoints: 3
tasks:
  - id: a
    title: A
    check: ca
    criteria:
      - { id: x, title: x, points: 1, expect: { path: x, exists: true } }
      - { id: count, title: count, points: 2, onlyIf: { facts: opts, expect: { path: queries, equals: true }, reason: "needs --run-queries" }, expect: { path: n, equals: 5 } }
`,
    "t.yaml",
  );
  const task = (queries: boolean, n: number) => evaluate(r, { facts: { ca: { x: 1, n }, opts: { queries } }, vars: {} })[0]!;

  it("off: skipped with the reason, and its points leave the maximum", () => {
    const t = task(false, 4);
    expect(t.criteria[1]).toMatchObject({ status: "skipped", points: 0, maxPoints: 0, message: "not graded in this run: needs --run-queries" });
    expect(t.maxPoints).toBe(1);
  });

  it("on: graded as usual", () => {
    expect(task(true, 4).criteria[1]).toMatchObject({ status: "fail", maxPoints: 2 });
    expect(task(true, 5).criteria[1]).toMatchObject({ status: "pass", points: 2 });
  });
});

describe("severity: warning", () => {
  const r = parseRubric(
    `assessment: t
title: T
version: "1"
totalPoints: 2
tasks:
  - id: rule
    title: Rule
    check: eb
    criteria:
      - { id: exists, title: rule exists, points: 2, expect: { path: exists, equals: true } }
      - { id: pattern, title: pattern names the jobs, severity: warning, points: 0, expect: { path: jobs, every: { matches: "^glue-etl-pipeline-" } }, hint: "use the full job names" }
      - { id: target, title: target, severity: warning, points: 0, requires: [pattern], expect: { path: target, exists: true } }
`,
    "t.yaml",
  );
  const denied = { $error: { action: "events:ListRules", kind: "accessDenied", message: "AccessDenied" } };
  const grade = (facts: unknown) => evaluate(r, { facts: facts === undefined ? {} : { eb: facts as never }, vars: {} })[0]!;
  const full = ["glue-etl-pipeline-123-dev-data-ingestion"];

  it.each([
    ["the pattern matches: pass", { exists: true, jobs: full, target: "sfn" }, { exists: "pass", pattern: "pass", target: "pass" }, 2, "pass"],
    ["the pattern can never match: warning, its dependant skipped, score unchanged", { exists: true, jobs: ["data-ingestion"], target: "sfn" }, { exists: "pass", pattern: "warning", target: "skipped" }, 2, "pass"],
    ["the failing graded criterion still fails", { exists: false, jobs: ["data-ingestion"] }, { exists: "fail", pattern: "warning", target: "skipped" }, 0, "fail"],
    ["an unreadable fact: warning (could not be checked), not error", { exists: true, jobs: denied, target: "sfn" }, { exists: "pass", pattern: "warning", target: "skipped" }, 2, "pass"],
    ["a check that failed entirely: the graded criterion errors, the warning warns", denied, { exists: "error", pattern: "warning", target: "skipped" }, 0, "error"],
    ["no facts collected at all", undefined, { exists: "error", pattern: "warning", target: "skipped" }, 0, "error"],
  ] as const)("%s", (_n, facts, want, points, status) => {
    const t = grade(facts);
    expect(Object.fromEntries(t.criteria.map((c) => [c.id, c.status]))).toEqual(want);
    expect(t.points).toBe(points);
    expect(t.maxPoints).toBe(2);
    expect(t.status).toBe(status);
    for (const c of t.criteria.filter((x) => x.id !== "exists")) expect([c.points, c.maxPoints]).toEqual([0, 0]);
  });

  it("a warning keeps the failure's message (expected X, found Y), its found value and its hint", () => {
    const c = grade({ exists: true, jobs: ["data-ingestion"] }).criteria[1]!;
    expect(c).toMatchObject({ status: "warning", points: 0, maxPoints: 0, hint: "use the full job names", actual: ["data-ingestion"] });
    expect(c.message).toBe("expected every item matching /^glue-etl-pipeline-/, found data-ingestion");
    expect(grade({ exists: true, jobs: ["data-ingestion"], target: "sfn" }).criteria[2]!.message).toContain("which is not met");
  });

  it.each([
    ["an ErrorFact on the path", { exists: true, jobs: denied }, /^could not be checked: the grading identity is not allowed to call events:ListRules \(AccessDenied\): grant events:ListRules to it and grade again\.$/, "events:ListRules"],
    ["no facts for the check", undefined, /^could not be checked: the check "eb" collected no facts \(it stopped before reading anything\)\.$/, undefined],
  ] as const)("%s: the warning says it could not be checked (and names the IAM action)", (_n, facts, message, action) => {
    const c = grade(facts).criteria[1]!;
    expect(c.status).toBe("warning");
    expect(c.message).toMatch(message);
    expect(c.action).toBe(action);
  });

  it.each([
    [["pass", "warning"], "pass"],
    [["warning", "manual"], "pass"],
    [["warning"], "pass"],
    [["fail", "warning"], "fail"],
    [["skipped", "warning"], "skipped"],
  ] as const)("task status of %j is %s", (s, want) => {
    expect(taskStatus([...s])).toBe(want);
  });
});

describe("messages: expected and found in words", () => {
  const r = parseRubric(
    `assessment: t
title: T
version: "1"
totalPoints: 3
names: { alias: "alias/lake-{student}" }
tasks:
  - id: s3
    title: Bucket
    check: bucket
    criteria:
      - id: key
        title: The bucket key is the one behind {alias}
        points: 1
        expect: { path: encryption.keyMatchesAlias, equals: true }
        expected: "the key behind {alias}"
        found: "the bucket uses {$encryption.keyId}"
      - { id: versioning, title: Versioning, points: 1, expect: { path: versioning, equals: Enabled } }
      - { id: policy, title: Policy present, points: 1, expect: { all: [{ path: policy.present, equals: true }, { path: policy.statements, atLeast: 1 }] } }
`,
    "t.yaml",
  );
  const grade = (facts: unknown, verbose = false) => Object.fromEntries(evaluate(r, { facts: { bucket: facts as never }, vars: { student: "7", alias: "alias/lake-7" }, verbose })[0]!.criteria.map((c) => [c.id, c]));
  const facts = { encryption: { keyMatchesAlias: false, keyId: "arn:aws:kms:us-east-1:123456789012:key/other" }, versioning: "Suspended", policy: { present: true, statements: 0, raw: "x" }, unrelated: { big: "object" } };

  it("found: names the graded value from the facts instead of a bare false", () => {
    expect(grade(facts).key!.message).toBe("expected the key behind alias/lake-7; the bucket uses arn:aws:kms:us-east-1:123456789012:key/other");
    expect(grade(facts).key!.found).toBe("the bucket uses arn:aws:kms:us-east-1:123456789012:key/other");
  });

  it("a plain value is shown as itself, no quotes and no fact path", () => {
    expect(grade(facts).versioning!.message).toBe("expected Enabled, found Suspended");
  });

  it("a failed sub-expectation shows its own value by its key in words", () => {
    expect(grade(facts).policy!.message).toBe("expected present and statements at least 1, found statements: 0");
  });

  it("a pass shows the graded value; a yes/no pass shows the expectation it met", () => {
    const ok = grade({ ...facts, encryption: { keyMatchesAlias: true, keyId: "k" }, versioning: "Enabled" });
    expect(ok.versioning!.message).toBe("found Enabled");
    expect(ok.key!.message).toBe("met: the key behind alias/lake-7");
  });

  it("--verbose evidence holds the graded fields, not the whole facts object", () => {
    const c = grade(facts, true);
    expect(c.versioning!.evidence).toBe("Suspended");
    expect(c.policy!.evidence).toEqual({ "policy.present": true, "policy.statements": 0 });
  });
});
