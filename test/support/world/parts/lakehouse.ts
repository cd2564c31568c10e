// World part for the STEDI lakehouse: EC2 VPC endpoints, Athena workgroups, and a tiny Athena engine that answers
// `SELECT COUNT(*) FROM "db"."table"` (optionally with the consent WHERE clause) from row counts kept in the world.
// Query executions go to `athenaQueries` and their results to `athenaResults` (read by the orchestration part's
// GetQueryResults / ListQueryExecutions / BatchGetQueryExecution). The glue_hard fixtures are empty:
// test/support/world/assessments/lakehouse.ts builds this assessment's worlds.
import type { VpcEndpoint, Filter } from "@aws-sdk/client-ec2";
import type { QueryExecution, ResultSet, WorkGroup, StartQueryExecutionInput } from "@aws-sdk/client-athena";
import type { Table } from "@aws-sdk/client-glue";
import { AwsFault, page, section, type HandlerTable, type World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** Rows of one simulated table: how many, and how many lack research consent. */
export interface TableRows {
  rows: number;
  withoutConsent?: number;
}

/** Sections owned by this part. */
export interface LakehouseWorld {
  /** DescribeVpcEndpoints (every region: ServiceName tells the region). */
  vpcEndpoints: VpcEndpoint[];
  /** GetWorkGroup by name. */
  athenaWorkGroups: WorkGroup[];
  /** The Athena engine's data: rows by "database.table" (lowercase). */
  tableRows: Record<string, TableRows>;
  /** GetQueryExecution polls a query answers RUNNING before it finishes (default 1). */
  athenaPollsBeforeDone: number;
  /** Remaining RUNNING answers by query execution id (state of the engine). */
  athenaPending: Record<string, number>;
}

/** EC2 Filter semantics for the names the checks may use. */
function endpointMatches(e: VpcEndpoint, filters: readonly Filter[] | undefined): boolean {
  return (filters ?? []).every((f) => {
    const v = f.Values ?? [];
    switch (f.Name) {
      case "service-name":
        return v.includes(e.ServiceName ?? "");
      case "vpc-id":
        return v.includes(e.VpcId ?? "");
      case "vpc-endpoint-type":
        return v.includes(e.VpcEndpointType ?? "");
      case "vpc-endpoint-state":
        return v.includes(String(e.State ?? "").toLowerCase());
      default:
        throw new AwsFault("InvalidParameterValue", 400, `The filter '${f.Name}' is invalid`);
    }
  });
}

const ident = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z0-9_]+))`;
const FROM = new RegExp(String.raw`\bFROM\s+(?:${ident}\s*\.\s*)?${ident}`, "i");
const unq = (quoted: string | undefined, bare: string | undefined) => (quoted !== undefined ? quoted.replace(/""/g, '"') : bare)?.toLowerCase();

/** Answers a query the way Athena would for the lab's data, or the failure Athena would report. */
function answer(w: World, sql: string, database: string | undefined): { ok: true; value: number } | { ok: false; error: string } {
  const m = FROM.exec(sql);
  if (!/^\s*SELECT\s+COUNT\(\*\)/i.test(sql) || !m) return { ok: false, error: "the test world only answers SELECT COUNT(*) FROM <table>" };
  const db = unq(m[1], m[2]) ?? database?.toLowerCase();
  const table = unq(m[3], m[4]);
  const glueTable = section<Table[]>(w, "glueTables", []).find((t) => t.DatabaseName?.toLowerCase() === db && t.Name?.toLowerCase() === table);
  if (!glueTable) return { ok: false, error: `TABLE_NOT_FOUND: line 1:22: Table 'awsdatacatalog.${db}.${table}' does not exist` };
  const rows = section<Record<string, TableRows>>(w, "tableRows", {})[`${db}.${table}`] ?? { rows: 0 };
  if (/\bWHERE\b/i.test(sql)) {
    if (!/sharewithresearchasofdate/i.test(sql)) return { ok: false, error: "the test world only answers the consent WHERE clause" };
    const has = [...(glueTable.StorageDescriptor?.Columns ?? [])].some((c) => c.Name?.toLowerCase() === "sharewithresearchasofdate");
    if (!has) return { ok: false, error: `COLUMN_NOT_FOUND: line 1:60: Column 'sharewithresearchasofdate' cannot be resolved` };
    return { ok: true, value: rows.withoutConsent ?? 0 };
  }
  return { ok: true, value: rows.rows };
}

let seq = 0;
const queries = (w: World) => (w.athenaQueries ??= []) as QueryExecution[];
const results = (w: World) => (w.athenaResults ??= {}) as Record<string, ResultSet>;
const pending = (w: World) => (w.athenaPending ??= {}) as Record<string, number>;

/** EC2 DescribeVpcEndpoints; Athena StartQueryExecution, GetQueryExecution, GetWorkGroup. */
export const handlers: HandlerTable = {
  ec2: {
    DescribeVpcEndpoints: (w: World, i: { VpcEndpointIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx) => {
      if (i.MaxResults !== undefined && (i.MaxResults < 5 || i.MaxResults > 1000)) throw new AwsFault("InvalidParameterValue", 400, "MaxResults must be between 5 and 1000");
      // An endpoint lives in its VPC's region: the region in its service name (com.amazonaws.<region>.s3).
      const regionOf = (e: VpcEndpoint) => e.ServiceRegion ?? /^com\.amazonaws\.([a-z0-9-]+)\./.exec(e.ServiceName ?? "")?.[1] ?? ctx.region;
      const inRegion = section<VpcEndpoint[]>(w, "vpcEndpoints", []).filter((e) => regionOf(e) === ctx.region);
      for (const id of i.VpcEndpointIds ?? []) {
        if (!inRegion.some((e) => e.VpcEndpointId === id)) throw new AwsFault("InvalidVpcEndpointId.NotFound", 400, `The Vpc Endpoint Id '${id}' does not exist`);
      }
      const rows = inRegion.filter((e) => (!i.VpcEndpointIds?.length || i.VpcEndpointIds.includes(e.VpcEndpointId ?? "")) && endpointMatches(e, i.Filters));
      const p = page(rows, i.NextToken, w.pageSize, i.MaxResults);
      return { VpcEndpoints: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
  },
  athena: {
    GetWorkGroup: (w: World, i: { WorkGroup: string }) => {
      const g = section<WorkGroup[]>(w, "athenaWorkGroups", []).find((x) => x.Name === i.WorkGroup);
      if (!g) throw new AwsFault("InvalidRequestException", 400, `WorkGroup ${i.WorkGroup} is not found.`);
      return { WorkGroup: g };
    },
    StartQueryExecution: (w: World, i: StartQueryExecutionInput) => {
      const wgName = i.WorkGroup ?? "primary";
      const wg = section<WorkGroup[]>(w, "athenaWorkGroups", []).find((x) => x.Name === wgName);
      if (!wg) throw new AwsFault("InvalidRequestException", 400, `WorkGroup ${wgName} is not found.`);
      const enforce = wg.Configuration?.EnforceWorkGroupConfiguration === true;
      const output = enforce ? wg.Configuration?.ResultConfiguration?.OutputLocation : (i.ResultConfiguration?.OutputLocation ?? wg.Configuration?.ResultConfiguration?.OutputLocation);
      if (!output && !wg.Configuration?.ManagedQueryResultsConfiguration?.Enabled) {
        throw new AwsFault("InvalidRequestException", 400, "No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.");
      }
      const id = `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;
      const database = i.QueryExecutionContext?.Database;
      const a = answer(w, i.QueryString ?? "", database);
      const now = new Date("2026-11-20T12:00:00Z");
      queries(w).push({
        QueryExecutionId: id,
        Query: i.QueryString,
        StatementType: "DML",
        WorkGroup: wgName,
        QueryExecutionContext: { ...(database ? { Database: database } : {}), Catalog: i.QueryExecutionContext?.Catalog ?? "AwsDataCatalog" },
        ResultConfiguration: { ...(output ? { OutputLocation: `${output.replace(/\/+$/, "")}/${id}.csv` } : {}) },
        Status: a.ok
          ? { State: "SUCCEEDED", SubmissionDateTime: now, CompletionDateTime: now }
          : { State: "FAILED", SubmissionDateTime: now, CompletionDateTime: now, StateChangeReason: a.error, AthenaError: { ErrorCategory: 2, ErrorType: 1006, Retryable: false, ErrorMessage: a.error } },
      });
      if (a.ok) {
        results(w)[id] = {
          Rows: [{ Data: [{ VarCharValue: "_col0" }] }, { Data: [{ VarCharValue: String(a.value) }] }],
          ResultSetMetadata: { ColumnInfo: [{ CatalogName: "hive", Name: "_col0", Label: "_col0", Type: "bigint", Precision: 19, Scale: 0, Nullable: "UNKNOWN", CaseSensitive: false }] },
        };
      }
      pending(w)[id] = typeof w.athenaPollsBeforeDone === "number" ? w.athenaPollsBeforeDone : 1;
      return { QueryExecutionId: id };
    },
    GetQueryExecution: (w: World, i: { QueryExecutionId: string }) => {
      const q = queries(w).find((x) => x.QueryExecutionId === i.QueryExecutionId);
      if (!q) throw new AwsFault("InvalidRequestException", 400, `QueryExecution ${i.QueryExecutionId} was not found`);
      const left = pending(w)[i.QueryExecutionId] ?? 0;
      if (left > 0) {
        pending(w)[i.QueryExecutionId] = left - 1;
        return { QueryExecution: { ...q, Status: { State: left > 1 ? "QUEUED" : "RUNNING", SubmissionDateTime: q.Status?.SubmissionDateTime } } };
      }
      return { QueryExecution: q };
    },
  },
};

/** Nothing for glue_hard. */
export function complete(_w: Base, _student: string): Partial<LakehouseWorld> {
  return {};
}
/** Nothing for glue_hard. */
export function partial(_w: Base, _student: string): Partial<LakehouseWorld> {
  return {};
}
/** Nothing for glue_hard. */
export function other(_w: Base, _student: string): Partial<LakehouseWorld> {
  return {};
}
