// glue_sfn_orchestration_workshop graded end to end against simulated accounts: the complete world passes every
// automatic criterion; the partial world fails exactly its planted mistakes, each named in the message.
import { describe, expect, it } from "vitest";
import { gradeWorld, statuses } from "../../support/grade-world.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/workshop.js";
import type { CallLog } from "../../support/world/transport.js";

const MANUAL = ["transform.transformations", "validation.counts", "validation.log_streams", "validation.no_errors"];

describe("glue_sfn_orchestration_workshop graded", () => {
  it("complete world: every automatic criterion passes, 10 manual points left to a person, only reads sent", async () => {
    const log: CallLog = { calls: [] };
    const report = await gradeWorld("glue_sfn_orchestration_workshop", completeWorld("42"), "42", { log });
    const s = statuses(report);
    const notPass = Object.entries(s).filter(([, v]) => v !== "pass");
    expect(notPass).toEqual(MANUAL.map((k) => [k, "manual"]));
    expect(report.tasks.flatMap((t) => t.criteria).reduce((n, c) => n + c.points, 0)).toBe(90);
    expect(log.calls.every((c) => /^(Get|List|Describe|Head|BatchGet)/.test(c.operation))).toBe(true);
    expect(log.calls.some((c) => c.operation === "GetObject" && (c.input as { Range?: string }).Range === "bytes=0-3")).toBe(true);
  });

  it("partial world: fails the planted mistakes and names each one", async () => {
    const report = await gradeWorld("glue_sfn_orchestration_workshop", partialWorld("42"), "42");
    const s = statuses(report);
    const failed = Object.entries(s).filter(([, v]) => v === "fail").map(([k]) => k);
    expect(failed.sort()).toEqual(
      [
        "ingestion.raw_parquet", // a .csv object instead of Parquet
        "raw_catalog.raw_table", // … which the crawler catalogued as csv
        "state_machine.jobs_wait", // TransformData started without .sync
        "state_machine.error_handling", // TransformData has no Catch/Retry
        "state_machine.crawler_polling", // no Wait/Choice loop
        "state_machine.order", // the raw crawler runs before the ingestion job
        "trigger.rule_enabled", // the rule is DISABLED
      ].sort(),
    );
    const msg = (id: string) => report.tasks.flatMap((t) => t.criteria.map((c) => [`${t.id}.${c.id}`, c.message] as const)).find(([k]) => k === id)![1] ?? "";
    expect(msg("ingestion.raw_parquet")).toContain("raw/customers/customers.csv");
    expect(msg("ingestion.raw_parquet")).toContain("raw/customers/customers.csv, which starts with cust, not PAR1");
    expect(msg("raw_catalog.raw_table")).toContain("with classification csv");
    expect(msg("state_machine.jobs_wait")).toMatch(/, found TransformData$/);
    expect(msg("state_machine.error_handling")).toMatch(/, found TransformData$/);
    expect(msg("state_machine.crawler_polling")).toContain("crawler starts without one: StartRawCrawler and StartProcessedCrawler");
    expect(msg("state_machine.order")).toContain("found crawler → job → job → crawler → athena");
    expect(msg("trigger.rule_enabled")).toContain("in state DISABLED");
    expect(Object.values(s).filter((v) => v === "error")).toEqual([]);
  });

  it("a student with nothing in the account is credited nothing: the lab's plain names count only for a student who owns a tagged state machine or bucket", async () => {
    const report = await gradeWorld("glue_sfn_orchestration_workshop", completeWorld("42"), "77");
    const s = statuses(report);
    expect(Object.entries(s).filter(([, v]) => v === "pass")).toEqual([]);
    expect(s["state_machine.sm_exists"]).toBe("fail");
    expect(s["state_machine.order"]).toBe("skipped");
    expect(s["trigger.rule_targets"]).toBe("skipped");
    expect(s["raw_catalog.raw_db"]).toBe("fail");
    expect(s["validation.sample_queries"]).toBe("fail");
    expect(Object.values(s).filter((v) => v === "error")).toEqual([]);
  });

  it("another student of the same account, with suffixed names and tags, passes every automatic criterion too", async () => {
    const report = await gradeWorld("glue_sfn_orchestration_workshop", completeWorld("42"), "s002");
    const notPass = Object.entries(statuses(report)).filter(([, v]) => v !== "pass");
    expect(notPass).toEqual(MANUAL.map((k) => [k, "manual"]));
  });
});
