// `npm run bench`: a synthetic class in the fake AWS endpoint (50 ms latency, 10 TPS per operation), graded
// (a) by `batch` in-process and (b) one student at a time as separate CLI runs; plus the 20%-throttling check
// and the single-student figure of every assessment. Flags: --sizes 50,200,1000 --latency 50 --tps 10 --concurrency 16
// --sample 3 (CLI runs for (b), extrapolated) --throttle-n 20 (0 skips) --no-single --no-cli --child-flags=<node flag>
// --only startup,single,batch,throttle (sections to run; default all) --startup-runs 15 --single-runs 5.
// Start-up: the bundled CLI's `--version` and an offline grading of examples/glue_hard/complete.json, as ratios to a
// bare `node -e 0` measured in the same run (medians of interleaved runs). Single: waves (longest chain of dependent
// calls, bench/waves.ts) and calls per assessment at 100 ms per call; --waves also lists the calls of each wave.
import "../test/support/fake-aws/sdk-shim.js";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { startFakeAws, type FaultOptions, type LoggedCall } from "../test/support/fake-aws/index.js";
import { completeWorld } from "../test/support/world/index.js";
import * as workshop from "../test/support/world/assessments/workshop.js";
import * as lakehouse from "../test/support/world/assessments/lakehouse.js";
import * as tf from "../test/support/world/assessments/tf/index.js";
import * as cdk from "../test/support/world/assessments/cdk.js";
import { classOf, classWorld } from "../test/batch/class-world.js";
import { countWaves, describeWaves } from "./waves.js";
import type { World } from "../test/support/world/types.js";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : dflt;
};
const sizes = opt("sizes", "50,200,1000").split(",").filter(Boolean).map(Number);
const latencyMs = Number(opt("latency", "50"));
const tps = Number(opt("tps", "10"));
const concurrency = Number(opt("concurrency", "16"));
const sample = Number(opt("sample", "3"));
const throttleN = Number(opt("throttle-n", "20"));
const withCli = !argv.includes("--no-cli");
/** Node flags for the batch child, e.g. --child-flags=--max-old-space-size=128 (bounds V8's lazily grown heap). */
const childFlags = argv.filter((a) => a.startsWith("--child-flags=")).map((a) => a.slice("--child-flags=".length));
const only = new Set(opt("only", "startup,single,batch,throttle").split(","));
const withSingle = !argv.includes("--no-single") && only.has("single");
const startupRuns = Number(opt("startup-runs", "15"));
const singleRuns = Number(opt("single-runs", "5"));
const showWaves = argv.includes("--waves");

const home = mkdtempSync(join(tmpdir(), "gv-bench-home-"));
const env = { PATH: process.env.PATH ?? "", HOME: home, AWS_CONFIG_FILE: join(home, "none"), AWS_SHARED_CREDENTIALS_FILE: join(home, "none"), AWS_EC2_METADATA_DISABLED: "true", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_REGION: "us-east-1" };
const cliBuilt = existsSync(join(root, "dist/main.js"));

interface ChildResult {
  wallMs: number; graded: number; notGraded: number; withErrors: number; p50: number; p95: number;
  calls: number; memoHits: number; throttles: number; retries: number; memoSize: number; maxRssMb: number; grades: Record<string, string>;
}

// The batch child runs compiled JavaScript, as the installed CLI does (tsx alone adds ~60 MB of RSS); falls back to tsx.
const compiled = join(root, "bench/.dist/bench/batch-child.js");
try {
  await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "bench/tsconfig.json")], { cwd: root });
} catch {
  // type errors elsewhere in the tree still emit; only a missing output matters
}
const childCmd = existsSync(compiled) ? [compiled] : ["--import", "tsx", join(root, "bench/batch-child.ts")];

async function batchChild(url: string, students: string[], extra: string[] = []): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, [...childFlags, ...childCmd, "--url", url, "--students", students.join(","), "--tps", String(tps), "--concurrency", String(concurrency), ...extra], { cwd: root, env, maxBuffer: 256 << 20 });
  return JSON.parse(stdout.trim().split("\n").pop()!) as ChildResult;
}

async function cliRun(url: string, student: string, assessment = "glue_hard"): Promise<{ ms: number; code: number }> {
  const out = join(home, `r-${student}.json`);
  const t0 = performance.now();
  let code = 0;
  try {
    await run(process.execPath, [join(root, "bin/glue-validate.js"), assessment, "--student", student, "--endpoint-url", url, "--format", "json", "--output", out], { cwd: root, env });
  } catch (err) {
    code = (err as { code?: number }).code ?? -1;
  }
  return { ms: performance.now() - t0, code };
}

