// Would a criterion's failure message fall back to internals (a bare yes/no, an object)? Judged from the declared
// shape of the values the message shows, so `rubric lint` can ask for a `found:` sentence instead.
import type { z } from "zod";
import { shapeAt, type FactShape } from "./fact-shape.js";
import { factPlaceholders } from "./render.js";
import type { Expectation, Rubric } from "./schema.js";

/** How a value reads in a message: as itself, or as internals a student cannot act on. */
export type Readability = "words" | "yes/no" | "an object" | "a list of objects" | "unknown";

/** How a declared shape reads once rendered (strings, numbers, lists and maps of them read as words). */
export function readabilityOf(s: FactShape): Readability {
  switch (s.kind) {
    case "string":
    case "number":
    case "null":
      return "words";
    case "boolean":
      return "yes/no";
    case "unknown":
      return "unknown";
    case "object":
      return "an object";
    case "array": {
      const item = readabilityOf(s.item);
      return item === "words" || item === "unknown" ? item : "a list of objects";
    }
    case "record": {
      const value = readabilityOf(s.value);
      return value === "words" || value === "unknown" ? value : "an object";
    }
    case "union": {
      const bad = s.options.map(readabilityOf).find((r) => r !== "words");
      return bad ?? "words";
    }
  }
}

/** The fact paths whose values a failure message shows as they are, for an expectation rooted at `prefix`. */
export function shownPaths(e: Expectation, prefix = ""): { path: string; itemsOnly?: boolean }[] {
  const here = join(prefix, e.path);
  // includesAll names what is missing; every/none show the offending items (a map's as "key: value").
  if (e.includesAll) return [];
  if (e.every || e.none) return [{ path: here, itemsOnly: true }];
  if (e.all) return e.all.flatMap((sub) => (sub.path ? shownPaths(sub, here) : [{ path: here }]));
  return [{ path: here }];
}

function join(a: string, b: string | undefined): string {
  return [a, b].filter(Boolean).join(".");
}

/** The item shape of a list or map (what every/none show), else the shape itself. */
export function itemShape(s: FactShape): FactShape {
  if (s.kind === "array") return s.item;
  if (s.kind === "record") return s.value;
  return s;
}

/**
 * Why this criterion's failure message would show internals, or undefined when it reads as words. `shapeOf` gives
 * the declared shape at a path (undefined: not declared, nothing to judge). A `found:` sentence always reads.
 */
export function internalsProblem(c: { expect?: Expectation; found?: string }, shapeOf: (path: string) => FactShape | undefined): string | undefined {
  if (!c.expect || c.found) return undefined;
  for (const p of shownPaths(c.expect)) {
    const shape = shapeOf(p.path);
    if (!shape) continue;
    const r = readabilityOf(p.itemsOnly ? itemShape(shape) : shape);
    if (r === "words" || r === "unknown") continue;
    const where = p.path ? `"${p.path}"` : "the facts";
    return `the failure message would show ${r} (${where}), not words a student can act on: add \`found:\` with a sentence naming what was found, using {names} and facts that hold the values themselves ({$fact.path})`;
  }
  return undefined;
}

/** A message problem of one criterion, located by task and criterion index and the field at fault. */
export interface MessageProblem {
  ti: number;
  ci: number;
  field: "expect" | "found" | "expected";
  message: string;
}

/**
 * Every criterion of a rubric whose failure message would show internals, or whose `found:`/`expected:` names a
 * fact its check does not declare. `schemaOf` gives a check's declared facts schema (undefined: an unknown check).
 */
export function messageProblems(rubric: Rubric, schemaOf: (checkId: string) => z.ZodType | undefined): MessageProblem[] {
  const out: MessageProblem[] = [];
  rubric.tasks.forEach((t, ti) =>
    t.criteria.forEach((c, ci) => {
      const checkId = c.facts ?? t.check;
      const schema = checkId ? schemaOf(checkId) : undefined;
      if (!schema || !c.expect) return;
      const shapeOf = (path: string): FactShape | undefined => {
        const r = shapeAt(schema, path || undefined);
        return r.ok ? r.shape : undefined;
      };
      const internals = internalsProblem(c, shapeOf);
      if (internals) out.push({ ti, ci, field: "expect", message: internals });
      for (const field of ["found", "expected"] as const) {
        for (const path of factPlaceholders(c[field] ?? "")) {
          const r = shapeAt(schema, path);
          if (!r.ok) out.push({ ti, ci, field, message: `{$${path}} is not a fact of check "${checkId}": ${r.reason}${r.suggestion ? `; did you mean {$${r.suggestion}}?` : ""}` });
        }
      }
    }),
  );
  return out;
}
