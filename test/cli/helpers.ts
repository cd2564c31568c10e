// Running the CLI in-process: captured stdout/stderr, an env of our choosing, snapshot files in a temp folder.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/main.js";
import { recordSnapshot } from "../report/fixtures.js";

/** One CLI run's result. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `glue-validate ...args` in-process. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let out = "";
  let err = "";
  const code = await runCli(["node", "glue-validate", ...args], { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, env });
  return { code, out, err };
}

/** A fresh temp folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gv-cli-"));
}

/** Records the complete and partial worlds of student 42 as --replay snapshots in `dir`. */
export async function snapshots(dir: string): Promise<{ complete: string; partial: string }> {
  const complete = join(dir, "complete.json");
  const partial = join(dir, "partial.json");
  writeFileSync(complete, JSON.stringify(await recordSnapshot("complete")));
  writeFileSync(partial, JSON.stringify(await recordSnapshot("partial")));
  return { complete, partial };
}
