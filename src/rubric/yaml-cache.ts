// Rubric YAML parsed at build time: `npm run build` writes dist/rubric-cache.json (sha-256 of a file's text → its
// parsed data) for the rubrics it ships, so a run skips parsing ~70 KB of YAML (about half of an offline grading).
// Keyed by content: an edited rubric, or one the cache does not know, is parsed as usual.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../util/package-root.js";

/** Where the build writes the cache, relative to the package root. */
export const YAML_CACHE_FILE = join("dist", "rubric-cache.json");

let cache: Record<string, unknown> | null | undefined;

/** The cache key of a YAML text. */
export function yamlKey(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** The data the build parsed from exactly this text (a fresh copy), or undefined. */
export function precompiledYaml(text: string): unknown {
  if (cache === undefined) {
    try {
      cache = JSON.parse(readFileSync(join(packageRoot(), YAML_CACHE_FILE), "utf8")) as Record<string, unknown>;
    } catch {
      cache = null;
    }
  }
  const hit = cache?.[yamlKey(text)];
  return hit === undefined ? undefined : structuredClone(hit);
}
