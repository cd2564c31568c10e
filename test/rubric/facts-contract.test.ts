// The facts contract (C1): what every check and reader returns matches the schema it declares, on complete, partial and
// empty accounts, on an account where every read is denied, and on every bundled snapshot. A schema that is narrower
// than what a check really returns fails here, naming the check, the world and the first mismatching path.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AwsSession, type Transport } from "../../src/aws/session.js";
import { readSnapshot } from "../../src/aws/snapshot.js";
import { bundledRubric, catalogOf, packageRoot } from "../../src/grade/assessment.js";
import { collectFacts, environmentOf } from "../../src/grade/grade.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { loadRubric } from "../../src/rubric/load.js";
import { resolveNames } from "../../src/rubric/template.js";
import type { World } from "../support/world/types.js";
import { worldTransport } from "../support/world/transport.js";
import { awsError, schemaProblem } from "../support/check-tester.js";
import * as glueHard from "../support/world/index.js";
import * as workshop from "../support/world/assessments/workshop.js";
import * as cdk from "../support/world/assessments/cdk.js";
import * as lakehouse from "../support/world/assessments/lakehouse.js";
import * as tf from "../support/world/assessments/tf/index.js";
import * as glueEasy from "../support/world/assessments/glue-easy.js";
import * as glueMedium from "../support/world/assessments/glue-medium.js";

type Worlds = { completeWorld: (s: string) => World; partialWorld: (s: string) => World; emptyWorld?: (s: string) => World };
const WORLDS: Record<string, Worlds> = {
  glue_hard: glueHard,
  glue_sfn_orchestration_workshop: workshop,
  glue_cdk_sfn_json_to_parquet: cdk,
  stedi_lakehouse: lakehouse,
  glue_etl_pipeline_tf: tf,
  glue_easy: glueEasy,
  glue_medium: glueMedium,
};

const STUDENT = "42";

/** Every read answers AccessDenied, as for a grader without the policy. */
const denied: Transport = async ({ service, operation }) => {
  throw awsError("AccessDeniedException", `User is not authorized to perform: ${service}:${operation}`, 403);
};

async function problems(assessmentId: string, session: AwsSession, student: string, account = "123456789012"): Promise<string[]> {
  const assessment = (await loadAssessment(assessmentId))!;
  const rubric = loadRubric(bundledRubric(assessmentId), catalogOf(assessment));
  const names = resolveNames(rubric.names, { student, account, region: session.region, env: environmentOf(rubric, undefined) });
  const facts = await collectFacts({ assessment, rubric, rubricSource: "test", session, student, account, partition: "aws" }, names);
  const out: string[] = [];
  for (const check of assessment.checks) {
    if (!(check.id in facts)) continue;
    const wrong = schemaProblem(check.facts as z.ZodType, facts[check.id]);
    if (wrong) out.push(`${check.id}: ${wrong}`);
  }
  return out;
}

const snapshots = (id: string): string[] =>
  [join(packageRoot(), "examples", id), join(packageRoot(), "rubrics", "cases", id)].flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => join(dir, f)) : []));

describe.each(Object.keys(WORLDS))("%s: facts match their declared schemas", (id) => {
  const w = WORLDS[id]!;
  const kinds: [string, () => Transport][] = [
    ["complete", () => worldTransport(w.completeWorld(STUDENT))],
    ["partial", () => worldTransport(w.partialWorld(STUDENT))],
    ...(w.emptyWorld ? [["empty", () => worldTransport(w.emptyWorld!(STUDENT))] as [string, () => Transport]] : []),
    ["every read denied", () => denied],
  ];
  it.each(kinds)("in the %s world", async (_kind, transport) => {
    expect(await problems(id, new AwsSession({ region: "us-east-1", transport: transport() }), STUDENT)).toEqual([]);
  });

  it.each(snapshots(id))("replaying %s", async (file) => {
    const snapshot = readSnapshot(file);
    const student = snapshot.student ?? STUDENT;
    expect(await problems(id, new AwsSession({ region: snapshot.region, replay: snapshot }), student, snapshot.account)).toEqual([]);
  });
});
