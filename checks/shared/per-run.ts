// Work done once per grading run: every check of a run shares one CheckContext, so finders keyed on it are shared.
import type { CheckContext } from "../../src/grade/check.js";

const cache = new WeakMap<CheckContext, Map<string, Promise<unknown>>>();

/** Runs `fn` once per run (per CheckContext) and key; later callers get the same promise. */
export function once<T>(ctx: CheckContext, key: string, fn: () => Promise<T>): Promise<T> {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, (m = new Map()));
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) m.set(key, (p = fn()));
  return p;
}
