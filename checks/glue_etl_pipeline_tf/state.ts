// state — compliant: DynamoDB tables {p}-job-bookmarks (keys job_name HASH / run_id RANGE) and {p}-job-state (job_name HASH), both with point-in-time recovery and KMS server-side encryption enabled; a {p}-metadata table is reported when present (the template does not create one).
import { DescribeContinuousBackupsCommand, DescribeTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { once } from "../shared/per-run.js";
import { nearMisses } from "../shared/student-owned.js";

/** The state tables, by fact key → rubric name key. */
const TABLES = { bookmarks: "bookmarksTable", jobState: "jobStateTable", metadata: "metadataTable" } as const;

/** One DynamoDB table: keys, status, encryption and point-in-time recovery; near-miss names when missing. */
const tableSchema = orError(
  z.union([
    z.object({
      name: z.string(),
      exists: z.literal(true),
      status: z.string().nullable(),
      keys: z.array(z.string()),
      billingMode: z.string().nullable(),
      sse: z.object({ status: z.string(), type: z.string().nullable(), kmsKey: z.string().nullable() }),
      pitr: orError(z.string()),
      indexes: z.array(z.string()),
    }),
    z.object({ name: z.string(), exists: z.literal(false), similar: orError(z.array(z.string())) }),
  ]),
);
type TableFacts = z.infer<typeof tableSchema>;

/** The facts of the state task. */
export const stateFactsSchema = z.object({ bookmarks: tableSchema, jobState: tableSchema, metadata: tableSchema });
export type StateFacts = z.infer<typeof stateFactsSchema>;

/**
 * One table as facts: existence, status, key schema ("job_name HASH"), billing mode, server-side encryption
 * (`sse.status` ENABLED only with a KMS key: DynamoDB's default AWS-owned-key encryption reports no SSEDescription)
 * and point-in-time recovery ("ENABLED" / "DISABLED", from DescribeContinuousBackups).
 */
async function table(ctx: CheckContext, name: string, tableNames: () => Promise<string[] | ErrorFact>): Promise<TableFacts> {
  const [d, b] = await Promise.all([
    ctx.read("dynamodb", new DescribeTableCommand({ TableName: name }), { missing: ["ResourceNotFoundException"] }),
    ctx.read("dynamodb", new DescribeContinuousBackupsCommand({ TableName: name }), { missing: ["TableNotFoundException", "ResourceNotFoundException"] }),
  ]);
  if (!d.ok) {
    if (!d.missing) return d.fact;
    const all = await tableNames();
    return { name, exists: false, similar: Array.isArray(all) ? nearMisses(name, all, ctx.student) : all };
  }
  const t = d.value.Table ?? {};
  const sse = t.SSEDescription;
  const pitr = b.ok ? (b.value.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? "DISABLED") : b.missing ? "DISABLED" : b.fact;
  return {
    name,
    exists: true,
    status: t.TableStatus ?? null,
    keys: (t.KeySchema ?? []).map((k) => `${k.AttributeName ?? "?"} ${k.KeyType ?? "?"}`),
    billingMode: t.BillingModeSummary?.BillingMode ?? (t.ProvisionedThroughput ? "PROVISIONED" : null),
    sse: { status: sse?.Status ?? "DEFAULT", type: sse?.SSEType ?? null, kmsKey: sse?.KMSMasterKeyArn ?? null },
    pitr,
    indexes: (t.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? "").slice(0, 20),
  };
}

/** state: the DynamoDB job-bookmark, job-state and metadata tables. */
export const state: CheckModule<StateFacts> = {
  id: "state",
  description: "DynamoDB tables of the deployment (DescribeTable: key schema, status, server-side encryption; DescribeContinuousBackups: point-in-time recovery); near-miss table names when one is missing.",
  names: Object.values(TABLES),
  actions: ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ListTables"],
  facts: stateFactsSchema,
  async collect(ctx) {
    // Table names are listed once per run, and only if a table is missing (for "did you mean").
    const tableNames = () =>
      once(ctx, "tf:dynamodbTableNames", () =>
        ctx
          .list("dynamodb", (t) => new ListTablesCommand({ ExclusiveStartTableName: t }), (o) => ({ items: o.TableNames, next: o.LastEvaluatedTableName }))
          .then((l): string[] | ErrorFact => (l.ok ? l.items : l.fact)),
      );
    const read = (k: keyof typeof TABLES) => table(ctx, ctx.name(TABLES[k]), tableNames);
    const [bookmarks, jobState, metadata] = await Promise.all([read("bookmarks"), read("jobState"), read("metadata")]);
    return { bookmarks, jobState, metadata };
  },
};
