// Task 3 — compliant: a second Glue job (the second job the state machine starts) with a SUCCEEDED run, writing Parquet (magic bytes PAR1) outside raw/ — where the processed crawler reads, else processed/.
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError } from "../../src/grade/facts.js";
import { jobFacts, jobFactsShape } from "./common.js";
import { parseS3, prefixFacts, prefixFactsSchema } from "../shared/s3-objects.js";
import { findBucket, findCrawler, findJobs } from "./discover.js";

/** The facts of Task 3. */
export const transformFactsSchema = z.object({
  ...jobFactsShape,
  /** The objects where the job wrote, and how that place was chosen; no place when nothing points to one. */
  output: orError(
    z.union([
      prefixFactsSchema.extend({ underRaw: z.boolean(), locatedBy: z.enum(["processed crawler target", "processed/ folder"]) }),
      z.object({ location: z.null(), objects: z.literal(0), sample: z.null(), locatedBy: z.literal("no processed crawler and no bucket of yours") }),
    ]),
  ),
});
export type TransformFacts = z.infer<typeof transformFactsSchema>;

/** Task 3: the transformation job and its Parquet output. */
export const transform: CheckModule<TransformFacts> = {
  id: "transform",
  description: "The transformation Glue job (second job of the state machine, or tagged / named), its runs and script location, and the Parquet output it wrote outside raw/ (the processed crawler's S3 target, else processed/).",
  names: ["rawPrefix", "processedPrefix", "rawDb", "rawDbSuffixed", "processedDb", "processedDbSuffixed"],
  actions: [
    "glue:GetJob", "glue:ListJobs", "glue:GetJobRuns", "glue:GetTags", "glue:GetCrawlers",
    "states:ListStateMachines", "states:ListTagsForResource", "states:DescribeStateMachine",
    "s3:ListAllMyBuckets", "s3:GetBucketTagging", "s3:ListBucket", "s3:GetObject",
  ],
  facts: transformFactsSchema,
  async collect(ctx) {
    const [jobs, bucket, crawler] = await Promise.all([findJobs(ctx), findBucket(ctx), findCrawler(ctx, "processed")]);
    const j = await jobFacts(ctx, jobs.transform, "transformation", jobs.listingError);
    const raw = ctx.name("rawPrefix");
    const crawled = crawler.kind === "found" ? (crawler.crawler.Targets?.S3Targets ?? []).map((t) => parseS3(t.Path)).filter((p) => p !== null) : [];
    const target = crawled.find((p) => !p.prefix.startsWith(raw)) ?? crawled[0] ?? (bucket.kind === "found" ? { bucket: bucket.name, prefix: ctx.name("processedPrefix") } : null);
    if (!target) return { ...j, output: { location: null, objects: 0, sample: null, locatedBy: "no processed crawler and no bucket of yours" } };
    const region = bucket.kind === "found" && bucket.name === target.bucket ? bucket.region : undefined;
    const out = await prefixFacts(ctx, target.bucket, target.prefix, region);
    return {
      ...j,
      output: isErrorFact(out) ? out : { ...out, underRaw: target.prefix.startsWith(raw) || target.prefix === "", locatedBy: crawled.length ? "processed crawler target" : "processed/ folder" },
    };
  },
};
