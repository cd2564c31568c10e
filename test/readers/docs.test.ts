// The readers reference table in docs/authoring-an-assessment.md is generated from the readers and must be current.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/grade/assessment.js";
import { withReadersTable } from "../../src/grade/readers-table.js";
import { READERS } from "../../readers/index.js";

describe("authoring guide", () => {
  it("lists every reader with its params, what it reads and its IAM actions (regenerate: node --import tsx scripts/gen-readers-doc.ts)", async () => {
    const readers = await Promise.all(Object.values(READERS).map(async (load) => (await load()).reader));
    const doc = readFileSync(join(packageRoot(), "docs", "authoring-an-assessment.md"), "utf8");
    expect(doc).toBe(withReadersTable(doc, readers));
    for (const id of Object.keys(READERS)) expect(doc).toContain(`| \`${id}\` |`);
  });
});
