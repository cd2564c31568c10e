// Task 6 check: crawler facts from scripted Glue answers (through the session transport), and graded worlds end to end.
import { beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetCrawlerCommand, GetCrawlersCommand, GetTagsCommand, type Crawler } from "@aws-sdk/client-glue";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { crawler } from "../../../checks/glue_hard/crawler.js";
import { parseCrawlerConfiguration } from "../../../checks/shared/glue-crawlers.js";
import { canonicalSchedule, normaliseCron } from "../../../checks/shared/cron.js";
import { mentionsStudent } from "../../../checks/shared/student-owned.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const names = {
  crawler: "enterprise-crawler-7",
  classifier: "custom-log-classifier-7",
  landingDb: "landing_7",
  bronzeDb: "bronze_7",
  bucket: "enterprise-datalake-7",
  securityConfig: "enterprise-security-config-7",
};
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");
const notFound = () => new EntityNotFoundException({ message: "Crawler with name enterprise-crawler-7 not found", $metadata: { httpStatusCode: 400 } });
const denied = () => Object.assign(new Error("User is not authorized to perform: glue:GetCrawler"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });

const base: Crawler = {
  Name: "enterprise-crawler-7",
  DatabaseName: "landing_7",
  Classifiers: ["custom-log-classifier-7"],
  Targets: { S3Targets: [{ Path: "s3://enterprise-datalake-7/landing", SampleSize: 10 }, { Path: "s3://enterprise-datalake-7/bronze//" }] },
  Schedule: { ScheduleExpression: "cron( 0  * * *  ? * )", State: "SCHEDULED" },
  TablePrefix: "tbl_",
  SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DEPRECATE_IN_DATABASE" },
  RecrawlPolicy: { RecrawlBehavior: "CRAWL_EVERYTHING" },
  CrawlerSecurityConfiguration: "some-other-config",
  Configuration: '{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}},"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"}}',
};

beforeEach(() => {
  aws.reset();
});

describe("normaliseCron", () => {
  it.each([
    ["cron(0 * * * ? *)", "cron(0 * * * ? *)"],
    ["  cron( 0  *  * * ?  * ) ", "cron(0 * * * ? *)"],
    ["cron(00 01 * * ? *)", "cron(0 1 * * ? *)"],
    ["0 * * * ? *", "cron(0 * * * ? *)"],
    ["CRON(0 1 ? * mon-fri *)", "cron(0 1 ? * MON-FRI *)"],
    ["rate(1 hour)", "rate(1 hour)"],
    ["", null],
    [undefined, null],
  ])("%j → %j", (input, want) => {
    expect(normaliseCron(input)).toBe(want);
  });
});

describe("mentionsStudent", () => {
  it.each([
    ["enterprise-crawler-7", true],
    ["enterprise-crawler-bronze-7", true],
    ["crawler_7_landing", true],
    ["enterprise-crawler-77", false],
    ["enterprise-crawler-s007", false],
  ])("%s → %s", (name, want) => expect(mentionsStudent(name, "7")).toBe(want));
});

describe("parseCrawlerConfiguration (student input, never throws)", () => {
  it.each([
    ["{not json", /invalid JSON/],
    ["[1, 2]", /not a JSON object/],
    ["null", /not a JSON object/],
    ["x".repeat(70_000), /limit/],
  ])("%#: malformed Configuration is recorded as parseError", (raw, err) => {
    const c = parseCrawlerConfiguration(raw);
    expect(c?.parseError).toMatch(err);
    expect(c?.keys).toEqual([]);
  });

  it("absent or blank Configuration is null", () => {
    expect(parseCrawlerConfiguration(undefined)).toBeNull();
    expect(parseCrawlerConfiguration("  ")).toBeNull();
  });

  it("records the keys and the partition / table / grouping behaviours", () => {
    const c = parseCrawlerConfiguration(base.Configuration);
    expect(c).toEqual({
      keys: ["Version", "CrawlerOutput.Partitions.AddOrUpdateBehavior", "Grouping.TableGroupingPolicy"],
      partitionsBehavior: "InheritFromTable",
      tablesBehavior: null,
      tableGroupingPolicy: "CombineCompatibleSchemas",
    });
  });
});

