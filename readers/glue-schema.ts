// A Glue Schema Registry schema: data format, compatibility, latest version, and its definition read as Avro (fields and types).
import { z } from "zod";
import { GetSchemaCommand, GetSchemaVersionCommand, ListSchemasCommand } from "@aws-sdk/client-glue";
import type { ErrorFact, Facts, Json } from "../src/grade/facts.js";
import { readAvroDefinition } from "../checks/shared/avro.js";
import { defineReader, missing, namedFacts, orError, similarFrom } from "./reader.js";

const field = z.object({ name: z.string(), type: z.string(), logicalType: z.string().nullable() });

/** Reads one schema of a registry and its latest version's definition. */
export const reader = defineReader({
  id: "glue.schema",
  description: "A schema in a Glue Schema Registry: data format, compatibility mode, status, latest version number, and the latest definition read as Avro (valid or why not, record name, fields with readable types, \"name: type\" signatures).",
  params: z.object({ registry: z.string().min(1), name: z.string().min(1) }).strict(),
  facts: namedFacts({
    dataFormat: z.string().nullable(),
    compatibility: z.string().nullable(),
    status: z.string().nullable(),
    latestVersion: z.number().nullable(),
    definition: orError(z.object({ parseError: z.string().nullable(), recordName: z.string().optional(), fields: z.array(field), signatures: z.array(z.string()) })),
  }),
  actions: ["glue:GetSchema", "glue:GetSchemaVersion", "glue:ListSchemas"],
  async read(ctx, { registry, name }) {
    const SchemaId = { RegistryName: registry, SchemaName: name };
    const r = await ctx.read("glue", new GetSchemaCommand({ SchemaId }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("glue", (t) => new ListSchemasCommand({ RegistryId: { RegistryName: registry }, NextToken: t }), (o) => ({ items: o.Schemas?.map((s) => s.SchemaName ?? ""), next: o.NextToken }));
      return missing(name, all.ok || !all.missing ? similarFrom(ctx, name, all) : []);
    }
    const v = await ctx.read("glue", new GetSchemaVersionCommand({ SchemaId, SchemaVersionNumber: { LatestVersion: true } }), { missing: ["EntityNotFoundException"] });
    const definition: Json | ErrorFact = v.ok ? (readAvroDefinition(v.value.SchemaDefinition) as unknown as Json) : v.missing ? { parseError: "the schema has no version", fields: [], signatures: [] } : v.fact;
    return { name, exists: true, dataFormat: r.value.DataFormat ?? null, compatibility: r.value.Compatibility ?? null, status: r.value.SchemaStatus ?? null, latestVersion: r.value.LatestSchemaVersion ?? null, definition } as Facts;
  },
});
