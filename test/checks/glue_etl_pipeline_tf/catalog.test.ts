// catalog (glue_etl_pipeline_tf): facts from scripted Glue answers, and the task graded against the Terraform worlds.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { GetCrawlerCommand, GetDatabaseCommand, GetDatabasesCommand, ListCrawlersCommand, type Crawler } from "@aws-sdk/client-glue";
import { catalog, schemaChangeWords } from "../../../checks/glue_etl_pipeline_tf/catalog.js";
import { crawlerSettings, parseCrawlerConfiguration } from "../../../checks/shared/glue-crawlers.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/tf/index.js";
import { statuses } from "../../support/grade-world.js";
import { accessDenied, aws, ctx, grade, messageOf, N, notFound, notPassing } from "./helpers.js";

const glue = aws.client("glue");

function crawler(name: string, bucket: string, extra: Partial<Crawler> = {}): Crawler {
  return {
    Name: name,
    DatabaseName: N.database,
    Targets: { S3Targets: [{ Path: `s3://${bucket}/data` }] },
    SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "LOG" },
    RecrawlPolicy: { RecrawlBehavior: "CRAWL_EVERYTHING" },
    LineageConfiguration: { CrawlerLineageSettings: "ENABLE" },
    CrawlerSecurityConfiguration: N.securityConfig,
    Schedule: { ScheduleExpression: "cron(0 */12 * * ? *)", State: "SCHEDULED" },
    State: "READY",
    LastCrawl: { Status: "SUCCEEDED" },
    ...extra,
  };
}

function compliant() {
  glue.on(GetDatabaseCommand, { Name: N.database }).resolves({ Database: { Name: N.database } });
  glue.on(GetCrawlerCommand).rejects(notFound("Crawler"));
  glue.on(GetCrawlerCommand, { Name: N.rawCrawler }).resolves({ Crawler: crawler(N.rawCrawler, N.rawBucket) });
  glue.on(GetCrawlerCommand, { Name: N.processedCrawler }).resolves({ Crawler: crawler(N.processedCrawler, N.processedBucket) });
}

beforeEach(() => {
  aws.reset();
});

describe("catalog check (scripted answers)", () => {
  it("reads the database and both crawlers into per-crawler maps; the absent curated crawler is not required", async () => {
    compliant();
    const f = await aws.collect(catalog, ctx());
    expect(f.database).toEqual({ name: N.database, exists: true, spelling: "template", locationUri: null });
    expect(f.missing).toEqual([]);
    expect(f.databaseName).toEqual({ raw: N.database, processed: N.database });
    // Paths get one trailing slash.
    expect(f.targets).toEqual({ raw: [`s3://${N.rawBucket}/data/`], processed: [`s3://${N.processedBucket}/data/`] });
    expect(f.schemaChange).toEqual({ raw: "UPDATE_IN_DATABASE / LOG", processed: "UPDATE_IN_DATABASE / LOG" });
    expect(f.lineage).toEqual({ raw: "ENABLE", processed: "ENABLE" });
    expect(f.securityConfiguration).toEqual({ raw: N.securityConfig, processed: N.securityConfig });
    expect(f.lastCrawl).toEqual({ raw: "SUCCEEDED", processed: "SUCCEEDED" });
    expect(f.curatedCrawler).toBe("absent (not required)");
    expect(glue.commandCalls(ListCrawlersCommand)).toHaveLength(0);
  });

  it("the underscore spelling is accepted (and reported); crawlers writing to it count", async () => {
    compliant();
    const underscored = N.database.replace(/-/g, "_");
    glue.on(GetDatabaseCommand, { Name: N.database }).rejects(notFound("Database"));
    glue.on(GetDatabaseCommand, { Name: underscored }).resolves({ Database: { Name: underscored } });
    glue.on(GetCrawlerCommand, { Name: N.rawCrawler }).resolves({ Crawler: crawler(N.rawCrawler, N.rawBucket, { DatabaseName: underscored }) });
    const f = await aws.collect(catalog, ctx());
    expect(f.database).toEqual({ name: underscored, exists: true, spelling: "underscores", locationUri: null });
    expect(f.writesToDatabase).toEqual({ raw: true, processed: false });
  });

  it("a missing database gets near-miss names, other students' databases left out", async () => {
    compliant();
    glue.on(GetDatabaseCommand).rejects(notFound("Database"));
    glue.on(GetDatabaseCommand, { Name: N.database }).rejects(notFound("Database"));
    glue.on(GetDatabasesCommand, { NextToken: undefined }).resolves({ DatabaseList: [{ Name: "glue-etl-pipeline-7-dev-catalog" }], NextToken: "p2" });
    glue.on(GetDatabasesCommand, { NextToken: "p2" }).resolves({ DatabaseList: [{ Name: "glue-etl-pipeline-s002_dev_catalog" }] });
    const f = await aws.collect(catalog, ctx());
    expect(f.database).toEqual({ name: N.database, exists: false, similar: ["glue-etl-pipeline-7-dev-catalog"] });
  });

  it("a missing crawler is listed once, with near misses from ListCrawlers", async () => {
    compliant();
    glue.on(GetCrawlerCommand, { Name: N.processedCrawler }).rejects(notFound("Crawler"));
    glue.on(ListCrawlersCommand).resolves({ CrawlerNames: [N.rawCrawler, `${N.p}-processed-crawler`, `${N.p}-processeddata-crawler`] });
    const f = await aws.collect(catalog, ctx());
    expect(f.missing).toEqual([`processed: ${N.processedCrawler}`]);
    expect(f.similar).toEqual([`${N.p}-processeddata-crawler`]);
    expect(Object.keys(f.schemaChange as object)).toEqual(["raw"]);
  });

  it("the storage module's variant (no lineage, no security configuration, no recrawl policy) reads as such", async () => {
    compliant();
    glue.on(GetCrawlerCommand, { Name: N.rawCrawler }).resolves({
      Crawler: crawler(N.rawCrawler, N.rawBucket, { Targets: { S3Targets: [{ Path: `s3://${N.rawBucket}/data/incoming/` }] }, LineageConfiguration: undefined, CrawlerSecurityConfiguration: "", RecrawlPolicy: undefined, LastCrawl: undefined }),
    });
    glue.on(GetCrawlerCommand, { Name: N.curatedCrawler }).resolves({ Crawler: crawler(N.curatedCrawler, N.curatedBucket) });
    const f = await aws.collect(catalog, ctx());
    expect(f.lineage).toEqual({ raw: null, processed: "ENABLE" });
    expect(f.securityConfiguration).toEqual({ raw: null, processed: N.securityConfig });
    expect(f.recrawl).toEqual({ raw: null, processed: "CRAWL_EVERYTHING" });
    expect(f.lastCrawl).toEqual({ raw: null, processed: "SUCCEEDED" });
    expect(f.curatedCrawler).toBe("present (not graded: only the storage module creates it)");
    expect(Object.keys(f.targets as object)).toEqual(["raw", "processed"]);
  });

  it("AccessDenied on glue:GetCrawler is an ErrorFact where the crawlers would be", async () => {
    compliant();
    glue.on(GetCrawlerCommand, { Name: N.rawCrawler }).rejects(accessDenied("glue:GetCrawler"));
    const f = await aws.collect(catalog, ctx());
    expect(f.crawlers).toMatchObject({ $error: { action: "glue:GetCrawler", kind: "accessDenied" } });
    expect(f.missing).toMatchObject({ $error: { action: "glue:GetCrawler" } });
    expect(f.database).toMatchObject({ exists: true });
  });

  it.each<[Crawler["SchemaChangePolicy"], string]>([
    [{ UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "LOG" }, "UPDATE_IN_DATABASE / LOG"],
    [{ UpdateBehavior: "LOG", DeleteBehavior: "DEPRECATE_IN_DATABASE" }, "LOG / DEPRECATE_IN_DATABASE"],
    [undefined, "unset / unset"],
  ])("schema change policy %j reads %s", (policy, words) => {
    expect(schemaChangeWords({ SchemaChangePolicy: policy })).toBe(words);
  });
});

