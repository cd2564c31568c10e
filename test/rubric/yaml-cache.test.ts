// The build's parsed-rubric cache (dist/rubric-cache.json): used only for the exact text it was built from, and a
// cached rubric still locates its problems by line. Its validated rubrics are the schema's output, used by the bundle only.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { precompiledYaml, prevalidatedRubric, YAML_CACHE_FILE, yamlKey } from "../../src/rubric/yaml-cache.js";
import { rubricSchema } from "../../src/rubric/schema.js";
import { parseYaml } from "../../src/rubric/load.js";

const root = join(import.meta.dirname, "..", "..");
const text = readFileSync(join(root, "rubrics", "glue_hard.yaml"), "utf8");

describe.skipIf(!existsSync(join(root, YAML_CACHE_FILE)))("rubric cache (skipped until `npm run build`)", () => {
  it("answers a shipped rubric's exact text with the data the YAML parser gives, as a fresh copy each time", () => {
    const cached = precompiledYaml(text);
    expect(cached).toEqual(parse(text));
    expect(precompiledYaml(text)).not.toBe(cached);
  });

  it("misses on any other text", () => {
    expect(precompiledYaml(`${text}\n# edited\n`)).toBeUndefined();
  });

  it("still locates a path in a cached rubric by line and column", () => {
    const { locate } = parseYaml(text, "glue_hard.yaml");
    const at = locate(["tasks", 0, "id"]);
    expect(at.line).toBeGreaterThan(1);
    expect(text.split("\n")[at.line! - 1]).toContain("id:");
  });

  it("holds every shipped rubric as the schema validates it now (defaults filled in)", () => {
    const cache = JSON.parse(readFileSync(join(root, YAML_CACHE_FILE), "utf8")) as { rubrics: Record<string, unknown> };
    const files = readdirSync(join(root, "rubrics")).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) {
      const t = readFileSync(join(root, "rubrics", f), "utf8");
      expect(cache.rubrics[yamlKey(t)], f).toEqual(rubricSchema.parse(parse(t)));
    }
    // glue_hard declares no resources: the schema's default is part of what is cached
    expect(parse(text).resources).toBeUndefined();
    expect(cache.rubrics[yamlKey(text)]).toMatchObject({ resources: {} });
  });

  it("gives no prevalidated rubric outside the bundle: the sources validate with their own schema", () => {
    expect(prevalidatedRubric(text)).toBeUndefined();
  });
});
