// World part for Tasks 4, 5 and 11: Glue classifiers, the Schema Registry (registries, schemas, versions), Data Catalog
// data-quality rulesets, and the data-quality results jobs publish.
import type {
  Classifier,
  DataQualityResult,
  DataQualityResultFilterCriteria,
  DataQualityRulesetFilterCriteria,
  DataQualityRulesetListDetails,
  GetDataQualityRulesetResponse,
  GetRegistryResponse,
  GetSchemaResponse,
  GetSchemaVersionResponse,
  RegistryId,
  RegistryListItem,
  SchemaId,
  SchemaListItem,
  SchemaVersionNumber,
} from "@aws-sdk/client-glue";
import { AwsFault, page, section, type HandlerTable, type World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** A schema with its versions (oldest first). */
export interface WorldSchema {
  schema: GetSchemaResponse;
  versions: GetSchemaVersionResponse[];
}

/** A ruleset as stored, with the RuleCount the listing reports. */
export type WorldRuleset = GetDataQualityRulesetResponse & { RuleCount?: number };

/** Sections owned by this part. */
export interface CatalogFormatsWorld {
  classifiers: Classifier[];
  registries: GetRegistryResponse[];
  schemas: WorldSchema[];
  dqRulesets: WorldRuleset[];
  /** Published data-quality results (as BatchGetDataQualityResult returns them). */
  dqResults: DataQualityResult[];
}

const classifierName = (c: Classifier) => c.GrokClassifier?.Name ?? c.XMLClassifier?.Name ?? c.JsonClassifier?.Name ?? c.CsvClassifier?.Name;

function registryOf(w: World, id: RegistryId | undefined): GetRegistryResponse {
  const r = section<GetRegistryResponse[]>(w, "registries", []).find((x) => (id?.RegistryArn ? x.RegistryArn === id.RegistryArn : x.RegistryName === id?.RegistryName));
  if (!r) throw new AwsFault("EntityNotFoundException", 400, "Registry is not found");
  return r;
}

function schemaOf(w: World, id: SchemaId | undefined): WorldSchema {
  const s = section<WorldSchema[]>(w, "schemas", []).find((x) =>
    id?.SchemaArn ? x.schema.SchemaArn === id.SchemaArn : x.schema.SchemaName === id?.SchemaName && x.schema.RegistryName === id?.RegistryName,
  );
  if (!s) throw new AwsFault("EntityNotFoundException", 400, "Schema is not found");
  return s;
}

/** Glue handlers for classifiers, the Schema Registry and DQ rulesets. */
export const handlers: HandlerTable = {
  glue: {
    ListDataQualityResults: (w: World, i: { Filter?: DataQualityResultFilterCriteria; NextToken?: string; MaxResults?: number }) => {
      const rows = section<DataQualityResult[]>(w, "dqResults", []).filter((r) => (!i.Filter?.JobName || r.JobName === i.Filter.JobName) && (!i.Filter?.JobRunId || r.JobRunId === i.Filter.JobRunId));
      const p = page(rows.map((r) => ({ ResultId: r.ResultId, DataSource: r.DataSource, JobName: r.JobName, JobRunId: r.JobRunId, StartedOn: r.StartedOn })), i.NextToken, w.pageSize, i.MaxResults);
      return { Results: p.items, NextToken: p.next };
    },
    BatchGetDataQualityResult: (w: World, i: { ResultIds: string[] }) => {
      const all = section<DataQualityResult[]>(w, "dqResults", []);
      const found = i.ResultIds.map((id) => all.find((r) => r.ResultId === id));
      return { Results: found.filter((r): r is DataQualityResult => r !== undefined), ResultsNotFound: i.ResultIds.filter((_, k) => !found[k]) };
    },
    GetClassifier: (w: World, i: { Name: string }) => {
      const c = section<Classifier[]>(w, "classifiers", []).find((x) => classifierName(x) === i.Name);
      if (!c) throw new AwsFault("EntityNotFoundException", 400, `Classifier with name ${i.Name} not found`);
      return { Classifier: c };
    },
    GetClassifiers: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<Classifier[]>(w, "classifiers", []), i.NextToken, w.pageSize, i.MaxResults);
      return { Classifiers: p.items, NextToken: p.next };
    },
    GetRegistry: (w: World, i: { RegistryId: RegistryId }) => registryOf(w, i.RegistryId),
    ListRegistries: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const items: RegistryListItem[] = section<GetRegistryResponse[]>(w, "registries", []).map((r) => ({ ...r }));
      const p = page(items, i.NextToken, w.pageSize, i.MaxResults);
      return { Registries: p.items, NextToken: p.next };
    },
    ListSchemas: (w: World, i: { RegistryId?: RegistryId; NextToken?: string; MaxResults?: number }) => {
      const reg = i.RegistryId ? registryOf(w, i.RegistryId) : undefined;
      const items: SchemaListItem[] = section<WorldSchema[]>(w, "schemas", [])
        .filter((s) => !reg || s.schema.RegistryName === reg.RegistryName)
        .map(({ schema: s }) => ({ RegistryName: s.RegistryName, SchemaName: s.SchemaName, SchemaArn: s.SchemaArn, Description: s.Description, SchemaStatus: s.SchemaStatus, CreatedTime: s.CreatedTime, UpdatedTime: s.UpdatedTime }));
      const p = page(items, i.NextToken, w.pageSize, i.MaxResults);
      return { Schemas: p.items, NextToken: p.next };
    },
    GetSchema: (w: World, i: { SchemaId: SchemaId }) => schemaOf(w, i.SchemaId).schema,
    GetSchemaVersion: (w: World, i: { SchemaId?: SchemaId; SchemaVersionId?: string; SchemaVersionNumber?: SchemaVersionNumber }) => {
      if (i.SchemaVersionId) {
        const v = section<WorldSchema[]>(w, "schemas", []).flatMap((s) => s.versions).find((x) => x.SchemaVersionId === i.SchemaVersionId);
        if (!v) throw new AwsFault("EntityNotFoundException", 400, "Schema version is not found");
        return v;
      }
      const s = schemaOf(w, i.SchemaId);
      const n = i.SchemaVersionNumber;
      if (!n || (n.LatestVersion === undefined) === (n.VersionNumber === undefined)) throw new AwsFault("InvalidInputException", 400, "Exactly one of LatestVersion or VersionNumber is required");
      const v = n.LatestVersion ? s.versions[s.versions.length - 1] : s.versions.find((x) => x.VersionNumber === n.VersionNumber);
      if (!v) throw new AwsFault("EntityNotFoundException", 400, "Schema version is not found");
      return v;
    },
    ListDataQualityRulesets: (w: World, i: { Filter?: DataQualityRulesetFilterCriteria; NextToken?: string; MaxResults?: number }) => {
      const f = i.Filter;
      const items: DataQualityRulesetListDetails[] = section<WorldRuleset[]>(w, "dqRulesets", [])
        .filter((r) => !f?.Name || r.Name === f.Name)
        .filter((r) => !f?.TargetTable || (r.TargetTable?.DatabaseName === f.TargetTable.DatabaseName && r.TargetTable?.TableName === f.TargetTable.TableName))
        .map((r) => ({ Name: r.Name, Description: r.Description, CreatedOn: r.CreatedOn, LastModifiedOn: r.LastModifiedOn, TargetTable: r.TargetTable, RecommendationRunId: r.RecommendationRunId, RuleCount: r.RuleCount }));
      const p = page(items, i.NextToken, w.pageSize, i.MaxResults);
      return { Rulesets: p.items, NextToken: p.next };
    },
    GetDataQualityRuleset: (w: World, i: { Name: string }) => {
      const r = section<WorldRuleset[]>(w, "dqRulesets", []).find((x) => x.Name === i.Name);
      if (!r) throw new AwsFault("EntityNotFoundException", 400, `Cannot find Data Quality Ruleset in account ${w.account} with name ${i.Name}`);
      const { RuleCount: _count, ...out } = r;
      return out;
    },
  },
};

