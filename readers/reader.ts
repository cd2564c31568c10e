// The contract of a generic resource reader: the params a rubric gives it, the facts it returns and the IAM actions it calls.
import { z } from "zod";
import type { CheckContext } from "../src/grade/check.js";
import type { Reader } from "../src/grade/reader.js";
import { nearMisses } from "../checks/shared/student-owned.js";
import { errorFactSchema, orError, type ErrorFact, type Facts, type Json } from "../src/grade/facts.js";

/** Declares a reader (keeps the param type tied to its schema). */
export function defineReader<P>(r: Reader<P>): Reader<P> {
  return r;
}

/** `{ name }`: the params of every reader that reads one resource by name. */
export const byName = z.object({ name: z.string().min(1) }).strict();

/** Names of similar resources, or why they could not be listed. */
export const similarSchema = orError(z.array(z.string()));

/** Facts of one named resource: `exists` always; `similar` when it does not exist; the details when it does. */
export function namedFacts<S extends z.ZodRawShape>(details: S) {
  const optional = Object.fromEntries(Object.entries(details).map(([k, v]) => [k, (v as z.ZodType).optional()])) as unknown as { [K in keyof S]: z.ZodOptional<S[K]> };
  return z.union([z.object({ name: z.string(), exists: z.boolean(), similar: similarSchema.optional(), ...optional }), errorFactSchema]);
}

/** The facts of a resource that does not exist: its name and near-miss names. */
export function missing(name: string, similar: string[] | ErrorFact): Facts {
  return { name, exists: false, similar: similar as Json };
}

/** Near-miss names for `name` among a listing's names (other students' copies left out), or the listing's error. */
export function similarFrom(ctx: CheckContext, name: string, listed: { ok: true; items: string[] } | { ok: false; fact: ErrorFact }): string[] | ErrorFact {
  return listed.ok ? nearMisses(name, listed.items, ctx.student) : listed.fact;
}

/** A string→string map (tags, arguments, parameters). */
export const stringMap = z.record(z.string(), z.string());

/** Any JSON value, for open shapes. */
export { jsonSchema } from "../src/grade/facts.js";
export { orError, errorFactSchema };
export type { Reader };
