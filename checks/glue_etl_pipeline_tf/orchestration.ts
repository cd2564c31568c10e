// orchestration — compliant: workflow {p}-etl-workflow (MaxConcurrentRuns 1) started by {p}-start-workflow (ON_DEMAND, or SCHEDULED cron(0 2 * * ? *) in prod) on the raw crawler, then CONDITIONAL ACTIVATED triggers chaining crawler → ingestion → processing → quality on SUCCEEDED, with at least one COMPLETED run in which no action failed.
import { GetTriggerCommand, GetWorkflowCommand, GetWorkflowRunsCommand, ListTriggersCommand, ListWorkflowsCommand, type WorkflowRun } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { triggerFacts } from "../shared/glue-triggers.js";
import { isValidSchedule } from "../shared/cron.js";
import { once } from "../shared/per-run.js";
import { nearMisses } from "../shared/student-owned.js";

/**
 * Workflow runs read: at most 20 pages (newest first on AWS, but sorted anyway) — bounded, and more than a lab's
 * history. `completed` and `successful` count every run read; only the lists in the facts are cut to the newest 10.
 */
const MAX_RUN_PAGES = 20;
const MAX_RUNS_IN_FACTS = 10;

const names = z.array(z.string());

/** One trigger: found (what it waits for and starts), or near-miss names. */
const triggerSchema = orError(
  z.union([
    z.object({
      type: z.string().nullable(),
      state: z.string().nullable(),
      workflow: z.string().nullable(),
      waitsFor: names,
      starts: names,
      schedule: z.string().nullable(),
      scheduleValid: z.boolean().nullable(),
      name: z.string(),
      exists: z.literal(true),
      logical: z.string().nullable(),
    }),
    z.object({ name: z.string(), exists: z.literal(false), similar: orError(names) }),
  ]),
);
type TriggerFacts = z.infer<typeof triggerSchema>;

