// docs/rubric.schema.json is generated from the zod schemas and must be up to date.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/grade/assessment.js";
import { rubricJsonSchema, rubricJsonSchemaText } from "../../src/rubric/json-schema.js";
import { READERS } from "../../readers/index.js";

const readers = await Promise.all(Object.values(READERS).map(async (load) => (await load()).reader));

describe("rubric JSON Schema", () => {
  it("docs/rubric.schema.json is up to date (regenerate: node --import tsx scripts/gen-rubric-schema.ts)", () => {
    expect(readFileSync(join(packageRoot(), "docs", "rubric.schema.json"), "utf8")).toBe(rubricJsonSchemaText(readers));
  });

  it("describes both a full rubric and an extending one, with the recursive expectation", () => {
    const s = rubricJsonSchema() as { anyOf: { required: string[]; properties: Record<string, unknown> }[]; $defs: Record<string, { properties: Record<string, unknown> }> };
    expect(s.anyOf).toHaveLength(2);
    expect(s.anyOf[0]!.required).toEqual(expect.arrayContaining(["assessment", "title", "version", "tasks"]));
    expect(s.anyOf[1]!.required).toEqual(["extends"]);
    expect(Object.keys(s.$defs.expectation!.properties)).toEqual(expect.arrayContaining(["path", "equals", "some", "all", "not"]));
    expect(JSON.stringify(s)).toContain('"$ref":"#/$defs/expectation"');
  });

  it("checks each resource against its reader's params (a misspelled param or reader is flagged by the editor)", () => {
    const text = JSON.stringify(rubricJsonSchema(readers));
    expect(text).toContain('"const":"s3.bucket"');
    expect(text).toContain('"const":"glue.crawler"');
    const s = rubricJsonSchema(readers) as { anyOf: { properties: { resources: { additionalProperties: { anyOf: { properties: Record<string, unknown>; additionalProperties?: boolean }[] } } } }[] };
    const forms = s.anyOf[0]!.properties.resources.additionalProperties.anyOf;
    expect(forms).toHaveLength(readers.length);
    const objects = forms.find((f) => (f.properties.reader as { const?: string }).const === "s3.objects")!;
    expect(Object.keys(objects.properties).sort()).toEqual(["bucket", "description", "prefix", "reader"]);
    expect(objects.additionalProperties).toBe(false);
  });

  it("the bundled rubric points editors at it", () => {
    expect(readFileSync(join(packageRoot(), "rubrics", "glue_hard.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/docs\/rubric\.schema\.json$/m);
  });
});
