// A rubric's `resources:` turned into check modules: each resource is its reader with the rubric's params, filled per student.
import type { z } from "zod";
import type { CheckContext, CheckModule } from "./check.js";
import type { Reader, ReaderMap } from "./reader.js";
import type { Rubric } from "../rubric/schema.js";
import { RubricError, type RubricProblem } from "../rubric/load.js";
import { fill, placeholders } from "../rubric/template.js";
import { editDistance } from "../util/edit-distance.js";

/** A check module made from a rubric resource (`fromResource` tells it apart from a TypeScript check). */
export type ResourceCheck = CheckModule & { fromResource: { reader: string } };

/** True for a check made from a rubric resource. */
export function isResourceCheck(c: CheckModule): c is ResourceCheck {
  return "fromResource" in c;
}

/** Fills {placeholders} in every string of a params value. */
function fillDeep(v: unknown, vars: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof v === "string") return fill(v, vars);
  if (Array.isArray(v)) return v.map((x) => fillDeep(x, vars));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillDeep(x, vars)]));
  return v;
}

function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

/** The params of a resource spec (every key but `reader` and `description`). */
function paramsOf(spec: Record<string, unknown>): Record<string, unknown> {
  const { reader: _r, description: _d, ...params } = spec;
  return params;
}

function nearestId(id: string, ids: readonly string[]): string {
  const best = ids.map((x) => [x, editDistance(x, id)] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= 3 ? `; did you mean "${best[0]}"?` : "";
}

function issuePath(i: z.core.$ZodIssue): PropertyKey[] {
  return i.path as PropertyKey[];
}

/** One resource as a check module; throws the problems of its spec. */
function resourceCheck(key: string, spec: Record<string, unknown>, reader: Reader<unknown>, problems: RubricProblem[]): ResourceCheck | undefined {
  const params = paramsOf(spec);
  // Validated with placeholders in place (a template is a string like the value it becomes).
  const checked = reader.params.safeParse(params);
  if (!checked.success) {
    for (const i of checked.error.issues) {
      const path = ["resources", key, ...issuePath(i)];
      const message = i.code === "unrecognized_keys" ? `${reader.id} has no param ${i.keys.map((k) => `"${k}"`).join(", ")}` : i.message;
      problems.push({ path: path.map(String).join("."), message });
    }
    return undefined;
  }
  const names = [...new Set(strings(params).flatMap(placeholders))].filter((p) => !["student", "account", "region"].includes(p));
  return {
    id: key,
    description: typeof spec.description === "string" ? spec.description : reader.description,
    names,
    actions: reader.actions,
    facts: reader.facts,
    fromResource: { reader: reader.id },
    async collect(ctx: CheckContext) {
      // Only params that name {account} wait for the caller's identity.
      const account = strings(params).some((s) => placeholders(s).includes("account")) ? await ctx.accountId() : undefined;
      const vars = { ...ctx.names, student: ctx.student, account, region: ctx.region };
      return reader.read(ctx, reader.params.parse(fillDeep(params, vars)));
    },
  } as ResourceCheck;
}

/**
 * The check modules of a rubric's resources, readers imported on demand. Unknown readers and bad params are a
 * RubricError (located when `locate` is given).
 */
export async function resourceChecks(rubric: Pick<Rubric, "resources">, readers: ReaderMap, file: string, locate?: (path: readonly PropertyKey[]) => { line?: number; column?: number }): Promise<ResourceCheck[]> {
  const problems: RubricProblem[] = [];
  const out: ResourceCheck[] = [];
  for (const [key, spec] of Object.entries(rubric.resources ?? {})) {
    const load = Object.prototype.hasOwnProperty.call(readers, spec.reader) ? readers[spec.reader] : undefined;
    if (!load) {
      problems.push({ path: `resources.${key}.reader`, message: `unknown reader "${spec.reader}"${nearestId(spec.reader, Object.keys(readers))} (readers: docs/authoring-an-assessment.md)` });
      continue;
    }
    const check = resourceCheck(key, spec, (await load()).reader, problems);
    if (check) out.push(check);
  }
  if (problems.length) {
    throw new RubricError(file, problems.map((p) => ({ ...p, ...(locate ? locate(p.path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s))) : {}) })));
  }
  return out;
}
