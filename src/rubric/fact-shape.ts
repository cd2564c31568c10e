// The declared shape at a rubric `path:`, read from a check's facts schema (zod 4), with the path rules of path.ts.
import { z } from "zod";
import { errorFactSchema } from "../grade/facts.js";
import { editDistance } from "../util/edit-distance.js";

/** What a path holds, as declared. `optional`: may be absent; `canError`: an ErrorFact may stand in its place. */
export type FactShape = (
  | { kind: "string"; values?: readonly string[] }
  | { kind: "number"; values?: readonly number[] }
  | { kind: "boolean"; values?: readonly boolean[] }
  | { kind: "null" }
  | { kind: "unknown" }
  | { kind: "array"; item: FactShape }
  | { kind: "object"; keys: Readonly<Record<string, FactShape>> }
  | { kind: "record"; value: FactShape }
  | { kind: "union"; options: readonly FactShape[] }
) & { optional?: true; canError?: true };

/** The answer of shapeAt: the shape, or where the path left the declared shape and the nearest valid segment. */
export type ShapeAnswer =
  | { ok: true; shape: FactShape }
  | {
      ok: false;
      /** The longest prefix of the path that exists ("" for the root). */
      valid: string;
      /** The first segment that does not exist. */
      segment: string;
      /** The segments that would have been valid there (keys of the object(s) at `valid`). */
      keys: readonly string[];
      /** The closest key by spelling, when one is close enough to be a likely typo. */
      suggestion?: string;
      /** One sentence: why the path does not exist. */
      reason: string;
    };

/** The declared shape at `path` (dot segments; numeric segments index arrays, other segments project over them). */
export function shapeAt(schema: z.ZodType, path: string | undefined): ShapeAnswer {
  let current: Leaves = leaves(schema);
  const segments = path ? path.split(".") : [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const next = step(current, seg);
    if (!next.ok) {
      const keys = next.keys;
      const suggestion = nearest(seg, keys);
      const valid = segments.slice(0, i).join(".");
      const where = valid ? `"${valid}"` : "the facts";
      const reason =
        next.why === "scalar"
          ? `${where} is a single value, with no "${seg}" inside`
          : next.why === "nested-array"
            ? `${where} is a list of lists: "${seg}" needs an index first`
            : `${where} has no "${seg}"${keys.length ? `; it has ${keys.slice(0, 12).join(", ")}` : ""}`;
      return { ok: false, valid, segment: seg, keys, ...(suggestion ? { suggestion: valid ? `${valid}.${suggestion}` : suggestion } : {}), reason };
    }
    // a prefix that may be absent or an ErrorFact makes everything below it so too
    current = { ...next.leaves, optional: next.leaves.optional || current.optional, canError: next.leaves.canError || current.canError };
  }
  return { ok: true, shape: describeLeaves(current, new Map()) };
}

/** Every path segment one level below a shape's root (object keys), for suggestions. */
export function keysAt(schema: z.ZodType, path: string | undefined): readonly string[] {
  const r = shapeAt(schema, path);
  if (!r.ok) return [];
  return objectKeys(r.shape);
}

function objectKeys(s: FactShape): string[] {
  if (s.kind === "object") return Object.keys(s.keys);
  if (s.kind === "array") return objectKeys(s.item);
  if (s.kind === "union") return [...new Set(s.options.flatMap(objectKeys))];
  return [];
}

/**
 * A schema seen through its wrappers: the concrete schemas it may be (unions flattened, ErrorFact dropped),
 * whether it may be absent and whether an ErrorFact may stand in its place.
 */
interface Leaves {
  schemas: z.ZodType[];
  optional: boolean;
  canError: boolean;
}

