// Authorship evidence: who created each named resource, judged from CloudTrail events (tables of events), and the
// run end to end through the wire-level fake (pagination, throttling, AccessDenied, one read per batch account).
import "../support/fake-aws/sdk-shim.js";
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attribute, matchesPrincipal, principalOf } from "../../src/evidence/authorship.js";
import { evidenceFromFlags, evidenceWindow } from "../../src/evidence/cloudtrail.js";
import { trailEvent } from "../support/world/parts/trail.js";
import { startFakeAws } from "../support/fake-aws/index.js";
import { gradeThroughFake, hermeticHome } from "../support/fake-aws/cli.js";
import { completeWorld, partialWorld } from "../support/world/index.js";
import { runBatchCommand } from "../../src/cli/batch-command.js";
import { classWorld, identifyWorld, memoryIo, worldSessions } from "../batch/class-world.js";
import type { CallLog } from "../support/world/transport.js";
import type { GradeReport } from "../../src/grade/result.js";
import { buildPolicy } from "../../src/cli/policy-command.js";
import { openAssessment } from "../../src/app/assessments.js";

const ACCOUNT = "123456789012";
const at = (iso: string) => new Date(iso);

describe("principals", () => {
  const cases: { name: string; event: Parameters<typeof trailEvent>[0]; pattern: string; match: boolean; shown: string }[] = [
    { name: "an IAM user by name", event: { name: "CreateBucket", source: "s3", at: at("2026-11-01T10:00:00Z"), user: "student-42", account: ACCOUNT, request: {} }, pattern: "student-42", match: true, shown: "student-42" },
    { name: "case does not matter", event: { name: "CreateBucket", source: "s3", at: at("2026-11-01T10:00:00Z"), user: "Student-42", account: ACCOUNT, request: {} }, pattern: "student-42", match: true, shown: "Student-42" },
    { name: "an assumed role by its session name", event: { name: "CreateCrawler", source: "glue", at: at("2026-11-01T10:00:00Z"), user: "student-42", role: "LabRole", account: ACCOUNT, request: {} }, pattern: "student-42", match: true, shown: "student-42" },
    { name: "an assumed role by its role name", event: { name: "CreateCrawler", source: "glue", at: at("2026-11-01T10:00:00Z"), user: "i-0abc", role: "Lab-42", account: ACCOUNT, request: {} }, pattern: "Lab-42", match: true, shown: "i-0abc" },
    { name: "a glob", event: { name: "CreateJob", source: "glue", at: at("2026-11-01T10:00:00Z"), user: "s42@uni.edu", role: "AWSReservedSSO_Student", account: ACCOUNT, request: {} }, pattern: "*@uni.edu", match: true, shown: "s42@uni.edu" },
    { name: "a prefix is not the whole name", event: { name: "CreateJob", source: "glue", at: at("2026-11-01T10:00:00Z"), user: "student-421", account: ACCOUNT, request: {} }, pattern: "student-42", match: false, shown: "student-421" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = principalOf(trailEvent(c.event));
      expect(matchesPrincipal(p, c.pattern)).toBe(c.match);
      expect(p.name).toBe(c.shown);
    });
  }

  it("a record that is not JSON falls back to the event's Username", () => {
    const e = { ...trailEvent({ name: "CreateBucket", source: "s3", at: at("2026-11-01T10:00:00Z"), user: "student-42", account: ACCOUNT, request: {} }), CloudTrailEvent: "{not json" };
    expect(principalOf(e)).toEqual({ name: "student-42", aliases: ["student-42"] });
  });
});

