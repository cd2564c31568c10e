// Defensive JSON parsing of student-controlled strings (dashboard bodies, event patterns, policies): never throws.

/** A parsed value, or why it could not be parsed. */
export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses JSON no longer than `maxChars`; returns an error string instead of throwing. */
export function parseJson(text: string | undefined, maxChars = 200_000): Parsed {
  if (text === undefined || text === null) return { ok: false, error: "empty" };
  if (typeof text !== "string") return { ok: false, error: "not a string" };
  if (text.length > maxChars) return { ok: false, error: `too large (${text.length} characters, limit ${maxChars})` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${(e instanceof Error ? e.message : String(e)).slice(0, 160)}` };
  }
}

/** Parses an IAM policy document that may be URL-encoded (as IAM returns it) or plain JSON. */
export function parsePolicyDocument(doc: string | undefined, maxChars = 100_000): Parsed {
  if (typeof doc !== "string" || doc === "") return { ok: false, error: "empty" };
  if (doc.length > maxChars) return { ok: false, error: `too large (${doc.length} characters, limit ${maxChars})` };
  let decoded = doc;
  if (!doc.trimStart().startsWith("{")) {
    try {
      decoded = decodeURIComponent(doc);
    } catch {
      return { ok: false, error: "not valid URL encoding" };
    }
  }
  return parseJson(decoded, maxChars);
}

/** The statements of a parsed IAM-style policy: `Statement` as a list or a single object, objects only. */
export function policyStatements(doc: Record<string, unknown>): Record<string, unknown>[] {
  const st = doc.Statement;
  return (Array.isArray(st) ? st : [st]).filter(isObject);
}

/** A plain object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string or array of strings as an array of strings (anything else is dropped). */
export function stringList(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return [];
}
