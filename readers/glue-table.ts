// One Glue table by database and name: classification, location, columns and partition keys, with near-miss table names.
import { z } from "zod";
import { GetTableCommand, GetTablesCommand } from "@aws-sdk/client-glue";
import type { Facts } from "../src/grade/facts.js";
import { defineReader, missing, namedFacts, similarFrom } from "./reader.js";
import { tableFacts, tableShape } from "./glue-tables.js";

const { name: _name, ...details } = tableShape;

/** Reads one table. */
export const reader = defineReader({
  id: "glue.table",
  description: "One Glue table: classification, S3 location, columns with types, partition keys and record count; near-miss names when it does not exist.",
  params: z.object({ database: z.string().min(1), name: z.string().min(1) }).strict(),
  facts: namedFacts({ database: z.string(), databaseExists: z.boolean(), ...details }),
  actions: ["glue:GetTable", "glue:GetTables"],
  async read(ctx, { database, name }) {
    const r = await ctx.read("glue", new GetTableCommand({ DatabaseName: database, Name: name }), { missing: ["EntityNotFoundException"] });
    if (r.ok && r.value.Table) return { ...tableFacts(r.value.Table), name, exists: true, database, databaseExists: true };
    if (!r.ok && !r.missing) return r.fact as unknown as Facts;
    const all = await ctx.list("glue", (t) => new GetTablesCommand({ DatabaseName: database, NextToken: t }), (o) => ({ items: o.TableList?.map((x) => x.Name ?? ""), next: o.NextToken }));
    if (!all.ok && all.missing) return { ...missing(name, []), database, databaseExists: false };
    return { ...missing(name, similarFrom(ctx, name, all.ok ? { ok: true, items: all.items } : all)), database, databaseExists: true };
  },
});
