// Records the bundled rubric's own test cases: rubrics/cases/<assessment>/{complete,partial,empty}.json (replay
// snapshots of the simulated worlds) and their <case>.expect.yaml (student, percent, points, every criterion's
// status), which `glue-validate rubric test` and `npm test` replay. Re-run whenever the checks, the world or the
// rubric change on purpose, and review the diff of the .expect.yaml files: they are the rubric's regression test.
//
//   node --import tsx scripts/make-rubric-cases.ts                     every assessment; refuses a case with criteria in `error`
//   node --import tsx scripts/make-rubric-cases.ts glue_etl_pipeline_tf only the assessments named
//   node --import tsx scripts/make-rubric-cases.ts --force             writes anyway
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { AwsSession } from "../src/aws/session.js";
import { bundledRubric, catalogOf, packageRoot } from "../src/grade/assessment.js";
import { loadAssessment } from "../src/app/assessments.js";
import { gradeStudent } from "../src/grade/grade.js";
import { loadRubric } from "../src/rubric/load.js";
import * as glueHard from "../test/support/world/index.js";
import * as cdk from "../test/support/world/assessments/cdk.js";
import * as tf from "../test/support/world/assessments/tf/index.js";
import * as glueEasy from "../test/support/world/assessments/glue-easy.js";
import * as glueMedium from "../test/support/world/assessments/glue-medium.js";
import { worldTransport } from "../test/support/world/transport.js";
import type { World } from "../test/support/world/types.js";

const STUDENT = "s1";
type Worlds = { completeWorld: (s: string) => World; partialWorld: (s: string) => World; emptyWorld: (s: string) => World };
/** The assessments with bundled cases, and the worlds they are recorded from. */
const WORLDS: Record<string, Worlds> = { glue_easy: glueEasy, glue_medium: glueMedium, glue_hard: glueHard, glue_etl_pipeline_tf: tf, glue_cdk_sfn_json_to_parquet: cdk };
const DESCRIPTIONS = { complete: "every task solved correctly", partial: "the planted mistakes of every world part", empty: "nothing built (other students' resources only)" } as const;

const force = process.argv.includes("--force");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

/** Records the three cases of one assessment; false when a case was refused. */
async function recordCases(id: string, worlds: Worlds): Promise<boolean> {
  const assessment = (await loadAssessment(id))!;
  const rubric = loadRubric(bundledRubric(id), catalogOf(assessment));
  const dir = join(packageRoot(), "rubrics", "cases", id);
  mkdirSync(dir, { recursive: true });
  let ok = true;
  for (const [name, description] of Object.entries(DESCRIPTIONS) as [keyof typeof DESCRIPTIONS, string][]) {
    const world = worlds[`${name}World`](STUDENT);
    const session = new AwsSession({ region: world.region, transport: worldTransport(world), record: true });
    const who = await session.send("sts", new GetCallerIdentityCommand({}));
    const report = await gradeStudent({ assessment, rubric, rubricSource: `bundled:${id}`, session, student: STUDENT, account: who.Account, partition: "aws" });
    const errors = report.tasks.flatMap((t) => t.criteria.filter((x) => x.status === "error").map((x) => `${t.id}.${x.id}: ${x.message}`));
    if (errors.length && !force) {
      process.stdout.write(`REFUSED ${id}/${name}: ${errors.length} criteria in error (rerun with --force to write anyway)\n${errors.map((e) => `  - ${e}\n`).join("")}`);
      ok = false;
      continue;
    }
    const snapshot = session.toSnapshot({ account: who.Account, description: `${id} case "${name}" (${description}) for student ${STUDENT}; written by scripts/make-rubric-cases.ts` });
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(snapshot, null, 1)}\n`);
    const expect = {
      student: STUDENT,
      description: `${description}; recorded by scripts/make-rubric-cases.ts from the simulated world`,
      percent: report.score.percent,
      points: report.score.points,
      statuses: Object.fromEntries(report.tasks.flatMap((t) => t.criteria.map((x) => [`${t.id}.${x.id}`, x.status]))),
    };
    writeFileSync(join(dir, `${name}.expect.yaml`), `# Expected result of ${name}.json under rubrics/${id}.yaml (glue-validate rubric test).\n${stringify(expect)}`);
    process.stdout.write(`wrote ${id}/${name}: ${report.score.percent}% (${Object.entries(report.counts).map(([k, n]) => `${n} ${k}`).join(", ")}), ${snapshot.calls.length} calls\n`);
  }
  return ok;
}

let failed = false;
for (const [id, worlds] of Object.entries(WORLDS)) if ((!only.length || only.includes(id)) && !(await recordCases(id, worlds))) failed = true;
process.exitCode = failed ? 1 : 0;
