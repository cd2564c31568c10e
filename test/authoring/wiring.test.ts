// registerAuthoringCommands next to the real program: the new commands route, the default grade command still does.
import { describe, expect, it } from "vitest";
import { buildProgram, reportFailure } from "../../src/cli/main.js";
import { registerAuthoringCommands } from "../../src/cli/authoring.js";
import type { CliIo } from "../../src/cli/io.js";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, env: {} };
  let pending: Promise<number> = Promise.resolve(0);
  const program = buildProgram(io, (p) => (pending = p));
  // Once main.ts registers them itself, this is a no-op.
  if (!program.commands.some((c) => c.name() === "explain")) registerAuthoringCommands(program, io, (p) => (pending = p));
  try {
    await program.parseAsync(["node", "glue-validate", ...args]);
    return { code: await pending, out, err };
  } catch (e) {
    return { code: reportFailure(e, io), out, err };
  }
}

describe("wiring into the program", () => {
  it.each([
    [["explain", "glue_hard", "--task", "cost"], 0, /Task 15: Cost optimisation/],
    [["policy", "glue_hard"], 0, /"Statement"/],
    [["rubric", "lint", "glue_hard"], 0, /no problems|warning/],
    [["glue_hard"], 64, /missing --student/],
  ] as const)("%j → exit %i", async (args, code, pattern) => {
    const r = await run([...args]);
    expect(r.code, r.err).toBe(code);
    expect(r.out + r.err).toMatch(pattern);
  });
});