/** The lab's grok pattern, exactly as printed. */
export const LAB_GROK_PATTERN = String.raw`\[%{TIMESTAMP_ISO8601:timestamp}\] %{LOGLEVEL:log_level} user_id=%{NUMBER:user_id} action=%{WORD:action} ip=%{IP:ip_address}( duration=%{DATA:duration})?( error="%{DATA:error_message}")?`;

/** The lab's Customer schema, exactly as printed. */
export const LAB_CUSTOMER_AVRO = `{
  "type": "record",
  "name": "Customer",
  "namespace": "com.datacorp.customer",
  "fields": [
    {"name": "customer_id", "type": "string"},
    {"name": "name", "type": "string"},
    {"name": "email", "type": ["null", "string"], "default": null},
    {"name": "phone", "type": ["null", "string"], "default": null},
    {"name": "created_at", "type": "long", "logicalType": "timestamp-millis"}
  ]
}`;

/** The lab's Transaction schema, exactly as printed. */
export const LAB_TRANSACTION_AVRO = `{
  "type": "record",
  "name": "Transaction",
  "namespace": "com.datacorp.transaction",
  "fields": [
    {"name": "transaction_id", "type": "string"},
    {"name": "customer_id", "type": "string"},
    {"name": "amount", "type": "double"},
    {"name": "currency", "type": "string", "default": "USD"},
    {"name": "timestamp", "type": "long", "logicalType": "timestamp-millis"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "COMPLETED", "FAILED"]}}
  ]
}`;

