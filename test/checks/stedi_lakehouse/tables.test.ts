// Landing / trusted / curated checks against scripted Glue answers: database resolution (stedi_{student}, the plain
// `stedi` only when fair), table facts (lowercased columns, types, aliases), errors; counts only with runQueries.
import { beforeEach, describe, expect, it } from "vitest";
import { FakeAws } from "../../support/check-tester.js";
import { EntityNotFoundException, GetDatabaseCommand, GetDatabasesCommand, GetTablesCommand, GetTagsCommand, type Table } from "@aws-sdk/client-glue";
import { StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext } from "../../../src/grade/check.js";
import { landing } from "../../../checks/stedi_lakehouse/landing.js";
import { trusted } from "../../../checks/stedi_lakehouse/trusted.js";
import { curated } from "../../../checks/stedi_lakehouse/curated.js";
import { tableFacts } from "../../../checks/stedi_lakehouse/common.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const athena = aws.client("athena");
const names = { database: "stedi_7", plainDatabase: "stedi", glueRole: "my-glue-service-role" };
const ctx = (runQueries = false) => new CheckContext(new AwsSession({ region: "us-east-1", transport: aws.transport, maxAttempts: 1 }), "7", names, "111122223333", "aws", { runQueries });
const notFound = () => new EntityNotFoundException({ message: "Database not found.", $metadata: { httpStatusCode: 400 } });
const table = (Name: string, Location: string, cols: [string, string][]): Table => ({ Name, StorageDescriptor: { Location, Columns: cols.map(([n, t]) => ({ Name: n, Type: t })) } });

beforeEach(() => {
  aws.reset();
});

describe("table facts", () => {
  it.each([
    ["typed columns", [["customerName", "string"], ["registrationDate", "bigint"]], false],
    ["all strings", [["customerName", "string"], ["registrationDate", "string"]], true],
    ["varchar counts as a string", [["user", "varchar(20)"], ["x", "string"]], true],
  ] as const)("%s", (_t, cols, allStrings) => {
    const f = tableFacts("customer_landing", [table("customer_landing", "s3://b/customer/landing", cols as unknown as [string, string][])]);
    expect(f).toMatchObject({ exists: true, location: "s3://b/customer/landing/", allStrings, columns: cols.map(([n]) => n.toLowerCase()) });
  });

  it("accepts customers_curated for customer_curated, and names near misses", () => {
    expect(tableFacts("customer_curated", [table("customers_curated", "s3://b/customer/curated/", [])])).toMatchObject({ exists: true, table: "customers_curated" });
    expect(tableFacts("customer_trusted", [table("customer_trusted_v2", "s3://b/x/", [])])).toMatchObject({ exists: false });
    expect(tableFacts("customer_trusted", [table("Customer-Trusted", "s3://b/x/", [])])).toMatchObject({ exists: false, similar: ["Customer-Trusted"] });
  });

  it("partition keys are columns too", () => {
    const t: Table = { Name: "step_trainer_trusted", StorageDescriptor: { Location: "s3://b/step_trainer/trusted/", Columns: [{ Name: "serialNumber", Type: "string" }] }, PartitionKeys: [{ Name: "sensorReadingTime", Type: "bigint" }] };
    expect(tableFacts("step_trainer_trusted", [t])).toMatchObject({ columns: ["serialnumber", "sensorreadingtime"] });
  });
});

describe("zone checks (scripted answers)", () => {
  it("reads the tables of stedi_<student> across pages; counts are notRun without --run-queries and no query starts", async () => {
    glue.on(GetDatabaseCommand, { Name: "stedi_7" }).resolves({ Database: { Name: "stedi_7" } });
    glue.on(GetTablesCommand, { DatabaseName: "stedi_7", NextToken: undefined }).resolves({ TableList: [table("customer_landing", "s3://b/customer/landing/", [["email", "string"], ["shareWithResearchAsOfDate", "bigint"]])], NextToken: "t1" });
    glue.on(GetTablesCommand, { DatabaseName: "stedi_7", NextToken: "t1" }).resolves({ TableList: [table("accelerometer_landing", "s3://b/accelerometer/landing", [["x", "double"]])] });
    const f = await aws.collect(landing, ctx());
    expect(f.database).toMatchObject({ name: "stedi_7", exists: true, matchedBy: "name" });
    expect(f.customer_landing).toMatchObject({ exists: true, columns: ["email", "sharewithresearchasofdate"], allStrings: false });
    expect(f.accelerometer_landing).toMatchObject({ exists: true, location: "s3://b/accelerometer/landing/" });
    expect(f.step_trainer_landing).toMatchObject({ exists: false });
    expect(f.counts).toEqual({ notRun: "use --run-queries" });
    expect(f.withoutConsent).toEqual({ notRun: "use --run-queries" });
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it("uses the plain `stedi` when it is tagged for the student", async () => {
    glue.on(GetDatabaseCommand, { Name: "stedi_7" }).rejects(notFound());
    glue.on(GetDatabaseCommand, { Name: "stedi" }).resolves({ Database: { Name: "stedi" } });
    glue.on(GetDatabasesCommand).resolves({ DatabaseList: [{ Name: "stedi" }, { Name: "stedi_8" }] });
    glue.on(GetTagsCommand).resolves({ Tags: { StudentID: "7" } });
    glue.on(GetTablesCommand).resolves({ TableList: [] });
    const f = await aws.collect(trusted, ctx());
    expect(f.database).toMatchObject({ name: "stedi", exists: true, matchedBy: "plain-tagged" });
    expect(glue.commandCalls(GetTablesCommand)[0]!.DatabaseName).toBe("stedi");
  });

  it("uses the plain `stedi` in an account without other students' copies", async () => {
    glue.on(GetDatabaseCommand, { Name: "stedi_7" }).rejects(notFound());
    glue.on(GetDatabaseCommand, { Name: "stedi" }).resolves({ Database: { Name: "stedi" } });
    glue.on(GetDatabasesCommand).resolves({ DatabaseList: [{ Name: "stedi" }, { Name: "default" }] });
    glue.on(GetTagsCommand).resolves({ Tags: {} });
    glue.on(GetTablesCommand).resolves({ TableList: [] });
    expect((await aws.collect(curated, ctx())).database).toMatchObject({ name: "stedi", matchedBy: "plain-only-copy" });
  });

  it("does not use an untagged plain `stedi` in a shared account, and says why", async () => {
    glue.on(GetDatabaseCommand, { Name: "stedi_7" }).rejects(notFound());
    glue.on(GetDatabaseCommand, { Name: "stedi" }).resolves({ Database: { Name: "stedi" } });
    glue.on(GetDatabasesCommand).resolves({ DatabaseList: [{ Name: "stedi" }, { Name: "stedi_8" }, { Name: "Stedi_07" }] });
    glue.on(GetTagsCommand).resolves({ Tags: {} });
    const f = await aws.collect(curated, ctx());
    expect(f.database).toMatchObject({ name: "stedi_7", exists: false, similar: ["Stedi_07"] });
    expect((f.database as { plainNote: string }).plainNote).toContain("stedi_8");
    expect(f.customer_curated).toMatchObject({ exists: false, reason: "no database" });
    expect(glue.commandCalls(GetTablesCommand)).toHaveLength(0);
  });

  it("AccessDenied on GetTables stands as the error of every table", async () => {
    glue.on(GetDatabaseCommand).resolves({ Database: { Name: "stedi_7" } });
    glue.on(GetTablesCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await aws.collect(trusted, ctx());
    expect(f.customer_trusted).toMatchObject({ $error: { action: "glue:GetTables", kind: "accessDenied" } });
  });
});