/** One workflow run: status and action counts first. */
const workflowRunSchema = z.object({
  status: z.string().nullable(),
  failedActions: z.number().nullable(),
  timeoutActions: z.number().nullable(),
  stoppedActions: z.number().nullable(),
  erroredActions: z.number().nullable(),
  succeededActions: z.number().nullable(),
  totalActions: z.number().nullable(),
  id: z.string().nullable(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  errorMessage: z.string().optional(),
});
type WorkflowRunFacts = z.infer<typeof workflowRunSchema>;

/** The workflow's runs (bounded), newest first. */
const runsSchema = orError(
  z.object({
    count: z.number(),
    statuses: names,
    completed: z.number(),
    successful: z.number(),
    latest: workflowRunSchema.nullable(),
    items: z.array(workflowRunSchema),
    completedRuns: z.array(workflowRunSchema),
    truncated: z.literal(true).optional(),
  }),
);
type RunsFacts = z.infer<typeof runsSchema>;

/** The facts of the orchestration task. */
export const orchestrationFactsSchema = z.object({
  startTrigger: triggerSchema,
  ingestionTrigger: triggerSchema,
  processingTrigger: triggerSchema,
  qualityTrigger: triggerSchema,
  workflow: orError(
    z.union([
      z.object({ name: z.string(), exists: z.literal(true), maxConcurrentRuns: z.number().nullable(), triggers: names, jobs: names, crawlers: names, lastRunStatus: z.string().nullable() }),
      z.object({ name: z.string(), exists: z.literal(false), similar: orError(names) }),
    ]),
  ),
  runs: runsSchema,
  /** Conditional triggers that exist but are not ACTIVATED. */
  notActivated: orError(names),
});
export type OrchestrationFacts = z.infer<typeof orchestrationFactsSchema>;

/** The rubric names of the four triggers, by fact key. */
const TRIGGERS = { startTrigger: "startTrigger", ingestionTrigger: "ingestionTrigger", processingTrigger: "processingTrigger", qualityTrigger: "qualityTrigger" } as const;

/**
 * One trigger as facts, the important fields first (a failure message shows the start of the object): type, state,
 * workflow, `waitsFor` ("crawler:<name> SUCCEEDED", "job:<name> FAILED"), `starts` ("crawler:<name>", "job:<name>"),
 * the normalised schedule and whether its shape is valid, then the raw predicate and actions.
 */
async function trigger(ctx: CheckContext, name: string, triggerNames: () => Promise<string[] | ErrorFact>): Promise<TriggerFacts> {
  const r = await ctx.read("glue", new GetTriggerCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
  if (!r.ok) {
    if (!r.missing) return r.fact;
    const all = await triggerNames();
    return { name, exists: false, similar: Array.isArray(all) ? nearMisses(name, all, ctx.student) : all };
  }
  const t = r.value.Trigger ?? {};
  const f = triggerFacts({ ...t, Name: t.Name ?? name }, "GetTrigger");
  return {
    type: f.type,
    state: f.state,
    workflow: f.workflow,
    waitsFor: f.conditions.map((c) => `${c.crawler ? `crawler:${c.crawler}` : `job:${c.job ?? "?"}`} ${c.state ?? "?"}`),
    starts: f.actions.map((a) => (a.crawler ? `crawler:${a.crawler}` : `job:${a.job ?? "?"}`)),
    schedule: f.schedule,
    scheduleValid: f.schedule === null ? null : isValidSchedule(t.Schedule),
    name: f.name,
    exists: true,
    logical: f.logical,
  };
}

/** One workflow run as facts: status and action counts first (a workflow run, not a job run: see shared/glue-jobs.ts for those). */
function workflowRunFacts(r: WorkflowRun): WorkflowRunFacts {
  const s = r.Statistics;
  return {
    status: r.Status ?? null,
    failedActions: s?.FailedActions ?? null,
    timeoutActions: s?.TimeoutActions ?? null,
    stoppedActions: s?.StoppedActions ?? null,
    erroredActions: s?.ErroredActions ?? null,
    succeededActions: s?.SucceededActions ?? null,
    totalActions: s?.TotalActions ?? null,
    id: r.WorkflowRunId ?? null,
    startedOn: r.StartedOn ? new Date(r.StartedOn).toISOString() : null,
    completedOn: r.CompletedOn ? new Date(r.CompletedOn).toISOString() : null,
    ...(r.ErrorMessage ? { errorMessage: r.ErrorMessage.slice(0, 300) } : {}),
  };
}

/** A COMPLETED run whose statistics show every action succeeded (a workflow run is COMPLETED even when its jobs failed). */
const clean = (r: WorkflowRun) =>
  r.Status === "COMPLETED" && r.Statistics !== undefined && !r.Statistics.FailedActions && !r.Statistics.TimeoutActions && !r.Statistics.StoppedActions && !r.Statistics.ErroredActions;

async function runs(ctx: CheckContext, workflow: string): Promise<RunsFacts> {
  const r = await ctx.list("glue", (t) => new GetWorkflowRunsCommand({ Name: workflow, IncludeGraph: false, NextToken: t }), (o) => ({ items: o.Runs, next: o.NextToken }), {
    maxPages: MAX_RUN_PAGES,
    partialOk: true,
  });
  if (!r.ok) return r.fact;
  // Newest first, whatever order the API used.
  const sorted = [...r.items].sort((a, b) => new Date(b.StartedOn ?? 0).getTime() - new Date(a.StartedOn ?? 0).getTime());
  const completed = sorted.filter((x) => x.Status === "COMPLETED");
  // The newest clean run leads, however many newer runs had failed actions; then the newest others.
  const firstClean = completed.find(clean);
  const shown = firstClean ? [firstClean, ...completed.filter((x) => x !== firstClean)] : completed;
  return {
    count: sorted.length,
    statuses: sorted.map((x) => x.Status ?? "?").slice(0, MAX_RUNS_IN_FACTS),
    completed: completed.length,
    successful: sorted.filter(clean).length,
    latest: sorted[0] ? workflowRunFacts(sorted[0]) : null,
    items: sorted.slice(0, MAX_RUNS_IN_FACTS).map(workflowRunFacts),
    completedRuns: shown.slice(0, MAX_RUNS_IN_FACTS).map(workflowRunFacts),
    ...(r.truncated ? { truncated: true } : {}),
  };
}

/** orchestration: the workflow, its four triggers, its runs. */
export const orchestration: CheckModule<OrchestrationFacts> = {
  id: "orchestration",
  description:
    "Glue workflow (GetWorkflow with its graph) and MaxConcurrentRuns; the start trigger and the three conditional triggers (GetTrigger: type, state, what each waits for and starts, schedule); workflow runs (GetWorkflowRuns: status and action statistics).",
  names: ["workflow", "startTrigger", "ingestionTrigger", "processingTrigger", "qualityTrigger", "rawCrawler", "ingestionJob", "processingJob", "qualityJob"],
  actions: ["glue:GetWorkflow", "glue:ListWorkflows", "glue:GetWorkflowRuns", "glue:GetTrigger", "glue:ListTriggers"],
  facts: orchestrationFactsSchema,
  async collect(ctx) {
    const name = ctx.name("workflow");
    // Trigger names are listed once per run, and only if a trigger is missing (for "did you mean").
    const triggerNames = () =>
      once(ctx, "tf:glueTriggerNames", () =>
        ctx.list("glue", (t) => new ListTriggersCommand({ NextToken: t }), (o) => ({ items: o.TriggerNames, next: o.NextToken })).then((l): string[] | ErrorFact => (l.ok ? l.items : l.fact)),
      );
    const [got, runFactsOrError, startTrigger, ingestionTrigger, processingTrigger, qualityTrigger] = await Promise.all([
      ctx.read("glue", new GetWorkflowCommand({ Name: name, IncludeGraph: true }), { missing: ["EntityNotFoundException"] }),
      runs(ctx, name),
      trigger(ctx, ctx.name(TRIGGERS.startTrigger), triggerNames),
      trigger(ctx, ctx.name(TRIGGERS.ingestionTrigger), triggerNames),
      trigger(ctx, ctx.name(TRIGGERS.processingTrigger), triggerNames),
      trigger(ctx, ctx.name(TRIGGERS.qualityTrigger), triggerNames),
    ]);
    const triggers = { startTrigger, ingestionTrigger, processingTrigger, qualityTrigger };

    // Conditional triggers that exist but are not ACTIVATED (they never fire). The start trigger's state is judged
    // with its schedule: an ON_DEMAND one is never activated, a SCHEDULED one must be.
    const conditional = [ingestionTrigger, processingTrigger, qualityTrigger];
    const unreadable = conditional.find(isErrorFact);
    const present = conditional.flatMap((t) => (!isErrorFact(t) && t.exists ? [t] : []));
    const notActivated = unreadable ?? present.filter((t) => t.state !== "ACTIVATED").map((t) => `${t.name} (${t.type ?? "?"}, ${t.state ?? "?"})`);

    if (!got.ok && !got.missing) return { ...triggers, workflow: got.fact, runs: got.fact, notActivated };
    if (!got.ok) {
      const names = await ctx.list("glue", (t) => new ListWorkflowsCommand({ NextToken: t }), (o) => ({ items: o.Workflows, next: o.NextToken }));
      return {
        ...triggers,
        workflow: { name, exists: false, similar: names.ok ? nearMisses(name, names.items, ctx.student) : names.fact },
        runs: { count: 0, statuses: [], completed: 0, successful: 0, latest: null, items: [], completedRuns: [] },
        notActivated,
      };
    }
    const wf = got.value.Workflow ?? {};
    const nodes = wf.Graph?.Nodes ?? [];
    const of = (type: string) => nodes.filter((n) => n.Type === type && n.Name).map((n) => n.Name!);
    return {
      ...triggers,
      workflow: { name, exists: true, maxConcurrentRuns: wf.MaxConcurrentRuns ?? null, triggers: of("TRIGGER"), jobs: of("JOB"), crawlers: of("CRAWLER"), lastRunStatus: wf.LastRun?.Status ?? null },
      runs: runFactsOrError,
      notActivated,
    };
  },
};
