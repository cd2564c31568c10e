// Task 2 check: facts from scripted Glue answers (FakeAws), and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GetDatabaseCommand, GetDatabasesCommand, GetDataCatalogEncryptionSettingsCommand, GetTagsCommand, EntityNotFoundException } from "@aws-sdk/client-glue";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { databases, databasesFactsSchema } from "../../../checks/glue_hard/databases.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const names = { landingDb: "landing_7", bronzeDb: "bronze_7", silverDb: "silver_7", goldDb: "gold_7" };
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");
/** The facts collected from the scripted account, held to the declared schema. */
const collect = async (c = ctx()) => {
  const f = await databases.collect(c);
  databasesFactsSchema.parse(f);
  return f;
};
const notFound = () => new EntityNotFoundException({ message: "Database not found.", $metadata: { httpStatusCode: 400 } });

beforeEach(() => {
  aws.reset();
});

// a read the test did not script would pass silently as an ErrorFact
afterEach(() => {
  expect(aws.unscripted).toEqual([]);
});

describe("databases check (scripted answers)", () => {
  it("reads location, tags and catalog encryption", async () => {
    glue.on(GetDatabaseCommand).callsFake(({ Name = "" }) => ({ Database: { Name, LocationUri: `s3://enterprise-datalake-7/${Name.split("_")[0]}` } }));
    glue.on(GetTagsCommand).resolves({ Tags: { Architecture: "Medallion" } });
    glue.on(GetDataCatalogEncryptionSettingsCommand).resolves({ DataCatalogEncryptionSettings: { EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS", SseAwsKmsKeyId: "k" } } });
    const f = await collect();
    expect(f.landing).toMatchObject({ exists: true, location: "s3://enterprise-datalake-7/landing/", tags: { Architecture: "Medallion" } });
    expect(f.catalogEncryption).toEqual({ mode: "SSE-KMS", kmsKeyId: "k" });
    expect(glue.commandCalls(GetTagsCommand)[0]!.ResourceArn).toBe("arn:aws:glue:us-east-1:111122223333:database/landing_7");
  });

  it("a missing database lists similar names across every page", async () => {
    glue.on(GetDatabaseCommand).rejects(notFound());
    glue.on(GetDatabasesCommand, { NextToken: undefined }).resolves({ DatabaseList: [{ Name: "other_1" }], NextToken: "t1" });
    glue.on(GetDatabasesCommand, { NextToken: "t1" }).resolves({ DatabaseList: [{ Name: "Landing_07" }, { Name: "gold_007" }] });
    glue.on(GetDataCatalogEncryptionSettingsCommand).resolves({});
    const f = await collect();
    expect(f.landing).toEqual({ name: "landing_7", exists: false, similar: ["Landing_07"] });
    expect(f.gold).toEqual({ name: "gold_7", exists: false, similar: ["gold_007"] });
    expect(f.catalogEncryption).toMatchObject({ mode: "DISABLED" });
    expect(glue.commandCalls(GetDatabasesCommand)).toHaveLength(2);
  });

  it("AccessDenied becomes an error fact naming the IAM action, not a missing database", async () => {
    glue.on(GetDatabaseCommand).rejects(Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    glue.on(GetDataCatalogEncryptionSettingsCommand).resolves({});
    const f = await collect();
    expect(f.silver).toMatchObject({ $error: { action: "glue:GetDatabase", kind: "accessDenied" } });
  });
});

describe("databases task graded from worlds", () => {
  it("a complete world passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["databases"] });
    expect(Object.values(statuses(r))).toEqual(Array(10).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails exactly the planted mistakes", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["databases"] });
    const s = statuses(r);
    expect(s).toMatchObject({
      "databases.gold_exists": "fail",
      "databases.gold_location": "skipped",
      "databases.silver_location": "fail",
      "databases.tags": "skipped",
      "databases.catalog_encryption": "fail",
      "databases.landing_location": "pass",
      "databases.bronze_exists": "pass",
    });
    const gold = r.tasks[0]!.criteria.find((c) => c.id === "gold_exists")!;
    expect(gold.message).toContain("a similar name exists: gold_042");
  });
});
