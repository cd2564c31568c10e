// Fact paths are checked statically against the facts schema a check declares (C1): a mistyped path is found with
// its file:line:col and the nearest declared fact; and what a check returns matches what it declares.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AwsSession } from "../../src/aws/session.js";
import { CheckContext } from "../../src/grade/check.js";
import { isErrorFact } from "../../src/grade/facts.js";
import { resolveRubricFile } from "../../src/rubric/extends.js";
import { shapeAt } from "../../src/rubric/fact-shape.js";
import { factPathProblems } from "../../src/rubric/fact-paths.js";
import { s3DataLake, s3DataLakeFactsSchema } from "../../checks/glue_hard/s3_data_lake.js";
import { schemaRegistry, schemaRegistryFactsSchema } from "../../checks/glue_hard/schema_registry.js";
import { completeWorld, emptyWorld, partialWorld } from "../support/world/index.js";
import { worldTransport } from "../support/world/transport.js";

const rubric = (path: string, some = "") => `assessment: glue_hard
title: T
version: "1"
totalPoints: 1
names: { bucket: "enterprise-datalake-{student}", kmsAlias: "alias/datalake-{student}" }
tasks:
  - id: s3
    title: S3
    check: s3_data_lake
    criteria:
      - id: key
        title: Key
        points: 1
        expect: { path: ${path}, equals: x }
${some}`;

function lint(text: string) {
  const file = join(mkdtempSync(join(tmpdir(), "gv-paths-")), "r.yaml");
  writeFileSync(file, text);
  const { rubric: r, origin } = resolveRubricFile(file);
  return factPathProblems(r, new Map([["s3_data_lake", s3DataLakeFactsSchema]])).map((p) => ({ ...origin(p.at), message: p.message }));
}

describe("fact paths against the declared facts", () => {
  it("a declared path passes", () => {
    expect(lint(rubric("encryption.keyMatchesAlias"))).toEqual([]);
    expect(lint(rubric("lifecycle.rules.prefix"))).toEqual([]);
    expect(lint(rubric("tags.Owner"))).toEqual([]);
  });

  it("a mistyped path is found statically, at its line and column, with the nearest declared fact", () => {
    const [p, ...rest] = lint(rubric("encryption.keyArnn"));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ line: 14, column: 25, path: "tasks[0].criteria[0].expect.path" });
    expect(p!.message).toMatch(/no "encryption\.keyArnn".*"encryption" has no "keyArnn"/);
    expect(lint(rubric("encryptoin.algorithm"))[0]!.message).toMatch(/did you mean "encryption"\?/);
    expect(lint(rubric("lifecycle.rules.prefx"))[0]!.message).toMatch(/did you mean "lifecycle\.rules\.prefix"\?/);
  });

  it("paths inside some/every are relative to each item", () => {
    const text = rubric("lifecycle.rules", "").replace("equals: x }", "some: { all: [{ path: enabeld, equals: true }, { path: prefix, equals: a/ }] } }");
    const [p, ...rest] = lint(text);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ line: 14, path: "tasks[0].criteria[0].expect.some.all[0].path" });
    expect(p!.message).toMatch(/no "enabeld" \(in each item of "lifecycle\.rules"\).*did you mean "enabled"\?/);
  });
});

/** Every dotted path of a value (numeric segments for list items), stopping at ErrorFacts. */
function pathsOf(v: unknown, prefix = ""): string[] {
  if (isErrorFact(v) || v === null || typeof v !== "object") return prefix ? [prefix] : [];
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  return [...(prefix ? [prefix] : []), ...entries.flatMap(([k, x]) => pathsOf(x, prefix ? `${prefix}.${k}` : k))];
}

describe("what a declared check returns is what it declares", () => {
  const names = { bucket: "enterprise-datalake-s1", kmsAlias: "alias/datalake-s1", registry: "enterprise-registry-s1" };
  const checks = [
    [s3DataLake, s3DataLakeFactsSchema],
    [schemaRegistry, schemaRegistryFactsSchema],
  ] as const;
  it.each(checks.flatMap(([check, schema]) => (["complete", "partial", "empty"] as const).map((w) => [check.id, w, check, schema] as const)))("%s, %s world", async (_id, w, check, schema) => {
    const world = (w === "complete" ? completeWorld : w === "partial" ? partialWorld : emptyWorld)("s1");
    const ctx = new CheckContext(new AwsSession({ region: world.region, transport: worldTransport(world) }), "s1", names, world.account);
    const facts = await check.collect(ctx);
    expect((schema as z.ZodType).safeParse(facts).success).toBe(true);
    expect(pathsOf(facts).filter((p) => !shapeAt(schema, p).ok)).toEqual([]);
  });
});
