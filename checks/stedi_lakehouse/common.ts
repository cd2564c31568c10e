// Shared by the STEDI checks: the student's database (stedi_{student}, or the lab's plain `stedi` when that is fair),
// its tables as facts (location, lowercased columns, types), and a per-run `once` so checks share the work.
import { GetDatabaseCommand, GetDatabasesCommand, GetTablesCommand, GetTagsCommand, type Table } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext } from "../../src/grade/check.js";
import { once } from "../shared/per-run.js";
import { errorFactSchema, orError, type ErrorFact } from "../../src/grade/facts.js";
import { glueArn, withSlash } from "../shared/arn.js";
import { similarNames } from "../shared/similar.js";
import { nearMisses, taggedForStudent } from "../shared/student-owned.js";

/** The eight tables of the lab by zone; `aliases` are other accepted names (the lab text says "customers_curated"). */
export const TABLES = {
  customer_landing: { zone: "landing", aliases: [] },
  accelerometer_landing: { zone: "landing", aliases: [] },
  step_trainer_landing: { zone: "landing", aliases: [] },
  customer_trusted: { zone: "trusted", aliases: [] },
  accelerometer_trusted: { zone: "trusted", aliases: [] },
  step_trainer_trusted: { zone: "trusted", aliases: [] },
  customer_curated: { zone: "curated", aliases: ["customers_curated"] },
  machine_learning_curated: { zone: "curated", aliases: [] },
} as const satisfies Record<string, { zone: string; aliases: readonly string[] }>;
export type TableId = keyof typeof TABLES;

/** The student's database: found by its rubric name, or the plain name (accepted only when it is fair, see `matchedBy`). */
export const databaseFactsSchema = z.union([
  z.object({ name: z.string(), exists: z.literal(true), matchedBy: z.enum(["name", "plain-tagged", "plain-only-copy"]), location: z.string().nullable() }),
  z.object({ name: z.string(), exists: z.literal(false), plain: z.string().optional(), plainNote: z.string().optional(), similar: orError(z.array(z.string())) }),
]);
export type DatabaseFacts = z.infer<typeof databaseFactsSchema>;

/**
 * Resolves the database: `names.database` (stedi_{student}); if it does not exist, `names.plainDatabase` (the lab's
 * `stedi`) when it is tagged StudentID=<student>, or when no other student's copy (`stedi_<id>`) exists in the account
 * (a personal lab account). In a shared account an untagged `stedi` belongs to nobody in particular and is not used.
 */
export function resolveDatabase(ctx: CheckContext): Promise<DatabaseFacts | ErrorFact> {
  return once(ctx, "database", async () => {
    const own = ctx.name("database");
    let listing: Promise<string[] | ErrorFact> | undefined;
    const all = () =>
      (listing ??= ctx
        .list("glue", (t) => new GetDatabasesCommand({ NextToken: t }), (o) => ({ items: o.DatabaseList, next: o.NextToken }))
        .then((r) => (r.ok ? r.items.map((d) => d.Name ?? "") : r.fact)));
    const r = await ctx.read("glue", new GetDatabaseCommand({ Name: own }), { missing: ["EntityNotFoundException"] });
    if (r.ok) return { name: own, exists: true, matchedBy: "name", location: withSlash(r.value.Database?.LocationUri) ?? null };
    if (!r.missing) return r.fact;
    const plain = ctx.names.plainDatabase;
    const names = await all();
    const similar = Array.isArray(names) ? nearMisses(own, names, ctx.student).filter((n) => n !== plain) : names;
    if (!plain || plain === own) return { name: own, exists: false, similar };
    const p = await ctx.read("glue", new GetDatabaseCommand({ Name: plain }), { missing: ["EntityNotFoundException"] });
    if (!p.ok) return p.missing ? { name: own, exists: false, similar } : p.fact;
    const location = withSlash(p.value.Database?.LocationUri) ?? null;
    const tags = await ctx.read("glue", new GetTagsCommand({ ResourceArn: await glueArn(ctx, "database", plain) }));
    if (tags.ok && taggedForStudent(tags.value.Tags ?? {}, ctx.student)) return { name: plain, exists: true, matchedBy: "plain-tagged", location };
    if (!Array.isArray(names)) return names;
    const at = own.toLowerCase().indexOf(ctx.student.toLowerCase());
    const prefix = at > 0 ? own.slice(0, at).toLowerCase() : `${plain.toLowerCase()}_`;
    const copies = names.filter((n) => n.toLowerCase().startsWith(prefix) && n !== own);
    if (copies.length === 0) return { name: plain, exists: true, matchedBy: "plain-only-copy", location };
    return {
      name: own,
      exists: false,
      plain,
      plainNote: `"${plain}" exists, but so do other students' copies (${copies.slice(0, 3).join(", ")}), so it cannot be attributed to you: name it ${own} or tag it StudentID=${ctx.student}`,
      similar,
    };
  });
}

