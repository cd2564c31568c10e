// orchestration (glue_etl_pipeline_tf): facts from scripted Glue answers (workflow graph, triggers, runs), schedule
// validity, and the Terraform worlds graded end to end (complete, partial, staging and prod copies).
import { beforeEach, describe, expect, it } from "vitest";
import { GetTriggerCommand, GetWorkflowCommand, GetWorkflowRunsCommand, ListTriggersCommand, ListWorkflowsCommand, type GetTriggerRequest, type Trigger, type WorkflowRun } from "@aws-sdk/client-glue";
import { orchestration } from "../../../checks/glue_etl_pipeline_tf/orchestration.js";
import { isValidSchedule } from "../../../checks/shared/cron.js";
import { completeWorld, partialWorld, emptyWorld } from "../../support/world/assessments/tf/index.js";
import { accessDenied, aws, ctx, grade, messageOf, N, notPassing, sdkError } from "./helpers.js";

const glue = aws.client("glue");
const T = (min: number) => new Date(Date.UTC(2026, 10, 10, 8, min));

const triggers: Record<string, Trigger> = {
  [N.startTrigger]: { Name: N.startTrigger, WorkflowName: N.workflow, Type: "ON_DEMAND", State: "CREATED", Actions: [{ CrawlerName: N.rawCrawler }] },
  [N.ingestionTrigger]: {
    Name: N.ingestionTrigger, WorkflowName: N.workflow, Type: "CONDITIONAL", State: "ACTIVATED",
    Predicate: { Logical: "AND", Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: N.rawCrawler, CrawlState: "SUCCEEDED" }] }, Actions: [{ JobName: N.ingestionJob }],
  },
  [N.processingTrigger]: {
    Name: N.processingTrigger, WorkflowName: N.workflow, Type: "CONDITIONAL", State: "CREATED",
    Predicate: { Logical: "AND", Conditions: [{ LogicalOperator: "EQUALS", JobName: N.ingestionJob, State: "SUCCEEDED" }] }, Actions: [{ JobName: N.processingJob }],
  },
  [N.qualityTrigger]: {
    Name: N.qualityTrigger, WorkflowName: N.workflow, Type: "CONDITIONAL", State: "ACTIVATED",
    Predicate: { Logical: "AND", Conditions: [{ LogicalOperator: "EQUALS", JobName: N.processingJob, State: "SUCCEEDED" }] }, Actions: [{ JobName: N.qualityJob }],
  },
};

function typical() {
  glue.on(GetWorkflowCommand).resolves({ Workflow: { Name: N.workflow, MaxConcurrentRuns: 1, Graph: { Nodes: [{ Type: "TRIGGER", Name: N.startTrigger, UniqueId: "u1" }, { Type: "CRAWLER", Name: N.rawCrawler, UniqueId: "u2" }, { Type: "JOB", Name: N.ingestionJob, UniqueId: "u3" }], Edges: [{ SourceId: "u1", DestinationId: "u2" }] } } });
  glue.on(GetTriggerCommand).callsFake((i: GetTriggerRequest) => {
    const t = triggers[i.Name!];
    if (!t) throw sdkError("EntityNotFoundException", 400, `Trigger ${i.Name} not found`);
    return { Trigger: t };
  });
  // Two pages, oldest first on purpose: the check sorts by StartedOn.
  glue.on(GetWorkflowRunsCommand, { Name: N.workflow, IncludeGraph: false, NextToken: undefined }).resolves({
    Runs: [{ WorkflowRunId: "wr_1", Status: "COMPLETED", StartedOn: T(0), CompletedOn: T(40), Statistics: { TotalActions: 4, SucceededActions: 3, FailedActions: 1, TimeoutActions: 0, StoppedActions: 0 } }],
    NextToken: "n",
  });
  glue.on(GetWorkflowRunsCommand, { Name: N.workflow, IncludeGraph: false, NextToken: "n" }).resolves({
    Runs: [
      { WorkflowRunId: "wr_2", Status: "COMPLETED", StartedOn: T(50), CompletedOn: T(59), Statistics: { TotalActions: 4, SucceededActions: 4, FailedActions: 0, TimeoutActions: 0, StoppedActions: 0 } },
      { WorkflowRunId: "wr_3", Status: "RUNNING", StartedOn: T(58), Statistics: { TotalActions: 4, RunningActions: 1 } },
    ],
  });
}