describe("attribution", () => {
  const e = (name: string, iso: string, user: string, request: Record<string, unknown>, resources?: { type: string; name: string }[]) => trailEvent({ name, source: "x", at: at(iso), user, account: ACCOUNT, request, ...(resources ? { resources } : {}) });
  const events = [
    e("PutBucketVersioning", "2026-11-03T09:00:00Z", "student-s2", { bucketName: "lake-42" }),
    e("CreateBucket", "2026-11-02T09:00:00Z", "student-42", { bucketName: "lake-42" }, [{ type: "AWS::S3::Bucket", name: "lake-42" }]),
    e("CreateDatabase", "2026-11-02T10:00:00Z", "student-42", { databaseInput: { name: "landing_42" } }),
    e("CreateCrawler", "2026-12-02T10:00:00Z", "student-42", { name: "crawler-42" }),
    e("PutDashboard", "2026-11-04T10:00:00Z", "helper", { dashboardName: "dash-42" }),
    e("PutDashboard", "2026-11-05T10:00:00Z", "student-42", { dashboardName: "dash-42" }),
    e("CreateDatabase", "2026-11-02T10:00:00Z", "student-420", { databaseInput: { name: "landing_420" } }),
  ];
  const resources = ["lake-42", "landing_42", "crawler-42", "dash-42", "job-42"].map((name, i) => ({ key: `k${i}`, name }));
  const records = attribute(events, resources, { principal: "student-42", deadline: at("2026-12-01T23:59:59Z") });

  it("the creator is the earliest Create call naming the resource, found in Resources or in the request", () => {
    expect(records[0]).toMatchObject({ name: "lake-42", createdBy: "student-42", createdAt: "2026-11-02T09:00:00.000Z", event: "CreateBucket", flags: [], otherWriters: ["student-s2"] });
    expect(records[1]).toMatchObject({ name: "landing_42", createdBy: "student-42", event: "CreateDatabase", flags: [] });
  });
  it("a creation after the deadline is flagged", () => {
    expect(records[2]).toMatchObject({ name: "crawler-42", flags: ["after-deadline"] });
  });
  it("resources created by Put are attributed to the first Put, and another principal is flagged", () => {
    expect(records[3]).toMatchObject({ name: "dash-42", createdBy: "helper", event: "PutDashboard", flags: ["other-principal"] });
  });
  it("no event: no creator, no flag (a near name such as landing_420 is not taken)", () => {
    expect(records[4]).toEqual({ key: "k4", name: "job-42", flags: [] });
  });
  it("without a principal nobody is flagged as other", () => {
    expect(attribute(events, resources, {})[3]!.flags).toEqual([]);
  });
});

describe("flags", () => {
  const now = at("2026-12-06T12:00:00Z");
  it("the window is the last 90 days; the deadline date means the end of that day", () => {
    expect(evidenceWindow(now)).toEqual({ start: at("2026-09-07T12:00:00Z"), end: now });
    expect(evidenceFromFlags({ evidence: "cloudtrail", deadline: "2026-12-01", evidencePrincipal: "student-{student}" }, now)).toEqual({ window: evidenceWindow(now), principal: "student-{student}", deadline: at("2026-12-01T23:59:59.999Z") });
  });
  it.each([
    [{ evidence: "cloudwatch" }, '--evidence takes "cloudtrail" (CloudTrail\'s event history), got "cloudwatch"'],
    [{ deadline: "2026-12-01" }, "--evidence-principal and --deadline go with --evidence cloudtrail"],
    [{ evidence: "cloudtrail", deadline: "next friday" }, '--deadline takes a date or time (2026-12-01 or 2026-12-01T17:00:00Z), got "next friday"'],
    [{ evidence: "cloudtrail", evidencePrincipal: "a b" }, /^--evidence-principal takes an IAM user name/],
  ])("%j → one sentence", (flags, message) => {
    expect(() => evidenceFromFlags(flags, now)).toThrow(message);
  });
});

