// Task 3 — compliant: the data-lake bucket registered with Lake Formation, a data-lake admin, SELECT on bronze for an analyst, ALL on silver and gold for an engineer, a column-level restriction (data cells filter or column grant) on a student table, and no IAM_ALLOWED_PRINCIPALS grant left on the student's databases.
import {
  GetDataLakeSettingsCommand,
  ListDataCellsFilterCommand,
  ListPermissionsCommand,
  ListResourcesCommand,
  type DataCellsFilter,
  type PrincipalResourcePermissions,
  type Resource,
} from "@aws-sdk/client-lakeformation";
import { GetTablesCommand } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";

const LAYERS = ["landing", "bronze", "silver", "gold"] as const;
/** The special principal that means "IAM-only access control". */
export const IAM_ALLOWED = "IAM_ALLOWED_PRINCIPALS";
/** At most this many tables (over the four databases) are inspected one by one for column-level grants. */
export const MAX_TABLES = 50;
const MAX_GRANTS = 200;
const MAX_FILTERS = 100;

const DATABASE_ALL = ["ALTER", "CREATE_TABLE", "DESCRIBE", "DROP"];
const TABLE_ALL = ["ALTER", "DELETE", "DESCRIBE", "DROP", "INSERT", "SELECT"];

/** One Lake Formation grant on a student resource, normalised. */
export const grantFactsSchema = z.object({
  principal: z.string(),
  /** database: the database itself; allTables: Table with TableWildcard; table: one table; columns: TableWithColumns. */
  scope: z.enum(["database", "allTables", "table", "columns"]),
  table: z.string().optional(),
  permissions: z.array(z.string()),
  /** ALL, or every permission of the resource kind (database: ALTER, CREATE_TABLE, DESCRIBE, DROP). */
  full: z.boolean(),
  /** Only for scope "columns": the listed columns, or the excluded ones; `restricted` when either narrows the table. */
  columns: z.array(z.string()).optional(),
  excludedColumns: z.array(z.string()).optional(),
  restricted: z.boolean().optional(),
});
export type GrantFacts = z.infer<typeof grantFactsSchema>;

/** Facts of one data cells filter on a student table. */
export const cellFilterFactsSchema = z.object({
  database: z.string(),
  table: z.string(),
  name: z.string(),
  columns: z.array(z.string()).optional(),
  excludedColumns: z.array(z.string()).optional(),
  rowFilter: z.string().optional(),
  columnLevel: z.boolean(),
});
export type CellFilterFacts = z.infer<typeof cellFilterFactsSchema>;

const grantsSchema = orError(z.array(grantFactsSchema));

/** One of the four layer databases: its tables and the grants on it. */
const layerFactsSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  /** How many tables it holds. */
  tables: orError(z.number()),
  tablesInspected: z.number(),
  databaseGrants: grantsSchema,
  allTablesGrants: grantsSchema,
  tableGrants: grantsSchema,
  /** Restricting column grants on its tables. */
  columnGrants: grantsSchema,
});
type LayerFacts = z.infer<typeof layerFactsSchema>;

/** The facts of Task 3. */
export const lakeFormationFactsSchema = z.object({
  /** The student's bucket ARN and its registered locations (the bucket or a prefix of it). */
  registration: orError(z.object({ bucketArn: z.string(), locations: z.array(z.string()) })),
  /** How many data-lake admins the account has; those naming the student. */
  admins: orError(z.object({ count: z.number(), studentAdmins: z.array(z.string()) })),
  landing: layerFactsSchema,
  bronze: layerFactsSchema,
  silver: layerFactsSchema,
  gold: layerFactsSchema,
  fineGrained: orError(z.object({ databasesFound: z.number(), iamAllowedOn: z.array(z.string()) })),
  columnSecurity: z.object({
    filters: orError(z.array(cellFilterFactsSchema)),
    columnGrants: orError(z.array(z.object({ database: z.string(), ...grantFactsSchema.shape }))),
    tablesInspected: z.number(),
    tablesLimit: z.number(),
  }),
});
export type LakeFormationFacts = z.infer<typeof lakeFormationFactsSchema>;

const cap = (xs: readonly string[] | undefined, n = 50): string[] => (xs ?? []).slice(0, n).map((x) => String(x).slice(0, 200));

