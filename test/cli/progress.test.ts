// Progress while grading: gradeStudent reports tasks done / total as their checks finish; the CLI shows it on a
// terminal's stderr and erases it, and prints nothing of it when stderr is not a terminal.
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { snapshots, tempDir } from "./helpers.js";
import { AwsSession } from "../../src/aws/session.js";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { gradeStudent } from "../../src/grade/grade.js";
import { loadRubric } from "../../src/rubric/load.js";
import { partialWorld } from "../support/world/index.js";
import { worldTransport } from "../support/world/transport.js";

async function progressOf(only?: string[]): Promise<[number, number][]> {
  const world = partialWorld("42");
  const assessment = (await loadAssessment("glue_hard"))!;
  const rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
  const session = new AwsSession({ region: world.region, transport: worldTransport(world) });
  const seen: [number, number][] = [];
  await gradeStudent({ assessment, rubric, rubricSource: "test", session, student: "42", account: world.account, partition: "aws", ...(only ? { only } : {}), onProgress: (d, t) => void seen.push([d, t]) });
  return seen;
}

describe("gradeStudent progress", () => {
  it.each([
    ["every task", undefined, 15],
    ["--only two tasks", ["s3_data_lake", "crawler"], 2],
  ] as const)("%s: from none to all, never backwards, never repeated", async (_, only, total) => {
    const seen = await progressOf(only ? [...only] : undefined);
    // first call before any check finished: only tasks that read no check (all manual) are done
    expect(seen[0]![0]).toBeLessThanOrEqual(1);
    expect(seen[seen.length - 1]).toEqual([total, total]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThan(seen[i - 1]![0]);
    expect(seen.every(([, t]) => t === total)).toBe(true);
  });
});

describe("the CLI's progress line", () => {
  let snap: { complete: string; partial: string };
  beforeAll(async () => {
    snap = await snapshots(tempDir());
  });

  async function run(errIsTty: boolean): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await runCli(["node", "glue-validate", "glue_hard", "--student", "42", "--replay", snap.partial], { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, errIsTty, env: {} });
    return { code, out, err };
  }

  it("on a terminal: tasks done / total on stderr, rewritten in place, erased before the report", async () => {
    const r = await run(true);
    expect(r.code).toBe(1);
    const updates = [...r.err.matchAll(/\r\u001b\[2Kgrading: (\d+)\/15 tasks done/g)].map((m) => Number(m[1]));
    expect(updates.length).toBeGreaterThan(1);
    expect(updates[updates.length - 1]).toBe(15);
    expect(updates).toEqual([...updates].sort((a, b) => a - b));
    // erased at the end: the last thing on stderr clears the line
    expect(r.err.endsWith("\r\u001b[2K")).toBe(true);
    expect(r.out).not.toContain("grading:");
    expect(r.out).not.toMatch(/\u001b/);
  });

  it("not a terminal: no progress, no control characters on stderr", async () => {
    const r = await run(false);
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    expect(r.out).toContain("Score ");
  });
});