/** Answered calls per operation (throttled attempts excluded) and the rate-limit lower bound in seconds. */
function bound(log: readonly LoggedCall[]): { seconds: number; op: string; calls: number } {
  const per = new Map<string, number>();
  for (const c of log) if (!c.fault) per.set(`${c.service}:${c.operation}`, (per.get(`${c.service}:${c.operation}`) ?? 0) + 1);
  let best = { seconds: 0, op: "", calls: 0 };
  // The fake's bucket starts full (burst = tps), so the first `tps` calls are free.
  for (const [op, n] of per) if (Math.max(0, n - tps) / tps > best.seconds) best = { seconds: Math.max(0, n - tps) / tps, op, calls: n };
  return best;
}

/** Calls that name no student of the class: account-wide listings (and their pages). */
function sharedCalls(log: readonly LoggedCall[]): number {
  const re = /s\d{4}/;
  return log.filter((c) => !c.fault && !re.test(JSON.stringify(c.input ?? {}))).length;
}

async function withFake<T>(world: World, faults: FaultOptions, fn: (url: string, log: LoggedCall[], faults: Record<string, number>) => Promise<T>): Promise<T> {
  const fake = await startFakeAws({ world, faults });
  try {
    return await fn(fake.url, fake.log, fake.faults);
  } finally {
    await fake.close();
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const lines: string[] = [];
const say = (t: string) => (console.log(t), lines.push(t));

say(`batch child: ${childCmd.length === 1 ? "compiled (bench/.dist)" : "tsx"}${childFlags.length ? ` with ${childFlags.join(" ")}` : ""}; (b): ${cliBuilt ? "node bin/glue-validate.js (dist/)" : "dist/ not built"}`);
say(`glue-validate batch benchmark · fake AWS endpoint · ${latencyMs} ms latency · ${tps} TPS per operation (token bucket, burst ${tps}) · concurrency ${concurrency} · node ${process.version}`);
if (only.has("startup") && cliBuilt) {
  // Interleaved so that load on the machine hits all three alike; medians.
  const bin = join(root, "bin/glue-validate.js");
  const cmds: [string, string[]][] = [
    ["node -e 0", ["-e", "0"]],
    ["--version", [bin, "--version"]],
    ["replay glue_hard complete", [bin, "glue_hard", "--student", "demo", "--replay", join(root, "examples/glue_hard/complete.json"), "--no-color"]],
  ];
  const times: number[][] = cmds.map(() => []);
  const cpu: number[][] = cmds.map(() => []);
  const preload = ["--import", pathToFileURL(join(root, "bench/cpu-report.mjs")).href];
  for (let i = 0; i < startupRuns; i++) {
    for (const [k, [, args]] of cmds.entries()) {
      const t0 = performance.now();
      const { stderr } = await run(process.execPath, [...preload, ...args], { cwd: root, env });
      times[k]!.push(performance.now() - t0);
      cpu[k]!.push(Number(/@cpu-ms ([\d.]+)/.exec(stderr)?.[1] ?? NaN));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = median(times[0]!);
  const baseCpu = median(cpu[0]!);
  say(`\n== start-up (bundled CLI, dist/), median of ${startupRuns} interleaved runs; wall and CPU (user+system) ==`);
  const targets = [0, 3, 8];
  for (const [k, [name]] of cmds.entries()) {
    const m = median(times[k]!);
    const c = median(cpu[k]!);
    say(`${name.padEnd(28)} wall ${m.toFixed(0).padStart(5)} ms = ${(m / base).toFixed(2)}× node -e 0 · CPU ${c.toFixed(0).padStart(4)} ms = ${(c / baseCpu).toFixed(2)}×${targets[k] ? ` (target ≤ ${targets[k]}×)` : ""}`);
  }
}

for (const n of only.has("batch") ? sizes : []) {
  const cls = classOf(n, ["complete", "partial"]);
  const ids = cls.map((c) => c.id);
  const world = classWorld(cls, { pageSize: 100 });
  say(`\n== N = ${n} students (half complete, half partial; pageSize 100) ==`);
  const a = await withFake(world, { latencyMs, tps }, async (url, log, faults) => {
    const r = await batchChild(url, ids);
    const b = bound(log);
    const answered = log.filter((c) => !c.fault).length;
    const shared = sharedCalls(log);
    const byOp = new Map<string, number>();
    for (const c of log) if (c.fault) byOp.set(`${c.service}:${c.operation}`, (byOp.get(`${c.service}:${c.operation}`) ?? 0) + 1);
    const throttledOps = [...byOp].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, v]) => `${k} ${v}`).join(", ");
    return { r, b, answered, shared, throttled: (faults.tokenBucket ?? 0) + (faults.throttle ?? 0), throttledOps };
  });
  const r = a.r;
  say(`(a) batch:  wall ${s(r.wallMs)} · ${(n / (r.wallMs / 1000)).toFixed(2)} students/s · graded ${r.graded}, not graded ${r.notGraded}, with errors ${r.withErrors}`);
  say(`           AWS calls ${a.answered} answered = ${a.shared} shared (account-wide, once per batch) + ${((a.answered - a.shared) / n).toFixed(1)} per student · memo answered ${r.memoHits}`);
  say(`           throttles: ${a.throttled} seen by the fake, ${r.throttles} counted by the session (retried)${a.throttledOps ? ` [${a.throttledOps}]` : ""} · per student p50 ${s(r.p50)} p95 ${s(r.p95)} · peak RSS ${r.maxRssMb.toFixed(0)} MB · memo entries at end ${r.memoSize}`);
  say(`           rate-limit lower bound ${s(a.b.seconds * 1000)} (${a.b.op}: ${a.b.calls} calls / ${tps} TPS) → ${(r.wallMs / 1000 / Math.max(a.b.seconds, 1e-9)).toFixed(2)}× the bound`);
  if (withCli && cliBuilt) {
    const picks = Array.from({ length: Math.min(sample, n) }, (_, i) => ids[Math.floor((i * n) / Math.min(sample, n))]!);
    const per = await withFake(world, { latencyMs, tps }, async (url, log) => {
      const times: number[] = [];
      for (const id of picks) times.push((await cliRun(url, id)).ms);
      return { times, calls: log.filter((c) => !c.fault).length / picks.length };
    });
    const mean = per.times.reduce((x, y) => x + y, 0) / per.times.length;
    const total = mean * n;
    say(`(b) one CLI run per student: sampled ${picks.length} of ${n} (${per.times.map((t) => s(t)).join(", ")}), mean ${s(mean)} and ${per.calls.toFixed(0)} calls per run → extrapolated ${s(total)} for ${n}`);
    say(`    ratio a/b = ${(r.wallMs / total).toFixed(3)} (batch is ${(total / r.wallMs).toFixed(1)}× faster)`);
  } else if (withCli) say("(b) skipped: dist/ is not built (npm run build)");
}

if (throttleN > 0 && only.has("throttle")) {
  const cls = classOf(throttleN, ["complete", "partial"]);
  const world = classWorld(cls, { pageSize: 100 });
  const ids = cls.map((c) => c.id);
  say(`\n== 20% throttling, N = ${throttleN} (fake: ${Math.min(latencyMs, 10)} ms latency, 20% of requests throttled at random, no TPS bucket; client paced at ${tps} TPS) ==`);
  const clean = await withFake(world, { latencyMs: Math.min(latencyMs, 10) }, (url) => batchChild(url, ids));
  const noisy = await withFake(world, { latencyMs: Math.min(latencyMs, 10), throttle: 0.2, seed: 11, maxFaultsPerCall: 4 }, async (url, _log, faults) => ({ r: await batchChild(url, ids), f: faults.throttle }));
  const same = ids.filter((id) => clean.grades[id] === noisy.r.grades[id]).length;
  say(`clean ${s(clean.wallMs)} · throttled ${s(noisy.r.wallMs)}: ${noisy.f} requests throttled, ${noisy.r.throttles} retried; graded ${noisy.r.graded}/${throttleN}, not graded ${noisy.r.notGraded}, with errors ${noisy.r.withErrors}; grades identical to the clean run: ${same}/${throttleN}`);
}

if (withSingle && cliBuilt) {
  say(`\n== one student per assessment, complete solution, CLI process, 100 ms latency per call (pageSize 100, 3 other students) ==`);
  const worlds: [string, (s: string, o: { pageSize: number }) => World][] = [
    ["glue_hard", completeWorld],
    ["glue_sfn_orchestration_workshop", workshop.completeWorld],
    ["stedi_lakehouse", lakehouse.completeWorld],
    ["glue_etl_pipeline_tf", tf.completeWorld],
    ["glue_cdk_sfn_json_to_parquet", cdk.completeWorld],
  ];
  for (const [id, make] of worlds) {
    // The fake endpoint compiles each service's wire model on its first request: one unmeasured run warms it, so the
    // figure is the CLI's and the 100 ms per call, not the fake's own start-up. Then the median of `singleRuns` runs.
    const single = await withFake(make("s1", { pageSize: 100 }), { latencyMs: 100 }, async (url, log) => {
      await cliRun(url, "s1", id);
      const runs = [];
      for (let i = 0; i < singleRuns; i++) {
        log.length = 0;
        runs.push({ ...(await cliRun(url, "s1", id)), calls: log.length, waves: countWaves(log, 100), breakdown: describeWaves(log) });
      }
      const sorted = [...runs].sort((a, b) => a.ms - b.ms);
      return { ...sorted[Math.floor(sorted.length / 2)]!, all: runs.map((r) => (r.ms / 1000).toFixed(2)) };
    });
    say(`${id.padEnd(32)} wall ${(single.ms / 1000).toFixed(2)} s median of ${singleRuns} (${single.all.join(", ")}; process start-up included, warm endpoint), ${single.calls} AWS calls in ${single.waves} waves, exit ${single.code}${id === "glue_hard" ? " (target ≤ 1.0 s)" : ""}`);
    if (showWaves) for (const line of single.breakdown) say(line);
  }
}
rmSync(home, { recursive: true, force: true });

