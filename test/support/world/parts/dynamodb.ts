// World part for DynamoDB: tables (DescribeTable, ListTables) and their continuous backups (DescribeContinuousBackups).
// The glue_hard fixtures are empty: test/support/world/assessments/tf/ops-side.ts builds the Terraform state tables.
import type { ContinuousBackupsDescription, TableDescription } from "@aws-sdk/client-dynamodb";
import { AwsFault, section, type CallContext, type HandlerTable, type World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** Sections owned by this part. */
export interface DynamoWorld {
  /** Tables as DescribeTable returns them (TableArn tells the region). */
  dynamoTables: TableDescription[];
  /** DescribeContinuousBackups by table name (absent: continuous backups on, point-in-time recovery off — DynamoDB's default). */
  dynamoBackups: Record<string, ContinuousBackupsDescription>;
}

const regionOf = (t: TableDescription, fallback: string) => t.TableArn?.split(":")[3] ?? fallback;
const tablesIn = (w: World, region: string) => section<TableDescription[]>(w, "dynamoTables", []).filter((t) => regionOf(t, w.region) === region);

/** A table by name or ARN in the caller's region. */
function tableOf(w: World, nameOrArn: string, ctx: CallContext): TableDescription | undefined {
  return tablesIn(w, ctx.region).find((t) => t.TableName === nameOrArn || t.TableArn === nameOrArn);
}

/** DynamoDB DescribeTable, ListTables, DescribeContinuousBackups with DynamoDB's error codes. */
export const handlers: HandlerTable = {
  dynamodb: {
    DescribeTable: (w: World, i: { TableName: string }, ctx: CallContext) => {
      const t = tableOf(w, i.TableName, ctx);
      if (!t) throw new AwsFault("ResourceNotFoundException", 400, `Requested resource not found: Table: ${i.TableName} not found`);
      return { Table: t };
    },
    // Paginated by table name: LastEvaluatedTableName is the last name returned; names come sorted.
    ListTables: (w: World, i: { ExclusiveStartTableName?: string; Limit?: number }, ctx: CallContext) => {
      if (i.Limit !== undefined && (i.Limit < 1 || i.Limit > 100)) throw new AwsFault("ValidationException", 400, "1 validation error detected: Value at 'limit' failed to satisfy constraint");
      const names = tablesIn(w, ctx.region).map((t) => t.TableName!).sort();
      const after = i.ExclusiveStartTableName ? names.filter((n) => n > i.ExclusiveStartTableName!) : names;
      const size = Math.min(w.pageSize, i.Limit ?? 100);
      const items = after.slice(0, size);
      return { TableNames: items, ...(after.length > size ? { LastEvaluatedTableName: items[items.length - 1] } : {}) };
    },
    DescribeContinuousBackups: (w: World, i: { TableName: string }, ctx: CallContext) => {
      const t = tableOf(w, i.TableName, ctx);
      if (!t) throw new AwsFault("TableNotFoundException", 400, `Table not found: ${i.TableName}`);
      const d = section<Record<string, ContinuousBackupsDescription>>(w, "dynamoBackups", {})[t.TableName!];
      return { ContinuousBackupsDescription: d ?? { ContinuousBackupsStatus: "ENABLED", PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: "DISABLED" } } };
    },
  },
};

/** Nothing for glue_hard. */
export function complete(_w: Base, _student: string): Partial<DynamoWorld> {
  return {};
}
/** Nothing for glue_hard. */
export function partial(_w: Base, _student: string): Partial<DynamoWorld> {
  return {};
}
/** Nothing for glue_hard. */
export function other(_w: Base, _student: string): Partial<DynamoWorld> {
  return {};
}
