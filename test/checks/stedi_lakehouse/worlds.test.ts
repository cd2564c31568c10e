// stedi_lakehouse graded end to end from simulated accounts: the complete world passes, the partial world fails exactly
// its planted mistakes; row counts and the consent rule only with --run-queries.
import { describe, expect, it } from "vitest";
import { gradeWorld, statuses } from "../../support/grade-world.js";
import { completeWorld, partialWorld, PLANTED } from "../../support/world/assessments/lakehouse.js";
import type { CallLog } from "../../support/world/transport.js";
import { gradeLakehouse } from "./support.js";
import { assessmentIds } from "../../../src/app/assessments.js";

const QUERY_CRITERIA = [
  "landing.customer_landing_count",
  "landing.accelerometer_landing_count",
  "landing.step_trainer_landing_count",
  "landing.customer_landing_has_no_consent_rows",
  "trusted.customer_trusted_count",
  "trusted.accelerometer_trusted_count",
  "trusted.step_trainer_trusted_count",
  "trusted.customer_trusted_consent",
  "curated.customer_curated_count",
  "curated.machine_learning_curated_count",
];
const isManual = (r: Awaited<ReturnType<typeof gradeWorld>>, key: string) => r.tasks.flatMap((t) => t.criteria.map((c) => [`${t.id}.${c.id}`, c.status])).some(([k, s]) => k === key && s === "manual");

describe("stedi_lakehouse: the complete world", () => {
  it("is a registered assessment", () => {
    expect(assessmentIds()).toContain("stedi_lakehouse");
  });

  it("without --run-queries: every automatic criterion passes except the query ones, skipped for one reason; no query starts", async () => {
    const log: CallLog = { calls: [] };
    const r = await gradeWorld("stedi_lakehouse", completeWorld("42"), "42", { log });
    const s = statuses(r);
    for (const [k, v] of Object.entries(s)) {
      if (isManual(r, k)) continue;
      if (QUERY_CRITERIA.includes(k)) expect(v, k).toBe("skipped");
      else expect(v, k).toBe("pass");
    }
    const skipped = r.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "skipped");
    expect(new Set(skipped.map((c) => c.message))).toEqual(new Set(["not graded in this run: row counts and the consent rule need Athena queries, which run only with --run-queries (they cost money)"]));
    // Criteria this run did not measure leave the maximum: nobody loses points for an opt-in that was off.
    expect(skipped.every((c) => c.maxPoints === 0)).toBe(true);
    expect(log.calls.filter((c) => c.service === "athena" && !/^(Get|List|BatchGet)/.test(c.operation))).toEqual([]);
    expect(r.counts.error).toBe(0);
    expect(r.score.passed).toBe(true);
    expect(r.score.percent).toBe(100);
  });

  it("with --run-queries (a session allowing StartQueryExecution): every automatic criterion passes, 100%", async () => {
    const log: CallLog = { calls: [] };
    const { report } = await gradeLakehouse(completeWorld("42"), "42", { checkOptions: { runQueries: true }, log });
    const s = statuses(report);
    for (const [k, v] of Object.entries(s)) if (!isManual(report, k)) expect(v, k).toBe("pass");
    expect(report.score.percent).toBe(100);
    const started = log.calls.filter((c) => c.operation === "StartQueryExecution");
    expect(started).toHaveLength(10);
    for (const c of started) expect((c.input as { QueryExecutionContext: { Database: string } }).QueryExecutionContext.Database).toBe("stedi_42");
    // Polling is not frozen by the session memo: several GetQueryExecution answers per query.
    expect(log.calls.filter((c) => c.operation === "GetQueryExecution").length).toBeGreaterThanOrEqual(20);
    const counts = report.tasks.find((t) => t.id === "trusted")!.criteria.find((c) => c.id === "customer_trusted_count")!;
    expect(counts.message).toBe("found 482");
  });

  it("queries wait through QUEUED and RUNNING states", async () => {
    const w = completeWorld("42");
    w.athenaPollsBeforeDone = 3;
    const { report } = await gradeLakehouse(w, "42", { checkOptions: { runQueries: true }, only: ["curated"] });
    expect(statuses(report)["curated.machine_learning_curated_count"]).toBe("pass");
  });

  it("--athena-workgroup and --athena-output reach StartQueryExecution", async () => {
    const w = completeWorld("42");
    (w.athenaWorkGroups as { Name: string }[]).push({ Name: "grading" });
    const log: CallLog = { calls: [] };
    const { report } = await gradeLakehouse(w, "42", { checkOptions: { runQueries: true, athenaWorkgroup: "grading", athenaOutput: "s3://grader-results/athena/" }, only: ["curated"], log });
    expect(statuses(report)["curated.customer_curated_count"]).toBe("pass");
    const input = log.calls.find((c) => c.operation === "StartQueryExecution")!.input;
    expect(input).toMatchObject({ WorkGroup: "grading", ResultConfiguration: { OutputLocation: "s3://grader-results/athena/" } });
  });

  it("with runQueries but a session that refuses writes: the counts are errors naming athena:StartQueryExecution, nothing is sent", async () => {
    const log: CallLog = { calls: [] };
    const { report } = await gradeLakehouse(completeWorld("42"), "42", { checkOptions: { runQueries: true }, allowWrite: false, only: ["curated"], log });
    const c = report.tasks[0]!.criteria.find((x) => x.id === "customer_curated_count")!;
    expect(c.status).toBe("error");
    expect(c.action).toBe("athena:StartQueryExecution");
    expect(log.calls.filter((x) => x.operation === "StartQueryExecution")).toEqual([]);
  });

  it("no result location anywhere: Athena's refusal is an error on the count criteria, the others are still graded", async () => {
    const w = completeWorld("42");
    w.athenaWorkGroups = [{ Name: "primary", Configuration: {} }];
    const { report } = await gradeLakehouse(w, "42", { checkOptions: { runQueries: true }, only: ["landing"] });
    const s = statuses(report);
    expect(s["landing.customer_landing_count"]).toBe("error");
    expect(report.tasks[0]!.criteria.find((c) => c.id === "customer_landing_count")!.message).toContain("No output location provided");
    expect(s["landing.customer_landing_columns"]).toBe("pass");
  });
});

