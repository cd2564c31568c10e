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
