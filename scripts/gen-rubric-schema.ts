// Writes docs/rubric.schema.json from the zod schemas (src/rubric/json-schema.ts). A test fails when it is stale.
//
//   node --import tsx scripts/gen-rubric-schema.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/grade/assessment.js";
import { rubricJsonSchemaText } from "../src/rubric/json-schema.js";

const target = join(packageRoot(), "docs", "rubric.schema.json");
writeFileSync(target, rubricJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
