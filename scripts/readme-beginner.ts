// Regenerates the beginner's output shown in README.md: the real CLI on an empty account (the fake AWS endpoint).
//   npx tsx scripts/readme-beginner.ts
import { beginnerRun, updateReadme } from "../test/support/beginner.js";

const run = await beginnerRun();
updateReadme("README.md", run.out);
process.stdout.write(`README.md: beginner output updated (${run.out.trimEnd().split("\n").length} lines, exit ${run.code})\n`);
