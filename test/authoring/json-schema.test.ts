// docs/rubric.schema.json is generated from the zod schemas and must be up to date.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/grade/assessment.js";
import { rubricJsonSchema, rubricJsonSchemaText } from "../../src/rubric/json-schema.js";

describe("rubric JSON Schema", () => {
  it("docs/rubric.schema.json is up to date (regenerate: node --import tsx scripts/gen-rubric-schema.ts)", () => {
    expect(readFileSync(join(packageRoot(), "docs", "rubric.schema.json"), "utf8")).toBe(rubricJsonSchemaText());
  });

  it("describes both a full rubric and an extending one, with the recursive expectation", () => {
    const s = rubricJsonSchema() as { anyOf: { required: string[]; properties: Record<string, unknown> }[]; $defs: Record<string, { properties: Record<string, unknown> }> };
    expect(s.anyOf).toHaveLength(2);
    expect(s.anyOf[0]!.required).toEqual(expect.arrayContaining(["assessment", "title", "version", "tasks"]));
    expect(s.anyOf[1]!.required).toEqual(["extends"]);
    expect(Object.keys(s.$defs.expectation!.properties)).toEqual(expect.arrayContaining(["path", "equals", "some", "all", "not"]));
    expect(JSON.stringify(s)).toContain('"$ref":"#/$defs/expectation"');
  });

  it("the bundled rubric points editors at it", () => {
    expect(readFileSync(join(packageRoot(), "rubrics", "glue_hard.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/docs\/rubric\.schema\.json$/m);
  });
});
