// The matchers of an expectation: how each one judges a value, and how it reads in words.
import type { ErrorFact } from "../grade/facts.js";
import type { Expectation } from "./schema.js";
import { resolvePath } from "./path.js";

/** The outcome of matching: pass, fail, or blocked by a fact that could not be read. */
export type MatchOutcome = { ok: boolean; error?: ErrorFact; found: unknown };

type Scalar = string | number | boolean | null;

function same(actual: unknown, expected: Scalar, ignoreCase = false): boolean {
  if (typeof expected === "string" && typeof actual === "string") return ignoreCase ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
  if (typeof expected === "number" && typeof actual === "string" && actual.trim() !== "") return Number(actual) === expected;
  if (typeof expected === "string" && typeof actual === "number" && expected.trim() !== "") return Number(expected) === actual;
  return actual === expected;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** A plain JSON object that is not an ErrorFact. */
function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !("$error" in v);
}

/** Judges a value (already resolved from the parent) against an expectation. */
export function match(e: Expectation, root: unknown): MatchOutcome {
  const r = resolvePath(root, e.path);
  if (!r.ok) return { ok: false, error: r.error, found: undefined };
  const v = r.value;
  const result = (ok: boolean): MatchOutcome => ({ ok, found: v });
  if (e.equals !== undefined) return result(same(v, e.equals, e.ignoreCase));
  if (e.oneOf) return result(e.oneOf.some((x) => same(v, x, e.ignoreCase)));
  if (e.matches !== undefined) return result(typeof v === "string" && new RegExp(e.matches, e.ignoreCase ? "i" : "").test(v));
  if (e.contains !== undefined) return result(typeof v === "string" && (e.ignoreCase ? v.toLowerCase().includes(e.contains.toLowerCase()) : v.includes(e.contains)));
  if (e.atLeast !== undefined || e.atMost !== undefined) {
    const n = asNumber(v);
    return result(n !== undefined && (e.atLeast === undefined || n >= e.atLeast) && (e.atMost === undefined || n <= e.atMost));
  }
  if (e.exists !== undefined) return result((v !== undefined && v !== null) === e.exists);
  if (e.includesAll) return result(Array.isArray(v) && e.includesAll.every((x) => v.some((a) => same(a, x, e.ignoreCase))));
  if (e.length) {
    const len = Array.isArray(v) ? v.length : typeof v === "string" ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0;
    return { ...match(e.length, len), found: v };
  }
  if (e.some || e.every || e.none) {
    // An array's items, or a per-resource map's values ({ raw: "Enabled", temp: "Suspended" }).
    const items = Array.isArray(v) ? v : isPlainMap(v) ? Object.values(v) : null;
    if (!items) return result(e.none !== undefined && (v === undefined || v === null));
    const sub = (e.some ?? e.every ?? e.none)!;
    const outcomes = items.map((item) => match(sub, item));
    const firstError = outcomes.find((o) => o.error)?.error;
    if (e.some) {
      if (outcomes.some((o) => o.ok)) return result(true);
      return firstError ? { ok: false, error: firstError, found: v } : result(false);
    }
    if (e.every) {
      if (firstError) return { ok: false, error: firstError, found: v };
      return result(items.length > 0 && outcomes.every((o) => o.ok));
    }
    if (firstError) return { ok: false, error: firstError, found: v };
    return result(!outcomes.some((o) => o.ok));
  }
  if (e.all) {
    for (const sub of e.all) {
      const o = match(sub, v);
      if (o.error || !o.ok) return { ...o, found: e.path ? v : o.found };
    }
    return result(true);
  }
  if (e.any) {
    const outcomes = e.any.map((sub) => match(sub, v));
    if (outcomes.some((o) => o.ok)) return result(true);
    const err = outcomes.find((o) => o.error)?.error;
    return err ? { ok: false, error: err, found: v } : result(false);
  }
  if (e.not) {
    const o = match(e.not, v);
    return o.error ? o : { ok: !o.ok, found: e.path ? v : o.found };
  }
  return result(false);
}

const q = (x: unknown): string => JSON.stringify(x);

/** An expectation in words: `versioning equal to "Enabled"`. */
export function describe(e: Expectation): string {
  const p = e.path ? `${e.path} ` : "";
  const ci = e.ignoreCase ? " (any case)" : "";
  if (e.equals !== undefined) return `${p}equal to ${q(e.equals)}${ci}`;
  if (e.oneOf) return `${p}one of ${e.oneOf.map(q).join(", ")}${ci}`;
  if (e.matches !== undefined) return `${p}matching /${e.matches}/${e.ignoreCase ? "i" : ""}`;
  if (e.contains !== undefined) return `${p}containing ${q(e.contains)}${ci}`;
  if (e.atLeast !== undefined && e.atMost !== undefined) return `${p}between ${e.atLeast} and ${e.atMost}`;
  if (e.atLeast !== undefined) return `${p}at least ${e.atLeast}`;
  if (e.atMost !== undefined) return `${p}at most ${e.atMost}`;
  if (e.exists !== undefined) return `${p}${e.exists ? "present" : "absent"}`;
  if (e.includesAll) return `${p}including ${e.includesAll.map(q).join(", ")}${ci}`;
  if (e.length) return `${p}with length ${describe(e.length)}`;
  if (e.some) return `${p}with an item ${describe(e.some)}`;
  if (e.every) return `${p}with every item ${describe(e.every)}`;
  if (e.none) return `${p}with no item ${describe(e.none)}`;
  if (e.all) return `${p}${e.all.map(describe).join(" and ")}`.trim();
  if (e.any) return `${p}${e.any.map(describe).join(", or ")}`.trim();
  if (e.not) return `${p}not (${describe(e.not)})`;
  return p.trim();
}