/** A ListPermissions entry → GrantFacts (undefined for resources that are not database/table shaped). */
export function grantFacts(p: PrincipalResourcePermissions): GrantFacts | undefined {
  const r: Resource = p.Resource ?? {};
  const principal = p.Principal?.DataLakePrincipalIdentifier ?? "";
  const permissions = cap(p.Permissions);
  const has = (all: string[]) => permissions.includes("ALL") || all.every((x) => permissions.includes(x));
  if (r.Database) return { principal, scope: "database", permissions, full: has(DATABASE_ALL) };
  if (r.Table) {
    if (r.Table.TableWildcard) return { principal, scope: "allTables", permissions, full: has(TABLE_ALL) };
    return { principal, scope: "table", table: r.Table.Name ?? "", permissions, full: has(TABLE_ALL) };
  }
  if (r.TableWithColumns) {
    const t = r.TableWithColumns;
    const columns = t.ColumnNames ? cap(t.ColumnNames) : undefined;
    const excludedColumns = t.ColumnWildcard ? cap(t.ColumnWildcard.ExcludedColumnNames) : undefined;
    const restricted = (columns?.length ?? 0) > 0 || (excludedColumns?.length ?? 0) > 0;
    return {
      principal,
      scope: "columns",
      table: t.Name ?? "",
      permissions,
      full: has(TABLE_ALL),
      ...(columns ? { columns } : {}),
      ...(excludedColumns ? { excludedColumns } : {}),
      restricted,
    };
  }
  return undefined;
}

/** A data cells filter → facts; column-level when it lists columns or excludes some. */
export function cellFilterFacts(f: DataCellsFilter): CellFilterFacts {
  const columns = f.ColumnNames ? cap(f.ColumnNames) : undefined;
  const excludedColumns = f.ColumnWildcard ? cap(f.ColumnWildcard.ExcludedColumnNames) : undefined;
  const row = f.RowFilter?.FilterExpression;
  return {
    database: f.DatabaseName ?? "",
    table: f.TableName ?? "",
    name: f.Name ?? "",
    ...(columns ? { columns } : {}),
    ...(excludedColumns ? { excludedColumns } : {}),
    ...(row ? { rowFilter: row.slice(0, 300) } : {}),
    columnLevel: (columns?.length ?? 0) > 0 || (excludedColumns?.length ?? 0) > 0,
  };
}

async function permissions(ctx: CheckContext, resource: Resource, keep: (p: PrincipalResourcePermissions) => boolean) {
  const r = await ctx.list(
    "lakeformation",
    (t) => new ListPermissionsCommand({ Resource: resource, NextToken: t }),
    (o) => ({ items: o.PrincipalResourcePermissions, next: o.NextToken }),
  );
  if (!r.ok) return r.missing ? ([] as GrantFacts[]) : r.fact;
  return r.items
    .filter(keep)
    .map(grantFacts)
    .filter((g): g is GrantFacts => g !== undefined)
    .slice(0, MAX_GRANTS);
}

type DbRead = { name: string; exists: boolean; tables: string[] | ErrorFact; databaseGrants: GrantFacts[] | ErrorFact; allTablesGrants: GrantFacts[] | ErrorFact };

async function readDatabase(ctx: CheckContext, name: string): Promise<DbRead> {
  const [tables, databaseGrants, allTablesGrants] = await Promise.all([
    ctx.list("glue", (t) => new GetTablesCommand({ DatabaseName: name, NextToken: t }), (o) => ({ items: o.TableList, next: o.NextToken }), { maxPages: 10, partialOk: true }),
    permissions(ctx, { Database: { Name: name } }, (p) => p.Resource?.Database?.Name === name),
    permissions(ctx, { Table: { DatabaseName: name, TableWildcard: {} } }, (p) => p.Resource?.Table?.DatabaseName === name && !!p.Resource.Table.TableWildcard),
  ]);
  return {
    name,
    // GetTables answers EntityNotFoundException for a database that does not exist.
    exists: tables.ok || !tables.missing,
    tables: tables.ok ? tables.items.map((t) => t.Name ?? "").filter(Boolean) : tables.missing ? [] : tables.fact,
    databaseGrants,
    allTablesGrants,
  };
}

/** Round-robin over the databases so every database gets some of the MAX_TABLES inspections. */
function pickTables(dbs: DbRead[]): { db: string; table: string }[] {
  const lists = dbs.map((d) => (Array.isArray(d.tables) ? d.tables.map((table) => ({ db: d.name, table })) : []));
  const out: { db: string; table: string }[] = [];
  for (let i = 0; out.length < MAX_TABLES && lists.some((l) => i < l.length); i++) {
    for (const l of lists) if (i < l.length && out.length < MAX_TABLES) out.push(l[i]!);
  }
  return out;
}

const list = (x: GrantFacts[] | ErrorFact): GrantFacts[] => (Array.isArray(x) ? x : []);