describe("stedi_lakehouse: the partial world", () => {
  it("fails each planted mistake (queries on) and nothing else", async () => {
    const { report } = await gradeLakehouse(partialWorld("42"), "42", { checkOptions: { runQueries: true } });
    const s = statuses(report);
    const failed = Object.entries(s).filter(([, v]) => v !== "pass" && v !== "manual").map(([k]) => k);
    expect(failed.sort()).toEqual(Object.keys(PLANTED).sort());
    for (const k of Object.keys(PLANTED)) expect(s[k], k).toBe("fail");
    const msg = (id: string) => report.tasks.flatMap((t) => t.criteria.map((c) => [`${t.id}.${c.id}`, c.message ?? ""] as const)).find(([k]) => k === id)![1];
    expect(msg("setup.s3_gateway_endpoint")).toContain("of type Interface");
    expect(msg("landing.customer_landing_typed")).toContain("every column of customer_landing is a string");
    expect(msg("trusted.step_trainer_trusted_location")).toContain("step_trainer/landing/");
    expect(msg("trusted.accelerometer_trusted_only")).toContain("customername");
    expect(msg("trusted.customer_trusted_count")).toContain("the row count of customer_trusted: 500");
    expect(msg("trusted.customer_trusted_consent")).toContain("customer_trusted holds 18 rows without research consent");
    expect(msg("jobs.machine_learning_curated_succeeded")).toContain("the latest FAILED");
    // Accepted readings: customers_curated, the lab's role name.
    expect(s["curated.customer_curated_exists"]).toBe("pass");
    expect(s["curated.customer_curated_count"]).toBe("pass");
    expect(s["setup.glue_role"]).toBe("pass");
  });

  it("without --run-queries the structural mistakes still fail; the count and consent mistakes are skipped", async () => {
    const r = await gradeWorld("stedi_lakehouse", partialWorld("42"), "42");
    const s = statuses(r);
    expect(s["trusted.customer_trusted_consent"]).toBe("skipped");
    expect(s["trusted.customer_trusted_count"]).toBe("skipped");
    for (const k of Object.keys(PLANTED).filter((k) => !/count|consent/.test(k))) expect(s[k], k).toBe("fail");
  });

  it("another student in the same account is graded on their own copy only", async () => {
    const { report } = await gradeLakehouse(partialWorld("42"), "s001", { checkOptions: { runQueries: true } });
    const s = statuses(report);
    for (const [k, v] of Object.entries(s)) if (!isManual(report, k) && !k.startsWith("setup.")) expect(v, k).toBe("pass");
  });
});
