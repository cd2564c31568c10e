// Task 5 — compliant: registry enterprise-registry-{student} (AVAILABLE) holds AVRO schemas Customer and Transaction with BACKWARD compatibility, whose latest versions define the lab's fields and types.
import {
  GetRegistryCommand,
  GetSchemaCommand,
  GetSchemaVersionCommand,
  ListRegistriesCommand,
  ListSchemasCommand,
  type GetSchemaResponse,
  type GetSchemaVersionResponse,
  type SchemaListItem,
} from "@aws-sdk/client-glue";
import type { CheckContext, CheckModule, ReadResult } from "../../src/grade/check.js";
import { z } from "zod";
import { jsonSchema, orError, type ErrorFact } from "../../src/grade/facts.js";
import { isObject, parseJson } from "../shared/parse-json.js";
import { readAvroDefinition } from "../shared/avro.js";

export { avroTypeString, readAvroDefinition, type AvroDefinition, type AvroFieldFacts } from "../shared/avro.js";
import { similarNames } from "../shared/similar.js";
import { nearMisses } from "../shared/student-owned.js";
import { unlikeAws } from "../shared/unlike-aws.js";

const avroFieldFactsSchema = z.object({ name: z.string(), type: z.string(), logicalType: z.string().nullable(), default: jsonSchema.optional(), symbols: z.array(z.string()).optional() });

/** The facts of one expected schema (Customer or Transaction). */
export const schemaFactsSchema = z.object({
  /** The lab's name, and the name found in the registry. */
  expected: z.string(),
  name: z.string().optional(),
  exists: z.boolean(),
  similar: z.array(z.string()).optional(),
  dataFormat: z.string().nullable().optional(),
  compatibility: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  latestVersion: z.number().nullable().optional(),
  parseError: orError(z.string().nullable()).optional(),
  recordName: z.string().optional(),
  fields: orError(z.array(avroFieldFactsSchema)).optional(),
  /** "name: type" per field, for includesAll. */
  signatures: orError(z.array(z.string())).optional(),
});
export type SchemaFacts = z.infer<typeof schemaFactsSchema>;

/** The facts of Task 5. */
export const schemaRegistryFactsSchema = z.object({
  registry: orError(z.object({ name: z.string(), exists: z.boolean(), status: orError(z.string()).optional(), similar: orError(z.array(z.string())).optional() })),
  schemaNames: orError(z.array(z.string())).optional(),
  customer: orError(schemaFactsSchema),
  transaction: orError(schemaFactsSchema),
});
export type SchemaRegistryFacts = z.infer<typeof schemaRegistryFactsSchema>;

const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "Customer", "customer", "customer-schema", "CustomerSchema_42" → "customer". */
export function schemaKey(name: string, student: string): string {
  return name
    .toLowerCase()
    .split(student.toLowerCase())
    .join("")
    .replace(/[^a-z]/g, "")
    .replace(/^schema|schema$/g, "");
}

async function readSchema(ctx: CheckContext, registry: string, expected: string, listed: SchemaListItem[]): Promise<SchemaFacts | ErrorFact> {
  const names = listed.map((s) => s.SchemaName ?? "").filter(Boolean);
  const found = names.find((n) => n.toLowerCase() === expected.toLowerCase()) ?? names.find((n) => schemaKey(n, ctx.student) === expected.toLowerCase());
  if (!found) return { expected, exists: false, similar: similarNames(expected, names) };
  const SchemaId = { RegistryName: registry, SchemaName: found };
  const [schema, version]: [ReadResult<GetSchemaResponse>, ReadResult<GetSchemaVersionResponse>] = await Promise.all([
    ctx.read("glue", new GetSchemaCommand({ SchemaId }), { missing: ["EntityNotFoundException"] }),
    ctx.read("glue", new GetSchemaVersionCommand({ SchemaId, SchemaVersionNumber: { LatestVersion: true } }), { missing: ["EntityNotFoundException"] }),
  ]);
  if (!schema.ok) return schema.missing ? { expected, name: found, exists: false, similar: [] } : schema.fact;
  const s = schema.value;
  const facts: SchemaFacts = {
    expected,
    name: found,
    exists: true,
    dataFormat: s.DataFormat ?? null,
    compatibility: s.Compatibility ?? null,
    status: s.SchemaStatus ?? null,
    latestVersion: s.LatestSchemaVersion ?? null,
  };
  if (!version.ok) {
    if (version.missing) return { ...facts, parseError: "the schema has no version", fields: [], signatures: [] };
    return { ...facts, parseError: version.fact, fields: version.fact, signatures: version.fact };
  }
  if ((version.value.DataFormat ?? s.DataFormat) !== "AVRO") {
    return { ...facts, parseError: `the definition is ${version.value.DataFormat ?? s.DataFormat ?? "of unknown format"}, not Avro`, fields: [], signatures: [] };
  }
  const def = readAvroDefinition(version.value.SchemaDefinition);
  return { ...facts, parseError: def.parseError, ...(def.recordName ? { recordName: def.recordName } : {}), fields: def.fields, signatures: def.signatures };
}

