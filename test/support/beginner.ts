// A beginner's first run, for real: the CLI grades an account where the student built nothing (only other students'
// resources) through the fake AWS endpoint. The README shows this output; a test keeps the two equal.
import { readFileSync, writeFileSync } from "node:fs";
import { emptyWorld } from "./world/index.js";
import { hermeticHome, runCliIn, testEnv } from "./fake-aws/cli.js";
import { startFakeAws } from "./fake-aws/server.js";

/** The student of the README example. */
export const BEGINNER = "s042";
const START = "<!-- beginner-output: written by `npx tsx scripts/readme-beginner.ts`, checked by test/report/readme-beginner.test.ts -->";
const END = "<!-- /beginner-output -->";

/** The console output (no colour) and exit code of `glue-validate glue_hard --student s042` on an empty account. */
export async function beginnerRun(assessment = "glue_hard"): Promise<{ code: number; out: string; err: string }> {
  const home = hermeticHome();
  const fake = await startFakeAws({ world: emptyWorld(BEGINNER) });
  try {
    const run = await runCliIn([assessment, "--student", BEGINNER, "--endpoint-url", fake.url, "--no-color"], testEnv(home));
    return { code: run.code, out: run.out, err: run.err };
  } finally {
    await fake.close();
    home.cleanup();
  }
}

/** The output with its one varying figure, the wall time, made stable. */
export function stable(out: string): string {
  return out.replace(/ in \d+(?:\.\d+)? s$/m, " in 0.4 s");
}

/** The README block for an output. */
export function readmeBlock(out: string): string {
  return `${START}\n\n\`\`\`text\n$ glue-validate glue_hard --student ${BEGINNER}\n${stable(out).trimEnd()}\n\`\`\`\n\n${END}`;
}

/** The block currently in README.md, or undefined. */
export function readmeBlockIn(readme: string): string | undefined {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  return a >= 0 && b > a ? readme.slice(a, b + END.length) : undefined;
}

/** Rewrites the block in README.md (it must already have the markers). */
export function updateReadme(file: string, out: string): void {
  const readme = readFileSync(file, "utf8");
  const old = readmeBlockIn(readme);
  if (!old) throw new Error(`${file} has no beginner-output markers`);
  writeFileSync(file, readme.replace(old, readmeBlock(out)));
}