/** Every table of the resolved database (GetTables, all pages), or why they could not be read. */
export function databaseTables(ctx: CheckContext): Promise<{ db: DatabaseFacts | ErrorFact; tables: Table[] | ErrorFact | null }> {
  return once(ctx, "tables", async () => {
    const db = await resolveDatabase(ctx);
    if ("$error" in db || !db.exists) return { db, tables: null };
    const r = await ctx.list("glue", (t) => new GetTablesCommand({ DatabaseName: db.name, NextToken: t }), (o) => ({ items: o.TableList, next: o.NextToken }));
    return { db, tables: r.ok ? r.items : r.fact };
  });
}

/** A table found. Column names are lowercased (Glue and Athena treat them without case). */
export const foundTableSchema = z.object({
  name: z.string(),
  exists: z.literal(true),
  /** The name found (an alias such as customers_curated, or the name itself). */
  table: z.string(),
  /** StorageDescriptor.Location with one trailing slash. */
  location: z.string().nullable(),
  /** Data columns then partition keys, lowercased. */
  columns: z.array(z.string()),
  types: z.record(z.string(), z.string()),
  /** Every column is a string (what a crawler-less DDL with all `string` columns gives). */
  allStrings: z.boolean(),
});
export type FoundTable = z.infer<typeof foundTableSchema>;

/** The facts of one expected table: found, or near-miss names of the database's tables. */
export const tableFactsSchema = z.union([foundTableSchema, z.object({ name: z.string(), exists: z.literal(false), similar: z.array(z.string()) })]);
export type TableFacts = z.infer<typeof tableFactsSchema>;

/** A table in a zone's facts: its facts, "no database" when there is none to look in, or the listing's ErrorFact. */
export const zoneTableSchema = z.union([tableFactsSchema, z.object({ name: z.string(), exists: z.literal(false), reason: z.literal("no database") }), errorFactSchema]);
export type ZoneTable = z.infer<typeof zoneTableSchema>;

/** Facts of one expected table from the database's listing. */
export function tableFacts(id: TableId, tables: readonly Table[]): TableFacts {
  const accepted = [id, ...TABLES[id].aliases];
  const t = accepted.map((n) => tables.find((x) => (x.Name ?? "").toLowerCase() === n)).find((x) => x !== undefined);
  if (!t) return { name: id, exists: false, similar: similarNames(id, tables.map((x) => x.Name ?? "")) };
  const cols = [...(t.StorageDescriptor?.Columns ?? []), ...(t.PartitionKeys ?? [])].filter((c) => c.Name);
  const types: Record<string, string> = {};
  for (const c of cols) types[c.Name!.toLowerCase()] = (c.Type ?? "").toLowerCase();
  const columns = Object.keys(types);
  return {
    name: id,
    exists: true,
    table: t.Name!,
    location: withSlash(t.StorageDescriptor?.Location) ?? null,
    columns,
    types,
    allStrings: columns.length > 0 && columns.every((c) => types[c] === "string" || types[c]!.startsWith("varchar") || types[c]!.startsWith("char")),
  };
}

/** Facts of several tables: each table, or the database/listing error in its place. */
export async function zoneTables<K extends TableId>(ctx: CheckContext, ids: readonly K[]): Promise<{ database: DatabaseFacts | ErrorFact; tables: Map<K, ZoneTable>; found: Partial<Record<K, FoundTable>> }> {
  const { db, tables } = await databaseTables(ctx);
  const out = new Map<K, ZoneTable>();
  const found: Partial<Record<K, FoundTable>> = {};
  for (const id of ids) {
    if (tables === null) out.set(id, { name: id, exists: false, reason: "no database" });
    else if (!Array.isArray(tables)) out.set(id, tables);
    else {
      const f = tableFacts(id, tables);
      out.set(id, f);
      if (f.exists) found[id] = f;
    }
  }
  return { database: db, tables: out, found };
}

/** The reads of the table checks. */
export const TABLE_ACTIONS = ["glue:GetDatabase", "glue:GetDatabases", "glue:GetTags", "glue:GetTables"] as const;
