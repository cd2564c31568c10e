// Task 10 — compliant: workflow enterprise-pipeline-{student} whose graph runs the crawler and jobs through a SCHEDULED trigger (cron(0 1 * * ? *)), an EVENT trigger, and CONDITIONAL triggers that wait for SUCCEEDED, over at least 5 nodes and 4 edges.
import { GetTriggersCommand, GetWorkflowCommand, ListWorkflowsCommand, type Trigger } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { triggerFacts, triggerFactsSchema, type TriggerFacts } from "../shared/glue-triggers.js";
import { mentionsStudent, nearMisses } from "../shared/student-owned.js";
import { unlikeAws } from "../shared/unlike-aws.js";

/** The facts of Task 10 (only `workflow` when the workflow does not exist). */
export const workflowFactsSchema = z.object({
  workflow: orError(
    z.union([
      z.object({ name: z.string(), exists: z.literal(false), similar: orError(z.array(z.string())) }),
      z.object({ name: z.string(), exists: z.literal(true), maxConcurrentRuns: z.number().nullable(), lastRunStatus: z.string().nullable() }),
    ]),
  ),
  graph: orError(
    z.object({
      nodeCount: z.number(),
      edgeCount: z.number(),
      /** "TYPE:name" per node. */
      nodes: z.array(z.string()),
      edges: z.array(z.object({ from: z.string(), to: z.string() })),
      crawlers: z.array(z.string()),
      jobs: z.array(z.string()),
      includesTaskCrawler: z.boolean(),
      includesStudioJob: z.boolean(),
    }),
  ).optional(),
  /** The workflow's triggers (graph and GetTriggers merged); GetTriggers' ErrorFact as one more item when it failed. */
  triggers: orError(z.array(orError(triggerFactsSchema))).optional(),
  /** Triggers that start the workflow, its own or in another workflow of the student's. */
  startTriggers: z.array(orError(triggerFactsSchema)).optional(),
});
export type WorkflowFacts = z.infer<typeof workflowFactsSchema>;

/** Merges trigger facts by name: GetTriggers details win over the graph's, both sources are recorded. */
function mergeTriggers(graph: TriggerFacts[], listed: TriggerFacts[]): TriggerFacts[] {
  const byName = new Map<string, TriggerFacts>();
  for (const t of graph) byName.set(t.name, t);
  for (const t of listed) {
    const g = byName.get(t.name);
    byName.set(t.name, g ? { ...t, seenIn: [...g.seenIn, ...t.seenIn] } : t);
  }
  return [...byName.values()];
}

async function allTriggers(ctx: CheckContext): Promise<Trigger[] | ErrorFact> {
  const r = await ctx.list("glue", (t) => new GetTriggersCommand({ NextToken: t }), (o) => ({ items: o.Triggers, next: o.NextToken }));
  return r.ok ? r.items : r.fact;
}

/** Task 10: the workflow, its graph and its triggers. */
export const workflow: CheckModule<WorkflowFacts> = {
  id: "workflow",
  description: "Glue workflow (GetWorkflow with its graph): crawler and job nodes, SCHEDULED / EVENT / CONDITIONAL triggers (graph details cross-checked with GetTriggers), node and edge counts.",
  names: ["workflow", "crawler", "studioJob"],
  actions: ["glue:GetWorkflow", "glue:ListWorkflows", "glue:GetTriggers"],
  facts: workflowFactsSchema,
  async collect(ctx) {
    const name = ctx.name("workflow");
    const [got, listed] = await Promise.all([
      ctx.read("glue", new GetWorkflowCommand({ Name: name, IncludeGraph: true }), { missing: ["EntityNotFoundException"] }),
      allTriggers(ctx),
    ]);
    if (!got.ok && !got.missing) return { workflow: got.fact, graph: got.fact, triggers: got.fact };
    const wf = got.ok ? got.value.Workflow : undefined;
    if (!wf) {
      const names = await ctx.list("glue", (t) => new ListWorkflowsCommand({ NextToken: t }), (o) => ({ items: o.Workflows, next: o.NextToken }));
      return { workflow: { name, exists: false, similar: names.ok ? nearMisses(name, names.items, ctx.student) : names.fact } };
    }
    const nodes = wf.Graph?.Nodes ?? [];
    const edges = wf.Graph?.Edges ?? [];
    const byId = new Map(nodes.map((n) => [n.UniqueId ?? "", n]));
    const label = (id: string | undefined) => {
      const n = byId.get(id ?? "");
      return n ? `${n.Type ?? "?"}:${n.Name ?? ""}` : `?:${id ?? ""}`;
    };
    const namesOf = (type: string) => nodes.filter((n) => n.Type === type && n.Name).map((n) => n.Name!);
    const crawlers = namesOf("CRAWLER");
    const jobs = namesOf("JOB");

    const fromGraph = nodes.filter((n) => n.Type === "TRIGGER").map((n) => triggerFacts({ ...(n.TriggerDetails?.Trigger ?? {}), Name: n.TriggerDetails?.Trigger?.Name ?? n.Name }, "graph"));
    const fromListing = Array.isArray(listed) ? listed.filter((t) => t.WorkflowName === name).map((t) => triggerFacts(t, "GetTriggers")) : [];
    const companions = Array.isArray(listed)
      ? listed.filter((t) => t.WorkflowName && t.WorkflowName !== name && mentionsStudent(t.WorkflowName, ctx.student)).map((t) => triggerFacts(t, "GetTriggers"))
      : [];

    // IncludeGraph was asked for: AWS always returns Graph (its Nodes and Edges), even for an empty workflow.
    const graph: WorkflowFacts["graph"] = wf.Graph === undefined ? unlikeAws("glue:GetWorkflow", "has no Graph although IncludeGraph was asked for (AWS returns the graph's nodes and edges)") : {
      nodeCount: nodes.length,
      edgeCount: edges.length,
      nodes: nodes.map((n) => `${n.Type ?? "?"}:${n.Name ?? ""}`),
      edges: edges.map((e) => ({ from: label(e.SourceId), to: label(e.DestinationId) })),
      crawlers,
      jobs,
      includesTaskCrawler: crawlers.includes(ctx.name("crawler")),
      includesStudioJob: jobs.includes(ctx.name("studioJob")),
    };
    // When GetTriggers failed, its ErrorFact stands as one more item: a `some` over the list is then `error`, not `fail`,
    // unless the graph's own trigger details already satisfy it.
    const listingError: ErrorFact[] = Array.isArray(listed) ? [] : [listed];
    const triggers = mergeTriggers(fromGraph, fromListing);
    // Start triggers: the workflow's own, plus those in another workflow of the student's (Glue gives a workflow a single start trigger).
    const starts = [...triggers, ...companions].filter((t) => t.type !== "CONDITIONAL");
    return {
      workflow: { name, exists: true, maxConcurrentRuns: wf.MaxConcurrentRuns ?? null, lastRunStatus: wf.LastRun?.Status ?? null },
      graph,
      triggers: [...triggers, ...listingError],
      startTriggers: [...starts, ...listingError],
    };
  },
};
