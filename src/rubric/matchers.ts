// The matchers of an expectation: how each one judges a value, what to show when it fails, and how it reads in words.
import type { ErrorFact } from "../grade/facts.js";
import type { Expectation } from "./schema.js";
import { resolvePath } from "./path.js";
import { keyWords, renderValue, wordList } from "./render.js";

/** The outcome of matching: pass, fail, or blocked by a fact that could not be read. */
export type MatchOutcome = {
  ok: boolean;
  error?: ErrorFact;
  /** The graded value (at the expectation's path). */
  found: unknown;
  /** For a failure: what was found, in words, when the matcher knows better than the whole value ("missing: x"). */
  shown?: string;
};

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
  const result = (ok: boolean, shown?: string): MatchOutcome => (ok || shown === undefined ? { ok, found: v } : { ok, found: v, shown });
  if (e.equals !== undefined) return result(same(v, e.equals, e.ignoreCase));
  if (e.oneOf) return result(e.oneOf.some((x) => same(v, x, e.ignoreCase)));
  if (e.matches !== undefined) return result(typeof v === "string" && new RegExp(e.matches, e.ignoreCase ? "i" : "").test(v));
  if (e.contains !== undefined) return result(typeof v === "string" && (e.ignoreCase ? v.toLowerCase().includes(e.contains.toLowerCase()) : v.includes(e.contains)));
  if (e.atLeast !== undefined || e.atMost !== undefined) {
    const n = asNumber(v);
    return result(n !== undefined && (e.atLeast === undefined || n >= e.atLeast) && (e.atMost === undefined || n <= e.atMost));
  }
  if (e.exists !== undefined) return result((v !== undefined && v !== null) === e.exists);
  if (e.includesAll) {
    const list = Array.isArray(v) ? v : [];
    const missing = e.includesAll.filter((x) => !list.some((a) => same(a, x, e.ignoreCase)));
    return result(Array.isArray(v) && missing.length === 0, `missing: ${wordList(missing.map((x) => renderValue(x)))}${list.length ? `; found ${renderValue(list)}` : ""}`);
  }
  if (e.length) {
    const len = Array.isArray(v) ? v.length : typeof v === "string" ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0;
    return { ...match(e.length, len), found: v };
  }
  if (e.some || e.every || e.none) {
    // An array's items, or a per-resource map's values ({ raw: "Enabled", temp: "Suspended" }).
    const map = isPlainMap(v) ? v : undefined;
    const items = Array.isArray(v) ? v : map ? Object.values(map) : null;
    if (!items) return result(e.none !== undefined && (v === undefined || v === null));
    const sub = (e.some ?? e.every ?? e.none)!;
    const outcomes = items.map((item) => match(sub, item));
    const firstError = outcomes.find((o) => o.error)?.error;
    // The items to show: those that fail `every`, or that `none` forbids (as "key: value" for a map).
    const picked = (keep: (o: MatchOutcome) => boolean): string => {
      if (map) return wordList(Object.keys(map).filter((_, i) => keep(outcomes[i]!)).map((k) => `${k}: ${renderValue(map[k])}`));
      return renderValue(items.filter((_, i) => keep(outcomes[i]!)));
    };
    if (e.some) {
      if (outcomes.some((o) => o.ok)) return result(true);
      return firstError ? { ok: false, error: firstError, found: v } : result(false);
    }
    if (e.every) {
      if (firstError) return { ok: false, error: firstError, found: v };
      return result(items.length > 0 && outcomes.every((o) => o.ok), items.length > 0 ? `found ${picked((o) => !o.ok)}` : undefined);
    }
    if (firstError) return { ok: false, error: firstError, found: v };
    return result(!outcomes.some((o) => o.ok), `found ${picked((o) => o.ok)}`);
  }
  if (e.all) {
    for (const sub of e.all) {
      const o = match(sub, v);
      if (o.error || !o.ok) return { ...o, found: e.path ? v : o.found, shown: o.shown ?? (sub.path ? `found ${subjectOf(sub.path)}: ${renderValue(o.found)}` : undefined) };
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

/** The last segment of a fact path, as words ("workerType" → "worker type"; "StudentID" stays). */
export function subjectOf(path: string): string {
  const last = path.split(".").at(-1)!;
  return /^[A-Z]/.test(last) ? last : keyWords(last);
}

const q = (x: unknown): string => (typeof x === "string" ? JSON.stringify(x) : renderValue(x));

/**
 * An expectation in words, without fact paths: `Enabled`, `SSE-KMS or SSE-KMS-WITH-SERVICE-ROLE`, `worker type
 * G.2X and number of workers 10`. A nested expectation's path becomes its subject in words.
 */
export function describe(e: Expectation, subject = e.path ? subjectOf(e.path) : ""): string {
  const s = subject ? `${subject} ` : "";
  const ci = e.ignoreCase ? " (any case)" : "";
  if (typeof e.equals === "boolean") return subject ? (e.equals ? subject : `not ${subject}`) : e.equals ? "yes" : "no";
  if (e.equals !== undefined) return `${s}${show(e.equals)}${ci}`;
  if (e.oneOf) return `${s}${wordList(e.oneOf.map(show), "or")}${ci}`;
  if (e.matches !== undefined) return `${s}matching /${e.matches}/${e.ignoreCase ? "i" : ""}`;
  if (e.contains !== undefined) return `${s}containing ${q(e.contains)}${ci}`;
  if (e.atLeast !== undefined && e.atMost !== undefined) return `${s}between ${e.atLeast} and ${e.atMost}`;
  if (e.atLeast !== undefined) return `${s}at least ${e.atLeast}`;
  if (e.atMost !== undefined) return `${s}at most ${e.atMost}`;
  if (e.exists !== undefined) return subject ? (e.exists ? `${subject} present` : `no ${subject}`) : e.exists ? "present" : "absent";
  if (e.includesAll) return `${s}including ${wordList(e.includesAll.map(show))}${ci}`;
  const w = subject ? `${subject} with ` : "";
  if (e.length) return `${w}${describe(e.length, "")} item${e.length.equals === 1 ? "" : "s"}`;
  if (e.some) return `${w}an item: ${describe(e.some)}`;
  if (e.every) return `${w}every item ${describe(e.every)}`;
  if (e.none) return `${w}no item ${describe(e.none)}`;
  if (e.all) return `${subject ? `${subject}: ` : ""}${wordList(e.all.map((x) => describe(x)))}`;
  if (e.any) return `${subject ? `${subject}: ` : ""}${wordList(e.any.map((x) => describe(x)), "or")}`;
  if (e.not) return `${s}not ${describe(e.not)}`;
  return subject;
}

/** An expected scalar in words (strings as written). */
function show(x: string | number | boolean | null): string {
  return renderValue(x);
}
