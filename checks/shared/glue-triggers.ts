// Glue triggers as facts (from GetTrigger(s) or a workflow graph node): type, state, normalised schedule, what each
// waits for and what it starts.
import type { Trigger } from "@aws-sdk/client-glue";
import { z } from "zod";
import { normaliseCron } from "./cron.js";

/** One trigger as facts: type, normalised schedule, predicate conditions, actions, and where it was seen. */
export const triggerFactsSchema = z.object({
  name: z.string(),
  type: z.string().nullable(),
  state: z.string().nullable(),
  workflow: z.string().nullable(),
  schedule: z.string().nullable(),
  logical: z.string().nullable(),
  /** `state` is the job State or the crawler CrawlState the condition waits for. */
  conditions: z.array(z.object({ job: z.string().nullable(), crawler: z.string().nullable(), state: z.string().nullable() })),
  actions: z.array(z.object({ job: z.string().nullable(), crawler: z.string().nullable() })),
  eventBatchSize: z.number().nullable(),
  seenIn: z.array(z.string()),
});
export type TriggerFacts = z.infer<typeof triggerFactsSchema>;

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
