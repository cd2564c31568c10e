// The one value renderer of messages: values in words, never JSON, never a bare true/false.
import { describe, expect, it } from "vitest";
import { keyWords, renderValue, wordList } from "../../src/rubric/render.js";

describe("renderValue", () => {
  it.each([
    ["a string as written", "Suspended", "Suspended"],
    ["a number", 180, "180"],
    ["nothing", undefined, "none"],
    ["null", null, "none"],
    ["an empty list", [], "none"],
    ["one item", ["raw/"], "raw/"],
    ["two items", ["raw/", "curated/"], "raw/ and curated/"],
    ["three items", ["a", "b", "c"], "a, b and c"],
    ["a yes/no is a word, never true/false", true, "yes"],
    ["a per-resource map as key: value", { raw: "Enabled", temp: "Suspended" }, "raw: Enabled, temp: Suspended"],
    ["an object by its name", { name: "daily-start", type: "SCHEDULED" }, "daily-start"],
    ["a list of named objects", [{ id: "bronze-to-glacier" }, { id: "silver-archive" }], "bronze-to-glacier and silver-archive"],
    ["a blank string", "", "(empty)"],
    ["an unreadable fact", { $error: { action: "s3:GetBucketTagging", kind: "accessDenied", message: "denied" } }, "unreadable"],
  ])("%s", (_n, v, text) => {
    expect(renderValue(v)).toBe(text);
    expect(renderValue(v)).not.toMatch(/[{}[\]"]|\btrue\b|\bfalse\b/);
  });

  it("a long list says how many more there are instead of cutting an item off", () => {
    const items = Array.from({ length: 15 }, (_, i) => `t${i}`);
    expect(renderValue(items)).toBe(`${items.slice(0, 12).join(", ")} and 3 more`);
  });

  it("joins alternatives with or", () => expect(wordList(["GLACIER", "GLACIER_IR"], "or")).toBe("GLACIER or GLACIER_IR"));

  it.each([
    ["workerType", "worker type"],
    ["numberOfWorkers", "number of workers"],
    ["keyMatchesAlias", "key matches alias"],
    ["rotation_enabled", "rotation enabled"],
  ])("a fact key reads as words: %s", (k, w) => expect(keyWords(k)).toBe(w));
});
