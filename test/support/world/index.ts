// Building worlds: a student's complete or partial solution among other students' resources.
import type { World } from "./types.js";
import { PARTS } from "./parts/index.js";

/** Merges fragments into a world: lists concatenate, maps merge, later scalars win. */
export function compose(base: Pick<World, "account" | "region" | "pageSize">, fragments: Record<string, unknown>[]): World {
  const w: World = { ...base };
  for (const f of fragments) {
    for (const [k, v] of Object.entries(f)) {
      const cur = w[k];
      if (Array.isArray(cur) && Array.isArray(v)) w[k] = [...cur, ...v];
      else if (isPlain(cur) && isPlain(v)) w[k] = { ...cur, ...v };
      else w[k] = v;
    }
  }
  return w;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Options of a generated world. */
export interface WorldOptions {
  account?: string;
  region?: string;
  pageSize?: number;
  /** How many other students share the account. */
  others?: number;
}

function build(kind: "complete" | "partial", student: string, o: WorldOptions): World {
  const base = { account: o.account ?? "123456789012", region: o.region ?? "us-east-1", pageSize: o.pageSize ?? 3 };
  const noise = Array.from({ length: o.others ?? 3 }, (_, i) => `s${String(i + 1).padStart(3, "0")}`).filter((s) => s !== student);
  const fragments = [...noise.flatMap((s) => PARTS.map((p) => p.other(base, s))), ...PARTS.map((p) => p[kind](base, student))];
  return compose(base, fragments);
}

/** A world where `student` solved every task correctly. */
export function completeWorld(student: string, o: WorldOptions = {}): World {
  return build("complete", student, o);
}

/** A world where `student` made the planted mistakes of every part. */
export function partialWorld(student: string, o: WorldOptions = {}): World {
  return build("partial", student, o);
}

/** A world where `student` built nothing (only other students' resources). */
export function emptyWorld(student: string, o: WorldOptions = {}): World {
  const base = { account: o.account ?? "123456789012", region: o.region ?? "us-east-1", pageSize: o.pageSize ?? 3 };
  const noise = Array.from({ length: o.others ?? 3 }, (_, i) => `s${String(i + 1).padStart(3, "0")}`).filter((s) => s !== student);
  return compose(base, noise.flatMap((s) => PARTS.map((p) => p.other(base, s))));
}

/** One student's solution of a rubric-only lab, with its planted mistakes when `partial`. */
export type Solution = (w: Pick<World, "account" | "region">, student: string, m?: { partial?: boolean }) => Record<string, unknown>;

/** The complete, partial and empty worlds of a lab whose whole solution is one function (noise: other students' complete ones). */
export function solutionWorlds(solution: Solution): Record<"completeWorld" | "partialWorld" | "emptyWorld", (student: string, o?: WorldOptions) => World> {
  const build = (student: string, o: WorldOptions, m: { partial?: boolean } | null): World => {
    const base = { account: o.account ?? "123456789012", region: o.region ?? "us-east-1", pageSize: o.pageSize ?? 3 };
    const noise = Array.from({ length: o.others ?? 3 }, (_, i) => `s${String(i + 1).padStart(3, "0")}`).filter((s) => s !== student);
    return compose(base, [...noise.map((s) => solution(base, s)), ...(m ? [solution(base, student, m)] : [])]);
  };
  return {
    completeWorld: (student, o = {}) => build(student, o, {}),
    partialWorld: (student, o = {}) => build(student, o, { partial: true }),
    emptyWorld: (student, o = {}) => build(student, o, null),
  };
}
