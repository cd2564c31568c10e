// Reads a dotted path out of facts; a path through an array projects over its items.
import { isErrorFact, type ErrorFact } from "../grade/facts.js";

/** A value found at a path, or the ErrorFact that stood in the way. */
export type Resolved = { ok: true; value: unknown } | { ok: false; error: ErrorFact };

/** Resolves `a.b.c` against a value; numeric segments index arrays, other segments map over them. */
export function resolvePath(root: unknown, path: string | undefined): Resolved {
  if (isErrorFact(root)) return { ok: false, error: root };
  if (!path) return { ok: true, value: root };
  let current: unknown = root;
  for (const seg of path.split(".")) {
    if (isErrorFact(current)) return { ok: false, error: current };
    if (current === undefined || current === null) return { ok: true, value: undefined };
    if (Array.isArray(current)) {
      if (/^\d+$/.test(seg)) {
        current = current[Number(seg)];
        continue;
      }
      const mapped: unknown[] = [];
      for (const item of current) {
        if (isErrorFact(item)) return { ok: false, error: item };
        const v = item && typeof item === "object" ? (item as Record<string, unknown>)[seg] : undefined;
        if (isErrorFact(v)) return { ok: false, error: v };
        if (v !== undefined) mapped.push(v);
      }
      current = mapped;
      continue;
    }
    current = typeof current === "object" ? (current as Record<string, unknown>)[seg] : undefined;
  }
  if (isErrorFact(current)) return { ok: false, error: current };
  return { ok: true, value: current };
}
