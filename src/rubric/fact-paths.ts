// Static lint of a rubric's fact paths against the facts schemas the checks declare (C1): every `path:` (also
// inside some/every/none/all/any/not), `evidence:`, `didYouMean:` and `onlyIf` path, for the check it reads.
import type { z } from "zod";
import type { Expectation, Rubric } from "./schema.js";
import { shapeAt, type FactShape } from "./fact-shape.js";

/** One path that does not exist in the declared facts, located by its rubric path (for file:line:col). */
export interface FactPathProblem {
  at: PropertyKey[];
  message: string;
}

/** check id → its declared facts schema (checks without one are not checked). */
export type FactSchemas = ReadonlyMap<string, z.ZodType>;

/** Every fact path of the rubric that does not exist in the declared facts of the check it reads. */
export function factPathProblems(rubric: Rubric, schemas: FactSchemas): FactPathProblem[] {
  const problems: FactPathProblem[] = [];
  rubric.tasks.forEach((t, ti) => {
    t.criteria.forEach((c, ci) => {
      const where = ["tasks", ti, "criteria", ci];
      const checkId = c.facts ?? t.check;
      const schema = checkId ? schemas.get(checkId) : undefined;
      if (schema && checkId) {
        const lint = new PathLint(checkId, schema, problems);
        if (c.expect) lint.expectation(c.expect, [""], [...where, "expect"]);
        if (c.evidence) lint.paths(c.evidence, [""], [...where, "evidence"]);
        if (c.didYouMean) lint.paths(c.didYouMean, [""], [...where, "didYouMean"]);
      }
      const gateId = c.onlyIf?.facts ?? t.check;
      const gate = gateId ? schemas.get(gateId) : undefined;
      if (c.onlyIf && gate && gateId) new PathLint(gateId, gate, problems).expectation(c.onlyIf.expect, [""], [...where, "onlyIf", "expect"]);
    });
  });
  return problems;
}

const join = (base: string, path: string): string => (base ? `${base}.${path}` : path);

/** Walks one expectation tree; `bases` are the paths its paths are relative to (several for a map's values). */
class PathLint {
  constructor(
    private readonly checkId: string,
    private readonly schema: z.ZodType,
    private readonly problems: FactPathProblem[],
  ) {}

  expectation(e: Expectation, bases: readonly string[], at: PropertyKey[]): void {
    const here = e.path ? this.paths(e.path, bases, [...at, "path"]) : bases;
    if (!here.length) return;
    for (const m of ["some", "every", "none"] as const) {
      const sub = e[m];
      if (!sub) continue;
      const items = here.flatMap((p) => this.itemPaths(p) ?? []);
      if (items.length) this.expectation(sub, items, [...at, m]);
    }
    if (e.not) this.expectation(e.not, here, [...at, "not"]);
    for (const m of ["all", "any"] as const) e[m]?.forEach((sub, i) => this.expectation(sub, here, [...at, m, i]));
  }

  /** Checks `path` under each base; reports it when it exists under none. Returns the full paths that exist. */
  paths(path: string, bases: readonly string[], at: PropertyKey[]): string[] {
    const answers = bases.map((b) => ({ base: b, full: join(b, path), r: shapeAt(this.schema, join(b, path)) }));
    const ok = answers.filter((a) => a.r.ok).map((a) => a.full);
    if (ok.length) return ok;
    const first = answers[0];
    if (!first || first.r.ok) return [];
    const r = first.r;
    const item = first.base ? ` (in each item of "${first.base.replace(/\.(0|\*)$/, "")}")` : "";
    const suggestion = r.suggestion && first.base && r.suggestion.startsWith(`${first.base}.`) ? r.suggestion.slice(first.base.length + 1) : r.suggestion;
    // an item of a list or map is written `name[]` in the explanation
    const reason = first.base ? r.reason.replace(/\.(?:0|\*)(?=[."])/g, "[]") : r.reason;
    this.problems.push({ at, message: `facts of check "${this.checkId}": no "${path}"${item}: ${reason}${suggestion ? `; did you mean "${suggestion}"?` : ""}` });
    return [];
  }

  /** The path of one item of the list or map at `path` (undefined when its shape is not declared). */
  private itemPaths(path: string): string[] | undefined {
    const r = shapeAt(this.schema, path);
    return r.ok ? itemsOf(r.shape, path) : [];
  }
}

function itemsOf(s: FactShape, path: string): string[] | undefined {
  switch (s.kind) {
    case "array":
      return [join(path, "0")];
    case "record":
      return [join(path, "*")];
    case "object":
      return Object.keys(s.keys).map((k) => join(path, k));
    case "union": {
      const all = s.options.map((o) => itemsOf(o, path));
      if (all.some((x) => x === undefined)) return undefined;
      return [...new Set(all.flatMap((x) => x ?? []))];
    }
    case "unknown":
      return undefined;
    default:
      return [];
  }
}
