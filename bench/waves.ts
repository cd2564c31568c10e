// Sequential waves of a run against the fake endpoint: the longest chain of calls in which each call was sent after
// the one before it had been answered (with a fixed latency per call, the critical path of the run in calls).
import type { LoggedCall } from "../test/support/fake-aws/index.js";

/** The longest chain of calls each starting at least `latencyMs` (less 10% slack) after the previous one started. */
export function countWaves(log: readonly LoggedCall[], latencyMs: number): number {
  const starts = log.map((c) => c.startedAt).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
  const gap = latencyMs * 0.9;
  const depth: number[] = [];
  let best = 0;
  for (let i = 0; i < starts.length; i++) {
    let d = 1;
    for (let j = 0; j < i; j++) if (starts[j]! <= starts[i]! - gap && depth[j]! + 1 > d) d = depth[j]! + 1;
    depth.push(d);
    best = Math.max(best, d);
  }
  return best;
}

/**
 * The calls grouped by wave: a call is in wave 1 + the highest wave of the calls answered before it arrived (those
 * it may have waited for). Under CPU load a call delayed past an unrelated answer lands one wave late.
 */
export function wavesOf(log: readonly LoggedCall[]): LoggedCall[][] {
  const calls = log.filter((c) => c.startedAt !== undefined).sort((a, b) => a.startedAt! - b.startedAt!);
  const depth = new Map<LoggedCall, number>();
  const waves: LoggedCall[][] = [];
  for (const c of calls) {
    let d = 1;
    for (const [p, pd] of depth) if (p.answeredAt !== undefined && p.answeredAt <= c.startedAt! && pd + 1 > d) d = pd + 1;
    depth.set(c, d);
    (waves[d - 1] ??= []).push(c);
  }
  return waves;
}

/** One line per wave: its calls as service:Operation with the input's first name-like value. */
export function describeWaves(log: readonly LoggedCall[]): string[] {
  return wavesOf(log).map((w, i) => `  wave ${i + 1} (${w.length}): ${w.map((c) => `${c.service}:${c.operation}${label(c.input)}`).join(", ")}`);
}

function label(input: unknown): string {
  if (!input || typeof input !== "object") return "";
  const o = input as Record<string, unknown>;
  const key = ["Name", "Bucket", "RoleName", "DatabaseName", "JobName", "CrawlerName", "ResourceArn", "ResourceName", "stateMachineArn", "Key", "Prefix", "NextToken"].find((k) => typeof o[k] === "string");
  const v = key ? String(o[key]) : "";
  return v ? `(${v.length > 28 ? `…${v.slice(-27)}` : v})` : "";
}
