// --watch: regrade on an interval and say what changed since the last round (criteria turned green or red).
import type { CriterionResult, GradeReport } from "../grade/result.js";
import { forTerminal } from "../report/sanitize.js";
import type { CliIo } from "./io.js";

/** One criterion whose status changed between two rounds. */
export interface Change {
  key: string;
  title: string;
  from: string;
  to: string;
  message: string;
}

/** The criteria whose status differs between two reports (new criteria count as changed from "none"). */
export function changesBetween(before: GradeReport, after: GradeReport): Change[] {
  const old = new Map(before.tasks.flatMap((t) => t.criteria.map((c): [string, CriterionResult] => [`${t.id}.${c.id}`, c])));
  const out: Change[] = [];
  for (const t of after.tasks) {
    for (const c of t.criteria) {
      const key = `${t.id}.${c.id}`;
      const prev = old.get(key)?.status ?? "none";
      if (prev !== c.status) out.push({ key, title: c.title, from: prev, to: c.status, message: c.message });
    }
  }
  return out;
}

/** What one round prints after the first: the time, the score and its change, and each changed criterion. */
export function describeRound(before: GradeReport, after: GradeReport, at: Date): string {
  const delta = Math.round((after.score.percent - before.score.percent) * 100) / 100;
  const head = `${at.toISOString().slice(11, 19)} score ${after.score.percent}% (${delta >= 0 ? "+" : ""}${delta})${after.score.passed ? " PASSED" : ""}`;
  const changes = changesBetween(before, after);
  if (!changes.length) return `${head} — no change\n`;
  const lines = changes.map((c) => {
    const mark = c.to === "pass" ? "✔ now passing" : c.to === "warning" ? "⚠ now warns (advisory, no points)" : c.from === "pass" ? "✘ no longer passing" : `• ${c.from} → ${c.to}`;
    return `  ${mark}: ${forTerminal(c.title)}${c.to === "pass" ? "" : ` — ${forTerminal(c.message)}`}`;
  });
  return `${head}\n${lines.join("\n")}\n`;
}

/** Options of the watch loop; `grade` runs one complete round with fresh reads. */
export interface WatchOptions {
  grade: () => Promise<GradeReport>;
  /** Prints the first round in full. */
  first: (report: GradeReport) => void;
  intervalMs: number;
  signal: AbortSignal;
  io: CliIo;
}

/** Grades, then regrades every interval until the signal aborts; returns the last report. */
export async function watchLoop(o: WatchOptions): Promise<GradeReport> {
  let last = await o.grade();
  o.first(last);
  o.io.err(`watching: regrading every ${Math.round(o.intervalMs / 1000)} s; Ctrl-C to stop\n`);
  while (!o.signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, o.intervalMs);
      o.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
    if (o.signal.aborted) break;
    const next = await o.grade();
    o.io.out(describeRound(last, next, new Date()));
    last = next;
  }
  return last;
}
