// Assessments: a rubric file (rubrics/<id>.yaml, discovered by scanning) plus the checks it reads — its own `resources:`
// (generic readers) and, optionally, TypeScript check modules. The core never imports checks/ or readers/: the
// composition root (src/app/assessments.ts) hands their lazy maps in as AssessmentSources.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../util/package-root.js";
import type { CheckModule } from "./check.js";
import type { ReaderMap } from "./reader.js";
import { isResourceCheck, resourceChecks } from "./resources.js";
import { parseYaml, schemaCheck, type CheckCatalog } from "../rubric/load.js";
import type { Rubric } from "../rubric/schema.js";

/** One gradable lab. */
export interface Assessment {
  id: string;
  title: string;
  /** The lab text it grades, for `list` and docs. */
  lab: string;
  checks: readonly CheckModule[];
}

/** The TypeScript part of an assessment (checks/<id>/index.ts exports `assessment`). */
export type CheckMap = Readonly<Record<string, () => Promise<{ assessment: Assessment }>>>;

/** What the composition root hands the core: TypeScript checks by assessment id, and readers by id. */
export interface AssessmentSources {
  checks: CheckMap;
  readers: ReaderMap;
}

/** The package root (where package.json, rubrics/ and examples/ are), from src/ or the bundle in dist/. */
export { packageRoot };

/** The bundled rubric file of an assessment. */
export function bundledRubric(id: string): string {
  return join(packageRoot(), "rubrics", `${id}.yaml`);
}

/** The ids of the bundled assessments: every rubrics/<id>.yaml, sorted. */
export function bundledIds(): string[] {
  let files: string[];
  try {
    files = readdirSync(join(packageRoot(), "rubrics"));
  } catch {
    return [];
  }
  return files.filter((f) => /^[a-z0-9][a-z0-9_]*\.yaml$/.test(f)).map((f) => f.slice(0, -".yaml".length)).sort();
}

/** check id → the names it needs, for rubric validation. */
export function catalogOf(a: Assessment): CheckCatalog {
  return Object.fromEntries(a.checks.filter((c) => !isResourceCheck(c)).map((c) => [c.id, c.names]));
}

/** The TypeScript checks of an assessment id (none for a rubric-only assessment), titled from the rubric when it has none. */
async function typescriptPart(id: string, rubric: Pick<Rubric, "title" | "lab"> | undefined, sources: AssessmentSources): Promise<Assessment> {
  const load = Object.prototype.hasOwnProperty.call(sources.checks, id) ? sources.checks[id] : undefined;
  if (load) return (await load()).assessment;
  return { id, title: rubric?.title ?? id, lab: rubric?.lab ?? rubric?.title ?? id, checks: [] };
}

/**
 * The assessment a rubric grades: the TypeScript checks of its `assessment` id (if any) plus one check per resource
 * of the rubric. Throws a RubricError (file:line:col) for an unknown reader or bad reader params.
 */
export async function assessmentFor(rubric: Rubric, file: string, sources: AssessmentSources, text?: string): Promise<Assessment> {
  const base = await typescriptPart(rubric.assessment, rubric, sources);
  const locate = text !== undefined ? (path: readonly PropertyKey[]) => parseYaml(text, file).locate(path) : undefined;
  const resources = await resourceChecks(rubric, sources.readers, file, locate);
  return { ...base, checks: [...base.checks.filter((c) => !isResourceCheck(c)), ...resources] };
}

/** A bundled assessment by id (its rubric's resources included), or undefined when rubrics/<id>.yaml does not exist. */
export async function openBundled(id: string, sources: AssessmentSources): Promise<Assessment | undefined> {
  if (!bundledIds().includes(id)) return undefined;
  const file = bundledRubric(id);
  const text = readFileSync(file, "utf8");
  const parsed = schemaCheck(text, file);
  // A malformed bundled rubric is reported with its lines when it is loaded; its TypeScript checks still open.
  if (!parsed.success) return typescriptPart(id, undefined, sources);
  return assessmentFor(parsed.data, file, sources, text);
}
