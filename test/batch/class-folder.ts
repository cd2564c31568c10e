// A batch folder of any size, fast: eight students really graded by runBatch over the class world (one of them with
// AccessDenied errors), then copied to N students, each copy failing a few more of its passing criteria so the class
// spreads out. Every result is a real GradeReport recomputed the way grading computes it; two students are not graded.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { countStatuses } from "../../src/grade/grade.js";
import { taskStatus } from "../../src/rubric/evaluate.js";
import { loadRubric } from "../../src/rubric/load.js";
import { runBatch } from "../../src/batch/run.js";
import { mentionsStudent, readManifest, readStudentResults, writeManifest, writeStudentResult, type StudentResult } from "../../src/batch/store.js";
import type { GradeReport } from "../../src/grade/result.js";
import { classOf, classWorld, denyFor, identifyWorld, worldSessions } from "./class-world.js";

/** The hostile roster values planted in one student's row and one failure reason. */
export const HOSTILE = {
  name: `<img src=x onerror=alert(1)>`,
  section: `</script><script>alert(2)</script>`,
  email: `=HYPERLINK("http://evil.example/x","click")`,
  failure: `AccessDenied: <b onmouseover=alert(3)>role</b> "quoted" & \u001b[31mred`,
} as const;

/** Fixed time of every result, so the dashboard (and its screenshot) is the same on every run. */
export const GRADED_AT = "2026-12-01T10:00:00.000Z";

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus", "Radia", "Tim"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Wirth", "Perlman", "Berners-Lee"];

/** Fails `k` passing criteria of a report (chosen by `seed`) and recomputes task points, statuses, score and counts. */
function withMistakes(r: StudentResult, k: number, seed: number): void {
  const rep = r.report!;
  const passing = rep.tasks.flatMap((t) => t.criteria.filter((c) => c.status === "pass" && c.maxPoints > 0));
  let x = seed;
  for (let i = 0; i < k && passing.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const [c] = passing.splice(x % passing.length, 1);
    c!.status = "fail";
    c!.points = 0;
    c!.message = `${c!.title}: not found as the lab asks.`;
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  for (const t of rep.tasks) {
    t.points = round(t.criteria.reduce((a, c) => a + c.points, 0));
    t.status = taskStatus(t.criteria.map((c) => c.status));
  }
  const points = round(rep.tasks.reduce((a, t) => a + t.points, 0));
  rep.score = { ...rep.score, points, percent: rep.score.maxPoints > 0 ? round((points / rep.score.maxPoints) * 100) : 0 };
  rep.score.passed = rep.score.percent >= rep.score.threshold;
  rep.counts = countStatuses(rep.tasks.flatMap((t) => t.criteria.map((c) => c.status)));
}

/** A batch folder of `n` (≥ 10) glue_hard students as `batch` leaves it (batch.json and students/*.json). */
export async function classFolder(n: number): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "gv-class-"));
  const assessment = (await loadAssessment("glue_hard"))!;
  const rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
  const seedClass = classOf(8, ["complete", "partial", "complete", "empty"]);
  const world = classWorld(seedClass);
  await runBatch({
    assessment, rubric, rubricSource: "rubrics/glue_hard.yaml", entries: seedClass.map((s, i) => ({ student: s.id, line: i + 2 })), out, region: world.region,
    sessionFactory: worldSessions(world, { calls: [] }, denyFor("s0006", "GetBucketPolicy")), identify: identifyWorld(world), concurrency: 4, tpsTable: { "*": 100_000 },
  });
  const seeds = [...readStudentResults(out, { full: true }).results.values()].sort((a, b) => a.entry.line - b.entry.line);
  for (let i = 0; i < n; i++) {
    const student = `s${String(i + 1).padStart(4, "0")}`;
    const base = seeds[i % seeds.length]!;
    const r: StudentResult = structuredClone(base);
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 5 + Math.floor(i / FIRST.length)) % LAST.length]}`;
    r.entry = { student, line: i + 2, name, email: `${student}@example.edu`, section: ["A", "B", "C"][i % 3]! };
    r.finishedAt = GRADED_AT;
    if (i === 4) Object.assign(r.entry, { name: HOSTILE.name, section: HOSTILE.section, email: HOSTILE.email });
    if (i >= n - 2) {
      delete r.report;
      r.failure = i === n - 1 ? HOSTILE.failure : "the role arn:aws:iam::210987654321:role/Grader could not be assumed (AccessDenied)";
    } else {
      // the copy's titles and messages name the copy, as grading that student would
      r.report = JSON.parse(JSON.stringify(base.report).replace(new RegExp(mentionsStudent(base.entry.student).source, "g"), student)) as GradeReport;
      if (i >= seeds.length) withMistakes(r, ((i * 13) % 26) + ((i * 7) % 21), i + 1);
    }
    writeStudentResult(out, r);
  }
  const manifest = readManifest(out)!;
  writeManifest(out, { ...manifest, students: n, updatedAt: GRADED_AT });
  return out;
}
