// Writes docs/rubric.schema.json from the zod schemas (src/rubric/json-schema.ts), each resource checked against its
// reader's params. A test fails when it is stale.
//
//   node --import tsx scripts/gen-rubric-schema.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/grade/assessment.js";
import { rubricJsonSchemaText } from "../src/rubric/json-schema.js";
import { READERS } from "../readers/index.js";

const readers = await Promise.all(Object.values(READERS).map(async (load) => (await load()).reader));
const target = join(packageRoot(), "docs", "rubric.schema.json");
writeFileSync(target, rubricJsonSchemaText(readers));
process.stdout.write(`wrote ${target}\n`);
