// When the CLI cannot grade at all — no credentials, nothing listening at the endpoint — it exits 2 with one
// sentence on stderr and no stack trace.
import "../support/fake-aws/sdk-shim.js";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeAws } from "../support/fake-aws/index.js";
import { hermeticHome, runCliIn, testEnv } from "../support/fake-aws/cli.js";
import { completeWorld } from "../support/world/index.js";

const home = hermeticHome();
afterAll(() => home.cleanup());

/** stderr is one line, from the tool, without a stack trace. */
function oneSentence(err: string): string {
  const lines = err.split("\n").filter((l) => l.trim());
  expect(lines, err).toHaveLength(1);
  expect(lines[0]).toMatch(/^glue-validate: /);
  expect(err).not.toMatch(/\n\s+at |Error: .*\n.*node_modules|GLUE_VALIDATE_DEBUG/);
  return lines[0]!;
}

describe("could not grade", () => {
  it("no credentials anywhere (no AWS_* variables, empty config files, IMDS disabled): exit 2, one sentence, nothing sent", async () => {
    const fake = await startFakeAws({ world: completeWorld("s1") });
    try {
      const run = await runCliIn(["glue_hard", "--student", "s1", "--endpoint-url", fake.url, "--format", "json"], { ...home.env });
      expect(run.code).toBe(2);
      expect(oneSentence(run.err)).toMatch(/no AWS credentials found/);
      expect(run.out).toBe("");
      expect(fake.log).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it("an unreachable endpoint (a closed port): exit 2, one sentence naming the endpoint", async () => {
    const url = await closedPortUrl();
    const run = await runCliIn(["glue_hard", "--student", "s1", "--endpoint-url", url, "--format", "json"], testEnv(home));
    expect(run.code).toBe(2);
    const line = oneSentence(run.err);
    expect(line).toContain(`cannot reach the endpoint ${url}`);
    expect(line).toMatch(/ECONNREFUSED|connect/i);
    expect(run.out).toBe("");
  });
});

/** A URL on 127.0.0.1 where nothing listens (a port bound, then released). */
async function closedPortUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}
