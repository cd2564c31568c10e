// A Glue crawler: targets, schedule, schema change and recrawl policies, grouping and partition configuration, role, last crawl and tags.
import { z } from "zod";
import { GetCrawlerCommand, ListCrawlersCommand } from "@aws-sdk/client-glue";
import type { Facts } from "../src/grade/facts.js";
import { crawlerSettings, crawlerSettingsSchema } from "../checks/shared/glue-crawlers.js";
import { byName, defineReader, missing, namedFacts, orError, stringMap, similarFrom } from "./reader.js";
import { glueTags } from "./glue-common.js";

/** Reads one crawler by name. */
export const reader = defineReader({
  id: "glue.crawler",
  description: "A Glue crawler: role, database, S3 paths, schedule (normalised cron, null when on demand), schema change and recrawl policies, the Configuration JSON's grouping and partition settings, last crawl and tags.",
  params: byName,
  facts: namedFacts({
    role: z.string().nullable(),
    ...crawlerSettingsSchema.omit({ usesStudentSecurityConfig: true }).shape,
    tags: orError(stringMap),
  }),
  actions: ["glue:GetCrawler", "glue:ListCrawlers", "glue:GetTags"],
  async read(ctx, { name }) {
    const r = await ctx.read("glue", new GetCrawlerCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("glue", (t) => new ListCrawlersCommand({ NextToken: t }), (o) => ({ items: o.CrawlerNames, next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const c = r.value.Crawler ?? {};
    const { usesStudentSecurityConfig: _unused, ...settings } = crawlerSettings(c);
    return { name, exists: true, role: c.Role ?? null, ...settings, tags: await glueTags(ctx, "crawler", name) };
  },
});
