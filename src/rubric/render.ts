// The one value renderer of student-facing messages: graded values in words, never JSON, never a bare true/false.

/** Most list items shown before "and N more". */
const MAX_ITEMS = 12;

/** Words for a list: "a", "a and b", "a, b and c" (or "or"); "none" when empty. */
export function wordList(items: readonly string[], conj: "and" | "or" = "and"): string {
  if (items.length === 0) return "none";
  if (items.length > MAX_ITEMS) return `${items.slice(0, MAX_ITEMS).join(", ")} and ${items.length - MAX_ITEMS} more`;
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(", ")} ${conj} ${items.at(-1)!}`;
}

/** "fooBar_baz" → "foo bar baz": a fact key as words. */
export function keyWords(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .replace(/\b([A-Z])([a-z])/g, (_, a: string, b: string) => a.toLowerCase() + b)
    .trim();
}

/** Keys that name an object well enough to stand for it. */
const NAME_KEYS = ["name", "id", "key", "arn"] as const;

/** A scalar in words: strings as written ("(empty)" when blank), numbers as numbers, booleans as yes/no. */
function scalar(v: string | number | boolean): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "string") return v.trim() === "" ? "(empty)" : v;
  return String(v);
}

/** An object in words: its name if it has one, else "key: value" pairs of its readable fields. */
function objectWords(o: Record<string, unknown>, depth: number): string {
  for (const k of NAME_KEYS) if (typeof o[k] === "string" && o[k] !== "") return o[k] as string;
  const parts = Object.entries(o)
    .filter(([, x]) => x !== undefined && x !== null && !(Array.isArray(x) && x.length === 0))
    .map(([k, x]) => `${keyWords(k)}: ${depth > 1 ? "…" : renderValue(x, depth + 1)}`);
  return parts.length ? parts.join(", ") : "nothing";
}

/**
 * A graded value in words: strings and numbers as themselves, lists as "a, b and c", nothing as "none", an object
 * by its name or its fields ("raw: Enabled, temp: Suspended"). Never JSON.
 */
export function renderValue(v: unknown, depth = 0): string {
  if (v === undefined || v === null) return "none";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return scalar(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => (x && typeof x === "object" && !Array.isArray(x) && depth === 0 ? `(${renderValue(x, depth + 1)})` : renderValue(x, depth + 1)));
    return wordList(items.map((s) => (s.startsWith("(") && s.endsWith(")") && !s.includes(":") ? s.slice(1, -1) : s)));
  }
  if (typeof v === "object") {
    if ("$error" in v) return "unreadable";
    return objectWords(v as Record<string, unknown>, depth);
  }
  return String(v);
}

/** A fact placeholder in a `found:` template: `{$path.to.fact}`. */
export const FACT_PLACEHOLDER = /\{\$([A-Za-z0-9_.:-]+)\}/g;

/** The fact paths a `found:` template refers to. */
export function factPlaceholders(template: string): string[] {
  return [...template.matchAll(FACT_PLACEHOLDER)].map((m) => m[1]!);
}
