// Athena counts behind --run-queries (scripted answers): start, poll through states, read the number after the header row;
// failures are facts, time-outs and refusals are errors; the consent query only when the column exists.
import { beforeEach, describe, expect, it } from "vitest";
import { FakeAws } from "../../support/check-tester.js";
import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { GetDatabaseCommand, GetTablesCommand } from "@aws-sdk/client-glue";
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext, type CheckOptions } from "../../../src/grade/check.js";
import { athenaTiming, countSql, noConsentSql, quoteIdent, runCount } from "../../../checks/stedi_lakehouse/athena.js";
import { landing } from "../../../checks/stedi_lakehouse/landing.js";

const aws = new FakeAws();
const athena = aws.client("athena");
const glue = aws.client("glue");
const names = { database: "stedi_7", plainDatabase: "stedi" };
const ctx = (options: CheckOptions = { runQueries: true }, allow = true) =>
  new CheckContext(new AwsSession({ region: "us-east-1", transport: aws.transport, maxAttempts: 1, ...(allow ? { allowedWrites: ["athena:StartQueryExecution"] } : {}) }), "7", names, "111122223333", "aws", options);
const result = (n: string) => ({ ResultSet: { Rows: [{ Data: [{ VarCharValue: "_col0" }] }, { Data: [{ VarCharValue: n }] }] } });

beforeEach(() => {
  aws.reset();
  Object.assign(athenaTiming, { firstPollMs: 1, maxPollMs: 2, deadlineMs: 120_000 });
});

describe("runCount", () => {
  it("polls QUEUED → RUNNING → SUCCEEDED (fresh answers, not the memo) and reads the row after the header", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q1" });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { Status: { State: "QUEUED" } } })
      .resolvesOnce({ QueryExecution: { Status: { State: "RUNNING" } } })
      .resolves({ QueryExecution: { Status: { State: "SUCCEEDED" } } });
    athena.on(GetQueryResultsCommand).resolves(result("956"));
    const c = ctx({ runQueries: true, athenaWorkgroup: "wg", athenaOutput: "s3://out/" });
    expect(await runCount(c, "stedi_7", countSql("stedi_7", "customer_landing"))).toBe(956);
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]!).toMatchObject({
      QueryString: 'SELECT COUNT(*) FROM "stedi_7"."customer_landing"',
      QueryExecutionContext: { Database: "stedi_7", Catalog: "AwsDataCatalog" },
      WorkGroup: "wg",
      ResultConfiguration: { OutputLocation: "s3://out/" },
    });
  });

  it("a FAILED query is a fact with Athena's reason (the student's data), not an error", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q1" });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: "FAILED", StateChangeReason: "HIVE_BAD_DATA: bad json", AthenaError: { ErrorMessage: "HIVE_BAD_DATA: bad json" } } } });
    expect(await runCount(ctx(), "stedi_7", "SELECT COUNT(*) FROM x")).toEqual({ failed: "HIVE_BAD_DATA: bad json", state: "FAILED" });
  });

  it("a query still running at the deadline is a timeout error", async () => {
    athenaTiming.deadlineMs = 5;
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q1" });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: "RUNNING" } } });
    expect(await runCount(ctx(), "stedi_7", "SELECT COUNT(*) FROM x")).toMatchObject({ $error: { action: "athena:GetQueryExecution", kind: "timeout" } });
  });

  it("no number in the result is a failure fact", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q1" });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: "SUCCEEDED" } } });
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { Rows: [{ Data: [{ VarCharValue: "_col0" }] }] } });
    expect(await runCount(ctx(), "stedi_7", "SELECT COUNT(*) FROM x")).toMatchObject({ failed: expect.stringContaining("no number") });
  });

  it("InvalidRequestException (no output location) and a session without the write permission are errors; the latter sends nothing", async () => {
    athena.on(StartQueryExecutionCommand).rejects(Object.assign(new Error("No output location provided."), { name: "InvalidRequestException", $metadata: { httpStatusCode: 400 } }));
    expect(await runCount(ctx(), "stedi_7", "SELECT COUNT(*) FROM x")).toMatchObject({ $error: { action: "athena:StartQueryExecution", message: expect.stringContaining("No output location") } });
    athena.reset();
    expect(await runCount(ctx({ runQueries: true }, false), "stedi_7", "SELECT COUNT(*) FROM x")).toMatchObject({ $error: { action: "athena:StartQueryExecution", kind: "readOnly" } });
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it("quotes identifiers and treats null, empty and 0 as no consent", () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(noConsentSql("stedi_7", "customer_trusted", "sharewithresearchasofdate")).toBe(
      `SELECT COUNT(*) FROM "stedi_7"."customer_trusted" WHERE "sharewithresearchasofdate" IS NULL OR TRIM(CAST("sharewithresearchasofdate" AS varchar)) IN ('', '0')`,
    );
  });
});

describe("zone counts with --run-queries", () => {
  it("counts each table found; the consent query needs the column, a missing table has no count", async () => {
    glue.on(GetDatabaseCommand).resolves({ Database: { Name: "stedi_7" } });
    glue.on(GetTablesCommand).resolves({
      TableList: [
        { Name: "customer_landing", StorageDescriptor: { Location: "s3://b/customer/landing/", Columns: [{ Name: "email", Type: "string" }] } },
        { Name: "accelerometer_landing", StorageDescriptor: { Location: "s3://b/accelerometer/landing/", Columns: [{ Name: "x", Type: "double" }] } },
      ],
    });
    let n = 0;
    athena.on(StartQueryExecutionCommand).callsFake(() => ({ QueryExecutionId: `q${++n}` }));
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: "SUCCEEDED" } } });
    athena.on(GetQueryResultsCommand, { QueryExecutionId: "q1", MaxResults: 10 }).resolves(result("956"));
    athena.on(GetQueryResultsCommand, { QueryExecutionId: "q2", MaxResults: 10 }).resolves(result("81273"));
    const f = await aws.collect(landing, ctx(), { runQueries: true });
    expect(f.counts).toEqual({ customer_landing: 956, accelerometer_landing: 81273, step_trainer_landing: null });
    expect(f.withoutConsent).toEqual({ noColumn: "shareWithResearchAsOfDate" });
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(2);
  });
});
