// Records the bundled rubric's own test cases: rubrics/cases/<assessment>/{complete,partial,empty}.json (replay
// snapshots of the simulated worlds) and their <case>.expect.yaml (student, percent, points, every criterion's
// status), which `glue-validate rubric test` and `npm test` replay. Re-run whenever the checks, the world or the
// rubric change on purpose, and review the diff of the .expect.yaml files: they are the rubric's regression test.
//
//   node --import tsx scripts/make-rubric-cases.ts            refuses a case with criteria in `error`
//   node --import tsx scripts/make-rubric-cases.ts --force    writes anyway
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { AwsSession } from "../src/aws/session.js";
import { bundledRubric, catalogOf, loadAssessment, packageRoot } from "../src/grade/assessment.js";
import { gradeStudent } from "../src/grade/grade.js";
import { loadRubric } from "../src/rubric/load.js";
import { completeWorld, emptyWorld, partialWorld } from "../test/support/world/index.js";
import { worldTransport } from "../test/support/world/transport.js";
import type { World } from "../test/support/world/types.js";

const ASSESSMENT = "glue_hard";
const STUDENT = "s1";
const CASES: Record<string, { world: (student: string) => World; description: string }> = {
  complete: { world: completeWorld, description: "every task solved correctly" },
  partial: { world: partialWorld, description: "the planted mistakes of every world part" },
  empty: { world: emptyWorld, description: "nothing built (other students' resources only)" },
};

const force = process.argv.includes("--force");
const assessment = (await loadAssessment(ASSESSMENT))!;
const rubric = loadRubric(bundledRubric(ASSESSMENT), catalogOf(assessment));
const dir = join(packageRoot(), "rubrics", "cases", ASSESSMENT);
mkdirSync(dir, { recursive: true });
let failed = false;
for (const [name, c] of Object.entries(CASES)) {
  const world = c.world(STUDENT);
  const session = new AwsSession({ region: world.region, transport: worldTransport(world), record: true });
  const who = await session.send("sts", new GetCallerIdentityCommand({}));
  const report = await gradeStudent({ assessment, rubric, rubricSource: `bundled:${ASSESSMENT}`, session, student: STUDENT, account: who.Account, partition: "aws" });
  const errors = report.tasks.flatMap((t) => t.criteria.filter((x) => x.status === "error").map((x) => `${t.id}.${x.id}: ${x.message}`));
  if (errors.length && !force) {
    process.stdout.write(`REFUSED ${name}: ${errors.length} criteria in error (rerun with --force to write anyway)\n${errors.map((e) => `  - ${e}\n`).join("")}`);
    failed = true;
    continue;
  }
  const snapshot = session.toSnapshot({ account: who.Account, description: `${ASSESSMENT} case "${name}" (${c.description}) for student ${STUDENT}; written by scripts/make-rubric-cases.ts` });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(snapshot, null, 1)}\n`);
  const expect = {
    student: STUDENT,
    description: `${c.description}; recorded by scripts/make-rubric-cases.ts from the simulated world`,
    percent: report.score.percent,
    points: report.score.points,
    statuses: Object.fromEntries(report.tasks.flatMap((t) => t.criteria.map((x) => [`${t.id}.${x.id}`, x.status]))),
  };
  writeFileSync(join(dir, `${name}.expect.yaml`), `# Expected result of ${name}.json under rubrics/${ASSESSMENT}.yaml (glue-validate rubric test).\n${stringify(expect)}`);
  process.stdout.write(`wrote ${name}: ${report.score.percent}% (${Object.entries(report.counts).map(([k, n]) => `${n} ${k}`).join(", ")}), ${snapshot.calls.length} calls\n`);
}
process.exitCode = failed ? 1 : 0;
