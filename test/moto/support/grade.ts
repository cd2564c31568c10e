// Grades one student through the real CLI (`--endpoint-url` at moto, JSON report) and compares criteria statuses.
import { expect } from "vitest";
import { gradeThroughFake, hermeticHome } from "../../support/fake-aws/cli.js";
import type { GradeReport } from "../../../src/grade/result.js";
import { gapsOf, worldLimitedOf, type Assessment } from "./gaps.js";

/** One graded criterion: "task.criterion" → its result. */
export type Graded = Map<string, { status: string; message: string; action?: string }>;

/** Runs `glue-validate <assessment> --student <student> --endpoint-url <url> --format json` in-process. */
export async function grade(url: string, assessment: Assessment, student: string, extraArgs: string[] = []): Promise<{ graded: Graded; report: GradeReport; code: number }> {
  const home = hermeticHome();
  try {
    // Two attempts per call: moto's HTTP 500s (operations it lacks) are retried once, not with eight back-offs.
    const run = await gradeThroughFake({ url }, student, home, ["--allow-errors", ...extraArgs], { AWS_MAX_ATTEMPTS: "2" }, assessment);
    if (!run.report) throw new Error(`no report (exit ${run.code}): ${run.err}`);
    const graded: Graded = new Map();
    for (const t of run.report.tasks) for (const c of t.criteria) graded.set(`${t.id}.${c.id}`, { status: c.status, message: c.message, ...(c.action ? { action: c.action } : {}) });
    return { graded, report: run.report, code: run.code };
  } finally {
    home.cleanup();
  }
}

/** The criteria with `status`, sorted. */
export function withStatus(graded: Graded, ...statuses: string[]): string[] {
  return [...graded].filter(([, r]) => statuses.includes(r.status)).map(([id]) => id).sort();
}

/** "task.criterion" → status, for whole-report comparisons. */
export function statuses(graded: Graded): Record<string, string> {
  return Object.fromEntries([...graded].map(([id, r]) => [id, r.status]));
}

/**
 * The complete solution: every criterion passes (or is for a human) except those the gap table names for this
 * assessment, which are `error` naming the moto operation, or `skipped` behind such an error; and the ones a moto
 * world cannot reach (MOTO_WORLD_LIMITS), which fail or are skipped behind that failure.
 */
export function expectComplete(graded: Graded, assessment: Assessment): void {
  const gaps = gapsOf(assessment);
  const excused = new Map<string, string>(gaps.flatMap((g) => (g.criteria[assessment] ?? []).map((id) => [id, g.action] as [string, string])));
  for (const [id, action] of excused) {
    const r = graded.get(id);
    expect(r, `${id} is graded`).toBeDefined();
    expect(["error", "skipped"], `${id} (moto: ${action}) must be error or skipped, not ${r!.status}: ${r!.message}`).toContain(r!.status);
    if (r!.status === "error") expect(r!.action ?? r!.message, `${id} names ${action}`).toContain(action);
  }
  const limited = worldLimitedOf(assessment);
  for (const id of limited) expect(["fail", "skipped"], `${id} fails in moto's world`).toContain(graded.get(id)?.status);
  const others = [...graded].filter(([id, r]) => !excused.has(id) && !limited.includes(id) && r.status !== "pass" && r.status !== "manual" && !notRunByChoice(r)).map(([id, r]) => `${id}: ${r.status}: ${r.message}`);
  expect(others, "every other criterion passes").toEqual([]);
}

/** Skipped because this run chose not to grade it (stedi's counts without --run-queries). */
function notRunByChoice(r: { status: string; message: string }): boolean {
  return r.status === "skipped" && r.message.startsWith("not graded in this run");
}

/** A planted mistake: exactly `failing` fail (besides moto's world limits); everything else is as in the complete solution. */
export function expectOnlyFailing(graded: Graded, complete: Graded, failing: string[], assessment: Assessment): void {
  const limited = worldLimitedOf(assessment);
  expect(withStatus(graded, "fail").filter((id) => !limited.includes(id))).toEqual([...failing].sort());
  const changed = [...graded].filter(([id, r]) => !failing.includes(id) && complete.get(id)?.status !== r.status).map(([id, r]) => `${id}: ${complete.get(id)?.status} → ${r.status}: ${r.message}`);
  expect(changed, "no other criterion changes").toEqual([]);
}
