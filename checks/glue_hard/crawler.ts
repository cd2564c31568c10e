// Task 6 — compliant: crawler enterprise-crawler-{student} uses the custom Grok classifier, crawls s3://{bucket}/landing/ and /bronze/ into landing_{student} (or bronze_{student}, a second crawler covering the other), hourly (cron(0 * * * ? *)), prefix tbl_, UPDATE_IN_DATABASE / DEPRECATE_IN_DATABASE, CRAWL_EVERYTHING, a security configuration, and the Enterprise/Governance/StudentID tags.
import { GetCrawlerCommand, GetCrawlersCommand, GetTagsCommand, type Crawler } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { glueArn } from "../shared/arn.js";
import { crawlerSettings, crawlerSettingsSchema } from "../shared/glue-crawlers.js";
import { mentionsStudent, nearMisses } from "../shared/student-owned.js";
import { tagMapSchema } from "../shared/tags.js";

/** The enterprise crawler: its settings when it exists, near-miss names when it does not. */
export const enterpriseCrawlerFactsSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  similar: orError(z.array(z.string())).optional(),
  ...crawlerSettingsSchema.partial().shape,
  tags: orError(tagMapSchema).optional(),
});

/** Another crawler of the student's: where it writes. */
const otherCrawlerSchema = z.object({ name: z.string(), database: z.string().nullable() });
type OtherCrawler = z.infer<typeof otherCrawlerSchema>;

/** Which of the landing/bronze databases the student's crawlers write to, and how "Landing and bronze" was read. */
export const targetDatabasesFactsSchema = z.object({
  reading: z.string(),
  main: z.string().nullable(),
  covered: z.array(z.string()),
  /** database → the crawler writing to it. */
  byCrawler: z.record(z.string(), z.string()),
  otherCrawlers: orError(z.array(otherCrawlerSchema)),
});
export type TargetDatabasesFacts = z.infer<typeof targetDatabasesFactsSchema>;

/** The facts of Task 6. */
export const crawlerFactsSchema = z.object({
  crawler: orError(enterpriseCrawlerFactsSchema),
  targetDatabases: orError(targetDatabasesFactsSchema),
});
export type CrawlerFacts = z.infer<typeof crawlerFactsSchema>;

/** Which of the landing/bronze databases the student's crawlers write to, and how the lab's "Landing and bronze" was read. */
function coverage(ctx: CheckContext, main: Crawler | undefined, others: OtherCrawler[] | ErrorFact): TargetDatabasesFacts {
  const wanted = [ctx.name("landingDb"), ctx.name("bronzeDb")];
  const mainDb = main?.DatabaseName ?? null;
  const by: Record<string, string> = {};
  if (mainDb && wanted.includes(mainDb)) by[mainDb] = main!.Name ?? "";
  if (Array.isArray(others)) for (const o of others) if (o.database && wanted.includes(o.database) && !by[o.database]) by[o.database] = o.name;
  const covered = wanted.filter((d) => by[d]);
  let reading: string;
  if (!main) reading = "no crawler";
  else if (covered.length === 2) reading = `both databases: ${covered.map((d) => `${d} by ${by[d]}`).join(", ")}`;
  else if (mainDb && wanted.includes(mainDb)) reading = `one crawler into ${mainDb} (a crawler has a single target database)`;
  else reading = `the crawler writes to ${mainDb ?? "no database"}, neither ${wanted.join(" nor ")}`;
  return { reading, main: mainDb, covered, byCrawler: by, otherCrawlers: others };
}

/** Task 6: the enterprise crawler. */
export const crawler: CheckModule<CrawlerFacts> = {
  id: "crawler",
  description: "Glue crawler: classifier, S3 targets, target database(s), schedule, table prefix, schema change and recrawl policies, security configuration, Configuration JSON, tags.",
  names: ["crawler", "classifier", "landingDb", "bronzeDb", "bucket", "securityConfig"],
  actions: ["glue:GetCrawler", "glue:GetCrawlers", "glue:GetTags"],
  facts: crawlerFactsSchema,
  async collect(ctx) {
    const name = ctx.name("crawler");
    const listing = ctx
      .list("glue", (t) => new GetCrawlersCommand({ NextToken: t }), (o) => ({ items: o.Crawlers, next: o.NextToken }))
      .then((r) => (r.ok ? r.items : r.fact));
    const [got, tags, all] = await Promise.all([
      ctx.read("glue", new GetCrawlerCommand({ Name: name }), { missing: ["EntityNotFoundException"] }),
      ctx.read("glue", new GetTagsCommand({ ResourceArn: await glueArn(ctx, "crawler", name) }), { missing: ["EntityNotFoundException"] }),
      listing,
    ]);
    const others = Array.isArray(all)
      ? all.filter((c) => c.Name && c.Name !== name && mentionsStudent(c.Name, ctx.student)).map((c) => ({ name: c.Name!, database: c.DatabaseName ?? null }))
      : all;
    if (!got.ok && !got.missing) return { crawler: got.fact, targetDatabases: got.fact };
    const c = got.ok ? got.value.Crawler : undefined;
    const crawler = c
      ? { name, exists: true, ...crawlerSettings(c, ctx.name("securityConfig")), tags: tags.ok ? { ...(tags.value.Tags ?? {}) } : tags.missing ? {} : tags.fact }
      : { name, exists: false, similar: Array.isArray(all) ? nearMisses(name, all.map((x) => x.Name ?? ""), ctx.student) : all };
    return { crawler, targetDatabases: coverage(ctx, c, others) };
  },
};
