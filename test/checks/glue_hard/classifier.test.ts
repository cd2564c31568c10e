// Task 4 check: facts from scripted Glue answers (FakeAws), and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetClassifierCommand, GetClassifiersCommand } from "@aws-sdk/client-glue";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { classifier, classifierCheckFactsSchema, type ClassifierFacts } from "../../../checks/glue_hard/classifier.js";
import { completeWorld, emptyWorld, partialWorld } from "../../support/world/index.js";
import { LAB_GROK_PATTERN } from "../../support/world/parts/catalog-formats.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const ctx = () => new CheckContext(aws.session(), "7", { classifier: "custom-log-classifier-7" }, "111122223333");
/** The facts collected from the scripted account, held to the declared schema. */
const collect = async (c = ctx()) => {
  const f = await classifier.collect(c);
  classifierCheckFactsSchema.parse(f);
  return f;
};
const grok = (GrokPattern: string, CustomPatterns?: string) => ({ Classifier: { GrokClassifier: { Name: "custom-log-classifier-7", Classification: "custom_logs", GrokPattern, CustomPatterns } } });
const facts = async () => (await collect()).classifier as ClassifierFacts;

beforeEach(() => {
  aws.reset();
});

// a read the test did not script would pass silently as an ErrorFact
afterEach(() => {
  expect(aws.unscripted).toEqual([]);
});

describe("classifier check (scripted answers)", () => {
  it("runs the lab's pattern on both sample lines", async () => {
    glue.on(GetClassifierCommand, { Name: "custom-log-classifier-7" }).resolves(grok(LAB_GROK_PATTERN));
    const f = await facts();
    expect(f).toMatchObject({ exists: true, kind: "grok", classification: "custom_logs", compileError: null, warnings: [], customPatterns: [] });
    expect(f.line1).toMatchObject({ result: "matched", fields: ["timestamp", "log_level", "user_id", "action", "ip_address", "duration"], captures: { duration: "250ms", ip_address: "192.168.1.1" } });
    expect(f.line2).toMatchObject({ result: "matched", fields: ["timestamp", "log_level", "user_id", "action", "ip_address", "error_message"], captures: { error_message: "payment_failed" } });
    expect(f.declaredFields).toEqual(["timestamp", "log_level", "user_id", "action", "ip_address", "duration", "error_message"]);
  });

  it("uses the classifier's custom patterns", async () => {
    glue.on(GetClassifierCommand).resolves(grok(LAB_GROK_PATTERN.replace("%{LOGLEVEL:log_level}", "%{APPLEVEL:log_level}"), "APPLEVEL (?:INFO|ERROR)\n"));
    const f = await facts();
    expect(f.customPatterns).toEqual(["APPLEVEL"]);
    expect([f.line1?.result, f.line2?.result]).toEqual(["matched", "matched"]);
  });

  it("ip=%{WORD:ip_address} fails both lines", async () => {
    glue.on(GetClassifierCommand).resolves(grok(LAB_GROK_PATTERN.replace("%{IP:ip_address}", "%{WORD:ip_address}")));
    const f = await facts();
    expect(f.compileError).toBeNull();
    expect([f.line1?.result, f.line2?.result]).toEqual(["no match", "no match"]);
    expect(f.line1?.fields).toEqual([]);
  });

  it("an unknown pattern name is a compile error naming it; nothing is run", async () => {
    glue.on(GetClassifierCommand).resolves(grok("%{FOO:bar} %{GREEDYDATA:rest}"));
    const f = await facts();
    expect(f.compileError).toContain("unknown grok pattern %{FOO}");
    expect(f.line1).toBeUndefined();
  });

  it("a catastrophic pattern times out within a bounded time and says so", async () => {
    glue.on(GetClassifierCommand).resolves(grok("\\[(.*a?)+\\]%{GREEDYDATA:x}(.*.*)*X$"));
    const t = Date.now();
    const f = await facts();
    expect(Date.now() - t).toBeLessThan(6000);
    expect(f.line1).toMatchObject({ matched: false, timedOut: true, result: expect.stringContaining("timed out after 1000 ms") });
  });

  it("an XML classifier is recorded as such, without grok facts", async () => {
    glue.on(GetClassifierCommand).resolves({ Classifier: { XMLClassifier: { Name: "custom-log-classifier-7", Classification: "xml", RowTag: "row" } } });
    expect(await facts()).toEqual({ name: "custom-log-classifier-7", exists: true, kind: "xml", classification: "xml" });
  });

  it("a missing classifier lists similar names across every page of GetClassifiers", async () => {
    glue.on(GetClassifierCommand).rejects(new EntityNotFoundException({ message: "Classifier not found", $metadata: { httpStatusCode: 400 } }));
    glue.on(GetClassifiersCommand, { NextToken: undefined }).resolves({ Classifiers: [{ JsonClassifier: { Name: "json-1", JsonPath: "$" } }], NextToken: "t1" });
    glue.on(GetClassifiersCommand, { NextToken: "t1" }).resolves({ Classifiers: [{ GrokClassifier: { Name: "Custom-Log-Classifier-07", Classification: "x", GrokPattern: "x" } }] });
    expect(await facts()).toEqual({ name: "custom-log-classifier-7", exists: false, similar: ["Custom-Log-Classifier-07"] });
    expect(glue.commandCalls(GetClassifiersCommand)).toHaveLength(2);
  });

  it("AccessDenied becomes an error fact naming glue:GetClassifier", async () => {
    glue.on(GetClassifierCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    expect(await facts()).toMatchObject({ $error: { action: "glue:GetClassifier", kind: "accessDenied" } });
  });
});

describe("classifier task graded from worlds", () => {
  it("a complete world (the lab's pattern as printed) passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["classifier"] });
    expect(Object.values(statuses(r))).toEqual(Array(8).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails only the misnamed log_level field", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["classifier"] });
    const s = statuses(r);
    expect(s).toEqual({
      "classifier.exists": "pass",
      "classifier.grok_type": "pass",
      "classifier.classification": "pass",
      "classifier.pattern_compiles": "pass",
      "classifier.line1_matches": "pass",
      "classifier.line2_matches": "pass",
      "classifier.core_fields": "fail",
      "classifier.optional_fields": "pass",
    });
    expect(r.tasks[0]!.criteria.find((c) => c.id === "core_fields")!.message).toContain("found timestamp, level,");
  });

  it("an empty world fails existence and skips the rest", async () => {
    const s = statuses(await gradeWorld("glue_hard", emptyWorld("42"), "42", { only: ["classifier"] }));
    expect(s["classifier.exists"]).toBe("fail");
    expect(s["classifier.line1_matches"]).toBe("skipped");
  });
});
