// Regenerates the bundled demo snapshots examples/glue_hard/{complete,partial}.json as real recordings: the CLI
// grades the demo worlds through the fake AWS endpoint with --record.
//
//   node --import tsx scripts/make-examples.ts                    write every example (refuses a recording with errors)
//   node --import tsx scripts/make-examples.ts stedi_lakehouse    only the examples of the assessments named
//   node --import tsx scripts/make-examples.ts --force            write even if some calls failed or criteria are error
//
// A refused recording is left next to the target as <name>.json.rejected for inspection.
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { EXAMPLES, examplePath, writeExample, type ExampleKind } from "../test/support/fake-aws/examples.js";

const force = process.argv.includes("--force");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
let failed = false;
for (const kind of (Object.keys(EXAMPLES) as ExampleKind[]).filter((k) => !only.length || only.includes(EXAMPLES[k].assessment))) {
  const target = examplePath(kind);
  mkdirSync(dirname(target), { recursive: true });
  rmSync(`${target}.rejected`, { force: true });
  const rec = await writeExample(kind, target, force);
  const r = rec.run.report;
  const summary = r ? `${r.score.percent}% (${Object.entries(r.counts).map(([k, n]) => `${n} ${k}`).join(", ")}), ${r.aws.calls} AWS calls` : "no report";
  process.stdout.write(`${rec.written ? "wrote" : "REFUSED"} ${target}: exit ${rec.run.code}, ${summary}\n`);
  for (const p of rec.problems) process.stdout.write(`  - ${p}\n`);
  if (!rec.written) {
    process.stdout.write(`  the recording is in ${target}.rejected; fix the checks/world or rerun with --force\n`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