beforeEach(() => {
  aws.reset();
});

describe("orchestration check (scripted answers)", () => {
  it("reads the workflow, what each trigger waits for and starts, and the runs newest first across pages", async () => {
    typical();
    const f = await aws.collect(orchestration, ctx());
    expect(f.workflow).toMatchObject({ name: N.workflow, exists: true, maxConcurrentRuns: 1, triggers: [N.startTrigger], crawlers: [N.rawCrawler], jobs: [N.ingestionJob] });
    expect(f.startTrigger).toMatchObject({ type: "ON_DEMAND", state: "CREATED", workflow: N.workflow, waitsFor: [], starts: [`crawler:${N.rawCrawler}`], schedule: null, scheduleValid: null });
    expect(f.ingestionTrigger).toMatchObject({ type: "CONDITIONAL", waitsFor: [`crawler:${N.rawCrawler} SUCCEEDED`], starts: [`job:${N.ingestionJob}`] });
    expect(f.processingTrigger).toMatchObject({ waitsFor: [`job:${N.ingestionJob} SUCCEEDED`], starts: [`job:${N.processingJob}`] });
    // An ON_DEMAND trigger is never activated; the CREATED conditional one is listed.
    expect(f.notActivated).toEqual([`${N.processingTrigger} (CONDITIONAL, CREATED)`]);
    const runs = f.runs as { statuses: string[]; completed: number; successful: number; latest: { id: string }; completedRuns: { id: string; failedActions: number }[] };
    expect(runs.statuses).toEqual(["RUNNING", "COMPLETED", "COMPLETED"]);
    expect(runs).toMatchObject({ completed: 2, successful: 1, latest: { id: "wr_3", status: "RUNNING" } });
    expect(runs.completedRuns.map((r) => [r.id, r.failedActions])).toEqual([["wr_2", 0], ["wr_1", 1]]);
    // The workflow is read with its graph.
    expect(glue.commandCalls(GetWorkflowCommand)[0]!).toEqual({ Name: N.workflow, IncludeGraph: true });
  });

  it("runs are read for at most 20 pages; completed counts every run read, not only the 10 newest", async () => {
    typical();
    let n = 0;
    // An endless history: 12 STOPPED/ERROR runs a page, newest first, and one COMPLETED run on the third page.
    glue.on(GetWorkflowRunsCommand, { Name: N.workflow }).callsFake((i) => {
      const pageNo = n++;
      const runs: WorkflowRun[] = Array.from({ length: 12 }, (_, k) => ({ WorkflowRunId: `wr_${pageNo}_${k}`, Status: k % 2 ? "STOPPED" : "ERROR", StartedOn: T(600 - pageNo * 20 - k), Statistics: { TotalActions: 4, StoppedActions: 1 } }) as WorkflowRun);
      if (pageNo === 2) runs.push({ WorkflowRunId: "wr_done", Status: "COMPLETED", StartedOn: T(0), Statistics: { TotalActions: 4, SucceededActions: 4, FailedActions: 0, TimeoutActions: 0, StoppedActions: 0 } });
      return { Runs: runs, NextToken: `${i.NextToken ?? ""}n` };
    });
    const f = await aws.collect(orchestration, ctx());
    const calls = glue.commandCalls(GetWorkflowRunsCommand);
    expect(calls).toHaveLength(20);
    const runs = f.runs as { statuses: string[]; completed: number; truncated?: boolean; completedRuns: { id: string }[] };
    expect(runs.statuses).toHaveLength(10);
    expect(runs.statuses).not.toContain("COMPLETED");
    expect(runs).toMatchObject({ completed: 1, truncated: true, completedRuns: [{ id: "wr_done" }] });
  });

  it("a scheduled start trigger: the schedule is normalised and its shape judged", async () => {
    typical();
    triggers[N.startTrigger] = { ...triggers[N.startTrigger]!, Type: "SCHEDULED", State: "ACTIVATED", Schedule: "cron(00 2 * * ? *)" };
    let f = await aws.collect(orchestration, ctx());
    expect(f.startTrigger).toMatchObject({ type: "SCHEDULED", schedule: "cron(0 2 * * ? *)", scheduleValid: true });
    glue.reset();
    typical();
    triggers[N.startTrigger] = { ...triggers[N.startTrigger]!, Schedule: "cron(0 2 * * *)", State: "CREATED" };
    f = await aws.collect(orchestration, ctx());
    expect(f.startTrigger).toMatchObject({ scheduleValid: false });
    // Its state is judged with its schedule (start_trigger_schedule), not in the conditional triggers' list.
    expect(f.startTrigger).toMatchObject({ state: "CREATED" });
    expect(f.notActivated).toEqual([`${N.processingTrigger} (CONDITIONAL, CREATED)`]);
    triggers[N.startTrigger] = { Name: N.startTrigger, WorkflowName: N.workflow, Type: "ON_DEMAND", State: "CREATED", Actions: [{ CrawlerName: N.rawCrawler }] };
  });

  it("missing workflow and trigger: near-miss names, trigger names listed once for all missing triggers", async () => {
    glue.on(GetWorkflowCommand).rejects(sdkError("EntityNotFoundException", 400, "Workflow not found"));
    glue.on(ListWorkflowsCommand, { NextToken: undefined }).resolves({ Workflows: ["glue-etl-pipeline-s001-dev-etl-workflow"], NextToken: "p2" });
    glue.on(ListWorkflowsCommand, { NextToken: "p2" }).resolves({ Workflows: ["glue-etl-pipeline-7-dev-etl_workflow"] });
    glue.on(GetTriggerCommand).rejects(sdkError("EntityNotFoundException", 400, "Trigger not found"));
    glue.on(ListTriggersCommand).resolves({ TriggerNames: ["glue-etl-pipeline-7-dev-start_ingestion"] });
    glue.on(GetWorkflowRunsCommand).rejects(sdkError("EntityNotFoundException", 400, "Workflow not found"));
    const f = await aws.collect(orchestration, ctx());
    expect(f.workflow).toEqual({ name: N.workflow, exists: false, similar: ["glue-etl-pipeline-7-dev-etl_workflow"] });
    expect(f.ingestionTrigger).toEqual({ name: N.ingestionTrigger, exists: false, similar: ["glue-etl-pipeline-7-dev-start_ingestion"] });
    expect(f.runs).toMatchObject({ count: 0, completed: 0, completedRuns: [] });
    expect(f.notActivated).toEqual([]);
    expect(glue.commandCalls(ListTriggersCommand)).toHaveLength(1);
  });

  it("AccessDenied becomes an ErrorFact where the value would be (workflow, runs, one trigger, the activation list)", async () => {
    typical();
    glue.on(GetWorkflowCommand).rejects(accessDenied("glue:GetWorkflow"));
    glue.on(GetTriggerCommand, { Name: N.qualityTrigger }).rejects(accessDenied("glue:GetTrigger"));
    const f = await aws.collect(orchestration, ctx());
    expect(f.workflow).toMatchObject({ $error: { action: "glue:GetWorkflow", kind: "accessDenied" } });
    expect(f.runs).toMatchObject({ $error: { action: "glue:GetWorkflow" } });
    expect(f.qualityTrigger).toMatchObject({ $error: { action: "glue:GetTrigger" } });
    expect(f.notActivated).toMatchObject({ $error: { action: "glue:GetTrigger" } });
    expect(f.ingestionTrigger).toMatchObject({ exists: true });
  });
});

