// The record/replay file: every AWS call of a run with its input and its output or error, as JSON.
import { readFileSync } from "node:fs";
/** JSON with sorted keys, so equal inputs give equal keys. */
export function stableJson(value) {
    return JSON.stringify(value, (_key, v) => {
        if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
            return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        }
        return v;
    });
}
/** The identity of a call: service, region, operation and input. */
export function callKey(service, region, operation, input) {
    return `${service}|${region}|${operation}|${stableJson(input ?? {})}`;
}
/** Turns SDK output into JSON-safe data: Dates and bytes tagged, `$metadata` dropped. */
export function encodeValue(value) {
    if (value instanceof Date)
        return { $date: value.toISOString() };
    if (value instanceof Uint8Array)
        return { $bytes: Buffer.from(value).toString("base64") };
    if (Array.isArray(value))
        return value.map(encodeValue);
    if (value && typeof value === "object") {
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            if (k === "$metadata" || v === undefined || typeof v === "function")
                continue;
            out[k] = encodeValue(v);
        }
        return out;
    }
    return value;
}
/** The inverse of encodeValue: tagged Dates and bytes come back as Date and Uint8Array. */
export function decodeValue(value) {
    if (Array.isArray(value))
        return value.map(decodeValue);
    if (value && typeof value === "object") {
        const o = value;
        const keys = Object.keys(o);
        if (keys.length === 1 && typeof o.$date === "string")
            return new Date(o.$date);
        if (keys.length === 1 && typeof o.$bytes === "string")
            return new Uint8Array(Buffer.from(o.$bytes, "base64"));
        return Object.fromEntries(keys.map((k) => [k, decodeValue(o[k])]));
    }
    return value;
}
/** Why a snapshot file could not be used. */
export class SnapshotError extends Error {
    name = "SnapshotError";
}
/** Reads and validates a snapshot file. */
export function readSnapshot(file) {
    let text;
    try {
        text = readFileSync(file, "utf8");
    }
    catch (err) {
        throw new SnapshotError(`cannot read snapshot ${file}: ${err.message}`);
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (err) {
        throw new SnapshotError(`snapshot ${file} is not valid JSON: ${err.message}`);
    }
    const s = data;
    if (s?.format !== "glue-validate-snapshot" || s.version !== 1 || !Array.isArray(s.calls)) {
        throw new SnapshotError(`${file} is not a glue-validate snapshot (expected "format": "glue-validate-snapshot", "version": 1 and a "calls" list)`);
    }
    return s;
}