/** The lab's three rulesets' rules, exactly as printed (CustomSQL spelling and the "within 20%" clause included). */
export const LAB_DQ_RULES = {
  schema: ['ColumnExists "customer_id"', 'ColumnExists "transaction_id"', 'ColumnExists "amount"', 'ColumnDataType "customer_id" = "STRING"', 'ColumnDataType "amount" = "FRACTIONAL"', 'ColumnLength "customer_id" between 5 and 50'],
  business: [
    'ColumnValues "amount" between 0.01 and 1000000',
    'ColumnValues "currency" in ["USD", "EUR", "GBP"]',
    "RowCount between 1000 and 10000000",
    'CustomSQL "SELECT COUNT(*) FROM $table WHERE amount < 0" = 0',
    'Uniqueness "transaction_id" > 0.99',
    'Completeness "customer_id" > 0.95',
  ],
  anomaly: ['Mean "amount" between 50 and 500', 'StandardDeviation "amount" < 1000', 'CustomSQL "SELECT AVG(amount) FROM $table WHERE date = CURRENT_DATE" within 20% of historical average'],
};

/** DQDL text of a list of rules, laid out like the lab. */
export const dqdl = (rules: readonly string[]) => `Rules = [\n    ${rules.join(",\n    ")}\n]`;

const T0 = new Date("2026-11-01T10:00:00Z");
const ISO0 = "2026-11-01T10:00:00.000Z";

function grok(name: string, pattern: string, customPatterns?: string): Classifier {
  return { GrokClassifier: { Name: name, Classification: "custom_logs", GrokPattern: pattern, ...(customPatterns ? { CustomPatterns: customPatterns } : {}), CreationTime: T0, LastUpdated: T0, Version: 1 } };
}

function registry(w: Base, name: string): GetRegistryResponse {
  return { RegistryName: name, RegistryArn: `arn:aws:glue:${w.region}:${w.account}:registry/${name}`, Description: "Enterprise schemas", Status: "AVAILABLE", CreatedTime: ISO0, UpdatedTime: ISO0 };
}