describe("canonicalSchedule (fair-reading audit: any hourly form the console or CLI accepts)", () => {
  it.each([
    ["cron(0 * * * ? *)", "cron(0 * * * ? *)"],
    ["cron(0 0/1 * * ? *)", "cron(0 * * * ? *)"],
    ["cron(00 */1 * * ? *)", "cron(0 * * * ? *)"],
    ["cron(0 * ? * * *)", "cron(0 * * * ? *)"],
    ["cron(0 0-23 ? * MON-SUN *)", "cron(0 * * * ? *)"],
    ["cron(0 12 * * ? *)", "cron(0 12 * * ? *)"],
    ["rate(1 hour)", "rate(1 hour)"],
  ])("%s → %s", (expr, want) => expect(canonicalSchedule(expr)).toBe(want));
});

describe("crawler check (client mock)", () => {
  it("normalises schedule whitespace and S3 paths, reads tags by crawler ARN", async () => {
    glue.on(GetCrawlerCommand).resolves({ Crawler: base });
    glue.on(GetTagsCommand).resolves({ Tags: { Enterprise: "Yes", Governance: "Enabled", StudentID: "7" } });
    glue.on(GetCrawlersCommand).resolves({ Crawlers: [base] });
    const f = await crawler.collect(ctx());
    expect(f.crawler).toMatchObject({
      exists: true,
      schedule: "cron(0 * * * ? *)",
      scheduleState: "SCHEDULED",
      s3Paths: ["s3://enterprise-datalake-7/landing/", "s3://enterprise-datalake-7/bronze/"],
      sampleSizes: [10, null],
      classifiers: ["custom-log-classifier-7"],
      tablePrefix: "tbl_",
      updateBehavior: "UPDATE_IN_DATABASE",
      deleteBehavior: "DEPRECATE_IN_DATABASE",
      recrawlBehavior: "CRAWL_EVERYTHING",
      securityConfiguration: "some-other-config",
      usesStudentSecurityConfig: false,
      configuration: { partitionsBehavior: "InheritFromTable" },
      tags: { Enterprise: "Yes", Governance: "Enabled", StudentID: "7" },
    });
    expect(glue.commandCalls(GetTagsCommand)[0]!.ResourceArn).toBe("arn:aws:glue:us-east-1:111122223333:crawler/enterprise-crawler-7");
  });

  it("a malformed Configuration does not throw: the parse error is a fact", async () => {
    glue.on(GetCrawlerCommand).resolves({ Crawler: { ...base, Configuration: '{"Version": 1.0,' } });
    glue.on(GetTagsCommand).resolves({ Tags: {} });
    glue.on(GetCrawlersCommand).resolves({ Crawlers: [] });
    const f = await crawler.collect(ctx());
    expect(f.crawler).toMatchObject({ exists: true, tablePrefix: "tbl_", configuration: { parseError: expect.stringMatching(/^invalid JSON/) } });
  });

  it("reading 1: one crawler into bronze_7 (a crawler has one database)", async () => {
    glue.on(GetCrawlerCommand).resolves({ Crawler: { ...base, DatabaseName: "bronze_7" } });
    glue.on(GetTagsCommand).resolves({ Tags: {} });
    glue.on(GetCrawlersCommand).resolves({ Crawlers: [{ ...base, DatabaseName: "bronze_7" }, { Name: "enterprise-crawler-77", DatabaseName: "landing_77" }] });
    const f = await crawler.collect(ctx());
    expect(f.targetDatabases).toEqual({
      main: "bronze_7",
      covered: ["bronze_7"],
      byCrawler: { bronze_7: "enterprise-crawler-7" },
      otherCrawlers: [],
      reading: "one crawler into bronze_7 (a crawler has a single target database)",
    });
  });

  it("reading 2: a second crawler of the student covers the other database (found across pages; other students ignored)", async () => {
    glue.on(GetCrawlerCommand).resolves({ Crawler: base });
    glue.on(GetTagsCommand).resolves({ Tags: {} });
    glue.on(GetCrawlersCommand, { NextToken: undefined }).resolves({ Crawlers: [base, { Name: "enterprise-crawler-s007", DatabaseName: "bronze_7" }], NextToken: "t1" });
    glue.on(GetCrawlersCommand, { NextToken: "t1" }).resolves({ Crawlers: [{ Name: "bronze-crawler-7", DatabaseName: "bronze_7" }] });
    const f = await crawler.collect(ctx());
    expect(f.targetDatabases).toMatchObject({
      main: "landing_7",
      covered: ["landing_7", "bronze_7"],
      byCrawler: { landing_7: "enterprise-crawler-7", bronze_7: "bronze-crawler-7" },
      otherCrawlers: [{ name: "bronze-crawler-7", database: "bronze_7" }],
      reading: "both databases: landing_7 by enterprise-crawler-7, bronze_7 by bronze-crawler-7",
    });
    expect(glue.commandCalls(GetCrawlersCommand)).toHaveLength(2);
  });

  it("a missing crawler lists similar names from every page of GetCrawlers", async () => {
    glue.on(GetCrawlerCommand).rejects(notFound());
    glue.on(GetTagsCommand).rejects(notFound());
    glue.on(GetCrawlersCommand, { NextToken: undefined }).resolves({ Crawlers: [{ Name: "other" }], NextToken: "t1" });
    glue.on(GetCrawlersCommand, { NextToken: "t1" }).resolves({ Crawlers: [{ Name: "Enterprise-Crawler-07" }] });
    const f = await crawler.collect(ctx());
    expect(f.crawler).toEqual({ name: "enterprise-crawler-7", exists: false, similar: ["Enterprise-Crawler-07"] });
    expect(f.targetDatabases).toMatchObject({ main: null, covered: [], reading: "no crawler" });
  });

  it("AccessDenied on GetCrawler is an error fact naming glue:GetCrawler, not a missing crawler", async () => {
    glue.on(GetCrawlerCommand).rejects(denied());
    glue.on(GetTagsCommand).resolves({ Tags: {} });
    glue.on(GetCrawlersCommand).resolves({ Crawlers: [] });
    const f = await crawler.collect(ctx());
    expect(f.crawler).toMatchObject({ $error: { action: "glue:GetCrawler", kind: "accessDenied" } });
    expect(f.targetDatabases).toMatchObject({ $error: { action: "glue:GetCrawler" } });
  });

  it("AccessDenied on the GetCrawlers listing: the crawler's own database is still read, the listing is an error fact", async () => {
    glue.on(GetCrawlerCommand).resolves({ Crawler: base });
    glue.on(GetTagsCommand).resolves({ Tags: {} });
    glue.on(GetCrawlersCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await crawler.collect(ctx());
    expect(f.targetDatabases).toMatchObject({ main: "landing_7", covered: ["landing_7"], otherCrawlers: { $error: { action: "glue:GetCrawlers", kind: "accessDenied" } } });
  });

  it("AccessDenied on GetTags leaves the other settings gradable", async () => {
    glue.on(GetCrawlerCommand).resolves({ Crawler: base });
    glue.on(GetTagsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    glue.on(GetCrawlersCommand).resolves({ Crawlers: [base] });
    const f = await crawler.collect(ctx());
    expect(f.crawler).toMatchObject({ tablePrefix: "tbl_", tags: { $error: { action: "glue:GetTags", kind: "accessDenied" } } });
  });
});

describe("crawler task graded from worlds", () => {
  it("a complete world passes every automatic criterion (two crawlers cover landing and bronze)", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["crawler"] });
    const s = statuses(r);
    expect(Object.entries(s).filter(([, v]) => v !== "manual").every(([, v]) => v === "pass")).toBe(true);
    expect(Object.keys(s)).toHaveLength(12);
    expect(s["crawler.configuration_review"]).toBe("manual");
    const target = r.tasks[0]!.criteria.find((c) => c.id === "target_database")!;
    expect(target.message).toContain("both databases: landing_42 by enterprise-crawler-42, bronze_42 by enterprise-crawler-bronze-42");
    expect(r.tasks[0]!.points).toBe(7.5);
  });

  it("the partial world fails exactly the planted mistakes (table prefix raw_, DeleteBehavior LOG)", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["crawler"] });
    const s = statuses(r);
    const failing = Object.entries(s).filter(([, v]) => v !== "pass" && v !== "manual");
    expect(Object.fromEntries(failing)).toEqual({ "crawler.table_prefix": "fail", "crawler.delete_behavior": "fail" });
    const c = (id: string) => r.tasks[0]!.criteria.find((x) => x.id === id)!;
    expect(c("table_prefix").message).toContain("found raw_");
    expect(c("delete_behavior").message).toContain("found LOG");
  });
});