function leaves(schema: z.ZodType): Leaves {
  const out: Leaves = { schemas: [], optional: false, canError: false };
  const seen = new Set<z.ZodType>();
  const visit = (s: z.ZodType): void => {
    if (s === errorFactSchema) {
      out.canError = true;
      return;
    }
    if (seen.has(s)) return;
    if (s instanceof z.ZodOptional) {
      out.optional = true;
      return visit(s.unwrap() as z.ZodType);
    }
    if (s instanceof z.ZodNullable) {
      out.schemas.push(z.null());
      return visit(s.unwrap() as z.ZodType);
    }
    if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly || s instanceof z.ZodCatch || s instanceof z.ZodNonOptional) {
      return visit(s.def.innerType as z.ZodType);
    }
    if (s instanceof z.ZodLazy) {
      seen.add(s);
      // the cached inner schema, so a recursive schema is the same object at every level
      visit(s._zod.innerType as z.ZodType);
      return;
    }
    if (s instanceof z.ZodPipe) return visit(s.def.out as z.ZodType);
    if (s instanceof z.ZodUnion) {
      for (const o of s.options as readonly z.ZodType[]) visit(o);
      return;
    }
    if (s instanceof z.ZodUndefined) {
      out.optional = true;
      return;
    }
    out.schemas.push(s);
  };
  visit(schema);
  return out;
}