function schema(w: Base, registryName: string, name: string, definitions: string[], compatibility: GetSchemaResponse["Compatibility"] = "BACKWARD"): WorldSchema {
  const arn = `arn:aws:glue:${w.region}:${w.account}:schema/${registryName}/${name}`;
  return {
    schema: {
      RegistryName: registryName,
      RegistryArn: `arn:aws:glue:${w.region}:${w.account}:registry/${registryName}`,
      SchemaName: name,
      SchemaArn: arn,
      DataFormat: "AVRO",
      Compatibility: compatibility,
      SchemaCheckpoint: 1,
      LatestSchemaVersion: definitions.length,
      NextSchemaVersion: definitions.length + 1,
      SchemaStatus: "AVAILABLE",
      CreatedTime: ISO0,
      UpdatedTime: ISO0,
    },
    versions: definitions.map((d, i) => ({
      SchemaVersionId: `${name.length.toString(16).padStart(8, "0")}-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
      SchemaDefinition: d,
      DataFormat: "AVRO",
      SchemaArn: arn,
      VersionNumber: i + 1,
      Status: "AVAILABLE",
      CreatedTime: ISO0,
    })),
  };
}

function ruleset(name: string, database: string, rules: readonly string[]): WorldRuleset {
  return { Name: name, Description: "Task 11", Ruleset: dqdl(rules), TargetTable: { DatabaseName: database, TableName: "transactions" }, CreatedOn: T0, LastModifiedOn: T0, RuleCount: rules.length };
}

/** Customer v1 (before phone was added): the latest version is what counts. */
const CUSTOMER_V1 = LAB_CUSTOMER_AVRO.replace(/\n\s*\{"name": "phone"[^\n]*/, "");

/** A correct Tasks 4, 5 and 11 for one student (the lab's pattern, schemas and rulesets as printed). */
export function complete(w: Base, student: string): Partial<CatalogFormatsWorld> {
  const reg = `enterprise-registry-${student}`;
  return {
    classifiers: [grok(`custom-log-classifier-${student}`, LAB_GROK_PATTERN)],
    registries: [registry(w, reg)],
    schemas: [schema(w, reg, "Customer", [CUSTOMER_V1, LAB_CUSTOMER_AVRO]), schema(w, reg, "Transaction", [LAB_TRANSACTION_AVRO])],
    dqRulesets: [
      ruleset(`schema-validation-${student}`, `silver_${student}`, LAB_DQ_RULES.schema),
      ruleset(`business-rules-${student}`, `silver_${student}`, LAB_DQ_RULES.business),
      ruleset(`anomaly-detection-${student}`, `gold_${student}`, LAB_DQ_RULES.anomaly),
    ],
  };
}

/**
 * Planted mistakes: the grok pattern names the level field `level` (not log_level); Customer's latest version lacks
 * phone; Transaction has Compatibility NONE; the business ruleset lacks Uniqueness; the anomaly ruleset lacks
 * StandardDeviation. Not mistakes: a custom pattern, lower-case schema names, the Glue-valid CustomSql spelling, a
 * ruleset named without the student ID but targeting the student's database.
 */
export function partial(w: Base, student: string): Partial<CatalogFormatsWorld> {
  const reg = `enterprise-registry-${student}`;
  const pattern = LAB_GROK_PATTERN.replace("%{TIMESTAMP_ISO8601:timestamp}", "%{LOGTS:timestamp}").replace("%{LOGLEVEL:log_level}", "%{LOGLEVEL:level}");
  const business = LAB_DQ_RULES.business.filter((r) => !r.startsWith("Uniqueness")).map((r) => r.replace("CustomSQL", "CustomSql"));
  return {
    classifiers: [grok(`custom-log-classifier-${student}`, pattern, "# timestamps\nLOGTS %{TIMESTAMP_ISO8601}\n")],
    registries: [registry(w, reg)],
    schemas: [schema(w, reg, "customer", [CUSTOMER_V1]), schema(w, reg, "transaction", [LAB_TRANSACTION_AVRO], "NONE")],
    dqRulesets: [
      ruleset("transactions-schema-validation", `silver_${student}`, LAB_DQ_RULES.schema),
      ruleset(`business-rules-${student}`, `silver_${student}`, business),
      ruleset(`anomaly-detection-${student}`, `gold_${student}`, ['Mean "amount" between 50 and 500', 'CustomSql "SELECT AVG(amount) FROM primary" between 50 and 500']),
    ],
  };
}

/** Another student's classifier, registry, schemas and rulesets (noise in a shared account). */
export function other(w: Base, student: string): Partial<CatalogFormatsWorld> {
  const c = complete(w, student);
  return { ...c, dqRulesets: [...c.dqRulesets!, ruleset("shared-anomaly-checks", `gold_${student}`, LAB_DQ_RULES.anomaly)] };
}
