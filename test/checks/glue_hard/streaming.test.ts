// Task 9 check: streaming job and source facts from scripted Glue/Kinesis answers (FakeAws), and graded worlds.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetJobCommand, ListJobsCommand, type Job } from "@aws-sdk/client-glue";
import { DescribeStreamSummaryCommand, ResourceNotFoundException } from "@aws-sdk/client-kinesis";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { streaming } from "../../../checks/glue_hard/streaming.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const kinesis = aws.client("kinesis");
const names = { streamingJob: "streaming-etl-7", kinesisStream: "transactions-stream-7" };
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");
const denied = (m: string) => Object.assign(new Error(m), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
const noStream = () => new ResourceNotFoundException({ message: "Stream transactions-stream-7 under account 111122223333 not found.", $metadata: { httpStatusCode: 400 } });

const job: Job = {
  Name: "streaming-etl-7",
  Command: { Name: "gluestreaming", ScriptLocation: "s3://enterprise-datalake-7/scripts/streaming_etl.py" },
  GlueVersion: "4.0",
  DefaultArguments: { "--stream_name": "transactions-stream-7" },
};

beforeEach(() => {
  aws.reset();
});

afterEach(() => {
  // a read the test did not script would stand in the facts as an error: every test scripts what the check reads
  expect(aws.unscripted).toEqual([]);
});

describe("streaming check (client mock)", () => {
  it("a gluestreaming job and an ACTIVE Kinesis stream", async () => {
    glue.on(GetJobCommand).resolves({ Job: job });
    kinesis.on(DescribeStreamSummaryCommand).resolves({
      StreamDescriptionSummary: {
        StreamName: "transactions-stream-7",
        StreamARN: "arn:aws:kinesis:us-east-1:111122223333:stream/transactions-stream-7",
        StreamStatus: "ACTIVE",
        StreamModeDetails: { StreamMode: "ON_DEMAND" },
        RetentionPeriodHours: 24,
        StreamCreationTimestamp: new Date("2026-11-01T00:00:00Z"),
        EnhancedMonitoring: [],
        OpenShardCount: 4,
      },
    });
    const f = await aws.collect(streaming, ctx());
    expect(f.job).toMatchObject({ exists: true, streaming: true, commandName: "gluestreaming", kafkaConnections: [], argumentsMentionStream: true, scriptLocation: "s3://enterprise-datalake-7/scripts/streaming_etl.py" });
    expect(f.source).toEqual({
      kinesis: { name: "transactions-stream-7", exists: true, status: "ACTIVE", mode: "ON_DEMAND", arn: "arn:aws:kinesis:us-east-1:111122223333:stream/transactions-stream-7", encryption: null, retentionHours: 24, openShards: 4 },
      kafkaConnections: [],
      accepted: ["Kinesis stream transactions-stream-7 (ACTIVE)"],
    });
    expect(kinesis.commandCalls(DescribeStreamSummaryCommand)[0]!).toEqual({ StreamName: "transactions-stream-7" });
  });

  it("no stream (ResourceNotFoundException) but a Kafka connection named on the job: Kafka is accepted, GetConnection never called", async () => {
    glue.on(GetJobCommand).resolves({ Job: { ...job, Connections: { Connections: ["vpc-net-7", "msk-transactions-7"] } } });
    kinesis.on(DescribeStreamSummaryCommand).rejects(noStream());
    const f = await aws.collect(streaming, ctx());
    expect(f.source).toEqual({ kinesis: { name: "transactions-stream-7", exists: false, status: null }, kafkaConnections: ["msk-transactions-7"], accepted: ["Kafka connection msk-transactions-7"] });
    expect(glue.calls().map((c) => c.operation)).toEqual(["GetJob"]);
  });

  it("a stream still CREATING is reported but not accepted", async () => {
    glue.on(GetJobCommand).resolves({ Job: job });
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { StreamName: "transactions-stream-7", StreamARN: "arn", StreamStatus: "CREATING", RetentionPeriodHours: 24, StreamCreationTimestamp: new Date(), EnhancedMonitoring: [], OpenShardCount: 0 } });
    const f = await aws.collect(streaming, ctx());
    expect(f.source).toMatchObject({ kinesis: { status: "CREATING" }, accepted: [] });
  });

  it("a batch job (glueetl) is not streaming; a missing job lists similar names", async () => {
    glue.on(GetJobCommand).resolves({ Job: { ...job, Command: { Name: "glueetl" } } });
    kinesis.on(DescribeStreamSummaryCommand).rejects(noStream());
    expect((await aws.collect(streaming, ctx())).job).toMatchObject({ exists: true, streaming: false, commandName: "glueetl" });

    glue.reset();
    glue.on(GetJobCommand).rejects(new EntityNotFoundException({ message: "Job not found", $metadata: { httpStatusCode: 400 } }));
    glue.on(ListJobsCommand).resolves({ JobNames: ["Streaming-ETL-7", "streaming-etl-s002"] });
    expect((await aws.collect(streaming, ctx())).job).toEqual({ name: "streaming-etl-7", exists: false, similar: ["Streaming-ETL-7"] });
  });

  it("AccessDenied: GetJob → the job and its Kafka connections are error facts; DescribeStreamSummary → the stream is", async () => {
    glue.on(GetJobCommand).rejects(denied("not authorized to perform glue:GetJob"));
    kinesis.on(DescribeStreamSummaryCommand).rejects(denied("not authorized to perform kinesis:DescribeStreamSummary"));
    const f = await aws.collect(streaming, ctx());
    expect(f.job).toMatchObject({ $error: { action: "glue:GetJob", kind: "accessDenied" } });
    expect(f.source).toMatchObject({ kinesis: { $error: { action: "kinesis:DescribeStreamSummary", kind: "accessDenied" } }, kafkaConnections: { $error: { action: "glue:GetJob" } } });
  });
});

describe("streaming task graded from worlds", () => {
  it("a complete world passes every automatic criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["streaming"] });
    expect(statuses(r)).toEqual({ "streaming.job_exists": "pass", "streaming.streaming_type": "pass", "streaming.source": "pass", "streaming.script_review": "manual" });
    expect(r.tasks[0]!.criteria.find((c) => c.id === "source")!.message).toContain("transactions-stream-42 (ACTIVE)");
  });

  it("the partial world fails exactly the planted mistake (no Kinesis stream, no Kafka connection)", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["streaming"] });
    expect(statuses(r)).toEqual({ "streaming.job_exists": "pass", "streaming.streaming_type": "pass", "streaming.source": "fail", "streaming.script_review": "manual" });
    expect(r.tasks[0]!.criteria.find((c) => c.id === "source")!.message).toContain("status none (none: no such stream in this region)");
  });

  it("the partial world with a Kafka connection on the job passes the source criterion", async () => {
    const w = partialWorld("42");
    w.jobs = (w.jobs as Job[]).map((j) => (j.Name === "streaming-etl-42" ? { ...j, Connections: { Connections: ["kafka-transactions-42"] } } : j));
    const r = await gradeWorld("glue_hard", w, "42", { only: ["streaming"] });
    expect(statuses(r)["streaming.source"]).toBe("pass");
  });

  it("another student's stream does not count", async () => {
    const w = partialWorld("42", { others: 3 });
    expect((w.kinesisStreams as { StreamName: string }[]).map((s) => s.StreamName)).toEqual(["transactions-stream-s001", "transactions-stream-s002", "transactions-stream-s003"]);
    expect(statuses(await gradeWorld("glue_hard", w, "42", { only: ["streaming"] }))["streaming.source"]).toBe("fail");
  });
});
