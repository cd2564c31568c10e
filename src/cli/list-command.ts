// `glue-validate list`: the bundled assessments and their tasks.
import { assessmentIds } from "../app/assessments.js";
import { openAssessment } from "../app/assessments.js";
import type { CliIo } from "./io.js";

/** Prints each assessment with its tasks, points and how many criteria are automatic. */
export async function runList(io: CliIo, json: boolean): Promise<number> {
  const all = [];
  for (const id of assessmentIds()) {
    const { assessment, rubric } = await openAssessment({ id });
    all.push({
      id,
      title: rubric.title,
      lab: assessment.lab,
      passPercent: rubric.passPercent,
      tasks: rubric.tasks.map((t) => ({
        id: t.id,
        title: t.title,
        points: t.criteria.reduce((a, c) => a + c.points, 0),
        criteria: t.criteria.length,
        manual: t.criteria.filter((c) => c.manual).length,
      })),
    });
  }
  if (json) {
    io.out(`${JSON.stringify(all, null, 2)}\n`);
    return 0;
  }
  for (const a of all) {
    io.out(`${a.id} — ${a.title} (pass mark ${a.passPercent}%)\n`);
    for (const t of a.tasks) {
      io.out(`  ${t.id.padEnd(28)} ${String(t.points).padStart(3)} pts  ${t.criteria} criteria${t.manual ? ` (${t.manual} manual)` : ""}  ${t.title}\n`);
    }
    io.out("\n");
  }
  return 0;
}
