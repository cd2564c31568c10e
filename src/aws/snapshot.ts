// The record/replay file: every AWS call of a run with its input and its output or error, as JSON.
import { readFileSync } from "node:fs";
import type { ServiceId } from "./services.js";

/** A recorded error, enough to rebuild what the SDK would have thrown. */
export interface RecordedError {
  name: string;
  message: string;
  status?: number;
  fault?: string;
  code?: string;
  headers?: Record<string, string>;
}

/** One call as recorded. */
export interface RecordedCall {
  service: ServiceId;
  region: string;
  operation: string;
  input: unknown;
  output?: unknown;
  error?: RecordedError;
}

/** The snapshot file written by --record and read by --replay. */
export interface Snapshot {
  format: "glue-validate-snapshot";
  version: 1;
  recordedAt: string;
  account?: string;
  region: string;
  description?: string;
  /** The assessment and the student ID graded when it was recorded: a replay answers only that student's calls. */
  assessment?: string;
  student?: string;
  calls: RecordedCall[];
}

/** The student a snapshot was recorded for: its `student`, else read from an older snapshot's description. */
export function recordedStudent(snapshot: Snapshot): string | undefined {
  if (typeof snapshot.student === "string" && snapshot.student) return snapshot.student;
  const m = /^\S+ for student (\S+)$/.exec(snapshot.description ?? "");
  return m?.[1];
}

/** Replaying with a --region the snapshot was not recorded in: every read would be missing. The sentence, or undefined. */
export function replayRegionMismatch(snapshot: Snapshot, file: string, region: string | undefined): string | undefined {
  if (region === undefined || region === snapshot.region) return undefined;
  return `the snapshot ${file} was recorded in region ${snapshot.region}, not ${region}: replay it without --region (or with --region ${snapshot.region})`;
}

/**
 * Replaying a snapshot under another student ID reads names nobody recorded: every read would come back "not in
 * the snapshot". The one sentence that says so, or undefined when the IDs agree (or the snapshot does not say).
 */
export function replayStudentMismatch(snapshot: Snapshot, file: string, student: string): string | undefined {
  const recorded = recordedStudent(snapshot);
  if (recorded === undefined || recorded === student) return undefined;
  return `the snapshot ${file} was recorded for student ${recorded}, not ${student}: replay it with --student ${recorded} (a snapshot holds only the AWS answers read for the student it was recorded for)`;
}

/** JSON with sorted keys, so equal inputs give equal keys. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** The identity of a call: service, region, operation and input. */
export function callKey(service: string, region: string, operation: string, input: unknown): string {
  return `${service}|${region}|${operation}|${stableJson(input ?? {})}`;
}

/** Turns SDK output into JSON-safe data: Dates and bytes tagged, `$metadata` dropped. */
export function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64") };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "$metadata" || v === undefined || typeof v === "function") continue;
      out[k] = encodeValue(v);
    }
    return out;
  }
  return value;
}

/** The inverse of encodeValue: tagged Dates and bytes come back as Date and Uint8Array. */
export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.$date === "string") return new Date(o.$date);
    if (keys.length === 1 && typeof o.$bytes === "string") return new Uint8Array(Buffer.from(o.$bytes, "base64"));
    return Object.fromEntries(keys.map((k) => [k, decodeValue(o[k])]));
  }
  return value;
}

/** Why a snapshot file could not be used. */
export class SnapshotError extends Error {
  override name = "SnapshotError";
}

/** Reads and validates a snapshot file. */
export function readSnapshot(file: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new SnapshotError(`cannot read snapshot ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(`snapshot ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const s = data as Partial<Snapshot>;
  if (s?.format !== "glue-validate-snapshot" || s.version !== 1 || !Array.isArray(s.calls)) {
    throw new SnapshotError(`${file} is not a glue-validate snapshot (expected "format": "glue-validate-snapshot", "version": 1 and a "calls" list)`);
  }
  return s as Snapshot;
}
