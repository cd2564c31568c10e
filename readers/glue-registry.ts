// A Glue Schema Registry registry: status, description and the names of the schemas it holds.
import { z } from "zod";
import { GetRegistryCommand, ListRegistriesCommand, ListSchemasCommand } from "@aws-sdk/client-glue";
import type { Facts } from "../src/grade/facts.js";
import { byName, defineReader, missing, namedFacts, orError, similarFrom } from "./reader.js";

/** Reads one registry by name, with its schema names. */
export const reader = defineReader({
  id: "glue.registry",
  description: "A Glue Schema Registry registry: status, description and the names of its schemas.",
  params: byName,
  facts: namedFacts({ status: z.string().nullable(), description: z.string().nullable(), schemas: orError(z.array(z.string())) }),
  actions: ["glue:GetRegistry", "glue:ListRegistries", "glue:ListSchemas"],
  async read(ctx, { name }) {
    const r = await ctx.read("glue", new GetRegistryCommand({ RegistryId: { RegistryName: name } }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("glue", (t) => new ListRegistriesCommand({ NextToken: t }), (o) => ({ items: o.Registries?.map((x) => x.RegistryName ?? ""), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const schemas = await ctx.list("glue", (t) => new ListSchemasCommand({ RegistryId: { RegistryName: name }, NextToken: t }), (o) => ({ items: o.Schemas?.map((s) => s.SchemaName ?? ""), next: o.NextToken }), { maxPages: 10, partialOk: true });
    return { name, exists: true, status: r.value.Status ?? null, description: r.value.Description?.trim() || null, schemas: schemas.ok ? schemas.items : schemas.fact } as Facts;
  },
});
