// Task 1 check (scripted account): bucket by tag / name / crawler target, folders, ranged GET of the magic bytes (bytes; an SDK stream read once), the ingestion job.
import { beforeEach, describe, expect, it } from "vitest";
import { GetObjectCommand, GetBucketTaggingCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { ingestion } from "../../../checks/glue_sfn_orchestration_workshop/ingestion.js";
import { readBody } from "../../../checks/shared/s3-objects.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/workshop.js";
import { collect, mockWorld, mocks, sdkError } from "./mock-world.js";

/** A body as the SDK returns it live: a stream consumed once through transformToByteArray. */
const stream = (text: string) => {
  let used = false;
  return {
    transformToByteArray: async () => {
      if (used) throw new Error("The stream has already been transformed.");
      used = true;
      return new Uint8Array(Buffer.from(text, "latin1"));
    },
    transformToString: async () => text,
  };
};

describe("ingestion check", () => {
  beforeEach(() => mockWorld(completeWorld("42")));

  it("finds the tagged bucket among others, its folders, a Parquet sample (Range bytes=0-3) and the ingestion job with its runs", async () => {
    const f = await collect(ingestion);
    expect(f.bucket).toEqual({ exists: true, name: "orchestration-lab-data-42", foundBy: "tag", tagged: true, studentBuckets: ["orchestration-lab-data-42"] });
    expect(f.folders).toEqual(["athena-results/", "processed/", "raw/"]);
    expect(f.raw).toMatchObject({ objects: 1, parquetObjects: 1, sample: { key: "raw/customers/part-00000-1a2b.snappy.parquet", magic: "PAR1", parquet: true } });
    const get = mocks.s3.commandCalls(GetObjectCommand);
    expect(get).toEqual([{ Bucket: "orchestration-lab-data-42", Key: "raw/customers/part-00000-1a2b.snappy.parquet", Range: "bytes=0-3" }]);
    expect(f.job).toMatchObject({ exists: true, name: "raw-ingest-job", foundBy: "stateMachine", commandName: "glueetl" });
    expect(f.runs).toMatchObject({ count: 2, succeeded: 1, latest: { state: "SUCCEEDED" } });
    // Tooling buckets are never read for tags.
    expect(mocks.s3.commandCalls(GetBucketTaggingCommand).map((c) => c.Bucket)).not.toContain("aws-glue-assets-123456789012-us-east-1");
  });

  it("a live SDK stream body is read once, however many checks ask for it", async () => {
    const body = stream("PAR1 and much more");
    const [a, b] = await Promise.all([readBody(body), readBody(body)]);
    expect(Buffer.from(a).toString("latin1")).toBe("PAR1 and much more");
    expect(b).toBe(a);
  });

  it("keeps only the first four bytes of a body longer than the range asked", async () => {
    mocks.s3.on(GetObjectCommand).resolves({ Body: new Uint8Array(Buffer.from("PAR1 and much more", "latin1")) });
    const f = await collect(ingestion);
    expect(f.raw).toMatchObject({ sample: { magic: "PAR1", parquet: true } });
  });

  it("a CSV under raw/ is sampled and shown by its magic bytes", async () => {
    mockWorld(partialWorld("42"));
    const f = await collect(ingestion);
    expect(f.raw).toMatchObject({ parquetObjects: 0, otherKeys: ["raw/customers/customers.csv"], sample: { key: "raw/customers/customers.csv", magic: "cust", parquet: false } });
  });

  it("non-printable magic bytes are escaped", async () => {
    mocks.s3.on(GetObjectCommand).resolves({ Body: new Uint8Array([0x1f, 0x8b, 0x08, 0x00]) as never });
    const f = await collect(ingestion);
    expect(f.raw).toMatchObject({ sample: { magic: "\\x1f\\x8b\\x08\\x00", parquet: false } });
  });

  it("GetObject denied → an ErrorFact in the sample, the rest still graded", async () => {
    mocks.s3.on(GetObjectCommand).rejects(sdkError("AccessDenied", 403, "Access Denied"));
    const f = await collect(ingestion);
    expect(f.raw).toMatchObject({ sample: { $error: { action: "s3:GetObject", kind: "accessDenied" } } });
    expect(f.bucket).toMatchObject({ exists: true });
  });

  it("ListBuckets denied → bucket ErrorFact", async () => {
    mocks.s3.on(ListBucketsCommand).rejects(sdkError("AccessDenied", 403));
    const f = await collect(ingestion);
    expect(f.bucket).toMatchObject({ $error: { action: "s3:ListAllMyBuckets" } });
  });

  it("an untagged bucket is found by the student ID in its name", async () => {
    mocks.s3.on(GetBucketTaggingCommand, { Bucket: "orchestration-lab-data-42" }).rejects(sdkError("NoSuchTagSet", 404));
    const f = await collect(ingestion);
    expect(f.bucket).toMatchObject({ exists: true, name: "orchestration-lab-data-42", foundBy: "name", tagged: false });
  });

  it("no state machine of the student → jobs by StudentID tag", async () => {
    mocks.s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: "orchestration-lab-data-42", BucketRegion: "us-east-1" }, { Name: "orchestration-lab-s001", BucketRegion: "us-east-1" }] });
    mocks.sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
    const f = await collect(ingestion, "s001");
    expect(f.bucket).toMatchObject({ exists: true, name: "orchestration-lab-s001", foundBy: "tag" });
    expect(f.job).toMatchObject({ exists: true, name: "raw-ingest-job-s001", foundBy: "tag" });
  });
});
