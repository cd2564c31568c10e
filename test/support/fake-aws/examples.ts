// Recording the bundled demo snapshots: the CLI grades a demo world through the fake endpoint with --record, so
// examples/glue_hard/*.json are real recordings of what went over the wire. Used by scripts/make-examples.ts and
// by the test that keeps the committed snapshots in step with the checks.
import "./sdk-shim.js";
import { renameSync } from "node:fs";
import { join } from "node:path";
import { completeWorld, partialWorld } from "../world/index.js";
import * as cdk from "../world/assessments/cdk.js";
import * as lakehouse from "../world/assessments/lakehouse.js";
import * as tf from "../world/assessments/tf/index.js";
import * as glueEasy from "../world/assessments/glue-easy.js";
import * as glueMedium from "../world/assessments/glue-medium.js";
import * as workshop from "../world/assessments/workshop.js";
import { gradeThroughFake, hermeticHome, statusesOf, type CliRun } from "./cli.js";
import { startFakeAws, type LoggedCall } from "./server.js";
import type { FaultKind } from "./faults.js";

/** The demo student of the bundled snapshots. */
export const DEMO_STUDENT = "demo";

/** The bundled examples: "<assessment>/<file name>" → the assessment and its demo world. */
export const EXAMPLES = {
  "glue_easy/complete": { assessment: "glue_easy", world: () => glueEasy.completeWorld(DEMO_STUDENT) },
  "glue_easy/partial": { assessment: "glue_easy", world: () => glueEasy.partialWorld(DEMO_STUDENT) },
  "glue_medium/complete": { assessment: "glue_medium", world: () => glueMedium.completeWorld(DEMO_STUDENT) },
  "glue_medium/partial": { assessment: "glue_medium", world: () => glueMedium.partialWorld(DEMO_STUDENT) },
  "glue_hard/complete": { assessment: "glue_hard", world: () => completeWorld(DEMO_STUDENT) },
  "glue_hard/partial": { assessment: "glue_hard", world: () => partialWorld(DEMO_STUDENT) },
  "glue_sfn_orchestration_workshop/complete": { assessment: "glue_sfn_orchestration_workshop", world: () => workshop.completeWorld(DEMO_STUDENT) },
  "glue_sfn_orchestration_workshop/partial": { assessment: "glue_sfn_orchestration_workshop", world: () => workshop.partialWorld(DEMO_STUDENT) },
  "stedi_lakehouse/complete": { assessment: "stedi_lakehouse", world: () => lakehouse.completeWorld(DEMO_STUDENT) },
  "stedi_lakehouse/partial": { assessment: "stedi_lakehouse", world: () => lakehouse.partialWorld(DEMO_STUDENT) },
  "glue_etl_pipeline_tf/complete": { assessment: "glue_etl_pipeline_tf", world: () => tf.completeWorld(DEMO_STUDENT) },
  "glue_etl_pipeline_tf/partial": { assessment: "glue_etl_pipeline_tf", world: () => tf.partialWorld(DEMO_STUDENT) },
  "glue_cdk_sfn_json_to_parquet/complete": { assessment: "glue_cdk_sfn_json_to_parquet", world: () => cdk.completeWorld(DEMO_STUDENT) },
  "glue_cdk_sfn_json_to_parquet/partial": { assessment: "glue_cdk_sfn_json_to_parquet", world: () => cdk.partialWorld(DEMO_STUDENT) },
} as const;
export type ExampleKind = keyof typeof EXAMPLES;

/** The snapshot path of an example, relative to the repository root. */
export const examplePath = (kind: ExampleKind) => join("examples", `${kind}.json`);

/** One recording: the CLI run, what reached the fake, and what went wrong. */
export interface Recording {
  run: CliRun;
  log: LoggedCall[];
  faults: Record<FaultKind, number>;
  /** Why this recording should not be committed (empty when clean). */
  problems: string[];
}

/** Grades the demo world of `kind` live through the fake, recording every call to `file`. */
export async function recordExample(kind: ExampleKind, file: string): Promise<Recording> {
  const home = hermeticHome();
  const fake = await startFakeAws({ world: EXAMPLES[kind].world() });
  try {
    const run = await gradeThroughFake(fake, DEMO_STUDENT, home, ["--record", file], {}, EXAMPLES[kind].assessment);
    const problems: string[] = [];
    if (!run.report) problems.push(`the run wrote no report (exit ${run.code}): ${run.err.trim()}`);
    for (const [k, n] of Object.entries(fake.faults)) if (n > 0) problems.push(`${n} request(s) the fake could not serve (${k}): ${[...new Set(fake.log.filter((c) => c.fault === k).map((c) => `${c.service}:${c.operation}`))].join(", ")}`);
    const errors = run.report ? Object.entries(statusesOf(run.report)).filter(([, s]) => s === "error").map(([k]) => k) : [];
    if (errors.length) problems.push(`${errors.length} criteria ended as error: ${errors.join(", ")}`);
    return { run, log: fake.log, faults: fake.faults, problems };
  } finally {
    await fake.close();
    home.cleanup();
  }
}

/** Records into a temporary file and moves it over `target` only when clean (or when forced). */
export async function writeExample(kind: ExampleKind, target: string, force = false): Promise<Recording & { written: boolean }> {
  const tmp = `${target}.recording.tmp`;
  const rec = await recordExample(kind, tmp);
  const written = rec.problems.length === 0 || force;
  if (written) renameSync(tmp, target);
  else renameSync(tmp, `${target}.rejected`);
  return { ...rec, written };
}
