// Facts keyed by a fixed set of names (roles, tables): an object from entries, and its declared schema.
import { z } from "zod";

/** An object from entries, keyed by their literal key type. */
export function keyed<K extends string, V>(entries: Iterable<readonly [K, V]>): Record<K, V> {
  return Object.fromEntries(entries) as Record<K, V>;
}

/**
 * The schema of a map from some of `keys` (each may be absent) to values of `value`: strict, so an ErrorFact in its
 * place is not read as an empty map, and a misspelt key in a rubric path is caught.
 */
export function keyedSchema<const K extends string, S extends z.ZodType>(keys: readonly K[], value: S) {
  return z.strictObject(keyed(keys.map((k) => [k, value.optional()] as const)));
}
