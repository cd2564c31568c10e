// The tables of a Glue database: name, classification, location, columns and partition keys of each.
import { z } from "zod";
import { GetTablesCommand, type Table } from "@aws-sdk/client-glue";
import type { Facts, Json } from "../src/grade/facts.js";
import { withSlash } from "../checks/shared/arn.js";
import { defineReader, errorFactSchema } from "./reader.js";

const MAX_TABLES = 200;
const MAX_COLUMNS = 200;

/** The facts of one table, shared with glue.table. */
export const tableShape = {
  name: z.string(),
  tableType: z.string().nullable(),
  classification: z.string().nullable(),
  location: z.string().nullable(),
  columns: z.array(z.string()),
  columnTypes: z.record(z.string(), z.string()),
  partitionKeys: z.array(z.string()),
  recordCount: z.number().nullable(),
};

/** A Glue table as facts (classification from the table or its storage descriptor, lower case). */
export function tableFacts(t: Table): { [k: string]: Json } {
  const cols = (t.StorageDescriptor?.Columns ?? []).slice(0, MAX_COLUMNS);
  const classification = t.Parameters?.classification ?? t.StorageDescriptor?.Parameters?.classification ?? null;
  const count = Number(t.Parameters?.recordCount);
  return {
    name: t.Name ?? "",
    tableType: t.TableType ?? null,
    classification: classification?.toLowerCase() ?? null,
    location: t.StorageDescriptor?.Location ? withSlash(t.StorageDescriptor.Location)! : null,
    columns: cols.map((c) => c.Name ?? ""),
    columnTypes: Object.fromEntries(cols.map((c) => [c.Name ?? "", (c.Type ?? "").toLowerCase()])),
    partitionKeys: (t.PartitionKeys ?? []).map((c) => c.Name ?? ""),
    recordCount: Number.isFinite(count) ? count : null,
  };
}

/** Lists every table of a database (all pages, at most 200 kept). */
export const reader = defineReader({
  id: "glue.tables",
  description: "The tables of a Glue database: for each, its classification, S3 location, columns with types, partition keys and record count.",
  params: z.object({ database: z.string().min(1) }).strict(),
  facts: z.union([z.object({ database: z.string(), databaseExists: z.boolean(), names: z.array(z.string()), tables: z.array(z.object(tableShape)) }), errorFactSchema]),
  actions: ["glue:GetTables"],
  async read(ctx, { database }) {
    const r = await ctx.list("glue", (t) => new GetTablesCommand({ DatabaseName: database, NextToken: t }), (o) => ({ items: o.TableList, next: o.NextToken }));
    if (!r.ok) return r.missing ? { database, databaseExists: false, names: [], tables: [] } : (r.fact as unknown as Facts);
    const tables = r.items.slice(0, MAX_TABLES).map(tableFacts);
    return { database, databaseExists: true, names: tables.map((t) => t.name as string), tables };
  },
});
