// Matchers, table-driven: each row is an expectation, a value, and whether it should pass.
import { describe, expect, it } from "vitest";
import { describe as words, match } from "../../src/rubric/matchers.js";
import type { Expectation } from "../../src/rubric/schema.js";

const err = { $error: { action: "s3:GetBucketPolicy", kind: "accessDenied", message: "AccessDenied" } };

const rows: [string, Expectation, unknown, boolean][] = [
  ["equals string", { equals: "Enabled" }, "Enabled", true],
  ["equals is case-sensitive", { equals: "Enabled" }, "enabled", false],
  ["equals ignoreCase", { equals: "Enabled", ignoreCase: true }, "ENABLED", true],
  ["equals number vs numeric string", { equals: 10 }, "10.0", true],
  ["equals missing", { equals: true }, undefined, false],
  ["oneOf", { oneOf: ["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"] }, "SSE-KMS-WITH-SERVICE-ROLE", true],
  ["oneOf miss", { oneOf: ["a", "b"] }, "c", false],
  ["matches", { matches: "^cron\\(0 \\* \\* \\* \\? \\*\\)$" }, "cron(0 * * * ? *)", true],
  ["matches non-string", { matches: "x" }, 5, false],
  ["contains", { contains: "aws.glue" }, '{"source":["aws.glue"]}', true],
  ["atLeast", { atLeast: 6 }, 6, true],
  ["atLeast below", { atLeast: 6 }, 5, false],
  ["atLeast on non-number", { atLeast: 1 }, "many", false],
  ["range", { atLeast: 1, atMost: 3 }, 4, false],
  ["exists", { exists: true }, false, true],
  ["exists null", { exists: true }, null, false],
  ["absent", { exists: false }, undefined, true],
  ["includesAll", { includesAll: ["landing/", "bronze/"] }, ["bronze/", "landing/", "gold/"], true],
  ["includesAll missing one", { includesAll: ["landing/", "bronze/"] }, ["landing/"], false],
  ["length", { length: { atLeast: 2 } }, ["a", "b"], true],
  ["some", { some: { all: [{ path: "prefix", equals: "bronze/" }, { path: "days", equals: 90 }] } }, [{ prefix: "bronze/", days: 30 }, { prefix: "bronze/", days: 90 }], true],
  ["some: no item has both", { some: { all: [{ path: "prefix", equals: "bronze/" }, { path: "days", equals: 90 }] } }, [{ prefix: "bronze/", days: 30 }, { prefix: "silver/", days: 90 }], false],
  ["every on empty list fails", { every: { equals: 1 } }, [], false],
  ["every", { every: { atLeast: 1 } }, [1, 2], true],
  ["every over a per-resource map's values", { every: { equals: "Enabled" } }, { raw: "Enabled", temp: "Enabled" }, true],
  ["every over a map: one value differs", { every: { equals: "Enabled" } }, { raw: "Enabled", temp: "Suspended" }, false],
  ["every on an empty map fails", { every: { equals: "Enabled" } }, {}, false],
  ["some over a map's values", { some: { equals: 7 } }, { temp: 7, raw: null }, true],
  ["none over a map's values", { none: { equals: "off" } }, { a: "on", b: "on" }, true],
  ["none", { none: { equals: "*" } }, ["a"], true],
  ["none on absent list", { none: { equals: "*" } }, undefined, true],
  ["any", { any: [{ equals: "a" }, { equals: "b" }] }, "b", true],
  ["not", { not: { equals: "LOG" } }, "DEPRECATE_IN_DATABASE", true],
  ["path projection through arrays", { path: "rules.prefix", includesAll: ["logs/"] }, { rules: [{ prefix: "logs/" }, { prefix: "x/" }] }, true],
  ["path index", { path: "rules.1.prefix", equals: "x/" }, { rules: [{ prefix: "logs/" }, { prefix: "x/" }] }, true],
];

describe("matchers", () => {
  it.each(rows)("%s", (_name, e, value, ok) => {
    const r = match(e, value);
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(ok);
  });

  it("an ErrorFact on the path makes the outcome an error, not a fail", () => {
    const r = match({ path: "bucket.policy.statements", atLeast: 1 }, { bucket: { policy: err } });
    expect(r.ok).toBe(false);
    expect(r.error).toEqual(err);
  });

  it("`some` passes despite an unreadable item when another item matches, and errors when none does", () => {
    expect(match({ some: { path: "x", equals: 1 } }, [err, { x: 1 }]).ok).toBe(true);
    expect(match({ some: { path: "x", equals: 1 } }, [err, { x: 2 }]).error).toEqual(err);
  });

  it.each([
    [{ path: "versioning", equals: "Enabled" }, "versioning Enabled"],
    [{ equals: "Enabled" }, "Enabled"],
    [{ path: "n", atLeast: 1, atMost: 3 }, "n between 1 and 3"],
    [{ path: "rules", some: { path: "days", equals: 90 } }, "rules with an item: days 90"],
    [{ path: "kind", oneOf: ["a", "b"], ignoreCase: true }, "kind a or b (any case)"],
    [{ path: "job.workerType", equals: "G.2X" }, "worker type G.2X"],
    [{ all: [{ path: "enabled", equals: true }, { path: "publicAllow", equals: false }] }, "enabled and not public allow"],
    [{ path: "tags", all: [{ path: "Environment", equals: "Production" }, { path: "StudentID", equals: "7" }] }, "tags: Environment Production and StudentID 7"],
    [{ every: { matches: "^glue-" } }, "every item matching /^glue-/"],
    [{ path: "missing", length: { equals: 0 } }, "missing with 0 items"],
  ] as [Expectation, string][])("describes %j as %s, without the fact path", (e, text) => {
    expect(words(e)).toBe(text);
  });

  it.each([
    ["every over a map shows only the values that differ", { every: { equals: "Enabled" } }, { raw: "Enabled", temp: "Suspended", curated: "Suspended" }, "found temp: Suspended and curated: Suspended"],
    ["every over a list shows only the items that differ", { every: { matches: "^glue-" } }, ["glue-a", "x", "y"], "found x and y"],
    ["none shows the items it forbids", { none: { equals: "*" } }, ["a", "*"], "found *"],
    ["includesAll names what is missing, then what is there", { includesAll: ["cost", "dpu"] }, ["dpu", "duration"], "missing: cost; found dpu and duration"],
    ["includesAll on an empty list: only what is missing", { includesAll: ["raw/", "curated/"] }, [], "missing: raw/ and curated/"],
    ["all shows the sub-value that failed, by its key", { path: "tags", all: [{ path: "Environment", equals: "Production" }, { path: "Compliance", equals: "GDPR" }] }, { tags: { Environment: "Production" } }, "found Compliance: none"],
  ] as [string, Expectation, unknown, string][])("%s", (_n, e, value, shown) => {
    const r = match(e, value);
    expect(r.ok).toBe(false);
    expect(r.shown).toBe(shown);
  });
});

describe("some/every/none over a per-resource map", () => {
  const unreadable = { $error: { action: "s3:GetBucketVersioning", kind: "accessDenied" as const, message: "denied" } };
  it("an unreadable value makes `every` an error naming its action, not a failure", () => {
    expect(match({ every: { equals: "Enabled" } }, { raw: "Enabled", temp: unreadable }).error).toEqual(unreadable);
  });
  it("a map that is itself an error fact is not read as a map", () => {
    expect(match({ every: { equals: "Enabled" } }, unreadable).ok).toBe(false);
  });
});
