// Assessments: a rubric file plus the check modules its tasks name. The registry loads them lazily.
import { join } from "node:path";
import { packageRoot } from "../util/package-root.js";
import type { CheckModule } from "./check.js";
import type { CheckCatalog } from "../rubric/load.js";

/** One gradable lab. */
export interface Assessment {
  id: string;
  title: string;
  /** The lab text it grades, for `list` and docs. */
  lab: string;
  checks: readonly CheckModule[];
}

/** The assessments this tool ships, loaded on demand so a run only imports the checks it uses. */
const REGISTRY: Record<string, () => Promise<Assessment>> = {
  glue_hard: async () => (await import("../../checks/glue_hard/index.js")).assessment,
  glue_sfn_orchestration_workshop: async () => (await import("../../checks/glue_sfn_orchestration_workshop/index.js")).assessment,
  stedi_lakehouse: async () => (await import("../../checks/stedi_lakehouse/index.js")).assessment,
  glue_etl_pipeline_tf: async () => (await import("../../checks/glue_etl_pipeline_tf/index.js")).assessment,
  glue_cdk_sfn_json_to_parquet: async () => (await import("../../checks/glue_cdk_sfn_json_to_parquet/index.js")).assessment,
};

/** The ids of the bundled assessments. */
export function assessmentIds(): string[] {
  return Object.keys(REGISTRY);
}

/** Loads an assessment's check modules; undefined for an unknown id. */
export async function loadAssessment(id: string): Promise<Assessment | undefined> {
  const load = REGISTRY[id];
  return load ? load() : undefined;
}

/** check id → the names it needs, for rubric validation. */
export function catalogOf(a: Assessment): CheckCatalog {
  return Object.fromEntries(a.checks.map((c) => [c.id, c.names]));
}

/** The package root (where package.json, rubrics/ and examples/ are), from src/ or the bundle in dist/. */
export { packageRoot };

/** The bundled rubric file of an assessment. */
export function bundledRubric(id: string): string {
  return join(packageRoot(), "rubrics", `${id}.yaml`);
}