describe("catalog graded against the Terraform worlds", () => {
  it("a complete deployment passes every catalog criterion", async () => {
    const r = await grade(completeWorld("42"), "catalog");
    expect(notPassing(r)).toEqual({});
    expect(r.tasks[0]!.points).toBe(12);
  });

  it("the partial deployment fails exactly its planted catalog mistakes, naming them", async () => {
    const r = await grade(partialWorld("42"), "catalog");
    expect(notPassing(r)).toEqual({ "catalog.database_exists": "fail", "catalog.crawler_database": "skipped", "catalog.schema_change": "fail", "catalog.lineage": "fail" });
    expect(messageOf(r, "catalog.database_exists")).toContain("a similar name exists: glue-etl-pipeline-42-dev-catalog");
    expect(messageOf(r, "catalog.schema_change")).toContain("found processed: LOG / LOG");
    expect(messageOf(r, "catalog.lineage")).toContain("found raw: DISABLE");
  });

  it("--env prod grades the prod names: a dev-only deployment has no prod database or crawlers", async () => {
    const r = await grade(completeWorld("42"), "catalog", { env: "prod" });
    expect(statuses(r)).toMatchObject({ "catalog.database_exists": "fail", "catalog.crawlers_exist": "fail", "catalog.lineage": "skipped" });
    expect(messageOf(r, "catalog.crawlers_exist")).toContain("glue-etl-pipeline-42-prod-raw-data-crawler");
  });
});

describe("shared crawler settings (checks/shared/glue-crawlers.ts)", () => {
  it("the assessment's modules import only their own files, checks/shared and src (never another assessment's checks)", () => {
    const dir = fileURLToPath(new URL("../../../checks/glue_etl_pipeline_tf/", import.meta.url));
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".ts"))) {
      const imports = [...readFileSync(join(dir, f), "utf8").matchAll(/from "(\.\.\/[^"]+)"/g)].map((m) => m[1]!);
      expect(imports.filter((i) => !i.startsWith("../shared/") && !i.startsWith("../../src/")), f).toEqual([]);
    }
  });

  it("normalises paths and schedule, and parses the Configuration JSON defensively", () => {
    const c = crawler(N.rawCrawler, N.rawBucket, { Schedule: { ScheduleExpression: "cron(0  */12 * * ? *)" }, Configuration: '{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}' });
    expect(crawlerSettings(c, N.securityConfig)).toMatchObject({
      s3Paths: [`s3://${N.rawBucket}/data/`],
      schedule: "cron(0 */12 * * ? *)",
      usesStudentSecurityConfig: true,
      configuration: { partitionsBehavior: "InheritFromTable", keys: ["Version", "CrawlerOutput.Partitions.AddOrUpdateBehavior"] },
    });
    expect(parseCrawlerConfiguration("{not json")).toMatchObject({ keys: [], parseError: expect.stringContaining("invalid JSON") });
    expect(parseCrawlerConfiguration(undefined)).toBeNull();
  });
});
