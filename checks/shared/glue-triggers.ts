// Glue triggers as facts (from GetTrigger(s) or a workflow graph node): type, state, normalised schedule, what each
// waits for and what it starts.
import type { Trigger } from "@aws-sdk/client-glue";
import { normaliseCron } from "./cron.js";

/** One trigger as facts: type, normalised schedule, predicate conditions, actions, and where it was seen. */
export type TriggerFacts = {
  name: string;
  type: string | null;
  state: string | null;
  workflow: string | null;
  schedule: string | null;
  logical: string | null;
  /** `state` is the job State or the crawler CrawlState the condition waits for. */
  conditions: { job: string | null; crawler: string | null; state: string | null }[];
  actions: { job: string | null; crawler: string | null }[];
  eventBatchSize: number | null;
  seenIn: string[];
};

/** A Trigger (from GetTriggers or a graph node's TriggerDetails) as facts. */
export function triggerFacts(t: Trigger, seenIn: string): TriggerFacts {
  return {
    name: t.Name ?? "",
    type: t.Type ?? null,
    state: t.State ?? null,
    workflow: t.WorkflowName ?? null,
    schedule: normaliseCron(t.Schedule),
    logical: t.Predicate?.Logical ?? null,
    conditions: (t.Predicate?.Conditions ?? []).map((c) => ({ job: c.JobName ?? null, crawler: c.CrawlerName ?? null, state: c.State ?? c.CrawlState ?? null })),
    actions: (t.Actions ?? []).map((a) => ({ job: a.JobName ?? null, crawler: a.CrawlerName ?? null })),
    eventBatchSize: t.EventBatchingCondition?.BatchSize ?? null,
    seenIn: [seenIn],
  };
}
