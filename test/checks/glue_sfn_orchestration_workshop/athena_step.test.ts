// Task 5 check (scripted account): Athena tasks of the state machine and the query history (paginated, batched, never a query started).
import { beforeEach, describe, expect, it } from "vitest";
import { BatchGetQueryExecutionCommand, ListQueryExecutionsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { athenaStep } from "../../../checks/glue_sfn_orchestration_workshop/athena_step.js";
import { mentionsDatabase } from "../../../checks/glue_sfn_orchestration_workshop/discover.js";
import { completeWorld } from "../../support/world/assessments/workshop.js";
import { collect, mockWorld, mocks, sdkError } from "./mock-world.js";

describe("athena_step check", () => {
  beforeEach(() => mockWorld(completeWorld("42")));

  it("reports the .sync Athena task on workshop_processed and SUCCEEDED queries on it from the history", async () => {
    const f = await collect(athenaStep);
    expect(f.athenaTasks).toEqual([
      { state: "QueryProcessed", sync: true, resource: "arn:aws:states:::athena:startQueryExecution.sync", queryString: "SELECT COUNT(*) FROM workshop_processed.customers_clean", database: null, referencesProcessed: true, onMainPath: true },
    ]);
    expect(f.history).toMatchObject({ workGroups: ["primary"], succeededOnProcessed: 1, examples: [{ id: "q-42-4" }] });
    const list = mocks.athena.commandCalls(ListQueryExecutionsCommand);
    expect(list[0]!).toEqual({ MaxResults: 50, WorkGroup: "primary" });
    expect(list.length).toBe(4); // at most four pages
    expect(mocks.athena.commandCalls(BatchGetQueryExecutionCommand).length).toBe(1);
    expect(mocks.athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it("--athena-workgroup is read first, and primary (the console's default) as well: queries run there still count", async () => {
    const f = await collect(athenaStep, "42", { athenaWorkgroup: "labs" });
    expect(mocks.athena.commandCalls(ListQueryExecutionsCommand)[0]!).toMatchObject({ WorkGroup: "labs" });
    expect(f.history).toMatchObject({ workGroups: ["labs", "primary"], succeededOnProcessed: 1 });
  });

  it("a workgroup that does not exist (InvalidRequestException) is skipped; one that cannot be read only matters when nothing was found", async () => {
    mocks.athena.on(ListQueryExecutionsCommand, { WorkGroup: "gone" }).rejects(sdkError("InvalidRequestException", 400, "WorkGroup gone is not found."));
    expect((await collect(athenaStep, "42", { athenaWorkgroup: "gone" })).history).toMatchObject({ workGroups: ["primary"], succeededOnProcessed: 1 });
    mocks.athena.on(ListQueryExecutionsCommand, { WorkGroup: "locked" }).rejects(sdkError("AccessDeniedException"));
    expect((await collect(athenaStep, "42", { athenaWorkgroup: "locked" })).history).toMatchObject({ workGroups: ["primary"], succeededOnProcessed: 1 });
  });

  it("history denied → history ErrorFact, the tasks still reported", async () => {
    mocks.athena.on(ListQueryExecutionsCommand).rejects(sdkError("AccessDeniedException"));
    const f = await collect(athenaStep);
    expect(f.history).toMatchObject({ $error: { action: "athena:ListQueryExecutions" } });
    expect(f.athenaTasks).toHaveLength(1);
  });

  it.each([
    ["SELECT COUNT(*) FROM workshop_processed.t", true],
    ['SELECT * FROM "workshop_processed"."t"', true],
    ["select * from WORKSHOP_PROCESSED.t", true],
    ["SELECT * FROM workshop_processed_backup.t", false],
    ["SELECT * FROM my_workshop_processed.t", false],
    ["SELECT * FROM workshop_processed_42.t", true],
  ])("mentionsDatabase(%s) = %s", (sql, want) => {
    expect(mentionsDatabase(sql, ["workshop_processed", "workshop_processed_42"])).toBe(want);
  });
});
