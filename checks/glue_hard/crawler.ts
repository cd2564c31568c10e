// Task 6 — compliant: crawler enterprise-crawler-{student} uses the custom Grok classifier, crawls s3://{bucket}/landing/ and /bronze/ into landing_{student} (or bronze_{student}, a second crawler covering the other), hourly (cron(0 * * * ? *)), prefix tbl_, UPDATE_IN_DATABASE / DEPRECATE_IN_DATABASE, CRAWL_EVERYTHING, a security configuration, and the Enterprise/Governance/StudentID tags.
import { GetCrawlerCommand, GetCrawlersCommand, GetTagsCommand, type Crawler } from "@aws-sdk/client-glue";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import type { ErrorFact, Facts, Json } from "../../src/grade/facts.js";
import { glueArn } from "../shared/arn.js";
import { crawlerSettings } from "../shared/glue-crawlers.js";
import { mentionsStudent, nearMisses } from "../shared/student-owned.js";

/** Which of the landing/bronze databases the student's crawlers write to, and how the lab's "Landing and bronze" was read. */
function coverage(ctx: CheckContext, main: Crawler | undefined, others: { name: string; database: string | null }[] | ErrorFact): { [key: string]: Json } {
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
  return { reading, main: mainDb, covered, byCrawler: by, otherCrawlers: others as Json };
}

/** Task 6: the enterprise crawler. */
export const crawler: CheckModule = {
  id: "crawler",
  description: "Glue crawler: classifier, S3 targets, target database(s), schedule, table prefix, schema change and recrawl policies, security configuration, Configuration JSON, tags.",
  names: ["crawler", "classifier", "landingDb", "bronzeDb", "bucket", "securityConfig"],
  actions: ["glue:GetCrawler", "glue:GetCrawlers", "glue:GetTags"],
  async collect(ctx) {
    const name = ctx.name("crawler");
    const listing = ctx
      .list("glue", (t) => new GetCrawlersCommand({ NextToken: t }), (o) => ({ items: o.Crawlers, next: o.NextToken }))
      .then((r) => (r.ok ? r.items : r.fact));
    const [got, tags, all] = await Promise.all([
      ctx.read("glue", new GetCrawlerCommand({ Name: name }), { missing: ["EntityNotFoundException"] }),
      ctx.read("glue", new GetTagsCommand({ ResourceArn: glueArn(ctx, "crawler", name) }), { missing: ["EntityNotFoundException"] }),
      listing,
    ]);
    const others = Array.isArray(all)
      ? all.filter((c) => c.Name && c.Name !== name && mentionsStudent(c.Name, ctx.student)).map((c) => ({ name: c.Name!, database: c.DatabaseName ?? null }))
      : all;
    const facts: Facts = {};
    if (!got.ok && !got.missing) {
      facts.crawler = got.fact;
      facts.targetDatabases = got.fact;
      return facts;
    }
    const c = got.ok ? got.value.Crawler : undefined;
    if (!c) {
      facts.crawler = { name, exists: false, similar: Array.isArray(all) ? nearMisses(name, all.map((x) => x.Name ?? ""), ctx.student) : all };
    } else {
      facts.crawler = {
        name,
        exists: true,
        ...crawlerSettings(c, ctx.name("securityConfig")),
        tags: tags.ok ? { ...(tags.value.Tags ?? {}) } : tags.missing ? {} : tags.fact,
      };
    }
    facts.targetDatabases = coverage(ctx, c, others);
    return facts;
  },
};
