// EventBridge event patterns (JSON strings written by the student), parsed defensively.
import { z } from "zod";
import { isObject, parseJson, stringList } from "./parse-json.js";

/** The sources of an event pattern, and whether it matches Glue events. */
export const patternSourcesSchema = z.object({ sources: z.array(z.string()), detailTypes: z.array(z.string()), glue: z.boolean(), parseError: z.string().optional() });
export type PatternSources = z.infer<typeof patternSourcesSchema>;

/** What an event pattern says about one `detail` field. */
export const patternDetailFieldSchema = z.object({ values: z.array(z.string()).nullable(), unmatched: z.array(z.string()), parseError: z.string().optional() });
export type PatternDetailField = z.infer<typeof patternDetailFieldSchema>;

/** The sources an event pattern (a JSON string) matches, and whether it matches Glue events. Never throws. */
export function patternSources(pattern: string | undefined): PatternSources {
  if (pattern === undefined) return { sources: [], detailTypes: [], glue: false };
  const parsed = parseJson(pattern, 100_000);
  if (!parsed.ok) return { sources: [], detailTypes: [], glue: false, parseError: parsed.error };
  if (!isObject(parsed.value)) return { sources: [], detailTypes: [], glue: false, parseError: "not a JSON object" };
  const raw = parsed.value.source;
  const items: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const sources: string[] = [];
  let glue = false;
  for (const s of items.slice(0, 50)) {
    if (typeof s === "string") {
      sources.push(s);
      if (s === "aws.glue") glue = true;
    } else if (isObject(s) && typeof s.prefix === "string") {
      sources.push(`prefix:${s.prefix}`);
      if (s.prefix.startsWith("aws") && "aws.glue".startsWith(s.prefix)) glue = true;
    }
  }
  const dt = parsed.value["detail-type"];
  return { sources, detailTypes: stringList(dt).slice(0, 20), glue };
}

/** One EventBridge content-filter item matched against a string value (exact, prefix, suffix, wildcard, equals-ignore-case, anything-but, exists). */
function filterMatches(item: unknown, value: string): boolean {
  if (typeof item === "string") return item === value;
  if (!isObject(item)) return false;
  if (typeof item.prefix === "string") return value.startsWith(item.prefix);
  if (isObject(item.prefix) && typeof item.prefix["equals-ignore-case"] === "string") return value.toLowerCase().startsWith(item.prefix["equals-ignore-case"].toLowerCase());
  if (typeof item.suffix === "string") return value.endsWith(item.suffix);
  if (typeof item["equals-ignore-case"] === "string") return value.toLowerCase() === item["equals-ignore-case"].toLowerCase();
  if (typeof item.wildcard === "string") {
    const re = new RegExp(`^${item.wildcard.slice(0, 500).split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return re.test(value);
  }
  if (item.exists === true) return true;
  if ("anything-but" in item) {
    const ab = item["anything-but"];
    if (typeof ab === "string") return value !== ab;
    if (Array.isArray(ab)) return !ab.includes(value);
    if (isObject(ab) && typeof ab.prefix === "string") return !value.startsWith(ab.prefix);
    return false;
  }
  return false;
}

/**
 * What an event pattern (a JSON string) says about one `detail` field (e.g. "jobName"): `values` as written (exact
 * strings, or `prefix:x` / `wildcard:x` / … for filter objects; null when the pattern does not constrain the field,
 * so every value matches), and which of `candidates` it would never match. Never throws: a pattern that cannot be
 * parsed matches nothing.
 */
export function patternDetailField(pattern: string | undefined, field: string, candidates: readonly string[]): PatternDetailField {
  const parsed = parseJson(pattern, 100_000);
  if (!parsed.ok) return { values: [], unmatched: [...candidates], parseError: parsed.error };
  if (!isObject(parsed.value)) return { values: [], unmatched: [...candidates], parseError: "not a JSON object" };
  const detail = parsed.value.detail;
  if (!isObject(detail) || detail[field] === undefined) return { values: null, unmatched: [] };
  const raw = detail[field];
  const items: unknown[] = (Array.isArray(raw) ? raw : [raw]).slice(0, 100);
  const values = items.map((i) => (typeof i === "string" ? i : isObject(i) ? Object.entries(i).map(([k, v]) => `${k}:${typeof v === "string" ? v : JSON.stringify(v)}`).join(",") : JSON.stringify(i))).map((v) => v.slice(0, 200));
  return { values, unmatched: candidates.filter((c) => !items.some((i) => filterMatches(i, c))) };
}