describe("schedule shapes", () => {
  it.each([
    ["cron(0 2 * * ? *)", true],
    ["cron(0 */6 * * ? *)", true],
    ["cron(15 10 ? * MON-FRI *)", true],
    ["rate(1 day)", true],
    ["cron(0 2 * * * *)", false], // both day fields set
    ["cron(0 2 ? * ? *)", false], // both "?"
    ["cron(0 2 * * ?)", false], // five fields
    ["0 2 * * ? *", false],
    ["rate(0 days)", false],
    [undefined, false],
  ])("%s → %s", (expr, ok) => expect(isValidSchedule(expr)).toBe(ok));
});

describe("orchestration graded against the Terraform worlds", () => {
  it("a complete deployment passes every criterion", async () => {
    const r = await grade(completeWorld("42"), "orchestration");
    expect(notPassing(r)).toEqual({});
    expect(r.tasks[0]!.points).toBe(15);
  });

  it("the partial deployment fails exactly its planted mistakes, naming them", async () => {
    const r = await grade(partialWorld("42"), "orchestration");
    expect(notPassing(r)).toEqual({ "orchestration.processing_trigger": "fail", "orchestration.successful_run": "fail" });
    expect(messageOf(r, "orchestration.processing_trigger")).toContain("job:glue-etl-pipeline-42-dev-data-ingestion FAILED");
    expect(messageOf(r, "orchestration.successful_run")).toContain("had failed actions: 1");
  });

  it("--env staging grades the staging copy; prod's SCHEDULED start trigger passes", async () => {
    for (const env of ["staging", "prod"]) {
      const r = await grade(completeWorld("42", { env }), "orchestration", { env });
      expect(notPassing(r), env).toEqual({});
    }
    // The partial deployment is in dev; the student's staging copy (complete) is graded with --env staging.
    expect(notPassing(await grade(partialWorld("42"), "orchestration", { env: "staging" }))).toEqual({});
  });

  it("a COMPLETED run older than ten newer STOPPED / ERROR runs still counts for completed_run and successful_run", async () => {
    const w = completeWorld("42");
    const wf = "glue-etl-pipeline-42-dev-etl-workflow";
    const runs = (w.workflowRuns as Record<string, WorkflowRun[]>)[wf]!;
    expect(runs.map((r) => r.Status)).toEqual(["COMPLETED"]);
    const t0 = runs[0]!.StartedOn!.getTime();
    for (let k = 1; k <= 12; k++) runs.push({ Name: wf, WorkflowRunId: `wr_retry_${k}`, StartedOn: new Date(t0 + k * 3_600_000), Status: k % 3 ? "STOPPED" : "ERROR", Statistics: { TotalActions: 4, StoppedActions: 1 } });
    const r = await grade(w, "orchestration");
    expect(notPassing(r)).toEqual({});
    expect(r.tasks[0]!.points).toBe(15);
  });

  it("a clean COMPLETED run older than twelve COMPLETED runs with failed actions still counts for successful_run", async () => {
    const w = completeWorld("42");
    const wf = "glue-etl-pipeline-42-dev-etl-workflow";
    const runs = (w.workflowRuns as Record<string, WorkflowRun[]>)[wf]!;
    const t0 = runs[0]!.StartedOn!.getTime();
    for (let k = 1; k <= 12; k++) runs.push({ Name: wf, WorkflowRunId: `wr_bad_${k}`, StartedOn: new Date(t0 + k * 3_600_000), Status: "COMPLETED", Statistics: { TotalActions: 4, SucceededActions: 3, FailedActions: 1 } });
    expect(notPassing(await grade(w, "orchestration"))).toEqual({});
    // Without the clean one, the failure names the failed action.
    runs.splice(0, 1);
    const r = await grade(w, "orchestration");
    expect(notPassing(r)).toEqual({ "orchestration.successful_run": "fail" });
    expect(messageOf(r, "orchestration.successful_run")).toContain("had failed actions: 1");
  });

  it("prod: a SCHEDULED start trigger left CREATED fails only start_trigger_schedule, naming the state", async () => {
    const w = completeWorld("42", { env: "prod" });
    const start = (w.triggers as Trigger[]).find((t) => t.Name === "glue-etl-pipeline-42-prod-start-workflow")!;
    expect(start).toMatchObject({ Type: "SCHEDULED", Schedule: "cron(0 2 * * ? *)" });
    start.State = "CREATED";
    const r = await grade(w, "orchestration", { env: "prod" });
    expect(notPassing(r)).toEqual({ "orchestration.start_trigger_schedule": "fail" });
    expect(messageOf(r, "orchestration.start_trigger_schedule")).toContain("in state CREATED");
  });

  it("nothing deployed: the workflow fails once (with other students' workflows ignored), the rest is skipped", async () => {
    const r = await grade(emptyWorld("42"), "orchestration");
    const s = notPassing(r);
    expect(s["orchestration.workflow_exists"]).toBe("fail");
    expect(Object.entries(s).filter(([k]) => k !== "orchestration.workflow_exists").every(([, v]) => v === "skipped")).toBe(true);
    expect(messageOf(r, "orchestration.workflow_exists")).not.toContain("s001");
  });
});