describe("through the wire-level fake", () => {
  const home = hermeticHome();
  afterAll(() => home.cleanup());
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const args = ["--evidence", "cloudtrail", "--evidence-principal", "student-{student}", "--deadline", twoDaysAgo, "--allow-errors"];

  it("a partial world: the classmate's bucket and the late crawler are flagged, with 30% throttling and 3-event pages", async () => {
    const fake = await startFakeAws({ world: partialWorld("s1"), faults: { seed: 7, throttle: 0.3, maxFaultsPerCall: 3 } });
    try {
      const run = await gradeThroughFake(fake, "s1", home, args);
      const ev = run.report?.evidence;
      expect(ev, run.err).toBeDefined();
      const byName = Object.fromEntries(ev!.resources.map((r) => [r.name, r]));
      expect(byName["enterprise-datalake-s1"]).toMatchObject({ key: "bucket", createdBy: "student-s999", event: "CreateBucket", flags: ["other-principal"] });
      expect(byName["enterprise-crawler-s1"]).toMatchObject({ createdBy: "student-s1", event: "CreateCrawler", flags: ["after-deadline"] });
      expect(byName["landing_s1"]).toMatchObject({ createdBy: "student-s1", flags: [] });
      const lookups = fake.log.filter((c) => c.operation === "LookupEvents");
      expect(lookups.filter((c) => c.status === 200).length).toBeGreaterThan(3); // every page followed
      expect(fake.faults.throttle).toBeGreaterThan(0);
      for (const c of lookups) expect(c.input).toMatchObject({ LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }], MaxResults: 50 });
    } finally {
      await fake.close();
    }
  }, 120_000);

  it("the console and markdown reports say it in sentences; a hostile principal name stays text", async () => {
    const world = completeWorld("s1");
    (world.trailEvents as ReturnType<typeof trailEvent>[]).push(trailEvent({ name: "PutBucketPolicy", source: "s3", at: new Date(Date.now() - 86_400_000), user: "<img src=x onerror=alert(1)>", account: world.account, request: { bucketName: "enterprise-datalake-s1" } }));
    const fake = await startFakeAws({ world });
    try {
      const dir = mkdtempSync(join(tmpdir(), "gv-ev-"));
      const run = await gradeThroughFake(fake, "s1", home, [...args, "--report", `markdown:${join(dir, "r.md")}`, "--report", `html:${join(dir, "r.html")}`, "--report", `console:${join(dir, "r.txt")}`]);
      expect(run.code, run.err).toBe(0);
      const text = readFileSync(join(dir, "r.txt"), "utf8");
      expect(text).toMatch(/Who created these resources \(CloudTrail, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\): nothing flagged/);
      expect(text).toMatch(/enterprise-datalake-s1: created by student-s1 on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(CreateBucket\); also changed by <img src=x onerror=alert\(1\)>/);
      expect(readFileSync(join(dir, "r.html"), "utf8")).not.toContain("<img src=x");
      expect(readFileSync(join(dir, "r.md"), "utf8")).toContain("### Authorship");
    } finally {
      await fake.close();
    }
  }, 120_000);

  it("AccessDenied on LookupEvents: the evidence says so in one sentence; the grade is untouched", async () => {
    const fake = await startFakeAws({ world: completeWorld("s1"), faults: { accessDenied: ["cloudtrail:LookupEvents"] } });
    try {
      const run = await gradeThroughFake(fake, "s1", home, args);
      expect(run.code, run.err).toBe(0);
      expect(run.report!.score.percent).toBe(100);
      expect(run.report!.evidence).toMatchObject({ resources: [], error: expect.stringMatching(/^cloudtrail:LookupEvents failed: .*(AccessDenied|not authorized)/i) });
    } finally {
      await fake.close();
    }
  }, 60_000);
});

describe("in a batch", () => {
  it("the event history is read once per account and region for the whole class, and each student gets their own evidence", async () => {
    const students = [{ id: "s0001", kind: "complete" as const }, { id: "s0002", kind: "partial" as const }, { id: "s0003", kind: "complete" as const }];
    const world = classWorld(students, { pageSize: 5 });
    const log: CallLog = { calls: [] };
    const out = mkdtempSync(join(tmpdir(), "gv-ev-batch-"));
    const code = await runBatchCommand("glue_hard", { students: "s0001,s0002,s0003", out, quiet: true, evidence: "cloudtrail", evidencePrincipal: "student-{student}", report: ["json"] }, memoryIo(), { identify: identifyWorld(world), sessionFactory: worldSessions(world, log) });
    expect(code).toBe(0);
    const pages = Math.ceil((world.trailEvents as unknown[]).filter((e) => (e as { ReadOnly: string }).ReadOnly === "false").length / 5);
    expect(log.calls.filter((c) => c.operation === "LookupEvents").length).toBe(pages);
    const report = (id: string) => JSON.parse(readFileSync(join(out, "reports", `${id}.json`), "utf8")) as GradeReport;
    expect(report("s0001").evidence!.resources.find((r) => r.key === "bucket")).toMatchObject({ createdBy: "student-s0001", flags: [] });
    expect(report("s0002").evidence!.resources.find((r) => r.key === "bucket")).toMatchObject({ createdBy: "student-s999", flags: ["other-principal"] });
    // the class view gains an Authorship column naming the flagged resource (escaped)
    const page = readFileSync(join(out, "class.html"), "utf8");
    expect(page).toContain("<th");
    expect(page).toMatch(/Authorship/);
    expect(page).toMatch(/⚑ 1 flagged<\/span> <span class="muted">enterprise-datalake-s0002: student-s999 \(another principal\)/);
  }, 60_000);
});

describe("policy", () => {
  it("cloudtrail:LookupEvents only with --evidence", async () => {
    const source = await openAssessment({ id: "glue_hard" });
    const actions = (p: ReturnType<typeof buildPolicy>) => p.Statement.flatMap((s) => s.Action);
    expect(actions(buildPolicy([source]))).not.toContain("cloudtrail:LookupEvents");
    expect(actions(buildPolicy([source], { evidence: true }))).toContain("cloudtrail:LookupEvents");
  });
});
