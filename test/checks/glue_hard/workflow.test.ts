// Task 10 check: workflow graph and trigger facts from scripted Glue answers (FakeAws), rubric evaluation of them, and graded worlds.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetTriggersCommand, GetWorkflowCommand, ListWorkflowsCommand, type Trigger, type Workflow } from "@aws-sdk/client-glue";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { bundledRubric, catalogOf } from "../../../src/grade/assessment.js";
import { loadAssessment } from "../../../src/app/assessments.js";
import { loadRubric } from "../../../src/rubric/load.js";
import { evaluate } from "../../../src/rubric/evaluate.js";
import { resolveNames } from "../../../src/rubric/template.js";
import type { Facts } from "../../../src/grade/facts.js";
import { workflow } from "../../../checks/glue_hard/workflow.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const names = { workflow: "enterprise-pipeline-7", crawler: "enterprise-crawler-7", studioJob: "studio-etl-pipeline-7" };
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");
const denied = (m: string) => Object.assign(new Error(m), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });

const WF = "enterprise-pipeline-7";
const scheduled: Trigger = { Name: "daily-start-7", WorkflowName: WF, Type: "SCHEDULED", State: "ACTIVATED", Schedule: "cron(0  1 * *  ? *)", Actions: [{ CrawlerName: "enterprise-crawler-7" }] };
const conditional: Trigger = {
  Name: "after-crawl-7",
  WorkflowName: WF,
  Type: "CONDITIONAL",
  State: "ACTIVATED",
  Actions: [{ JobName: "studio-etl-pipeline-7" }],
  Predicate: { Logical: "ANY", Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "enterprise-crawler-7", CrawlState: "SUCCEEDED" }] },
};
const event: Trigger = { Name: "s3-event-7", WorkflowName: WF, Type: "EVENT", State: "ACTIVATED", EventBatchingCondition: { BatchSize: 5, BatchWindow: 300 }, Actions: [{ CrawlerName: "enterprise-crawler-7" }] };

/** A graph as GetWorkflow returns it: edges by UniqueId; the EVENT trigger node comes without TriggerDetails. */
const wf: Workflow = {
  Name: WF,
  MaxConcurrentRuns: 1,
  Graph: {
    Nodes: [
      { Type: "TRIGGER", Name: "daily-start-7", UniqueId: "wnode_a1", TriggerDetails: { Trigger: scheduled } },
      { Type: "CRAWLER", Name: "enterprise-crawler-7", UniqueId: "wnode_b2", CrawlerDetails: { Crawls: [] } },
      { Type: "TRIGGER", Name: "after-crawl-7", UniqueId: "wnode_c3", TriggerDetails: { Trigger: conditional } },
      { Type: "JOB", Name: "studio-etl-pipeline-7", UniqueId: "wnode_d4", JobDetails: { JobRuns: [] } },
      { Type: "TRIGGER", Name: "s3-event-7", UniqueId: "wnode_e5" },
    ],
    Edges: [
      { SourceId: "wnode_a1", DestinationId: "wnode_b2" },
      { SourceId: "wnode_e5", DestinationId: "wnode_b2" },
      { SourceId: "wnode_b2", DestinationId: "wnode_c3" },
      { SourceId: "wnode_c3", DestinationId: "wnode_d4" },
    ],
  },
};

async function graded(facts: Facts) {
  const assessment = (await loadAssessment("glue_hard"))!;
  const rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
  const vars = resolveNames(rubric.names, { student: "7", account: "111122223333", region: "us-east-1" });
  const [task] = evaluate(rubric, { facts: { workflow: facts }, vars: { student: "7", ...vars }, only: ["workflow"] });
  return Object.fromEntries(task!.criteria.map((c) => [c.id, c.status]));
}

beforeEach(() => {
  aws.reset();
});

afterEach(() => {
  // a read the test did not script would stand in the facts as an error: every test scripts what the check reads
  expect(aws.unscripted).toEqual([]);
});