/** Leaves back as one schema (a union when several), keeping the ErrorFact option. */
function asSchema(l: Leaves): z.ZodType {
  const all = [...l.schemas, ...(l.canError ? [errorFactSchema] : [])];
  const one = all.length === 0 ? z.unknown() : all.length === 1 ? all[0]! : z.union(all as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  return l.optional ? one.optional() : one;
}

type Why = "key" | "scalar" | "nested-array";
type Step = { ok: true; leaves: Leaves } | { ok: false; why: Why; keys: string[] };

/**
 * One path segment applied to every concrete schema the value may be; valid if valid for at least one.
 * `projecting`: the value is an item of a list being projected (a list item that is itself a list has no keys).
 */
function step(from: Leaves, seg: string, projecting = false): Step {
  const found: Leaves = { schemas: [], optional: false, canError: false };
  const keys: string[] = [];
  let why: Why = "scalar";
  let any = false;
  const add = (l: Leaves, optional = l.optional): void => {
    found.schemas.push(...l.schemas);
    found.optional ||= optional;
    found.canError ||= l.canError;
    any = true;
  };
  const numeric = /^\d+$/.test(seg);
  for (const s of from.schemas) {
    if (s instanceof z.ZodUnknown || s instanceof z.ZodAny) {
      add({ schemas: [z.unknown()], optional: true, canError: false });
    } else if (s instanceof z.ZodObject) {
      const shape = s.shape as Record<string, z.ZodType>;
      const child = shape[seg];
      if (child) add(leaves(child));
      else {
        keys.push(...Object.keys(shape));
        const catchall = s.def.catchall as z.ZodType | undefined;
        if (catchall && !(catchall instanceof z.ZodNever)) add(leaves(catchall), true);
        else if (why === "scalar") why = "key";
      }
    } else if (s instanceof z.ZodRecord) {
      add(leaves(s.def.valueType as z.ZodType), true);
    } else if (s instanceof z.ZodArray || s instanceof z.ZodTuple) {
      const items = s instanceof z.ZodArray ? leaves(s.element as z.ZodType) : merge((s.def.items as z.ZodType[]).map(leaves));
      if (numeric) {
        add(items, true);
      } else if (projecting) {
        why = "nested-array";
      } else {
        const inner = step(items, seg, true);
        if (inner.ok) add({ schemas: [z.array(asSchema({ ...inner.leaves, canError: false }))], optional: false, canError: inner.leaves.canError });
        else {
          keys.push(...inner.keys);
          if (inner.why !== "scalar") why = inner.why;
        }
      }
    } else if (s instanceof z.ZodIntersection) {
      const inner = step({ schemas: [s.def.left as z.ZodType, s.def.right as z.ZodType], optional: false, canError: false }, seg, projecting);
      if (inner.ok) add(inner.leaves);
      else {
        keys.push(...inner.keys);
        if (inner.why !== "scalar") why = inner.why;
      }
    }
  }
  return any ? { ok: true, leaves: found } : { ok: false, why, keys: [...new Set(keys)] };
}

function merge(all: Leaves[]): Leaves {
  return { schemas: all.flatMap((l) => l.schemas), optional: all.some((l) => l.optional), canError: all.some((l) => l.canError) };
}

/** Shapes already described in one answer; a schema met again inside itself (recursion) is `unknown`. */
type Described = Map<z.ZodType, FactShape>;

function describeLeaves(l: Leaves, done: Described): FactShape {
  const flags = { ...(l.optional ? { optional: true as const } : {}), ...(l.canError ? { canError: true as const } : {}) };
  const options = mergeScalars(dedupe(l.schemas.map((s) => describe(s, done))));
  if (options.length === 0) return { kind: "unknown", ...flags };
  if (options.length === 1) return { ...options[0]!, ...flags };
  return { kind: "union", options, ...flags };
}

function describe(s: z.ZodType, done: Described): FactShape {
  const known = done.get(s);
  if (known) return known;
  done.set(s, { kind: "unknown" });
  const shape = describeOnce(s, done);
  done.set(s, shape);
  return shape;
}

function describeOnce(s: z.ZodType, done: Described): FactShape {
  if (s instanceof z.ZodString) return { kind: "string" };
  if (s instanceof z.ZodNumber || s instanceof z.ZodBigInt) return { kind: "number" };
  if (s instanceof z.ZodBoolean) return { kind: "boolean" };
  if (s instanceof z.ZodNull) return { kind: "null" };
  if (s instanceof z.ZodEnum) return { kind: "string", values: (s.options as readonly (string | number)[]).map(String) };
  if (s instanceof z.ZodLiteral) {
    const values = [...(s.values as Set<unknown>)];
    if (values.every((v) => typeof v === "string")) return { kind: "string", values: values as string[] };
    if (values.every((v) => typeof v === "number")) return { kind: "number", values: values as number[] };
    if (values.every((v) => typeof v === "boolean")) return { kind: "boolean", values: values as boolean[] };
    if (values.every((v) => v === null)) return { kind: "null" };
    return { kind: "unknown" };
  }
  if (s instanceof z.ZodArray) return { kind: "array", item: describeLeaves(leaves(s.element as z.ZodType), done) };
  if (s instanceof z.ZodTuple) return { kind: "array", item: describeLeaves(merge((s.def.items as z.ZodType[]).map(leaves)), done) };
  if (s instanceof z.ZodObject) {
    const keys: Record<string, FactShape> = {};
    for (const [k, v] of Object.entries(s.shape as Record<string, z.ZodType>)) keys[k] = describeLeaves(leaves(v), done);
    return { kind: "object", keys };
  }
  if (s instanceof z.ZodRecord) return { kind: "record", value: describeLeaves(leaves(s.def.valueType as z.ZodType), done) };
  if (s instanceof z.ZodIntersection) {
    const parts = [describe(s.def.left as z.ZodType, done), describe(s.def.right as z.ZodType, done)];
    if (parts.every((p) => p.kind === "object")) return { kind: "object", keys: Object.assign({}, ...parts.map((p) => (p as { keys: object }).keys)) };
    return { kind: "unknown" };
  }
  return { kind: "unknown" };
}

function dedupe(shapes: FactShape[]): FactShape[] {
  const seen = new Set<string>();
  return shapes.filter((s) => {
    const k = JSON.stringify(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Literal options of one scalar kind become one shape with every value (`true | false` is a boolean). */
function mergeScalars(shapes: FactShape[]): FactShape[] {
  const out: FactShape[] = [];
  for (const s of shapes) {
    const same = out.findIndex((o) => o.kind === s.kind);
    if (same < 0 || !(s.kind === "string" || s.kind === "number" || s.kind === "boolean")) {
      out.push(s);
      continue;
    }
    const prev = out[same] as { kind: typeof s.kind; values?: readonly unknown[] };
    const values = prev.values && s.values ? [...new Set([...prev.values, ...s.values])] : undefined;
    out[same] = (values ? { kind: s.kind, values } : { kind: s.kind }) as FactShape;
  }
  return out;
}

/** The key closest in spelling to `seg`, when close enough to be a typo. */
function nearest(seg: string, keys: readonly string[]): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const key of keys) {
    const d = editDistance(seg.toLowerCase(), key.toLowerCase());
    if (!best || d < best.d) best = { key, d };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(seg.length, best.key.length) / 3));
  return best.d <= limit ? best.key : undefined;
}
