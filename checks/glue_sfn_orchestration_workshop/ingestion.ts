// Task 1 — compliant: one bucket tagged StudentID={student} with raw/ and processed/ at its top, a Parquet object (magic bytes PAR1) under raw/, and an ingestion Glue job (the first job the state machine starts) with a SUCCEEDED run.
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import { taggedForStudent } from "../shared/student-owned.js";
import { jobFacts, jobFactsShape } from "./common.js";
import { prefixFacts, prefixFactsSchema } from "../shared/s3-objects.js";
import { findBucket, findJobs, foundBySchema } from "./discover.js";

/** The facts of Task 1 (`folders` and `raw` only when the bucket was found). */
export const ingestionFactsSchema = z.object({
  bucket: orError(
    z.union([
      z.object({ exists: z.literal(false), similar: z.array(z.string()) }),
      z.object({ exists: z.literal(true), name: z.string(), foundBy: foundBySchema, tagged: z.boolean(), studentBuckets: z.array(z.string()) }),
    ]),
  ),
  /** The bucket's top-level prefixes. */
  folders: orError(z.array(z.string())).optional(),
  /** The objects under raw/ and one sample's magic bytes. */
  raw: orError(prefixFactsSchema).optional(),
  ...jobFactsShape,
});
export type IngestionFacts = z.infer<typeof ingestionFactsSchema>;

/** Task 1: data ingestion setup. */
export const ingestion: CheckModule<IngestionFacts> = {
  id: "ingestion",
  description: "The student's S3 bucket (StudentID tag), its raw/ and processed/ folders, a Parquet object under raw/ (ranged GET of its magic bytes), and the ingestion Glue job with its runs.",
  names: ["rawPrefix", "processedPrefix", "rawDb", "rawDbSuffixed", "processedDb", "processedDbSuffixed"],
  actions: [
    "s3:ListAllMyBuckets", "s3:GetBucketTagging", "s3:ListBucket", "s3:GetObject",
    "states:ListStateMachines", "states:ListTagsForResource", "states:DescribeStateMachine",
    "glue:GetCrawlers", "glue:GetTags", "glue:GetJob", "glue:ListJobs", "glue:GetJobRuns",
  ],
  facts: ingestionFactsSchema,
  async collect(ctx) {
    const [bucket, jobs] = await Promise.all([findBucket(ctx), findJobs(ctx)]);
    const job = jobFacts(ctx, jobs.ingest, "ingestion", jobs.listingError);
    let facts: Omit<IngestionFacts, "job">;
    if (bucket.kind === "error") {
      facts = { bucket: bucket.fact };
    } else if (bucket.kind === "missing") {
      facts = { bucket: { exists: false, similar: bucket.similar } };
    } else {
      const region = bucket.region ?? undefined;
      const [top, raw] = await Promise.all([
        ctx.list("s3", (t) => new ListObjectsV2Command({ Bucket: bucket.name, Delimiter: "/", ContinuationToken: t }), (o) => ({ items: o.CommonPrefixes, next: o.IsTruncated ? o.NextContinuationToken : undefined }), { region }),
        prefixFacts(ctx, bucket.name, ctx.name("rawPrefix"), region),
      ]);
      facts = {
        bucket: { exists: true, name: bucket.name, foundBy: bucket.foundBy, tagged: taggedForStudent(bucket.tags, ctx.student), studentBuckets: bucket.studentBuckets },
        folders: top.ok ? top.items.map((p) => p.Prefix ?? "").filter(Boolean) : top.fact,
        raw,
      };
    }
    return { ...facts, ...(await job) };
  },
};
