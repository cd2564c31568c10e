// Child process of the benchmark: grades a synthetic class with `runBatch` against an endpoint and prints one JSON line.
// Run by bench/run.ts (a separate process so its peak RSS is the batch's alone, not the fake endpoint's).
import "../test/support/fake-aws/sdk-shim.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsSession } from "../src/aws/session.js";
import { bundledRubric, catalogOf } from "../src/grade/assessment.js";
import { loadAssessment } from "../src/app/assessments.js";
import { loadRubric } from "../src/rubric/load.js";
import { runBatch } from "../src/batch/run.js";
import { whoAmI } from "../src/app/session.js";

const arg = (name: string, dflt?: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt!;
};
const url = arg("url");
const ids = arg("students").split(",");
const tps = Number(arg("tps", "10"));
const concurrency = Number(arg("concurrency", "16"));
const keepMemo = process.argv.includes("--keep-memo");

const assessment = (await loadAssessment("glue_hard"))!;
const rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
const out = mkdtempSync(join(tmpdir(), "gv-bench-"));
const t0 = performance.now();
const r = await runBatch({
  assessment, rubric, rubricSource: "bench", out, region: "us-east-1",
  entries: ids.map((student, i) => ({ student, line: i + 1 })),
  sessionFactory: (o) => new AwsSession({ ...o, retryMode: "standard", endpointUrl: url, credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
  identify: (s) => whoAmI(s, undefined, url),
  concurrency, tpsTable: { "*": tps }, keepMemo,
});
const wallMs = performance.now() - t0;
const durations = r.results.map((x) => x.report?.durationMs ?? NaN).sort((a, b) => a - b);
const q = (p: number) => durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]!;
const grades = Object.fromEntries(r.results.map((x) => [x.entry.student, x.report ? [x.report.score.points, x.report.tasks.map((t) => t.criteria.map((c) => c.status[0]).join("")).join("|")].join(" ") : `FAILED ${x.failure}`]));
process.stdout.write(
  `${JSON.stringify({
    wallMs, graded: r.graded, notGraded: r.results.filter((x) => !x.report).length, withErrors: r.results.filter((x) => (x.report?.counts.error ?? 0) > 0).length,
    p50: q(0.5), p95: q(0.95), calls: r.progress.calls, memoHits: r.progress.memoHits, throttles: r.progress.throttles, retries: r.progress.retries,
    memoSize: r.sessions[0]?.memoSize, maxRssMb: process.resourceUsage().maxRSS / 1024, grades,
  })}\n`,
);
rmSync(out, { recursive: true, force: true });
