// The build's parsed-rubric cache (dist/rubric-cache.json): used only for the exact text it was built from, and a
// cached rubric still locates its problems by line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { precompiledYaml, YAML_CACHE_FILE } from "../../src/rubric/yaml-cache.js";
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
});
