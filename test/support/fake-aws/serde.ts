// Schema-driven conversion between SDK-shaped values and the wire: JSON documents, XML elements, awsQuery form
// parameters and HTTP-bound strings (headers, query, labels). Written from the AWS protocol rules; the SDK's
// schemas (NormalizedSchema) only say what each member is.
import type { NormalizedSchema } from "@smithy/core/schema";

type NS = NormalizedSchema;
type Obj = Record<string, unknown>;

/** Timestamp formats as the schemas number them. */
export const TS = { DATE_TIME: 5, HTTP_DATE: 6, EPOCH_SECONDS: 7 } as const;
type TsFormat = 5 | 6 | 7;

/** Where a value sits in an HTTP message; decides the default timestamp format. */
export type Location = "body" | "header" | "query" | "label";

/** The traits the fake reads (a subset of Smithy's). */
export interface Traits {
  httpLabel?: unknown;
  httpQuery?: string;
  httpQueryParams?: unknown;
  httpHeader?: string;
  httpPrefixHeaders?: string;
  httpPayload?: unknown;
  httpResponseCode?: unknown;
  jsonName?: string;
  xmlName?: string;
  xmlFlattened?: unknown;
  xmlAttribute?: unknown;
  xmlNamespace?: [string, string] | { uri: string; prefix?: string };
  mediaType?: string;
  streaming?: unknown;
  sparse?: unknown;
}

export const traitsOf = (ns: NS): Traits => ns.getMergedTraits() as Traits;
const memberTraitsOf = (ns: NS): Traits => ns.getMemberTraits() as Traits;

/** The timestamp format of a member: its own trait, else the location's default, else the protocol's. */
export function timestampFormat(ns: NS, location: Location, protocolDefault: TsFormat): TsFormat {
  const sc = ns.getSchema();
  if (sc === 5 || sc === 6 || sc === 7) return sc;
  if (location === "header") return TS.HTTP_DATE;
  if (location === "query" || location === "label") return TS.DATE_TIME;
  return protocolDefault;
}

function asDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "number") return new Date(v * 1000);
  return new Date(String(v));
}

/** A Date on the wire in the given format (epoch seconds as a number for JSON). */
export function formatTimestamp(v: unknown, format: TsFormat): string | number {
  const d = asDate(v);
  if (format === TS.EPOCH_SECONDS) return d.getTime() / 1000;
  if (format === TS.HTTP_DATE) return d.toUTCString();
  return d.toISOString();
}

/** Parses any of the three formats (a number, or a numeric string, is epoch seconds). */
export function parseTimestamp(v: unknown): Date {
  if (typeof v === "number") return new Date(v * 1000);
  const s = String(v).trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return new Date(Number(s) * 1000);
  return new Date(s);
}

function toBase64(v: unknown): string {
  if (typeof v === "string") return Buffer.from(v, "utf8").toString("base64");
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
  return Buffer.from(String(v), "utf8").toString("base64");
}

function fromBase64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "base64"));
}

function numericToWire(v: unknown): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  if (typeof v === "bigint") return Number(v);
  if (v && typeof v === "object" && "string" in v) return Number((v as { string: string }).string);
  return v;
}

// ── JSON ─────────────────────────────────────────────────────────────────────

/** JSON settings: awsJson uses member names, restJson honours `jsonName`; both default to epoch seconds. */
export interface JsonSettings {
  jsonName: boolean;
}

/** An SDK-shaped value as a JSON value (undefined = omit). */
export function toJson(ns: NS, value: unknown, s: JsonSettings): unknown {
  if (value === undefined || value === null) return undefined;
  if (ns.isDocumentSchema()) return value;
  if (ns.isStructSchema()) {
    if (typeof value !== "object") return value;
    const out: Obj = {};
    for (const [name, m] of ns.structIterator()) {
      const v = toJson(m, (value as Obj)[name], s);
      if (v === undefined) continue;
      out[(s.jsonName && traitsOf(m).jsonName) || name] = v;
    }
    const unknown = (value as Obj).$unknown;
    if (ns.isUnionSchema() && Array.isArray(unknown) && Object.keys(out).length === 0) out[String(unknown[0])] = unknown[1];
    return out;
  }
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) return value;
    const item = ns.getValueSchema();
    const sparse = Boolean(traitsOf(item).sparse);
    return value.map((x) => toJson(item, x, s) ?? null).filter((x) => sparse || x !== null);
  }
  if (ns.isMapSchema()) {
    if (typeof value !== "object") return value;
    const item = ns.getValueSchema();
    const out: Obj = {};
    for (const [k, v] of Object.entries(value as Obj)) {
      const w = toJson(item, v, s);
      if (w !== undefined) out[k] = w;
      else if (traitsOf(item).sparse) out[k] = null;
    }
    return out;
  }
  if (ns.isTimestampSchema()) return formatTimestamp(value, timestampFormat(ns, "body", TS.EPOCH_SECONDS));
  if (ns.isBlobSchema()) return toBase64(value);
  if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) return numericToWire(value);
  if (ns.isStringSchema() && typeof value === "object") return String(value); // LazyJsonString
  return value;
}