/**
 * Sends, alongside GetRegistry, the reads that would otherwise wait for it: the first page of ListSchemas and the two
 * schemas under the lab's names. The session memoises them, so the reads below reuse these answers; when the registry
 * or a schema is missing they are never looked at.
 */
function prefetch(ctx: CheckContext, registry: string): void {
  const reads: Promise<unknown>[] = [ctx.read("glue", new ListSchemasCommand({ RegistryId: { RegistryName: registry }, NextToken: undefined }))];
  for (const SchemaName of ["Customer", "Transaction"]) {
    const SchemaId = { RegistryName: registry, SchemaName };
    reads.push(ctx.read("glue", new GetSchemaCommand({ SchemaId })), ctx.read("glue", new GetSchemaVersionCommand({ SchemaId, SchemaVersionNumber: { LatestVersion: true } })));
  }
  void Promise.all(reads);
}

/** Task 5: the schema registry and its Customer / Transaction Avro schemas. */
export const schemaRegistry: CheckModule<SchemaRegistryFacts> = {
  id: "schema_registry",
  description: "Glue Schema Registry enterprise-registry-{student}: status, Customer and Transaction schemas (format, compatibility) and their latest Avro definitions.",
  names: ["registry"],
  actions: ["glue:GetRegistry", "glue:ListRegistries", "glue:ListSchemas", "glue:GetSchema", "glue:GetSchemaVersion"],
  facts: schemaRegistryFactsSchema,
  async collect(ctx) {
    const name = ctx.name("registry");
    prefetch(ctx, name);
    const reg = await ctx.read("glue", new GetRegistryCommand({ RegistryId: { RegistryName: name } }), { missing: ["EntityNotFoundException"] });
    if (!reg.ok) {
      if (!reg.missing) return { registry: reg.fact, customer: reg.fact, transaction: reg.fact };
      const all = await ctx.list("glue", (t) => new ListRegistriesCommand({ NextToken: t }), (o) => ({ items: o.Registries, next: o.NextToken }));
      const similar = all.ok ? nearMisses(name, all.items.map((r) => r.RegistryName ?? ""), ctx.student) : all.fact;
      const missing = { expected: "", exists: false };
      return { registry: { name, exists: false, similar }, customer: { ...missing, expected: "Customer" }, transaction: { ...missing, expected: "Transaction" } };
    }
    const registry = { name, exists: true, status: reg.value.Status ?? unlikeAws("glue:GetRegistry", "has no Status (AWS always returns AVAILABLE or DELETING)") };
    const listed = await ctx.list(
      "glue",
      (t) => new ListSchemasCommand({ RegistryId: { RegistryName: name }, NextToken: t }),
      (o) => ({ items: o.Schemas, next: o.NextToken }),
    );
    if (!listed.ok) return { registry, schemaNames: listed.fact, customer: listed.fact, transaction: listed.fact };
    const mine = listed.items.filter((s) => !s.RegistryName || s.RegistryName === name);
    const [customer, transaction] = await Promise.all([readSchema(ctx, name, "Customer", mine), readSchema(ctx, name, "Transaction", mine)]);
    return {
      registry,
      schemaNames: mine.slice(0, 50).map((s) => clip(s.SchemaName ?? "", 100)),
      customer,
      transaction,
    };
  },
};
