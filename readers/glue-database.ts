// A Glue Data Catalog database: description, location, parameters and tags.
import { z } from "zod";
import { GetDatabaseCommand, GetDatabasesCommand } from "@aws-sdk/client-glue";
import type { Facts } from "../src/grade/facts.js";
import { byName, defineReader, missing, namedFacts, orError, stringMap, similarFrom } from "./reader.js";
import { glueTags } from "./glue-common.js";

/** Reads one database by name. */
export const reader = defineReader({
  id: "glue.database",
  description: "A Glue Data Catalog database: description, location URI, parameters and tags.",
  params: byName,
  facts: namedFacts({ description: z.string().nullable(), locationUri: z.string().nullable(), parameters: stringMap, tags: orError(stringMap) }),
  actions: ["glue:GetDatabase", "glue:GetDatabases", "glue:GetTags"],
  async read(ctx, { name }) {
    const r = await ctx.read("glue", new GetDatabaseCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("glue", (t) => new GetDatabasesCommand({ NextToken: t }), (o) => ({ items: o.DatabaseList?.map((d) => d.Name ?? ""), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all.ok ? { ok: true, items: all.items } : all));
    }
    const db = r.value.Database;
    return { name, exists: true, description: db?.Description?.trim() || null, locationUri: db?.LocationUri ?? null, parameters: { ...(db?.Parameters ?? {}) }, tags: await glueTags(ctx, "database", name) };
  },
});
