import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorFactSchema, jsonSchema, orError } from "../../src/grade/facts.js";
import { shapeAt } from "../../src/rubric/fact-shape.js";
import { resolvePath } from "../../src/rubric/path.js";

const column = z.object({ name: z.string(), type: z.string() });
const facts = z.object({
  exists: z.boolean(),
  name: z.string().optional(),
  state: z.enum(["READY", "RUNNING"]).nullable(),
  encryption: orError(z.object({ algorithm: z.string(), keyArn: z.string().nullable() })),
  tables: orError(z.array(z.object({ name: z.string(), columns: z.array(column), partitions: z.number().default(0) }))),
  tags: z.record(z.string(), z.string()),
  policy: jsonSchema,
  similar: z.array(z.string()),
  grid: z.array(z.array(z.number())),
  run: z.union([z.object({ exists: z.literal(false) }), z.object({ exists: z.literal(true), id: z.string(), seconds: z.number() })]),
  tree: z.lazy((): z.ZodType => z.object({ label: z.string(), child: tree.optional() })),
  any: z.unknown(),
});
const tree: z.ZodType = z.lazy(() => z.object({ label: z.string(), child: tree.optional() }));

describe("shapeAt: declared shapes", () => {
  it.each([
    ["", "object"],
    ["exists", "boolean"],
    ["name", "string"],
    ["encryption", "object"],
    ["encryption.keyArn", "union"],
    ["encryption.algorithm", "string"],
    ["tables", "array"],
    ["tables.0", "object"],
    ["tables.name", "array"],
    ["tables.0.columns", "array"],
    ["tables.columns", "array"],
    ["tables.0.columns.name", "array"],
    ["tables.columns.0", "array"],
    ["tables.partitions", "array"],
    ["tags", "record"],
    ["tags.Owner", "string"],
    ["policy.Statement.0.Effect", "union"],
    ["similar.0", "string"],
    ["grid.0.1", "number"],
    ["run.id", "string"],
    ["run.exists", "boolean"],
    ["tree.child.child.label", "string"],
    ["any.whatever.deep", "unknown"],
  ])("%s is a %s", (path, kind) => {
    const r = shapeAt(facts, path);
    expect(r.ok ? r.shape.kind : r.reason).toBe(kind);
  });

  it("describes items, keys, literal values and flags", () => {
    const tables = shapeAt(facts, "tables");
    expect(tables).toMatchObject({ ok: true, shape: { kind: "array", canError: true, item: { kind: "object" } } });
    expect(shapeAt(facts, "tables.name")).toMatchObject({ ok: true, shape: { kind: "array", item: { kind: "string" }, canError: true } });
    expect(shapeAt(facts, "name")).toMatchObject({ ok: true, shape: { kind: "string", optional: true } });
    expect(shapeAt(facts, "state")).toMatchObject({ ok: true, shape: { kind: "union", options: [{ kind: "null" }, { kind: "string", values: ["READY", "RUNNING"] }] } });
    expect(shapeAt(facts, "encryption.keyArn")).toMatchObject({ ok: true, shape: { kind: "union", options: [{ kind: "null" }, { kind: "string" }] } });
    const enc = shapeAt(facts, "encryption");
    expect(enc.ok && enc.shape.kind === "object" && Object.keys(enc.shape.keys)).toEqual(["algorithm", "keyArn"]);
    expect(enc.ok && enc.shape.canError).toBe(true);
    expect(shapeAt(facts, "tables.0.columns.name")).toMatchObject({ ok: true, shape: { kind: "array", item: { kind: "string" } } });
    // the ErrorFact form itself is transparent: not part of the declared keys
    expect(shapeAt(facts, "encryption.$error").ok).toBe(false);
    expect(shapeAt(errorFactSchema, "")).toMatchObject({ ok: true, shape: { kind: "unknown", canError: true } });
  });
});

describe("shapeAt: paths that do not exist", () => {
  it.each([
    ["encryption.keyarn", "encryption", "keyarn", "encryption.keyArn"],
    ["encryptoin.keyArn", "", "encryptoin", "encryption"],
    ["tables.colums", "tables", "colums", "tables.columns"],
    ["tables.0.colums.name", "tables.0", "colums", "tables.0.columns"],
    ["run.secs", "run", "secs", undefined],
    ["exists.value", "exists", "value", undefined],
    ["tree.child.lable", "tree.child", "lable", "tree.child.label"],
  ])("%s stops at %j before %j (did you mean %s?)", (path, valid, segment, suggestion) => {
    const r = shapeAt(facts, path);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.valid).toBe(valid);
    expect(r.segment).toBe(segment);
    expect(r.suggestion).toBe(suggestion);
    expect(r.reason).toMatch(/has no|single value|list of lists/);
  });

  it("explains a list of lists and a single value", () => {
    expect(shapeAt(facts, "tables.columns.name")).toMatchObject({ ok: false, segment: "name", reason: expect.stringMatching(/list of lists/) });
    expect(shapeAt(facts, "grid.x")).toMatchObject({ ok: false, reason: expect.stringMatching(/list of lists/) });
    expect(shapeAt(facts, "name.length")).toMatchObject({ ok: false, reason: expect.stringMatching(/single value/) });
    expect(shapeAt(facts, "run.secs")).toMatchObject({ ok: false, keys: ["exists", "id", "seconds"] });
  });
});

describe("shapeAt agrees with resolvePath", () => {
  const value = {
    exists: true,
    state: null,
    encryption: { algorithm: "aws:kms", keyArn: null },
    tables: [
      { name: "a", columns: [{ name: "x", type: "int" }], partitions: 1 },
      { name: "b", columns: [], partitions: 0 },
    ],
    tags: { Owner: "me" },
    policy: { Statement: [{ Effect: "Allow" }] },
    similar: [],
    grid: [[1, 2]],
    run: { exists: true, id: "r1", seconds: 3 },
    tree: { label: "root", child: { label: "c" } },
    any: 1,
  };
  it("the value parses against the schema", () => {
    expect(facts.safeParse(value).success).toBe(true);
  });
  it.each([
    ["tables.name", ["a", "b"]],
    ["tables.columns", [[{ name: "x", type: "int" }], []]],
    ["tables.0.columns.name", ["x"]],
    ["tags.Owner", "me"],
    ["grid.0.1", 2],
  ])("%s", (path, expected) => {
    expect(shapeAt(facts, path).ok).toBe(true);
    expect(resolvePath(value, path)).toEqual({ ok: true, value: expected });
  });
  it("a list of lists projected by a key resolves to nothing at run time, so lint rejects it", () => {
    expect(resolvePath(value, "tables.columns.name")).toEqual({ ok: true, value: [] });
    expect(shapeAt(facts, "tables.columns.name").ok).toBe(false);
  });
});