/** Task 3: Lake Formation registration, admins, grants on the student's databases and tables, column-level security. */
export const lakeFormation: CheckModule<LakeFormationFacts> = {
  id: "lake_formation",
  description: "Lake Formation: bucket location registered, data-lake admins, grants on the four databases (SELECT on bronze, ALL on silver/gold), data cells filters and column grants on the student's tables, IAM_ALLOWED_PRINCIPALS left on the databases.",
  names: ["bucket", "landingDb", "bronzeDb", "silverDb", "goldDb"],
  actions: ["lakeformation:ListResources", "lakeformation:GetDataLakeSettings", "lakeformation:ListPermissions", "lakeformation:ListDataCellsFilter", "glue:GetTables"],
  facts: lakeFormationFactsSchema,
  async collect(ctx) {
    const names = LAYERS.map((l) => ctx.name(`${l}Db`));
    const [resources, settings, dbs, filters] = await Promise.all([
      ctx.list("lakeformation", (t) => new ListResourcesCommand({ NextToken: t }), (o) => ({ items: o.ResourceInfoList, next: o.NextToken })),
      ctx.read("lakeformation", new GetDataLakeSettingsCommand({})),
      Promise.all(names.map((n) => readDatabase(ctx, n))),
      ctx.list("lakeformation", (t) => new ListDataCellsFilterCommand({ NextToken: t }), (o) => ({ items: o.DataCellsFilters, next: o.NextToken })),
    ]);

    const bucketArn = `arn:${await ctx.partition()}:s3:::${ctx.name("bucket")}`;
    // Per-table grants: LF returns Table and TableWithColumns grants for a concrete Table resource.
    const picked = pickTables(dbs);
    const perTable = await Promise.all(
      picked.map(({ db, table }) =>
        permissions(ctx, { Table: { DatabaseName: db, Name: table } }, (p) => (p.Resource?.Table?.DatabaseName ?? p.Resource?.TableWithColumns?.DatabaseName) === db),
      ),
    );
    const tableGrants = new Map<string, GrantFacts[] | ErrorFact>();
    picked.forEach(({ db }, i) => {
      const got = perTable[i]!;
      const cur = tableGrants.get(db);
      if (cur !== undefined && !Array.isArray(cur)) return;
      tableGrants.set(db, Array.isArray(got) ? [...(cur ?? []), ...got].slice(0, MAX_GRANTS) : got);
    });

    const registration: LakeFormationFacts["registration"] = resources.ok
      ? {
          bucketArn,
          // Only this student's bucket (or a prefix of it): other students' locations are not recorded.
          locations: resources.items.map((r) => (r.ResourceArn ?? "").replace(/\/+$/, "")).filter((a) => a === bucketArn || a.startsWith(`${bucketArn}/`)),
        }
      : resources.fact;
    const admins: LakeFormationFacts["admins"] = settings.ok
      ? {
          count: settings.value.DataLakeSettings?.DataLakeAdmins?.length ?? 0,
          // Account-wide: only admins whose identifier names the student are shown.
          studentAdmins: cap((settings.value.DataLakeSettings?.DataLakeAdmins ?? []).map((a) => a.DataLakePrincipalIdentifier ?? "").filter((a) => a.includes(ctx.student)), 10),
        }
      : settings.fact;
    let found = 0;
    const iamAllowedOn: string[] = [];
    let iamError: ErrorFact | undefined;
    for (const d of dbs) {
      if (!d.exists) continue;
      found++;
      for (const g of [d.databaseGrants, d.allTablesGrants]) if (!Array.isArray(g)) iamError ??= g;
      if ([...list(d.databaseGrants), ...list(d.allTablesGrants)].some((g) => g.principal === IAM_ALLOWED)) iamAllowedOn.push(d.name);
    }
    const layer = (i: number): LayerFacts => {
      const d = dbs[i]!;
      const tg = tableGrants.get(d.name) ?? [];
      return {
        name: d.name,
        exists: d.exists,
        tables: Array.isArray(d.tables) ? d.tables.length : d.tables,
        tablesInspected: picked.filter((p) => p.db === d.name).length,
        databaseGrants: d.databaseGrants,
        allTablesGrants: d.allTablesGrants,
        tableGrants: tg,
        columnGrants: Array.isArray(tg) ? tg.filter((g) => g.scope === "columns" && g.restricted) : tg,
      };
    };
    const ours = new Set(names);
    const columnGrants = LAYERS.flatMap((l, i) => {
      const g = tableGrants.get(names[i]!);
      return Array.isArray(g) ? g.filter((x) => x.scope === "columns" && x.restricted).map((x) => ({ database: names[i]!, ...x })) : [];
    });
    // A per-table listing that failed only matters when no column grant was found elsewhere.
    const tableError = [...tableGrants.values()].find((g): g is ErrorFact => !Array.isArray(g));
    return {
      registration,
      admins,
      landing: layer(0),
      bronze: layer(1),
      silver: layer(2),
      gold: layer(3),
      fineGrained: iamError ?? { databasesFound: found, iamAllowedOn },
      columnSecurity: {
        filters: filters.ok ? filters.items.filter((f) => ours.has(f.DatabaseName ?? "")).slice(0, MAX_FILTERS).map(cellFilterFacts) : filters.fact,
        columnGrants: columnGrants.length || !tableError ? columnGrants : tableError,
        tablesInspected: picked.length,
        tablesLimit: MAX_TABLES,
      },
    };
  },
};
