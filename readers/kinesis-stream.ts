// A Kinesis data stream: status, capacity mode, shards, retention and encryption.
import { z } from "zod";
import { DescribeStreamSummaryCommand, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import type { Facts } from "../src/grade/facts.js";
import { byName, defineReader, missing, namedFacts, similarFrom } from "./reader.js";

/** Reads one stream's summary. */
export const reader = defineReader({
  id: "kinesis.stream",
  description: "A Kinesis data stream: status, capacity mode (PROVISIONED or ON_DEMAND), open shard count, retention hours, encryption type and key.",
  params: byName,
  facts: namedFacts({ arn: z.string().nullable(), status: z.string().nullable(), mode: z.string().nullable(), openShards: z.number().nullable(), retentionHours: z.number().nullable(), encryption: z.string().nullable(), keyId: z.string().nullable() }),
  actions: ["kinesis:DescribeStreamSummary", "kinesis:ListStreams"],
  async read(ctx, { name }) {
    const r = await ctx.read("kinesis", new DescribeStreamSummaryCommand({ StreamName: name }), { missing: ["ResourceNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("kinesis", (t) => new ListStreamsCommand({ NextToken: t }), (o) => ({ items: o.StreamNames, next: o.HasMoreStreams ? o.NextToken : undefined }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const s = r.value.StreamDescriptionSummary;
    return { name, exists: true, arn: s?.StreamARN ?? null, status: s?.StreamStatus ?? null, mode: s?.StreamModeDetails?.StreamMode ?? null, openShards: s?.OpenShardCount ?? null, retentionHours: s?.RetentionPeriodHours ?? null, encryption: s?.EncryptionType ?? null, keyId: s?.KeyId ?? null };
  },
});
