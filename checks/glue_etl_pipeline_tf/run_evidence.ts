// run_evidence — compliant: each of the three jobs has at least one SUCCEEDED run, and the processed and curated buckets hold data objects under date partitions (year=/month=/day= or yyyy/mm/dd).
import { ListObjectsV2Command, type _Object } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { jobRuns, jobRunsFactsSchema, type JobRunsFacts } from "../shared/glue-jobs.js";
import { keyed } from "../shared/keyed.js";
import { locateWith } from "../shared/s3-buckets.js";
import { NOT_DATA } from "../shared/s3-objects.js";
import { JOB_NAME_KEY, JOBS } from "./jobs.js";

/** Pages of GetJobRuns read per job (the newest runs come first on AWS, but that is unconfirmed, so runs are sorted). */
const MAX_RUN_PAGES = 5;
/** Pages of ListObjectsV2 read per bucket (1000 keys a page on AWS): enough to find output, never a full inventory. */
const MAX_OBJECT_PAGES = 5;
const MAX_SAMPLE = 3;

/** Hive-style (year=2026/month=11/day=02) or plain date (2026/11/02) partitions anywhere in a key. */
export const PARTITIONED = /(^|\/)(year=\d{4}\/month=\d{1,2}\/day=\d{1,2}|\d{4}\/\d{1,2}\/\d{1,2})\//;

/** The data objects of a bucket: how many, how many under date partitions, samples. */
export const outputFactsSchema = z.object({
  bucket: z.string(),
  exists: z.boolean(),
  objects: z.number(),
  partitioned: z.number(),
  truncated: z.boolean(),
  sample: z.array(z.string()),
  partitionSample: z.string().nullable(),
});
export type OutputFacts = z.infer<typeof outputFactsSchema>;

/** Per job (ingestion, processing, quality): one value. */
const perJob = <S extends z.ZodType>(s: S) => z.object({ ingestion: s, processing: s, quality: s });

/** The facts of the run evidence task. */
export const runEvidenceFactsSchema = z.object({
  succeededRuns: perJob(orError(z.number())),
  /** The latest run's state, or "no runs". */
  latestRun: perJob(orError(z.string().nullable())),
  runs: perJob(orError(jobRunsFactsSchema)),
  output: z.object({ processed: orError(outputFactsSchema), curated: orError(outputFactsSchema) }),
});
export type RunEvidenceFacts = z.infer<typeof runEvidenceFactsSchema>;

/** Data objects of a bucket (bounded listing, never reading an object): how many, how many under date partitions, samples. */
export async function outputFacts(ctx: CheckContext, bucket: string): Promise<OutputFacts | ErrorFact> {
  // The listing goes out alongside HeadBucket (again in the bucket's region when it lives elsewhere).
  const { where, value: listed } = await locateWith(ctx, bucket, (region) =>
    ctx.list(
      "s3",
      (t) => new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000, ContinuationToken: t }),
      (o) => ({ items: o.Contents, next: o.IsTruncated ? o.NextContinuationToken : undefined }),
      { maxPages: MAX_OBJECT_PAGES, partialOk: true, region },
    ),
  );
  if (where.state === "error") return where.fact;
  if (where.state !== "exists" || !listed) return { bucket, exists: false, objects: 0, partitioned: 0, truncated: false, sample: [], partitionSample: null };
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
export const runEvidence: CheckModule<RunEvidenceFacts> = {
  id: "run_evidence",
  description: "Evidence the pipeline ran: SUCCEEDED runs of the three jobs, and date-partitioned data objects in the processed and curated buckets (bounded listings, no object is read).",
  names: ["ingestionJob", "processingJob", "qualityJob", "processedBucket", "curatedBucket"],
  actions: ["glue:GetJobRuns", "s3:ListBucket", "s3:GetBucketLocation"],
  facts: runEvidenceFactsSchema,
  async collect(ctx) {
    const [runs, processed, curated] = await Promise.all([
      Promise.all(JOBS.map((r) => jobRuns(ctx, ctx.name(JOB_NAME_KEY[r]), { maxPages: MAX_RUN_PAGES }))),
      outputFacts(ctx, ctx.name("processedBucket")),
      outputFacts(ctx, ctx.name("curatedBucket")),
    ]);
    // Per job: the shared job-run facts (count, succeeded, latest, latestSucceeded), or the ErrorFact of its listing.
    const pick = <V>(f: (r: JobRunsFacts) => V) => keyed(JOBS.map((role, i) => {
      const r = runs[i]!;
      return [role, isErrorFact(r) ? r : f(r)] as const;
    }));
    return {
      succeededRuns: pick((r) => r.succeeded),
      latestRun: pick((r) => (r.latest ? r.latest.state : "no runs")),
      runs: pick((r) => r),
      output: { processed, curated },
    };
  },
};