/** A JSON value read back into the SDK's shape (Dates, Uint8Array). */
export function fromJson(ns: NS, value: unknown, s: JsonSettings): unknown {
  if (value === undefined || value === null) return undefined;
  if (ns.isDocumentSchema()) return value;
  if (ns.isStructSchema()) {
    if (typeof value !== "object" || Array.isArray(value)) return value;
    const out: Obj = {};
    for (const [name, m] of ns.structIterator()) {
      const v = fromJson(m, (value as Obj)[(s.jsonName && traitsOf(m).jsonName) || name], s);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (ns.isListSchema()) return Array.isArray(value) ? value.map((x) => fromJson(ns.getValueSchema(), x, s) ?? null) : value;
  if (ns.isMapSchema()) {
    if (typeof value !== "object") return value;
    const item = ns.getValueSchema();
    return Object.fromEntries(Object.entries(value as Obj).map(([k, v]) => [k, fromJson(item, v, s) ?? null]));
  }
  if (ns.isTimestampSchema()) return parseTimestamp(value);
  if (ns.isBlobSchema()) return typeof value === "string" ? fromBase64(value) : value;
  if (ns.isNumericSchema() && typeof value === "string") return Number(value);
  return value;
}

/**
 * Paths of fields in `value` that the schema does not have (a handler output that is not SDK-shaped): the wire
 * drops them, the in-process transport does not — a difference worth knowing about.
 */
export function unknownFields(ns: NS, value: unknown, path = "", out: string[] = [], limit = 20): string[] {
  if (out.length >= limit || value === null || typeof value !== "object" || value instanceof Date || value instanceof Uint8Array) return out;
  if (ns.isDocumentSchema()) return out;
  if (ns.isStructSchema()) {
    const members = ns.getMemberSchemas();
    for (const [k, v] of Object.entries(value as Obj)) {
      if (v === undefined || k === "$metadata" || k === "$unknown") continue;
      const m = members[k];
      if (!m) out.push(path ? `${path}.${k}` : k);
      else unknownFields(m, v, path ? `${path}.${k}` : k, out, limit);
    }
  } else if (ns.isListSchema() && Array.isArray(value)) {
    value.forEach((x, i) => unknownFields(ns.getValueSchema(), x, `${path}[${i}]`, out, limit));
  } else if (ns.isMapSchema()) {
    for (const [k, v] of Object.entries(value as Obj)) unknownFields(ns.getValueSchema(), v, `${path}.${k}`, out, limit);
  }
  return out;
}

// ── XML ──────────────────────────────────────────────────────────────────────

/** Escapes text and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function xmlSimple(ns: NS, value: unknown): string {
  if (ns.isTimestampSchema()) return String(formatTimestamp(value, timestampFormat(ns, "body", TS.DATE_TIME)));
  if (ns.isBlobSchema()) return toBase64(value);
  if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) return String(numericToWire(value));
  return String(value);
}

function namespaceAttr(t: Traits): string {
  const x = t.xmlNamespace;
  if (!x) return "";
  const [prefix, uri] = Array.isArray(x) ? x : [x.prefix ?? "", x.uri];
  return ` ${prefix ? `xmlns:${prefix}` : "xmlns"}="${xmlEscape(uri)}"`;
}

/** The children of a structure (its members as elements), plus its attributes. */
export function xmlMembers(ns: NS, value: Obj, skip: (name: string, m: NS) => boolean = () => false): { attrs: string; children: string } {
  let attrs = "";
  let children = "";
  for (const [name, m] of ns.structIterator()) {
    const v = value[name];
    if (v === undefined || v === null || skip(name, m)) continue;
    const t = traitsOf(m);
    if (t.xmlAttribute) {
      attrs += ` ${t.xmlName ?? name}="${xmlEscape(xmlSimple(m, v))}"`;
      continue;
    }
    children += xmlMember(m, v, memberTraitsOf(m).xmlName ?? name);
  }
  return { attrs, children };
}

/** One member as XML: lists and maps wrapped or flattened as their traits say. */
export function xmlMember(m: NS, v: unknown, tag: string): string {
  const t = traitsOf(m);
  if (m.isListSchema()) {
    const item = m.getValueSchema();
    const items = (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined && x !== null);
    if (t.xmlFlattened) return items.map((x) => xmlElement(item, x, tag, traitsOf(item))).join("");
    const itemTag = traitsOf(item).xmlName ?? "member";
    return `<${tag}${namespaceAttr(t)}>${items.map((x) => xmlElement(item, x, itemTag, traitsOf(item))).join("")}</${tag}>`;
  }
  if (m.isMapSchema()) {
    const key = m.getKeySchema();
    const val = m.getValueSchema();
    const keyTag = traitsOf(key).xmlName ?? "key";
    const valTag = traitsOf(val).xmlName ?? "value";
    const entries = Object.entries((v ?? {}) as Obj)
      .filter(([, x]) => x !== undefined && x !== null)
      .map(([k, x]) => `<${keyTag}>${xmlEscape(k)}</${keyTag}>${xmlElement(val, x, valTag, traitsOf(val))}`);
    if (t.xmlFlattened) return entries.map((e) => `<${tag}>${e}</${tag}>`).join("");
    return `<${tag}${namespaceAttr(t)}>${entries.map((e) => `<entry>${e}</entry>`).join("")}</${tag}>`;
  }
  return xmlElement(m, v, tag, t);
}

function xmlElement(ns: NS, v: unknown, tag: string, t: Traits): string {
  if (ns.isStructSchema()) {
    const { attrs, children } = xmlMembers(ns, (v ?? {}) as Obj);
    return `<${tag}${namespaceAttr(t)}${attrs}>${children}</${tag}>`;
  }
  if (ns.isListSchema() || ns.isMapSchema()) return `<${tag}>${xmlMember(ns, v, ns.isListSchema() ? "member" : "entry")}</${tag}>`;
  return `<${tag}${namespaceAttr(t)}>${xmlEscape(xmlSimple(ns, v))}</${tag}>`;
}

// ── awsQuery form parameters ────────────────────────────────────────────────

/**
 * Reads an awsQuery input (`Name.member.N`, `Name.entry.N.key`, `Struct.Member`) from form parameters. With `ec2`,
 * the ec2Query rules: keys are `ec2QueryName` or the capitalised member/xml name, and lists are flattened (`Name.N`).
 */
export function fromQueryParams(ns: NS, params: URLSearchParams, ec2 = false): Obj {
  const keys = [...new Set(params.keys())];
  const has = (prefix: string) => keys.some((k) => k === prefix || k.startsWith(`${prefix}.`));
  const read = (m: NS, key: string): unknown => {
    if (m.isStructSchema()) {
      if (key && !has(key)) return undefined;
      const out: Obj = {};
      for (const [name, member] of m.structIterator()) {
        const t = traitsOf(member) as Traits & { ec2QueryName?: string };
        const own = ec2 ? (t.ec2QueryName ?? capitalize(t.xmlName ?? name)) : (t.xmlName ?? name);
        const v = read(member, key ? `${key}.${own}` : own);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    if (m.isListSchema()) {
      if (params.get(key) === "") return [];
      if (!has(key)) return undefined;
      const item = m.getValueSchema();
      const infix = ec2 || traitsOf(m).xmlFlattened ? "" : `${traitsOf(item).xmlName ?? "member"}.`;
      const out: unknown[] = [];
      for (let i = 1; has(`${key}.${infix}${i}`); i++) out.push(read(item, `${key}.${infix}${i}`));
      return out;
    }
    if (m.isMapSchema()) {
      if (!has(key)) return undefined;
      const infix = traitsOf(m).xmlFlattened ? "" : "entry.";
      const keyName = traitsOf(m.getKeySchema()).xmlName ?? "key";
      const valName = traitsOf(m.getValueSchema()).xmlName ?? "value";
      const out: Obj = {};
      for (let i = 1; has(`${key}.${infix}${i}`); i++) out[String(params.get(`${key}.${infix}${i}.${keyName}`))] = read(m.getValueSchema(), `${key}.${infix}${i}.${valName}`);
      return out;
    }
    const raw = params.get(key);
    if (raw === null) return undefined;
    return parseString(m, raw, "body");
  };
  return (read(ns, "") ?? {}) as Obj;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

// ── HTTP-bound strings ──────────────────────────────────────────────────────

/** Parses one scalar from a header, query parameter or label (or an awsQuery value). */
export function parseString(ns: NS, raw: string, location: Location): unknown {
  if (ns.isTimestampSchema()) return parseTimestamp(raw);
  if (ns.isNumericSchema()) return Number(raw);
  if (ns.isBigIntegerSchema()) return BigInt(raw);
  if (ns.isBooleanSchema()) return raw.toLowerCase() === "true";
  if (ns.isBlobSchema()) return fromBase64(raw);
  if (ns.isStringSchema() && traitsOf(ns).mediaType && location === "header") return Buffer.from(raw, "base64").toString("utf8");
  return raw;
}

/** Splits a list header ("a, b", with quoted items) into items. */
export function splitHeaderList(raw: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '"') quoted = !quoted;
    else if (c === "\\" && quoted && i + 1 < raw.length) cur += raw[++i];
    else if (c === "," && !quoted) {
      out.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  if (cur.trim() || out.length) out.push(cur.trim());
  return out;
}

/** Formats a value for a response header. */
export function formatHeader(ns: NS, value: unknown): string {
  if (ns.isListSchema() && Array.isArray(value)) {
    const item = ns.getValueSchema();
    return value.map((x) => {
      const s = formatHeader(item, x);
      return item.isTimestampSchema() || !/[",]/.test(s) ? s : `"${s.replace(/(["\\])/g, "\\$1")}"`;
    }).join(", ");
  }
  if (ns.isTimestampSchema()) return String(formatTimestamp(value, timestampFormat(ns, "header", TS.HTTP_DATE)));
  if (ns.isBlobSchema()) return toBase64(value);
  if (ns.isStringSchema() && traitsOf(ns).mediaType) return toBase64(String(value));
  return String(numericToWire(value));
}
