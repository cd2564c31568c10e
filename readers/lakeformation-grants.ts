// Lake Formation grants on a database (and optionally one table): who holds which permissions.
import { z } from "zod";
import { ListPermissionsCommand, type Resource } from "@aws-sdk/client-lakeformation";
import type { Facts } from "../src/grade/facts.js";
import { defineReader, errorFactSchema } from "./reader.js";

/** Lists the grants on a database, or on one table of it (`table: "*"` for every table). */
export const reader = defineReader({
  id: "lakeformation.grants",
  description: "Lake Formation grants on a database, or on a table of it (`table`, or \"*\" for all tables): each grant's principal (ARN and, for a role, its name) and permissions, and the principals holding any grant.",
  params: z.object({ database: z.string().min(1), table: z.string().optional() }).strict(),
  facts: z.union([
    z.object({ grants: z.array(z.object({ principal: z.string(), principalName: z.string(), permissions: z.array(z.string()), grantable: z.array(z.string()) })), principals: z.array(z.string()), principalNames: z.array(z.string()) }),
    errorFactSchema,
  ]),
  actions: ["lakeformation:ListPermissions"],
  async read(ctx, { database, table }) {
    const Resource: Resource = table === undefined ? { Database: { Name: database } } : table === "*" ? { Table: { DatabaseName: database, TableWildcard: {} } } : { Table: { DatabaseName: database, Name: table } };
    const r = await ctx.list("lakeformation", (t) => new ListPermissionsCommand({ Resource, NextToken: t }), (o) => ({ items: o.PrincipalResourcePermissions, next: o.NextToken }));
    if (!r.ok) return r.missing ? { grants: [], principals: [], principalNames: [] } : (r.fact as unknown as Facts);
    const grants = r.items.slice(0, 500).map((g) => {
      const principal = g.Principal?.DataLakePrincipalIdentifier ?? "";
      return { principal, principalName: principal.split("/").pop() ?? principal, permissions: g.Permissions ?? [], grantable: g.PermissionsWithGrantOption ?? [] };
    });
    return { grants, principals: [...new Set(grants.map((g) => g.principal))], principalNames: [...new Set(grants.map((g) => g.principalName))] };
  },
});
