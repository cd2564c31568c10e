// Running the authoring commands in-process, through commander, as main.ts will once it registers them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { registerAuthoringCommands } from "../../src/cli/authoring.js";
import { reportFailure } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";

/** One run's result. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `glue-validate ...args` with only the authoring commands registered. */
export async function authoring(args: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, env: {} };
  let pending: Promise<number> = Promise.resolve(0);
  const program = new Command("glue-validate").exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerAuthoringCommands(program, io, (p) => (pending = p));
  try {
    await program.parseAsync(["node", "glue-validate", ...args]);
    return { code: await pending, out, err };
  } catch (e) {
    return { code: reportFailure(e, io), out, err };
  }
}

/** A fresh temp folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gv-authoring-"));
}
