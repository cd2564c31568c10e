// A DynamoDB table: status, keys, billing mode, indexes, stream, encryption and point-in-time recovery.
import { z } from "zod";
import { DescribeContinuousBackupsCommand, DescribeTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { Facts } from "../src/grade/facts.js";
import { byName, defineReader, missing, namedFacts, orError, similarFrom } from "./reader.js";

/** Reads one table and its continuous-backup settings. */
export const reader = defineReader({
  id: "dynamodb.table",
  description: "A DynamoDB table: status, partition and sort keys, billing mode, global secondary index names, stream view type, server-side encryption type, and whether point-in-time recovery is on.",
  params: byName,
  facts: namedFacts({
    status: z.string().nullable(),
    partitionKey: z.string().nullable(),
    sortKey: z.string().nullable(),
    billingMode: z.string(),
    globalIndexes: z.array(z.string()),
    streamViewType: z.string().nullable(),
    sseType: z.string().nullable(),
    pointInTimeRecovery: orError(z.boolean()),
  }),
  actions: ["dynamodb:DescribeTable", "dynamodb:ListTables", "dynamodb:DescribeContinuousBackups"],
  async read(ctx, { name }) {
    const r = await ctx.read("dynamodb", new DescribeTableCommand({ TableName: name }), { missing: ["ResourceNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("dynamodb", (t) => new ListTablesCommand({ ExclusiveStartTableName: t }), (o) => ({ items: o.TableNames, next: o.LastEvaluatedTableName }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const t = r.value.Table ?? {};
    const backups = await ctx.read("dynamodb", new DescribeContinuousBackupsCommand({ TableName: name }), { missing: ["TableNotFoundException"] });
    const key = (k: string) => t.KeySchema?.find((x) => x.KeyType === k)?.AttributeName ?? null;
    return {
      name,
      exists: true,
      status: t.TableStatus ?? null,
      partitionKey: key("HASH"),
      sortKey: key("RANGE"),
      // A table created without a billing mode is PROVISIONED.
      billingMode: t.BillingModeSummary?.BillingMode ?? "PROVISIONED",
      globalIndexes: (t.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName ?? ""),
      streamViewType: t.StreamSpecification?.StreamEnabled ? (t.StreamSpecification.StreamViewType ?? null) : null,
      sseType: t.SSEDescription?.SSEType ?? null,
      pointInTimeRecovery: backups.ok ? backups.value.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === "ENABLED" : backups.missing ? false : backups.fact,
    } as Facts;
  },
});
