// Task 3 check (scripted account): the second job of the state machine, its runs, and the Parquet output where the processed crawler reads.
import { beforeEach, describe, expect, it } from "vitest";
import { GetCrawlersCommand, GetJobRunsCommand } from "@aws-sdk/client-glue";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { transform } from "../../../checks/glue_sfn_orchestration_workshop/transform.js";
import { completeWorld } from "../../support/world/assessments/workshop.js";
import { collect, mockWorld, mocks, sdkError } from "./mock-world.js";

describe("transform check", () => {
  beforeEach(() => mockWorld(completeWorld("42")));

  it("reads the transformation job, its runs (newest first) and a Parquet object under the processed crawler's target (_SUCCESS skipped)", async () => {
    const f = await collect(transform);
    expect(f.job).toMatchObject({ exists: true, name: "raw-to-processed-etl", foundBy: "stateMachine", scriptLocation: expect.stringContaining("transform.py") });
    expect(f.runs).toMatchObject({ count: 2, succeeded: 1, latest: { id: "jr_raw-to-processed-etl_2", state: "SUCCEEDED" } });
    expect(f.output).toMatchObject({ location: "s3://orchestration-lab-data-42/processed/", objects: 1, underRaw: false, locatedBy: "processed crawler target", sample: { magic: "PAR1", parquet: true } });
  });

  it("a processed crawler reading under raw/ makes the output underRaw", async () => {
    mocks.glue.on(GetCrawlersCommand).resolves({ Crawlers: [{ Name: "processed-data-crawler", DatabaseName: "workshop_processed", Targets: { S3Targets: [{ Path: "s3://orchestration-lab-data-42/raw/out/" }] } }] });
    const f = await collect(transform);
    expect(f.output).toMatchObject({ location: "s3://orchestration-lab-data-42/raw/out/", underRaw: true, objects: 0, sample: null });
  });

  it("GetJobRuns denied → runs ErrorFact; ListObjectsV2 denied → output ErrorFact", async () => {
    mocks.glue.on(GetJobRunsCommand).rejects(sdkError("AccessDeniedException"));
    mocks.s3.on(ListObjectsV2Command).rejects(sdkError("AccessDenied", 403));
    const f = await collect(transform);
    expect(f.runs).toMatchObject({ $error: { action: "glue:GetJobRuns" } });
    expect(f.output).toMatchObject({ $error: { action: "s3:ListBucket" } });
  });
});
