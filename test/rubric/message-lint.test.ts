// `rubric lint` rejects a criterion whose failure message would show internals (a yes/no, an object, a list of
// objects) instead of words, judged from the check's declared facts schema; a `found:` sentence fixes it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expect as expect_, it } from "vitest";
import { z } from "zod";
import { lintRubric } from "../../src/cli/rubric-command.js";
import { shapeAt } from "../../src/rubric/fact-shape.js";
import { internalsProblem, messageProblems } from "../../src/rubric/message-lint.js";
import type { Expectation, Rubric } from "../../src/rubric/schema.js";
import { tempDir } from "../authoring/helpers.js";

const rule = z.object({ id: z.string(), prefix: z.string(), days: z.number().nullable() });
const facts = z.object({
  versioning: z.object({ status: z.string().nullable() }),
  bucket: z.object({ exists: z.boolean(), name: z.string() }),
  encryption: z.object({ keyMatchesAlias: z.boolean(), keyArn: z.string().nullable() }),
  lifecycle: z.object({ rules: z.array(rule) }),
  perBucket: z.record(z.string(), z.string()),
  perBucketFlags: z.record(z.string(), z.boolean()),
  folders: z.object({ missing: z.array(z.string()) }),
  policy: z.object({ present: z.boolean(), statements: z.number() }),
});
const shapeOf = (path: string) => {
  const r = shapeAt(facts, path || undefined);
  return r.ok ? r.shape : undefined;
};

describe("internalsProblem", () => {
  it.each([
    ["a string", { path: "versioning.status", equals: "Enabled" }, undefined, undefined],
    ["a number", { path: "policy.statements", atLeast: 1 }, undefined, undefined],
    ["a list of strings", { path: "folders.missing", length: { equals: 0 } }, undefined, undefined],
    ["a per-resource map of strings under every", { path: "perBucket", every: { equals: "Enabled" } }, undefined, undefined],
    ["includesAll names what is missing", { path: "folders.missing", includesAll: ["x"] }, undefined, undefined],
    ["a yes/no", { path: "bucket.exists", equals: true }, undefined, /would show yes\/no \("bucket\.exists"\)/],
    ["a yes/no with found:", { path: "bucket.exists", equals: true }, "no bucket {bucket}", undefined],
    ["the key match", { path: "encryption.keyMatchesAlias", equals: true }, undefined, /yes\/no/],
    ["the key match with found: naming the key", { path: "encryption.keyMatchesAlias", equals: true }, "the bucket uses {$encryption.keyArn}", undefined],
    ["a list of objects", { path: "lifecycle.rules", some: { path: "prefix", equals: "silver/" } }, undefined, /would show a list of objects \("lifecycle\.rules"\)/],
    ["an object", { path: "policy", all: [{ equals: 1 }] }, undefined, /would show an object \("policy"\)/],
    ["a failed sub-expectation shows its own value", { path: "policy", all: [{ path: "present", equals: true }, { path: "statements", atLeast: 1 }] }, undefined, /yes\/no \("policy\.present"\)/],
    ["a map of yes/no under every", { path: "perBucketFlags", every: { equals: true } }, undefined, /yes\/no \("perBucketFlags"\)/],
  ] as [string, Expectation, string | undefined, RegExp | undefined][])("%s", (_n, expect_, found, problem) => {
    const p = internalsProblem({ expect: expect_, ...(found ? { found } : {}) }, shapeOf);
    if (problem) expect(p).toMatch(problem);
    else expect(p).toBeUndefined();
    if (problem) expect(p).toContain("add `found:`");
  });

  it("an undeclared path is not judged (nothing to go by)", () => {
    expect(internalsProblem({ expect: { path: "nope.x", equals: true } }, shapeOf)).toBeUndefined();
  });
});

describe("rubric lint: messages", () => {
  const rubric = (criteria: string) => `assessment: glue_hard
title: T
version: "1"
totalPoints: 2
names: { bucket: "lake-{student}", kmsAlias: "alias/k-{student}" }
tasks:
  - id: s3
    title: S3
    check: s3_data_lake
    criteria:
${criteria}`;
  const lint = (text: string) => {
    const file = join(tempDir(), "r.yaml");
    writeFileSync(file, text);
    return lintRubric(file, { factSchemas: (id) => (id === "s3_data_lake" ? facts : undefined) }).then((f) => ({ file, findings: f }));
  };

  it("a yes/no criterion without found: is an error at its expect, file:line:col", async () => {
    const { file, findings } = await lint(rubric(`      - id: exists
        title: "{bucket} exists"
        points: 2
        expect: { path: bucket.exists, equals: true }
`));
    expect(findings).toEqual([
      expect.objectContaining({ severity: "error", file, line: 14, column: 17, path: "tasks[0].criteria[0].expect", message: expect.stringMatching(/^the failure message would show yes\/no \("bucket\.exists"\), not words a student can act on: add `found:`/) }),
    ]);
  });

  it("with found: it is clean; a found: naming a fact the check does not declare is an error with a suggestion", async () => {
    const clean = await lint(rubric(`      - id: exists
        title: "{bucket} exists"
        points: 2
        expect: { path: bucket.exists, equals: true }
        found: "no bucket {bucket}"
`));
    expect(clean.findings).toEqual([]);
    const typo = await lint(rubric(`      - id: key
        title: key
        points: 2
        expect: { path: encryption.keyMatchesAlias, equals: true }
        found: "the bucket uses {$encryption.keyArm}"
`));
    expect(typo.findings).toEqual([expect.objectContaining({ severity: "error", line: 15, column: 16, path: "tasks[0].criteria[0].found", message: expect.stringMatching(/\{\$encryption\.keyArm\} is not a fact of check "s3_data_lake".*did you mean \{\$encryption\.keyArn\}\?/) })]);
  });
});

describe("rubric lint on glue_hard's databases, through extends", () => {
  it("a new criterion on a yes/no fact is an error at its line; with found: it is clean", async () => {
    const text = (found: string) => `extends: glue_hard
add:
  - id: databases
    criteria:
      - id: gold_again
        title: "Gold exists (again)"
        points: 0
        expect: { path: gold.exists, equals: true }
${found}`;
    const dir = tempDir();
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, text(""));
    const findings = await lintRubric(bad);
    expect(findings).toEqual([expect.objectContaining({ severity: "error", file: bad, line: 8, message: expect.stringMatching(/would show yes\/no \("gold\.exists"\)/) })]);
    const good = join(dir, "good.yaml");
    writeFileSync(good, text('        found: "no database {goldDb}"'));
    expect(await lintRubric(good)).toEqual([]);
  }, 60_000);
});
