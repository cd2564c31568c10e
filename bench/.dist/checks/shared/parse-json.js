// Defensive JSON parsing of student-controlled strings (dashboard bodies, event patterns, policies): never throws.
/** Parses JSON no longer than `maxChars`; returns an error string instead of throwing. */
export function parseJson(text, maxChars = 200_000) {
    if (text === undefined || text === null)
        return { ok: false, error: "empty" };
    if (typeof text !== "string")
        return { ok: false, error: "not a string" };
    if (text.length > maxChars)
        return { ok: false, error: `too large (${text.length} characters, limit ${maxChars})` };
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch (e) {
        return { ok: false, error: `invalid JSON: ${(e instanceof Error ? e.message : String(e)).slice(0, 160)}` };
    }
}
/** Parses an IAM policy document that may be URL-encoded (as IAM returns it) or plain JSON. */
export function parsePolicyDocument(doc, maxChars = 100_000) {
    if (typeof doc !== "string" || doc === "")
        return { ok: false, error: "empty" };
    if (doc.length > maxChars)
        return { ok: false, error: `too large (${doc.length} characters, limit ${maxChars})` };
    let decoded = doc;
    if (!doc.trimStart().startsWith("{")) {
        try {
            decoded = decodeURIComponent(doc);
        }
        catch {
            return { ok: false, error: "not valid URL encoding" };
        }
    }
    return parseJson(decoded, maxChars);
}
/** A plain object (not an array, not null). */
export function isObject(v) {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
/** A string or array of strings as an array of strings (anything else is dropped). */
export function stringList(v) {
    if (typeof v === "string")
        return [v];
    if (Array.isArray(v))
        return v.filter((x) => typeof x === "string");
    return [];
}
