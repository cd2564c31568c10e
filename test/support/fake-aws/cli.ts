// Runs the real CLI in-process (runCli) against the fake endpoint with a hermetic environment, and reads its report.
import "./sdk-shim.js";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GradeReport } from "../../../src/grade/result.js";
import type { FakeAws } from "./server.js";

/** What one CLI run produced. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** The JSON report, when the run wrote one. */
  report?: GradeReport;
  ms: number;
}

/** A temp folder with empty AWS config/credentials files, so nothing from the machine's ~/.aws is used. */
export function hermeticHome(): { dir: string; env: NodeJS.ProcessEnv; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "glue-validate-fake-"));
  writeFileSync(join(dir, "config"), "");
  writeFileSync(join(dir, "credentials"), "");
  return {
    dir,
    env: {
      AWS_CONFIG_FILE: join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      HOME: dir,
      ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment of a graded run against the fake: test credentials, region, no ~/.aws. */
export function testEnv(home: { env: NodeJS.ProcessEnv }, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // The SDK's switch for its Node-version notice: the tool sets it before building its clients (src/aws/session.ts), but
  // a test that replaces process.env with this one also builds SDK clients of its own (moto's writers).
  return { ...home.env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_REGION: "us-east-1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...extra };
}

/**
 * Runs `glue-validate <args>` in-process. The SDK reads credentials from process.env, so process.env is replaced by
 * `env` for the duration of the run (one run at a time per test file).
 */
export async function runCliIn(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const { runCli } = await import("../../../src/cli/main.js");
  let out = "";
  let err = "";
  const saved = process.env;
  process.env = { ...env };
  const t0 = Date.now();
  try {
    const code = await runCli(["node", "glue-validate", ...args], { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, env: { ...env } });
    return { code, out, err, ms: Date.now() - t0 };
  } finally {
    process.env = saved;
  }
}

/** Grades `student` through the fake with `--format json`; returns the run with its parsed report. */
export async function gradeThroughFake(fake: Pick<FakeAws, "url">, student: string, home: { dir: string; env: NodeJS.ProcessEnv }, extraArgs: string[] = [], extraEnv: NodeJS.ProcessEnv = {}, assessment = "glue_hard"): Promise<CliRun> {
  const output = join(home.dir, `report-${student}-${Math.random().toString(36).slice(2)}.json`);
  const run = await runCliIn([assessment, "--student", student, "--endpoint-url", fake.url, "--format", "json", "--output", output, ...extraArgs], testEnv(home, extraEnv));
  try {
    run.report = JSON.parse(readFileSync(output, "utf8")) as GradeReport;
  } catch {
    // no report: the run could not grade (the caller asserts on code and stderr)
  }
  return run;
}

/** Criterion statuses as { "task.criterion": status }. */
export function statusesOf(report: GradeReport | undefined): Record<string, string> {
  if (!report) throw new Error("the run wrote no report");
  return Object.fromEntries(report.tasks.flatMap((t) => t.criteria.map((c) => [`${t.id}.${c.id}`, c.status])));
}

/** Criterion status and points as { "task.criterion": "status/points" }. */
export function scoresOf(report: GradeReport | undefined): Record<string, string> {
  if (!report) throw new Error("the run wrote no report");
  return Object.fromEntries(report.tasks.flatMap((t) => t.criteria.map((c) => [`${t.id}.${c.id}`, `${c.status}/${c.points}`])));
}
