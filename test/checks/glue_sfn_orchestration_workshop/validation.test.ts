// Task 7 check (scripted account): executions, query history on both databases, counts only behind --run-queries (never a query started), job log streams.
import { beforeEach, describe, expect, it } from "vitest";
import { GetQueryResultsCommand, ListQueryExecutionsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { NOT_RUN, validation } from "../../../checks/glue_sfn_orchestration_workshop/validation.js";
import { completeWorld } from "../../support/world/assessments/workshop.js";
import { collect, mockWorld, mocks, sdkError } from "./mock-world.js";

describe("validation check", () => {
  beforeEach(() => mockWorld(completeWorld("42")));

  it("counts SUCCEEDED executions and queries per database; counts are not run without --run-queries", async () => {
    const f = await collect(validation);
    expect(f.executions).toMatchObject({ succeeded: 1, recent: [{ name: "run-2", status: "SUCCEEDED" }, { name: "run-1", status: "FAILED" }] });
    expect(mocks.sfn.commandCalls(ListExecutionsCommand)[0]!).toMatchObject({ statusFilter: "SUCCEEDED" });
    expect(f.queries).toMatchObject({ raw: { succeeded: 2 }, processed: { succeeded: 1 } });
    expect(f.counts).toBe(NOT_RUN);
    expect(mocks.athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
    expect(f.jobLogs).toEqual([
      { job: "raw-ingest-job", runId: "jr_raw-ingest-job_2", logGroup: "/aws-glue/jobs", streams: ["/aws-glue/jobs/output/jr_raw-ingest-job_2", "/aws-glue/jobs/error/jr_raw-ingest-job_2"] },
      { job: "raw-to-processed-etl", runId: "jr_raw-to-processed-etl_2", logGroup: "/aws-glue/jobs", streams: ["/aws-glue/jobs/output/jr_raw-to-processed-etl_2", "/aws-glue/jobs/error/jr_raw-to-processed-etl_2"] },
    ]);
  });

  it("with --run-queries, reads the results of the student's own COUNT queries and starts none", async () => {
    const f = await collect(validation, "42", { runQueries: true });
    expect(f.counts).toEqual({
      raw: { query: "SELECT COUNT(*) FROM workshop_raw.customers", id: "q-42-2", value: 150 },
      processed: { query: "SELECT COUNT(*) FROM workshop_processed.customers_clean", id: "q-42-4", value: 120 },
    });
    expect(mocks.athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it("sample queries run in primary count when the state machine (or --athena-workgroup) names another workgroup", async () => {
    const f = await collect(validation, "42", { athenaWorkgroup: "analytics" });
    expect(f.queries).toMatchObject({ workGroups: ["analytics", "primary"], raw: { succeeded: 2 }, processed: { succeeded: 1 } });
  });

  it("a layer without queries while a workgroup could not be read is an error, not a fail", async () => {
    mocks.athena.on(ListQueryExecutionsCommand, { WorkGroup: "primary" }).rejects(sdkError("AccessDeniedException"));
    const f = await collect(validation, "42", { athenaWorkgroup: "analytics" });
    expect(f.queries).toMatchObject({ $error: { action: "athena:ListQueryExecutions", kind: "accessDenied" } });
  });

  it("ListExecutions denied → executions ErrorFact", async () => {
    mocks.sfn.on(ListExecutionsCommand).rejects(sdkError("AccessDeniedException"));
    const f = await collect(validation);
    expect(f.executions).toMatchObject({ $error: { action: "states:ListExecutions" } });
  });
});
