// Task 5 check: Avro reading, facts from scripted Glue answers (FakeAws), and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetRegistryCommand, GetSchemaCommand, GetSchemaVersionCommand, ListRegistriesCommand, ListSchemasCommand } from "@aws-sdk/client-glue";
import { awsError, FakeAws, testCheck } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { avroTypeString, readAvroDefinition, schemaKey, schemaRegistry } from "../../../checks/glue_hard/schema_registry.js";
import { completeWorld, emptyWorld, partialWorld } from "../../support/world/index.js";
import { LAB_CUSTOMER_AVRO, LAB_TRANSACTION_AVRO } from "../../support/world/parts/catalog-formats.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const ctx = () => new CheckContext(aws.session(), "7", { registry: "enterprise-registry-7" }, "111122223333");
const notFound = (m: string) => new EntityNotFoundException({ message: m, $metadata: { httpStatusCode: 400 } });

beforeEach(() => {
  aws.reset();
  // What AWS answers for a schema (or registry) that is not there: the check reads the lab's two schemas by name
  // alongside GetRegistry, whatever the registry holds; tests script the ones that exist.
  glue.on(GetSchemaCommand).rejects(notFound("Schema is not found"));
  glue.on(GetSchemaVersionCommand).rejects(notFound("Schema is not found"));
});

afterEach(() => {
  // a read the test did not script would stand in the facts as an error: every test scripts what the check reads
  expect(aws.unscripted).toEqual([]);
});

describe("reading Avro definitions", () => {
  it("reads the lab's schemas as printed (field-level logicalType is legal noise)", () => {
    expect(readAvroDefinition(LAB_CUSTOMER_AVRO)).toEqual({
      parseError: null,
      recordName: "Customer",
      namespace: "com.datacorp.customer",
      fields: [
        { name: "customer_id", type: "string", logicalType: null },
        { name: "name", type: "string", logicalType: null },
        { name: "email", type: "null|string", logicalType: null, default: null },
        { name: "phone", type: "null|string", logicalType: null, default: null },
        { name: "created_at", type: "long", logicalType: "timestamp-millis" },
      ],
      signatures: ["customer_id: string", "name: string", "email: null|string", "phone: null|string", "created_at: long"],
    });
    const t = readAvroDefinition(LAB_TRANSACTION_AVRO);
    expect(t.signatures).toEqual(["transaction_id: string", "customer_id: string", "amount: double", "currency: string", "timestamp: long", "status: enum Status[PENDING,COMPLETED,FAILED]"]);
    expect(t.fields[3]).toMatchObject({ name: "currency", default: "USD" });
    expect(t.fields[5]).toMatchObject({ symbols: ["PENDING", "COMPLETED", "FAILED"] });
  });

  it("accepts the logical type on the type itself", () => {
    const def = JSON.stringify({ type: "record", name: "C", fields: [{ name: "created_at", type: { type: "long", logicalType: "timestamp-millis" } }] });
    expect(readAvroDefinition(def).fields).toEqual([{ name: "created_at", type: "long", logicalType: "timestamp-millis" }]);
  });

  it.each([
    ["not JSON", "{ nope", "invalid JSON"],
    ["not Avro", JSON.stringify({ type: "record", name: "C", fields: [{ name: "a", type: "strng" }] }), "not a valid Avro schema"],
    ["a union default that is not the first branch", JSON.stringify({ type: "record", name: "C", fields: [{ name: "a", type: ["string", "null"], default: null }] }), "not a valid Avro schema"],
    ["not a record", '"string"', "not a record"],
    ["absent", undefined, "empty"],
    ["too large", " ".repeat(200_001), "too large"],
  ])("%s → parseError, never a throw", (_label, def, error) => {
    const r = readAvroDefinition(def);
    expect(r.parseError).toContain(error);
    expect(r.signatures).toEqual([]);
  });

  it.each([
    [["null", "string"], "null|string"],
    [{ type: "array", items: "com.x.Status" }, "array<Status>"],
    [{ type: "map", values: { type: "fixed", name: "F", size: 4 } }, "map<fixed F(4)>"],
    [{ type: { type: "int" } }, "int"],
    [{ type: "record", name: "Nested", fields: [] }, "record Nested"],
    [42, "?"],
  ] as const)("avroTypeString(%j) → %s", (t, s) => {
    expect(avroTypeString(t)).toBe(s);
  });

  it("schemaKey tolerates case, separators, a 'schema' suffix and the student ID", () => {
    expect(["Customer", "customer", "customer-schema", "CustomerSchema_7", "customer_7"].map((n) => schemaKey(n, "7"))).toEqual(Array(5).fill("customer"));
    expect(schemaKey("Customers", "7")).toBe("customers");
  });
});

