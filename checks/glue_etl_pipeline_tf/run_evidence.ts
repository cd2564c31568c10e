// run_evidence — compliant: each of the three jobs has at least one SUCCEEDED run, and the processed and curated buckets hold data objects under date partitions (year=/month=/day= or yyyy/mm/dd).
import { ListObjectsV2Command, type _Object } from "@aws-sdk/client-s3";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, type ErrorFact, type Facts, type Json } from "../../src/grade/facts.js";
import { jobRuns } from "../shared/glue-jobs.js";
import { locate } from "../shared/s3-buckets.js";
import { NOT_DATA } from "../shared/s3-objects.js";
import { JOB_NAME_KEY, JOBS } from "./jobs.js";

/** Pages of GetJobRuns read per job (the newest runs come first on AWS, but that is unconfirmed, so runs are sorted). */
const MAX_RUN_PAGES = 5;
/** Pages of ListObjectsV2 read per bucket (1000 keys a page on AWS): enough to find output, never a full inventory. */
const MAX_OBJECT_PAGES = 5;
const MAX_SAMPLE = 3;

/** Hive-style (year=2026/month=11/day=02) or plain date (2026/11/02) partitions anywhere in a key. */
export const PARTITIONED = /(^|\/)(year=\d{4}\/month=\d{1,2}\/day=\d{1,2}|\d{4}\/\d{1,2}\/\d{1,2})\//;

/** Data objects of a bucket (bounded listing, never reading an object): how many, how many under date partitions, samples. */
export async function outputFacts(ctx: CheckContext, bucket: string): Promise<{ [k: string]: Json } | ErrorFact> {
  const where = await locate(ctx, bucket);
  if (where.state === "error") return where.fact;
  if (where.state !== "exists") return { bucket, exists: false, objects: 0, partitioned: 0, truncated: false, sample: [], partitionSample: null };
  const listed = await ctx.list(
    "s3",
    (t) => new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000, ContinuationToken: t }),
    (o) => ({ items: o.Contents, next: o.IsTruncated ? o.NextContinuationToken : undefined }),
    { maxPages: MAX_OBJECT_PAGES, partialOk: true, region: where.region },
  );
  if (!listed.ok) return listed.fact;
  const data = listed.items.filter((o): o is _Object & { Key: string } => !!o.Key && !NOT_DATA.test(o.Key) && (o.Size ?? 0) > 0);
  const partitioned = data.filter((o) => PARTITIONED.test(o.Key));
  return {
    bucket,
    exists: true,
    objects: data.length,
    partitioned: partitioned.length,
    truncated: listed.truncated,
    sample: data.slice(0, MAX_SAMPLE).map((o) => o.Key.slice(0, 300)),
    partitionSample: partitioned[0]?.Key.slice(0, 300) ?? null,
  };
}

/** run_evidence: job runs and the output of the pipeline. */
export const runEvidence: CheckModule = {
  id: "run_evidence",
  description: "Evidence the pipeline ran: SUCCEEDED runs of the three jobs, and date-partitioned data objects in the processed and curated buckets (bounded listings, no object is read).",
  names: ["ingestionJob", "processingJob", "qualityJob", "processedBucket", "curatedBucket"],
  actions: ["glue:GetJobRuns", "s3:ListBucket", "s3:GetBucketLocation"],
  async collect(ctx) {
    const [runs, processed, curated] = await Promise.all([
      Promise.all(JOBS.map((r) => jobRuns(ctx, ctx.name(JOB_NAME_KEY[r]), { maxPages: MAX_RUN_PAGES }))),
      outputFacts(ctx, ctx.name("processedBucket")),
      outputFacts(ctx, ctx.name("curatedBucket")),
    ]);
    // Per job: the shared job-run facts (count, succeeded, latest, latestSucceeded), or the ErrorFact of its listing.
    const pick = (f: (r: { [k: string]: Json }) => Json): { [k: string]: Json } =>
      Object.fromEntries(JOBS.map((role, i) => {
        const r = runs[i]!;
        return [role, isErrorFact(r) ? r : f(r)];
      })) as { [k: string]: Json };
    const facts: Facts = {
      succeededRuns: pick((r) => r.succeeded ?? 0),
      latestRun: pick((r) => {
        const latest = r.latest as { state?: Json } | null;
        return latest ? (latest.state ?? null) : "no runs";
      }),
      runs: pick((r) => r),
      output: { processed, curated } as { [k: string]: Json },
    };
    return facts;
  },
};
