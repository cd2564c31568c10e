// A Glue trigger: type, state, schedule, what it waits for, what it starts, its workflow, description and tags.
import { z } from "zod";
import { GetTriggerCommand, ListTriggersCommand } from "@aws-sdk/client-glue";
import type { Facts, Json } from "../src/grade/facts.js";
import { triggerFacts, triggerFactsSchema } from "../checks/shared/glue-triggers.js";
import { byName, defineReader, missing, namedFacts, orError, stringMap, similarFrom } from "./reader.js";
import { glueTags } from "./glue-common.js";

/** The facts of one trigger (shared with glue.workflow's trigger list): the shared trigger facts and what it starts. */
export const triggerShape = {
  ...triggerFactsSchema.omit({ name: true, seenIn: true }).shape,
  startsJobs: z.array(z.string()),
  startsCrawlers: z.array(z.string()),
};

/** Reads one trigger by name. */
export const reader = defineReader({
  id: "glue.trigger",
  description: "A Glue trigger: type (SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT), state, normalised schedule, the conditions it waits for, the jobs and crawlers it starts, its workflow, description and tags.",
  params: byName,
  facts: namedFacts({ ...triggerShape, description: z.string().nullable(), tags: orError(stringMap) }),
  actions: ["glue:GetTrigger", "glue:ListTriggers", "glue:GetTags"],
  async read(ctx, { name }) {
    const r = await ctx.read("glue", new GetTriggerCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("glue", (t) => new ListTriggersCommand({ NextToken: t }), (o) => ({ items: o.TriggerNames, next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const t = r.value.Trigger ?? {};
    const { seenIn: _seen, name: _name, ...facts } = triggerFacts(t, "GetTrigger");
    return { name, exists: true, ...withStarts(facts), description: t.Description?.trim() || null, tags: await glueTags(ctx, "trigger", name) };
  },
});

/** Adds the names of the jobs and crawlers a trigger starts. */
export function withStarts<T extends { actions: { job: string | null; crawler: string | null }[] }>(t: T): T & { startsJobs: string[]; startsCrawlers: string[] } {
  return { ...t, startsJobs: t.actions.flatMap((a) => (a.job ? [a.job] : [])), startsCrawlers: t.actions.flatMap((a) => (a.crawler ? [a.crawler] : [])) } as T & { startsJobs: string[]; startsCrawlers: string[] } & Record<string, Json>;
}
