// Rewrites the readers reference table of docs/authoring-an-assessment.md from the readers (a test fails when stale).
//
//   node --import tsx scripts/gen-readers-doc.ts
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/grade/assessment.js";
import { withReadersTable } from "../src/grade/readers-table.js";
import { READERS } from "../readers/index.js";

const readers = await Promise.all(Object.values(READERS).map(async (load) => (await load()).reader));
const target = join(packageRoot(), "docs", "authoring-an-assessment.md");
writeFileSync(target, withReadersTable(readFileSync(target, "utf8"), readers));
process.stdout.write(`wrote the readers table of ${target}\n`);
