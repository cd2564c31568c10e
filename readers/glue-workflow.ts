// A Glue workflow: description, its graph (the jobs, crawlers and triggers it holds and how they chain), its runs and tags.
import { z } from "zod";
import { GetWorkflowCommand, GetWorkflowRunsCommand, ListWorkflowsCommand } from "@aws-sdk/client-glue";
import type { ErrorFact, Facts, Json } from "../src/grade/facts.js";
import { triggerFacts } from "../checks/shared/glue-triggers.js";
import { byName, defineReader, missing, namedFacts, orError, stringMap, similarFrom } from "./reader.js";
import { glueTags } from "./glue-common.js";
import { triggerShape, withStarts } from "./glue-trigger.js";

/** Reads one workflow by name, with its graph and its latest runs. */
export const reader = defineReader({
  id: "glue.workflow",
  description: "A Glue workflow: description, the jobs, crawlers and triggers of its graph (each trigger's type, schedule, conditions and actions), its runs (count, statuses) and tags.",
  params: byName,
  facts: namedFacts({
    description: z.string().nullable(),
    jobs: z.array(z.string()),
    crawlers: z.array(z.string()),
    triggers: z.array(z.object({ name: z.string(), ...triggerShape })),
    nodeCount: z.number(),
    tags: orError(stringMap),
    runs: orError(z.object({ count: z.number(), completed: z.number(), latestStatus: z.string().nullable(), statuses: z.array(z.string()) })),
  }),
  actions: ["glue:GetWorkflow", "glue:ListWorkflows", "glue:GetWorkflowRuns", "glue:GetTags"],
  async read(ctx, { name }) {
    const r = await ctx.read("glue", new GetWorkflowCommand({ Name: name, IncludeGraph: true }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("glue", (t) => new ListWorkflowsCommand({ NextToken: t }), (o) => ({ items: o.Workflows, next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const wf = r.value.Workflow ?? {};
    const nodes = (wf.Graph?.Nodes ?? []).slice(0, 500);
    const [tags, runs] = await Promise.all([
      glueTags(ctx, "workflow", name),
      ctx.list("glue", (t) => new GetWorkflowRunsCommand({ Name: name, NextToken: t }), (o) => ({ items: o.Runs, next: o.NextToken }), { maxPages: 3, partialOk: true }),
    ]);
    const statuses = runs.ok ? runs.items.map((x) => x.Status ?? "UNKNOWN") : [];
    const runFacts: Json | ErrorFact = runs.ok ? { count: runs.items.length, completed: statuses.filter((s) => s === "COMPLETED").length, latestStatus: statuses[0] ?? null, statuses: [...new Set(statuses)] } : runs.missing ? { count: 0, completed: 0, latestStatus: null, statuses: [] } : runs.fact;
    return {
      name,
      exists: true,
      description: wf.Description?.trim() || null,
      jobs: nodes.filter((n) => n.Type === "JOB").map((n) => n.Name ?? ""),
      crawlers: nodes.filter((n) => n.Type === "CRAWLER").map((n) => n.Name ?? ""),
      triggers: nodes.filter((n) => n.Type === "TRIGGER" && n.TriggerDetails?.Trigger).map((n) => {
        const { seenIn: _s, ...t } = triggerFacts(n.TriggerDetails!.Trigger!, "workflow");
        return withStarts(t);
      }),
      nodeCount: nodes.length,
      tags,
      runs: runFacts,
    } as Facts;
  },
});
