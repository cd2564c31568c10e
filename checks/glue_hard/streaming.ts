// Task 9 — compliant: streaming job streaming-etl-{student} (Command.Name gluestreaming) whose source exists: Kinesis stream transactions-stream-{student} ACTIVE, or a Kafka connection attached to the job.
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import { readJob } from "../shared/glue-jobs.js";
import { graphNodes } from "../shared/visual-graph.js";
import { jobSettings, jobSettingsSchema, missingJobSchema } from "./studio_job.js";
import { effectiveArguments } from "../shared/job-args.js";

/** Connection names that look like Kafka / MSK (GetConnection is never called: it can return secrets). */
export const KAFKA_NAME = /kafka|msk/i;

/** The Kinesis stream as DescribeStreamSummary tells it. */
const kinesisFactsSchema = z.union([
  z.object({ name: z.string(), exists: z.literal(false), status: z.null() }),
  z.object({
    name: z.string(),
    exists: z.literal(true),
    status: z.string().nullable(),
    mode: z.string().nullable(),
    arn: z.string().nullable(),
    encryption: z.string().nullable(),
    retentionHours: z.number().nullable(),
    openShards: z.number().nullable(),
  }),
]);

/** The facts of Task 9. */
export const streamingFactsSchema = z.object({
  job: orError(
    z.union([
      missingJobSchema,
      z.object({
        name: z.string(),
        exists: z.literal(true),
        ...jobSettingsSchema.shape,
        streaming: z.boolean(),
        kafkaConnections: z.array(z.string()),
        argumentsMentionStream: z.boolean(),
        /** Kinesis / Kafka source nodes of a visual graph. */
        visualStreamSources: z.array(z.object({ type: z.string(), stream: z.string().nullable(), table: z.string().nullable() })),
      }),
    ]),
  ),
  source: z.object({
    /** The sources that count, in words. */
    accepted: z.array(z.string()),
    kafkaConnections: orError(z.array(z.string())),
    kinesis: orError(kinesisFactsSchema),
  }),
});
export type StreamingFacts = z.infer<typeof streamingFactsSchema>;

/** Task 9: the streaming ETL job and its source. */
export const streaming: CheckModule<StreamingFacts> = {
  id: "streaming",
  description: "Glue streaming job (gluestreaming) and its source: the Kinesis data stream (DescribeStreamSummary) or a Kafka connection named on the job.",
  names: ["streamingJob", "kinesisStream"],
  actions: ["glue:GetJob", "glue:ListJobs", "kinesis:DescribeStreamSummary"],
  facts: streamingFactsSchema,
  async collect(ctx) {
    const name = ctx.name("streamingJob");
    const streamName = ctx.name("kinesisStream");
    const [r, stream] = await Promise.all([
      readJob(ctx, name),
      ctx.read("kinesis", new DescribeStreamSummaryCommand({ StreamName: streamName }), { missing: ["ResourceNotFoundException"] }),
    ]);
    let kafka: string[] = [];
    let job: StreamingFacts["job"];
    if (r.kind === "error") job = r.fact;
    else if (r.kind === "missing") job = { name, exists: false, similar: r.similar };
    else {
      const settings = jobSettings(r.job);
      const connections = r.job.Connections?.Connections ?? [];
      kafka = connections.filter((c) => KAFKA_NAME.test(c));
      const args = Object.values(effectiveArguments(r.job));
      const visualStreams = graphNodes(r.job.CodeGenConfigurationNodes)
        .nodes.filter((n) => /Kinesis|Kafka/.test(n.type))
        .map((n) => ({ type: n.type, stream: typeof n.body.StreamName === "string" ? n.body.StreamName : null, table: typeof n.body.Table === "string" ? n.body.Table : null }));
      job = {
        name,
        exists: true,
        ...settings,
        streaming: r.job.Command?.Name === "gluestreaming",
        kafkaConnections: kafka,
        argumentsMentionStream: args.some((v) => typeof v === "string" && v.includes(streamName)),
        visualStreamSources: visualStreams,
      };
    }
    let kinesis: StreamingFacts["source"]["kinesis"];
    if (stream.ok) {
      const s = stream.value.StreamDescriptionSummary;
      kinesis = {
        name: streamName,
        exists: true,
        status: s?.StreamStatus ?? null,
        mode: s?.StreamModeDetails?.StreamMode ?? null,
        arn: s?.StreamARN ?? null,
        encryption: s?.EncryptionType ?? null,
        retentionHours: s?.RetentionPeriodHours ?? null,
        openShards: s?.OpenShardCount ?? null,
      };
    } else kinesis = stream.missing ? { name: streamName, exists: false, status: null } : stream.fact;
    const active = stream.ok && stream.value.StreamDescriptionSummary?.StreamStatus === "ACTIVE";
    const source = {
      accepted: [...(active ? [`Kinesis stream ${streamName} (ACTIVE)`] : []), ...kafka.map((k) => `Kafka connection ${k}`)],
      kafkaConnections: r.kind === "error" ? r.fact : kafka,
      kinesis,
    };
    return { job, source };
  },
};