describe("workflow check (client mock)", () => {
  it("reads the graph (IncludeGraph), labels UniqueId edges, and fills trigger details from paginated GetTriggers", async () => {
    glue.on(GetWorkflowCommand).resolves({ Workflow: wf });
    glue.on(GetTriggersCommand, { NextToken: undefined }).resolves({ Triggers: [event, { ...event, Name: "s3-event-77", WorkflowName: "enterprise-pipeline-77" }], NextToken: "t1" });
    glue.on(GetTriggersCommand, { NextToken: "t1" }).resolves({ Triggers: [scheduled, { Name: "standalone", Type: "ON_DEMAND" }] });
    const f = await aws.collect(workflow, ctx());
    expect(glue.commandCalls(GetWorkflowCommand)[0]!).toEqual({ Name: WF, IncludeGraph: true });
    expect(glue.commandCalls(GetTriggersCommand)).toHaveLength(2);
    expect(f.graph).toMatchObject({
      nodeCount: 5,
      edgeCount: 4,
      crawlers: ["enterprise-crawler-7"],
      jobs: ["studio-etl-pipeline-7"],
      includesTaskCrawler: true,
      includesStudioJob: true,
    });
    expect((f.graph as { edges: unknown[] }).edges).toContainEqual({ from: "TRIGGER:s3-event-7", to: "CRAWLER:enterprise-crawler-7" });
    const triggers = f.triggers as { name: string; type: string; schedule: string | null; conditions: unknown[]; seenIn: string[] }[];
    expect(triggers.map((t) => t.name).sort()).toEqual(["after-crawl-7", "daily-start-7", "s3-event-7"]);
    expect(triggers.find((t) => t.name === "daily-start-7")).toMatchObject({ type: "SCHEDULED", schedule: "cron(0 1 * * ? *)", seenIn: ["graph", "GetTriggers"] });
    expect(triggers.find((t) => t.name === "s3-event-7")).toMatchObject({ type: "EVENT", eventBatchSize: 5, seenIn: ["graph", "GetTriggers"] });
    expect(triggers.find((t) => t.name === "after-crawl-7")).toMatchObject({ logical: "ANY", conditions: [{ crawler: "enterprise-crawler-7", job: null, state: "SUCCEEDED" }], seenIn: ["graph"] });
    expect(await graded(f)).toEqual({
      workflow_exists: "pass",
      includes_crawler: "pass",
      includes_job: "pass",
      scheduled_trigger: "pass",
      conditional_trigger: "pass",
      event_trigger: "pass",
      stages: "pass",
    });
  });

  it("an EVENT start trigger in a companion workflow of the student's is accepted; another student's is not", async () => {
    const only = { ...wf, Graph: { Nodes: wf.Graph!.Nodes!.slice(0, 4), Edges: wf.Graph!.Edges!.filter((e) => e.SourceId !== "wnode_e5") } };
    glue.on(GetWorkflowCommand).resolves({ Workflow: only });
    glue.on(GetTriggersCommand).resolves({ Triggers: [{ ...event, WorkflowName: "enterprise-pipeline-77" }] });
    let f = await aws.collect(workflow, ctx());
    expect((f.startTriggers as { name: string }[]).map((t) => t.name)).toEqual(["daily-start-7"]);
    expect((await graded(f)).event_trigger).toBe("fail");

    glue.reset();
    glue.on(GetWorkflowCommand).resolves({ Workflow: only });
    glue.on(GetTriggersCommand).resolves({ Triggers: [{ ...event, WorkflowName: "enterprise-pipeline-7-events" }] });
    f = await aws.collect(workflow, ctx());
    expect(f.startTriggers).toContainEqual(expect.objectContaining({ name: "s3-event-7", type: "EVENT", workflow: "enterprise-pipeline-7-events" }));
    const s = await graded(f);
    expect(s.event_trigger).toBe("pass");
    expect(s.stages).toBe("fail");
  });

  it("GetTriggers denied: what the graph shows still passes, what it lacks is an error (not a fail)", async () => {
    glue.on(GetWorkflowCommand).resolves({ Workflow: wf });
    glue.on(GetTriggersCommand).rejects(denied("not authorized to perform glue:GetTriggers"));
    const f = await aws.collect(workflow, ctx());
    expect(f.triggers).toContainEqual({ $error: expect.objectContaining({ action: "glue:GetTriggers", kind: "accessDenied" }) });
    const s = await graded(f);
    expect(s).toMatchObject({ scheduled_trigger: "pass", conditional_trigger: "pass", event_trigger: "error", stages: "pass" });
  });

  it("a missing workflow lists similar names from every page of ListWorkflows; other criteria are skipped", async () => {
    glue.on(GetWorkflowCommand).rejects(new EntityNotFoundException({ message: "Workflow not found", $metadata: { httpStatusCode: 400 } }));
    glue.on(GetTriggersCommand).resolves({ Triggers: [] });
    glue.on(ListWorkflowsCommand, { NextToken: undefined }).resolves({ Workflows: ["x"], NextToken: "t" });
    glue.on(ListWorkflowsCommand, { NextToken: "t" }).resolves({ Workflows: ["Enterprise_Pipeline_7"] });
    const f = await aws.collect(workflow, ctx());
    expect(f.workflow).toEqual({ name: WF, exists: false, similar: ["Enterprise_Pipeline_7"] });
    const s = await graded(f);
    expect(s.workflow_exists).toBe("fail");
    expect(s.stages).toBe("skipped");
  });

  it("an answer without Graph although IncludeGraph was asked (moto) makes the graph criteria errors, not failures", async () => {
    const { Graph: _graph, ...noGraph } = wf;
    glue.on(GetWorkflowCommand).resolves({ Workflow: noGraph });
    glue.on(GetTriggersCommand).resolves({ Triggers: [scheduled, conditional] });
    const f = await aws.collect(workflow, ctx());
    expect(f.graph).toMatchObject({ $error: { action: "glue:GetWorkflow", kind: "unreadable", message: expect.stringContaining("no Graph") } });
    expect(await graded(f)).toMatchObject({ workflow_exists: "pass", includes_crawler: "error", includes_job: "error", stages: "error", scheduled_trigger: "pass", conditional_trigger: "pass" });
  });

  it("AccessDenied on GetWorkflow is an error fact naming glue:GetWorkflow", async () => {
    glue.on(GetWorkflowCommand).rejects(denied("not authorized"));
    glue.on(GetTriggersCommand).resolves({ Triggers: [] });
    const f = await aws.collect(workflow, ctx());
    expect(f.workflow).toMatchObject({ $error: { action: "glue:GetWorkflow", kind: "accessDenied" } });
    expect((await graded(f)).workflow_exists).toBe("error");
  });
});

describe("workflow task graded from worlds", () => {
  it("a complete world passes every criterion (graph derived from triggers, edges by UniqueId)", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["workflow"], verbose: true });
    expect(Object.values(statuses(r))).toEqual(Array(7).fill("pass"));
    const stages = r.tasks[0]!.criteria.find((c) => c.id === "stages")!;
    expect(stages.evidence).toContain("JOB:studio-etl-pipeline-42");
    expect(stages.evidence).toHaveLength(9);
  });

  it("the partial world fails exactly the planted mistake (no EVENT trigger)", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["workflow"] });
    const failing = Object.fromEntries(Object.entries(statuses(r)).filter(([, v]) => v !== "pass"));
    expect(failing).toEqual({ "workflow.event_trigger": "fail" });
    expect(r.tasks[0]!.criteria.find((c) => c.id === "event_trigger")!.message).toContain("expected an EVENT trigger");
  });
});
