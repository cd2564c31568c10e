// Task 1 — compliant: one bucket tagged StudentID={student} with raw/ and processed/ at its top, a Parquet object (magic bytes PAR1) under raw/, and an ingestion Glue job (the first job the state machine starts) with a SUCCEEDED run.
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { CheckModule } from "../../src/grade/check.js";
import type { Facts } from "../../src/grade/facts.js";
import { taggedForStudent } from "../shared/student-owned.js";
import { jobFacts } from "./common.js";
import { prefixFacts } from "../shared/s3-objects.js";
import { findBucket, findJobs } from "./discover.js";

/** Task 1: data ingestion setup. */
export const ingestion: CheckModule = {
  id: "ingestion",
  description: "The student's S3 bucket (StudentID tag), its raw/ and processed/ folders, a Parquet object under raw/ (ranged GET of its magic bytes), and the ingestion Glue job with its runs.",
  names: ["rawPrefix", "processedPrefix", "rawDb", "rawDbSuffixed", "processedDb", "processedDbSuffixed"],
  actions: [
    "s3:ListAllMyBuckets", "s3:GetBucketTagging", "s3:ListBucket", "s3:GetObject",
    "states:ListStateMachines", "states:ListTagsForResource", "states:DescribeStateMachine",
    "glue:GetCrawlers", "glue:GetTags", "glue:GetJob", "glue:ListJobs", "glue:GetJobRuns",
  ],
  async collect(ctx) {
    const [bucket, jobs] = await Promise.all([findBucket(ctx), findJobs(ctx)]);
    const facts: Facts = {};
    const job = jobFacts(ctx, jobs.ingest, "ingestion", jobs.listingError);
    if (bucket.kind === "error") {
      facts.bucket = bucket.fact;
    } else if (bucket.kind === "missing") {
      facts.bucket = { exists: false, similar: bucket.similar };
    } else {
      facts.bucket = { exists: true, name: bucket.name, foundBy: bucket.foundBy, tagged: taggedForStudent(bucket.tags, ctx.student), studentBuckets: bucket.studentBuckets };
      const region = bucket.region ?? undefined;
      const [top, raw] = await Promise.all([
        ctx.list("s3", (t) => new ListObjectsV2Command({ Bucket: bucket.name, Delimiter: "/", ContinuationToken: t }), (o) => ({ items: o.CommonPrefixes, next: o.IsTruncated ? o.NextContinuationToken : undefined }), { region }),
        prefixFacts(ctx, bucket.name, ctx.name("rawPrefix"), region),
      ]);
      facts.folders = top.ok ? top.items.map((p) => p.Prefix ?? "").filter(Boolean) : top.fact;
      facts.raw = raw;
    }
    const j = await job;
    facts.job = j.job;
    if (j.runs !== undefined) facts.runs = j.runs;
    return facts;
  },
};
