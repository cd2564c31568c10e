// Rubric YAML parsed at build time: `npm run build` writes dist/rubric-cache.json (sha-256 of a file's text → its
// parsed data, and → its validated rubric) for the rubrics it ships, so a run skips parsing ~70 KB of YAML (about
// half of an offline grading) and, in the bundle, validating it. Keyed by content: an edited rubric, or one the
// cache does not know, is parsed and validated as usual.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../util/package-root.js";

/** Defined (true) by scripts/build.mjs in the bundle, whose code and rubric cache come from one build. */
declare const __GV_BUNDLE__: boolean | undefined;

/** Where the build writes the cache, relative to the package root. */
export const YAML_CACHE_FILE = join("dist", "rubric-cache.json");

/** The cache: parsed YAML and validated rubrics, by yamlKey of the text. */
interface RubricCache {
  yaml?: Record<string, unknown>;
  rubrics?: Record<string, unknown>;
}

let cache: RubricCache | null | undefined;

function load(): RubricCache | null {
  if (cache === undefined) {
    try {
      cache = JSON.parse(readFileSync(join(packageRoot(), YAML_CACHE_FILE), "utf8")) as RubricCache;
    } catch {
      cache = null;
    }
  }
  return cache;
}

/** The cache key of a YAML text. */
export function yamlKey(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** The data the build parsed from exactly this text (a fresh copy), or undefined. */
export function precompiledYaml(text: string): unknown {
  const hit = load()?.yaml?.[yamlKey(text)];
  return hit === undefined ? undefined : structuredClone(hit);
}

/**
 * In the bundle, the rubric the build validated from exactly this text (the schema's output, a fresh copy), or
 * undefined. Run from the sources (tests, tsx), always undefined: the schema there may be newer than the cache.
 */
export function prevalidatedRubric(text: string): unknown {
  if (typeof __GV_BUNDLE__ === "undefined" || !__GV_BUNDLE__) return undefined;
  const hit = load()?.rubrics?.[yamlKey(text)];
  return hit === undefined ? undefined : structuredClone(hit);
}
