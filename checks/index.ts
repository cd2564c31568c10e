// The assessments that have TypeScript checks, loaded on demand (literal imports, so a bundle splits them). An
// assessment is discovered from its rubric (rubrics/<id>.yaml); it is listed here only when generic readers cannot
// express everything it grades.
import type { CheckMap } from "../src/grade/assessment.js";

/** Assessment id → its check modules. */
export const CHECKS = {
  glue_hard: () => import("./glue_hard/index.js"),
  glue_sfn_orchestration_workshop: () => import("./glue_sfn_orchestration_workshop/index.js"),
  stedi_lakehouse: () => import("./stedi_lakehouse/index.js"),
  glue_etl_pipeline_tf: () => import("./glue_etl_pipeline_tf/index.js"),
  glue_cdk_sfn_json_to_parquet: () => import("./glue_cdk_sfn_json_to_parquet/index.js"),
} as const satisfies CheckMap;
