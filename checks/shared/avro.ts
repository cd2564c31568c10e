// Avro schema definitions (student JSON) read defensively: avsc validates them, then each field gets a readable type.
import avro from "avsc";
import type { Json } from "../../src/grade/facts.js";
import { isObject, parseJson } from "./parse-json.js";

/** One Avro field, with a readable type: "string", "null|string", "enum Status[PENDING,COMPLETED,FAILED]". */
export type AvroFieldFacts = { name: string; type: string; logicalType: string | null; default?: Json; symbols?: string[] };

/** A schema definition read as Avro: its record and fields, or why it could not be read. */
export type AvroDefinition = { parseError: string | null; recordName?: string; namespace?: string; fields: AvroFieldFacts[]; signatures: string[] };

const MAX_DEFINITION_CHARS = 200_000;
const MAX_FIELDS = 200;
const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A readable type string for an Avro type (student JSON, read defensively). */
export function avroTypeString(t: unknown, depth = 0): string {
  if (depth > 8) return "…";
  if (typeof t === "string") return clip(t.includes(".") ? t.slice(t.lastIndexOf(".") + 1) : t, 100);
  if (Array.isArray(t)) return t.slice(0, 20).map((x) => avroTypeString(x, depth + 1)).join("|");
  if (!isObject(t)) return "?";
  const ty = t.type;
  const name = typeof t.name === "string" ? clip(t.name, 100) : "?";
  if (ty === "enum") {
    const symbols = Array.isArray(t.symbols) ? t.symbols.slice(0, 50).map((s) => clip(String(s), 60)) : [];
    return `enum ${name}[${symbols.join(",")}]`;
  }
  if (ty === "record" || ty === "error") return `record ${name}`;
  if (ty === "array") return `array<${avroTypeString(t.items, depth + 1)}>`;
  if (ty === "map") return `map<${avroTypeString(t.values, depth + 1)}>`;
  if (ty === "fixed") return `fixed ${name}(${typeof t.size === "number" ? t.size : "?"})`;
  if (typeof ty === "string" || Array.isArray(ty) || isObject(ty)) return avroTypeString(ty, depth + 1);
  return "?";
}

function logicalTypeOf(field: Record<string, unknown>): string | null {
  if (typeof field.logicalType === "string") return clip(field.logicalType, 60);
  const t = field.type;
  return isObject(t) && typeof t.logicalType === "string" ? clip(t.logicalType, 60) : null;
}

/** Parses a schema definition as Avro (avsc validates it); never throws. */
export function readAvroDefinition(def: string | undefined): AvroDefinition {
  const fail = (parseError: string): AvroDefinition => ({ parseError, fields: [], signatures: [] });
  const parsed = parseJson(def, MAX_DEFINITION_CHARS);
  if (!parsed.ok) return fail(`the schema definition is ${parsed.error}`);
  try {
    avro.Type.forSchema(parsed.value as avro.Schema);
  } catch (e) {
    return fail(`not a valid Avro schema: ${clip(e instanceof Error ? e.message : String(e))}`);
  }
  const v = parsed.value;
  if (!isObject(v) || (v.type !== "record" && v.type !== "error") || !Array.isArray(v.fields)) return fail("the schema is valid Avro but not a record");
  const fields: AvroFieldFacts[] = v.fields.slice(0, MAX_FIELDS).filter(isObject).map((f) => {
    const out: AvroFieldFacts = { name: clip(String(f.name), 100), type: avroTypeString(f.type), logicalType: logicalTypeOf(f) };
    if (f.default !== undefined) out.default = JSON.stringify(f.default).length > 500 ? "(a default over 500 characters)" : (f.default as Json);
    const t = isObject(f.type) ? f.type : undefined;
    if (t?.type === "enum" && Array.isArray(t.symbols)) out.symbols = t.symbols.slice(0, 50).map((s) => clip(String(s), 60));
    return out;
  });
  return {
    parseError: null,
    recordName: typeof v.name === "string" ? clip(v.name, 100) : undefined,
    ...(typeof v.namespace === "string" ? { namespace: clip(v.namespace, 200) } : {}),
    fields,
    signatures: fields.map((f) => `${f.name}: ${f.type}`),
  };
}
