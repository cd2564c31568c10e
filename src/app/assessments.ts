// The composition root of assessments: the only module under src/ that imports checks/ and readers/. It hands their
// lazy maps to the core (src/grade/assessment.ts), which discovers assessments from rubrics/*.yaml.
import { CHECKS } from "../../checks/index.js";
import { READERS } from "../../readers/index.js";
import { existsSync, readFileSync } from "node:fs";
import { assessmentFor, bundledIds, bundledRubric, catalogOf, openBundled, type Assessment, type AssessmentSources } from "../grade/assessment.js";
import type { Catalogs } from "../rubric/extends.js";
import { loadRubric, RubricError, type CheckCatalog } from "../rubric/load.js";
import type { Rubric } from "../rubric/schema.js";
import { UsageError } from "../cli/exit.js";

/** The TypeScript checks and the readers this build ships. */
export const SOURCES: AssessmentSources = { checks: CHECKS, readers: READERS };

/** The ids of the bundled assessments (one per rubrics/<id>.yaml). */
export function assessmentIds(): string[] {
  return bundledIds();
}

/** A bundled assessment (its TypeScript checks and its rubric's resources); undefined for an unknown id. */
export function loadAssessment(id: string): Promise<Assessment | undefined> {
  return openBundled(id, SOURCES);
}

/** The assessment a rubric file grades (bundled or not): its TypeScript checks, if any, and its own resources. */
export function assessmentForRubric(rubric: Rubric, file: string, text?: string): Promise<Assessment> {
  return assessmentFor(rubric, file, SOURCES, text);
}

/** An assessment opened for grading, explaining, policy or tests: its checks and the rubric it is graded with. */
export interface OpenedAssessment {
  assessment: Assessment;
  rubric: Rubric;
  /** `bundled:<id>` or `file:<path>`, for reports. */
  rubricSource: string;
}

/** Check catalogs of every bundled assessment, to validate `check:` and `facts:` references and `extends:`. */
export async function loadCatalogs(): Promise<Catalogs> {
  const out: Record<string, CheckCatalog> = {};
  for (const id of assessmentIds()) {
    const a = await loadAssessment(id);
    if (a) out[id] = catalogOf(a);
  }
  return out;
}

/**
 * The one way to open an assessment: a bundled id (`glue_hard`), a rubric file (bundled or not: an unbundled
 * rubric-only lab needs no code), or both (the file must be for that id). Throws a UsageError naming the problem
 * (file:line:col for a rubric).
 */
export async function openAssessment(ref: { id?: string; rubricFile?: string }): Promise<OpenedAssessment> {
  const { id, rubricFile } = ref;
  try {
    if (!rubricFile) {
      if (!id) throw new UsageError("name an assessment (see `glue-validate list`) or give --rubric <file>");
      const assessment = await loadAssessment(id);
      if (!assessment) throw new UsageError(`unknown assessment "${id}"; available: ${assessmentIds().join(", ")} (see \`glue-validate list\`)`);
      return { assessment, rubric: loadRubric(bundledRubric(id), catalogOf(assessment)), rubricSource: `bundled:${id}` };
    }
    if (!existsSync(rubricFile)) throw new UsageError(`no rubric file ${rubricFile}`);
    // `extends:` resolution is needed only for a rubric file: a bundled assessment's run does not load it.
    const { resolveRubricFile } = await import("../rubric/extends.js");
    const rubric = resolveRubricFile(rubricFile, await loadCatalogs()).rubric;
    if (id !== undefined && rubric.assessment !== id) {
      if (!assessmentIds().includes(id)) throw new UsageError(`unknown assessment "${id}"; available: ${assessmentIds().join(", ")} (see \`glue-validate list\`)`);
      throw new UsageError(`the rubric ${rubricFile} is for assessment "${rubric.assessment}", not "${id}"`);
    }
    const assessment = await assessmentForRubric(rubric, rubricFile, readFileSync(rubricFile, "utf8"));
    return { assessment, rubric, rubricSource: `file:${rubricFile}` };
  } catch (err) {
    if (err instanceof RubricError) throw new UsageError(`invalid rubric:\n${err.message}`);
    throw err;
  }
}
