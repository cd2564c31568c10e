// Runs a compiled grok pattern on sample lines in a worker thread with a hard time limit: a student's pattern with
// catastrophic backtracking is terminated, never allowed to hang the grader.
//
// The worker's code is a self-contained JS string started with `eval: true`, so the same code runs from the .ts
// source under vitest and from dist/ as compiled .js, with no worker file to resolve and no TypeScript loader needed.
import { Worker } from "node:worker_threads";
import type { CompiledGrok } from "./compile.js";

/** The outcome of matching one line. */
export type GrokLineResult = {
  matched: boolean;
  /** The line was not finished within the time limit (the worker was terminated). */
  timedOut: boolean;
  /** Field → captured text (at most 200 characters), for fields that took part in the match. */
  captures: Record<string, string>;
  /** The worker failed (e.g. out of memory) before answering for this line. */
  error?: string;
};

/** Limits of one run. */
export type GrokRunOptions = {
  /** Matching time for all lines, from the moment the worker is running (default 1000 ms). */
  timeoutMs?: number;
  /** Time allowed for the worker thread to start (default 10 s; startup is slow on a loaded machine). */
  startupMs?: number;
};

const MAX_LINE_CHARS = 10_000;
const MAX_CAPTURE_CHARS = 200;

/** The worker: compiles the regex, matches each line and posts one message per line. Plain JS, no static imports. */
export const GROK_WORKER_SOURCE = `
"use strict";
// Dynamic import works whether Node evaluates this as CommonJS or as a module (e.g. under --input-type=module).
import("node:worker_threads").then(({ parentPort, workerData }) => {
  const { source, flags, groups, lines, maxCapture } = workerData;
  let re;
  try { re = new RegExp(source, flags); } catch (e) { parentPort.postMessage({ fatal: String((e && e.message) || e) }); return; }
  parentPort.postMessage({ ready: true });
  for (let index = 0; index < lines.length; index++) {
    const m = re.exec(lines[index]);
    const captures = {};
    if (m && m.groups) {
      for (const js of Object.keys(groups)) {
        const v = m.groups[js];
        const field = groups[js];
        if (v !== undefined && !Object.prototype.hasOwnProperty.call(captures, field)) captures[field] = String(v).slice(0, maxCapture);
      }
    }
    parentPort.postMessage({ index, matched: m !== null, captures });
  }
});
`;

/** Matches each line against a compiled pattern in a worker; lines not finished in time come back `timedOut`. */
export function runGrok(compiled: Extract<CompiledGrok, { ok: true }>, lines: readonly string[], opts: GrokRunOptions = {}): Promise<GrokLineResult[]> {
  const timeoutMs = opts.timeoutMs ?? 1000;
  const startupMs = opts.startupMs ?? 10_000;
  const results: (GrokLineResult | undefined)[] = lines.map(() => undefined);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let worker: Worker;
    const finish = (rest: Omit<GrokLineResult, "captures" | "matched">) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      void worker?.terminate();
      resolve(results.map((r) => r ?? { matched: false, captures: {}, ...rest }));
    };
    try {
      worker = new Worker(GROK_WORKER_SOURCE, {
        eval: true,
        // no inherited flags (loaders, --input-type): the worker is plain JS and starts faster without them
        execArgv: [],
        workerData: { source: compiled.source, flags: compiled.flags, groups: compiled.groups, lines: lines.map((l) => l.slice(0, MAX_LINE_CHARS)), maxCapture: MAX_CAPTURE_CHARS },
        resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
        stdout: true,
        stderr: true,
      });
    } catch (e) {
      resolve(lines.map(() => ({ matched: false, timedOut: false, captures: {}, error: `could not start the matcher: ${e instanceof Error ? e.message : String(e)}` })));
      return;
    }
    timer = setTimeout(() => finish({ timedOut: true, error: `the worker did not start within ${startupMs} ms` }), startupMs);
    worker.on("message", (m: { ready?: true; index?: number; matched?: boolean; captures?: Record<string, string>; fatal?: string }) => {
      if (settled) return;
      if (m.fatal !== undefined) return finish({ timedOut: false, error: m.fatal });
      // "ready" is the worker's first message, so it always comes before the answers (the "online" event did not: a
      // match timer armed after the run had settled kept the process alive for a second).
      if (m.ready) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
        return;
      }
      if (typeof m.index !== "number") return;
      results[m.index] = { matched: m.matched === true, timedOut: false, captures: m.captures ?? {} };
      if (results.every((r) => r !== undefined)) finish({ timedOut: false });
    });
    worker.on("error", (e) => finish({ timedOut: false, error: `the matcher failed: ${e.message}` }));
    worker.on("exit", () => finish({ timedOut: false, error: "the matcher stopped before answering" }));
  });
}