describe("schema_registry check (client mock)", () => {
  const schemaOut = (name: string, Compatibility: "BACKWARD" | "NONE" = "BACKWARD") => ({ RegistryName: "enterprise-registry-7", SchemaName: name, DataFormat: "AVRO" as const, Compatibility, SchemaStatus: "AVAILABLE" as const, LatestSchemaVersion: 2 });

  it("reads schemas across ListSchemas pages, any case, latest version", async () => {
    glue.on(GetRegistryCommand).resolves({ RegistryName: "enterprise-registry-7", Status: "AVAILABLE", CreatedTime: "2026-11-01T10:00:00.000Z" });
    glue.on(ListSchemasCommand, { NextToken: undefined }).resolves({ Schemas: [{ SchemaName: "CUSTOMER", RegistryName: "enterprise-registry-7" }], NextToken: "t1" });
    glue.on(ListSchemasCommand, { NextToken: "t1" }).resolves({ Schemas: [{ SchemaName: "transaction-schema", RegistryName: "enterprise-registry-7" }] });
    glue.on(GetSchemaCommand).callsFake((i) => schemaOut(i.SchemaId?.SchemaName ?? "", i.SchemaId?.SchemaName === "CUSTOMER" ? "BACKWARD" : "NONE"));
    glue.on(GetSchemaVersionCommand).callsFake((i) => ({
      DataFormat: "AVRO",
      VersionNumber: 2,
      SchemaDefinition: i.SchemaId?.SchemaName === "CUSTOMER" ? LAB_CUSTOMER_AVRO : LAB_TRANSACTION_AVRO,
    }));
    const f = await aws.collect(schemaRegistry, ctx());
    expect(f.registry).toEqual({ name: "enterprise-registry-7", exists: true, status: "AVAILABLE" });
    expect(f.schemaNames).toEqual(["CUSTOMER", "transaction-schema"]);
    expect(f.customer).toMatchObject({ expected: "Customer", name: "CUSTOMER", exists: true, dataFormat: "AVRO", compatibility: "BACKWARD", parseError: null, signatures: expect.arrayContaining(["phone: null|string"]) });
    expect(f.transaction).toMatchObject({ name: "transaction-schema", compatibility: "NONE", recordName: "Transaction" });
    for (const call of glue.commandCalls(GetSchemaVersionCommand)) expect(call.SchemaVersionNumber).toEqual({ LatestVersion: true });
    expect(glue.commandCalls(ListSchemasCommand)[0]!.RegistryId).toEqual({ RegistryName: "enterprise-registry-7" });
  });

  it("a missing schema lists similar names; a JSON-format schema is not read as Avro", async () => {
    glue.on(GetRegistryCommand).resolves({ RegistryName: "enterprise-registry-7", Status: "AVAILABLE" });
    glue.on(ListSchemasCommand).resolves({ Schemas: [{ SchemaName: "Custmer" }, { SchemaName: "Transaction" }] });
    glue.on(GetSchemaCommand).resolves({ ...schemaOut("Transaction"), DataFormat: "JSON" });
    glue.on(GetSchemaVersionCommand).resolves({ DataFormat: "JSON", SchemaDefinition: '{"type":"object"}' });
    const f = await aws.collect(schemaRegistry, ctx());
    expect(f.customer).toEqual({ expected: "Customer", exists: false, similar: ["Custmer"] });
    expect(f.transaction).toMatchObject({ dataFormat: "JSON", parseError: "the definition is JSON, not Avro", signatures: [] });
  });

  it("a missing registry lists similar registry names; the schema reads sent alongside GetRegistry are not used", async () => {
    glue.on(GetRegistryCommand).rejects(notFound("Registry is not found"));
    glue.on(ListSchemasCommand).resolves({ Schemas: [{ SchemaName: "Customer" }] });
    glue.on(GetSchemaCommand).resolves(schemaOut("Customer"));
    glue.on(ListRegistriesCommand).resolves({ Registries: [{ RegistryName: "Enterprise-Registry-7" }, { RegistryName: "default-registry" }] });
    const f = await aws.collect(schemaRegistry, ctx());
    expect(f.registry).toEqual({ name: "enterprise-registry-7", exists: false, similar: ["Enterprise-Registry-7"] });
    expect(f.customer).toEqual({ expected: "Customer", exists: false });
    expect(glue.commandCalls(ListSchemasCommand)).toHaveLength(1);
  });

  it("the listing and the lab's two schemas are read alongside GetRegistry, each once; a schema under another spelling is read by its own name", async () => {
    glue.on(GetRegistryCommand).resolves({ RegistryName: "enterprise-registry-7", Status: "AVAILABLE" });
    glue.on(ListSchemasCommand).resolves({ Schemas: [{ SchemaName: "Customer" }, { SchemaName: "transaction-schema" }] });
    glue.on(GetSchemaCommand).callsFake((i) => schemaOut(i.SchemaId?.SchemaName ?? ""));
    glue.on(GetSchemaVersionCommand).rejects(notFound("no version"));
    const f = await aws.collect(schemaRegistry, ctx());
    expect(f.customer).toMatchObject({ name: "Customer", exists: true });
    expect(f.transaction).toMatchObject({ name: "transaction-schema", exists: true });
    expect(glue.commandCalls(ListSchemasCommand)).toHaveLength(1);
    expect(glue.commandCalls(GetSchemaCommand).map((i) => i.SchemaId?.SchemaName).sort()).toEqual(["Customer", "Transaction", "transaction-schema"]);
  });

  it("a registry answered without Status (moto; AWS always sends one) is an error naming glue:GetRegistry, not a failure", async () => {
    glue.on(GetRegistryCommand).resolves({ RegistryName: "enterprise-registry-7" });
    glue.on(ListSchemasCommand).resolves({ Schemas: [] });
    const f = await aws.collect(schemaRegistry, ctx());
    expect(f.registry).toMatchObject({ exists: true, status: { $error: { action: "glue:GetRegistry", kind: "unreadable" } } });
  });

  it("AccessDenied on GetSchemaVersion becomes an error fact on the definition only", async () => {
    glue.on(GetRegistryCommand).resolves({ RegistryName: "enterprise-registry-7", Status: "AVAILABLE" });
    glue.on(ListSchemasCommand).resolves({ Schemas: [{ SchemaName: "Customer" }, { SchemaName: "Transaction" }] });
    glue.on(GetSchemaCommand).resolves(schemaOut("Customer"));
    glue.on(GetSchemaVersionCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await aws.collect(schemaRegistry, ctx());
    expect(f.customer).toMatchObject({ compatibility: "BACKWARD", signatures: { $error: { action: "glue:GetSchemaVersion", kind: "accessDenied" } } });
  });
});

describe("schema_registry task graded from worlds", () => {
  it("a complete world (the lab's schemas as printed, Customer at version 2) passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["schema_registry"] });
    expect(Object.values(statuses(r))).toEqual(Array(7).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails exactly Transaction's compatibility and Customer's missing phone", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["schema_registry"] });
    expect(statuses(r)).toEqual({
      "schema_registry.registry_exists": "pass",
      "schema_registry.customer_schema": "pass",
      "schema_registry.transaction_schema": "pass",
      "schema_registry.avro_format": "pass",
      "schema_registry.backward_compatibility": "fail",
      "schema_registry.customer_fields": "fail",
      "schema_registry.transaction_fields": "pass",
    });
    const msg = (id: string) => r.tasks[0]!.criteria.find((c) => c.id === id)!.message;
    expect(msg("backward_compatibility")).toContain("found compatibility: NONE");
    const found = msg("customer_fields").split("; found ")[1]!;
    expect(msg("customer_fields")).toContain("missing: phone: null|string");
    expect(found).toContain("created_at: long");
    expect(found).not.toContain("phone");
  });

  it("an empty world fails the registry and skips the schemas", async () => {
    const s = statuses(await gradeWorld("glue_hard", emptyWorld("42"), "42", { only: ["schema_registry"] }));
    expect(s["schema_registry.registry_exists"]).toBe("fail");
    expect(s["schema_registry.customer_fields"]).toBe("skipped");
  });
});

// Table-driven, as docs/authoring-an-assessment.md shows: each case scripts the account and states the facts expected.
const registryMissing = () => awsError("EntityNotFoundException", "Registry not found");
testCheck(schemaRegistry, { student: "7", names: { registry: "enterprise-registry-7" } }, [
  {
    name: "a registry under another spelling is named as a near miss, another student's is not",
    given: (aws) => {
      const glue = aws.client("glue");
      for (const read of [GetRegistryCommand, ListSchemasCommand, GetSchemaCommand, GetSchemaVersionCommand]) glue.on(read).rejects(registryMissing());
      glue.on(ListRegistriesCommand).resolves({ Registries: [{ RegistryName: "enterprise_registry_7" }, { RegistryName: "enterprise-registry-8" }] });
    },
    facts: { registry: { name: "enterprise-registry-7", exists: false, similar: ["enterprise_registry_7"] } },
  },
  {
    name: "a registry that cannot be listed leaves the listing's error where the near misses would be",
    given: (aws) => {
      const glue = aws.client("glue");
      for (const read of [GetRegistryCommand, ListSchemasCommand, GetSchemaCommand, GetSchemaVersionCommand]) glue.on(read).rejects(registryMissing());
      glue.on(ListRegistriesCommand).rejects(awsError("AccessDeniedException", "not authorized to perform: glue:ListRegistries"));
    },
    facts: { registry: { exists: false, similar: { $error: { action: "glue:ListRegistries", kind: "accessDenied" } } } },
  },
]);
