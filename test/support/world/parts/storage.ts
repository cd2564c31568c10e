// World part for Tasks 1, 3 and 15: S3 buckets (with their region), KMS keys and aliases, Lake Formation, Glue tables, AWS Budgets.
import type {
  CORSRule,
  LifecycleRule,
  LoggingEnabled,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionConfiguration,
  Tag,
  BucketVersioningStatus,
  MFADeleteStatus,
  _Object,
  CommonPrefix,
} from "@aws-sdk/client-s3";
import type { AliasListEntry, KeyMetadata } from "@aws-sdk/client-kms";
import type { DataCellsFilter, DataLakeSettings, PrincipalResourcePermissions, Resource, ResourceInfo, TableResource } from "@aws-sdk/client-lakeformation";
import type { Database, Table } from "@aws-sdk/client-glue";
import type { Budget } from "@aws-sdk/client-budgets";
import { AwsFault, page, section, type CallContext, type HandlerTable, type World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** One S3 bucket of the world: where it lives, who owns it, and its configuration (absent = never configured). */
export interface WorldBucket {
  Name: string;
  Region: string;
  CreationDate: Date;
  /** The name is taken by another account: HeadBucket 403 (no body), every other call AccessDenied. */
  foreign?: boolean;
  versioning?: { Status?: BucketVersioningStatus; MFADelete?: MFADeleteStatus };
  /** Absent: the default SSE-S3 rule every bucket has had since January 2023. */
  encryption?: ServerSideEncryptionConfiguration;
  logging?: LoggingEnabled;
  cors?: CORSRule[];
  /** The policy document as S3 stores it: a string (may be anything the student typed). */
  policy?: string;
  lifecycle?: LifecycleRule[];
  tags?: Tag[];
  publicAccessBlock?: PublicAccessBlockConfiguration;
  objects?: { Key: string; Size: number; LastModified: Date }[];
  /** Fault injection: these operations answer AccessDenied (403). */
  denied?: string[];
}

/** Sections owned by this part. */
export interface StorageWorld {
  /** Buckets by name (a map, so fragments merge by name). */
  s3Buckets: Record<string, WorldBucket>;
  kmsKeys: KeyMetadata[];
  kmsAliases: AliasListEntry[];
  /** GetKeyRotationStatus by key id (absent: automatic rotation off). */
  kmsKeyRotation: Record<string, { enabled: boolean; periodDays?: number }>;
  lfResources: ResourceInfo[];
  /** Account-wide: only complete/partial set it, never `other`. */
  lfSettings: DataLakeSettings;
  lfPermissions: PrincipalResourcePermissions[];
  lfCellFilters: DataCellsFilter[];
  /** Glue tables of every database (DatabaseName set on each). */
  glueTables: Table[];
  budgets: Budget[];
}

const BUCKET_REGION = "x-amz-bucket-region";

/**
 * The bucket an S3 call addresses, or the error real S3 gives. HEAD has no body, so the SDK surfaces its errors as
 * name "NotFound" (404) or "Unknown" (403, 301, 400): see aws-facts §0.1. Other operations carry an XML code.
 */
function bucketFor(w: World, name: string | undefined, ctx: CallContext, op: string): WorldBucket {
  const head = op === "HeadBucket";
  const b = section<Record<string, WorldBucket>>(w, "s3Buckets", {})[name ?? ""];
  if (!b) {
    if (head) throw new AwsFault("NotFound", 404, "UnknownError");
    throw new AwsFault("NoSuchBucket", 404, "The specified bucket does not exist");
  }
  if (b.foreign) {
    if (head) throw new AwsFault("Unknown", 403, "UnknownError");
    throw new AwsFault("AccessDenied", 403, "Access Denied");
  }
  if (b.Region !== ctx.region && op !== "GetBucketLocation") {
    if (head) throw new AwsFault("Unknown", 301, "UnknownError", { [BUCKET_REGION]: b.Region });
    throw new AwsFault("PermanentRedirect", 301, "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.", { [BUCKET_REGION]: b.Region });
  }
  if (b.denied?.includes(op)) throw new AwsFault("AccessDenied", 403, "Access Denied");
  return b;
}

function listObjects(b: WorldBucket, i: { Prefix?: string; Delimiter?: string; MaxKeys?: number; ContinuationToken?: string }, pageSize: number) {
  const prefix = i.Prefix ?? "";
  const keys = (b.objects ?? []).filter((o) => o.Key.startsWith(prefix)).sort((a, c) => (a.Key < c.Key ? -1 : a.Key > c.Key ? 1 : 0));
  type Entry = { key: string; object?: _Object };
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const o of keys) {
    const rest = o.Key.slice(prefix.length);
    const at = i.Delimiter ? rest.indexOf(i.Delimiter) : -1;
    if (at >= 0) {
      const cp = prefix + rest.slice(0, at + i.Delimiter!.length);
      if (!seen.has(cp)) entries.push({ key: cp }), seen.add(cp);
    } else entries.push({ key: o.Key, object: { Key: o.Key, Size: o.Size, LastModified: o.LastModified, StorageClass: "STANDARD", ETag: '"e"' } });
  }
  // CommonPrefixes count toward MaxKeys, like real S3.
  const p = page(entries, i.ContinuationToken, pageSize, i.MaxKeys);
  const contents = p.items.filter((e) => e.object).map((e) => e.object!);
  const prefixes: CommonPrefix[] = p.items.filter((e) => !e.object).map((e) => ({ Prefix: e.key }));
  return {
    Name: b.Name,
    Prefix: prefix,
    ...(i.Delimiter ? { Delimiter: i.Delimiter } : {}),
    MaxKeys: i.MaxKeys ?? 1000,
    KeyCount: p.items.length,
    IsTruncated: p.next !== undefined,
    ...(contents.length ? { Contents: contents } : {}),
    ...(prefixes.length ? { CommonPrefixes: prefixes } : {}),
    ...(i.ContinuationToken ? { ContinuationToken: i.ContinuationToken } : {}),
    ...(p.next ? { NextContinuationToken: p.next } : {}),
  };
}

const regionOfArn = (arn: string | undefined) => arn?.split(":")[3];

/** KMS key lookup as DescribeKey does it: key id, key ARN, alias name, alias ARN, in the caller's region only. */
export function findKey(w: World, keyId: string, region: string): KeyMetadata | undefined {
  let id = keyId;
  const arn = /^arn:[^:]+:kms:([^:]+):(\d+):(key|alias)\/(.+)$/.exec(keyId);
  if (arn) {
    if (arn[1] !== region) return undefined;
    id = arn[3] === "alias" ? `alias/${arn[4]}` : arn[4]!;
  }
  if (id.startsWith("alias/")) {
    const a = section<AliasListEntry[]>(w, "kmsAliases", []).find((x) => x.AliasName === id && regionOfArn(x.AliasArn) === region);
    if (!a?.TargetKeyId) return undefined;
    id = a.TargetKeyId;
  }
  return section<KeyMetadata[]>(w, "kmsKeys", []).find((k) => k.KeyId === id && regionOfArn(k.Arn) === region);
}

const dbExists = (w: World, name: string | undefined) => section<Database[]>(w, "databases", []).some((d) => d.Name === name);
const tableExists = (w: World, t: TableResource) => section<Table[]>(w, "glueTables", []).some((x) => x.DatabaseName === t.DatabaseName && x.Name === t.Name);

/** The grants ListPermissions returns for a concrete resource (a Table query also returns its TableWithColumns grants). */
function grantsOn(w: World, r: Resource | undefined): PrincipalResourcePermissions[] {
  const all = section<PrincipalResourcePermissions[]>(w, "lfPermissions", []);
  if (!r) return all;
  if (r.Database) {
    if (!dbExists(w, r.Database.Name)) throw new AwsFault("EntityNotFoundException", 400, `Database ${r.Database.Name} not found.`);
    return all.filter((p) => p.Resource?.Database?.Name === r.Database!.Name);
  }
  if (r.Table) {
    const t = r.Table;
    if (!dbExists(w, t.DatabaseName)) throw new AwsFault("EntityNotFoundException", 400, `Database ${t.DatabaseName} not found.`);
    if (t.TableWildcard) return all.filter((p) => p.Resource?.Table?.DatabaseName === t.DatabaseName && p.Resource?.Table?.TableWildcard);
    if (!tableExists(w, t)) throw new AwsFault("EntityNotFoundException", 400, `Table ${t.Name} not found.`);
    return all.filter(
      (p) =>
        (p.Resource?.Table?.DatabaseName === t.DatabaseName && p.Resource?.Table?.Name === t.Name) ||
        (p.Resource?.TableWithColumns?.DatabaseName === t.DatabaseName && p.Resource?.TableWithColumns?.Name === t.Name),
    );
  }
  if (r.TableWithColumns) throw new AwsFault("InvalidInputException", 400, "TableWithColumns is not a valid resource for ListPermissions; use Table.");
  return all.filter((p) => JSON.stringify(p.Resource) === JSON.stringify(r));
}

/** S3, KMS, Lake Formation, Glue GetTables and Budgets handlers. */
export const handlers: HandlerTable = {
  s3: {
    HeadBucket: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      const b = bucketFor(w, i.Bucket, ctx, "HeadBucket");
      return { BucketRegion: b.Region, BucketArn: `arn:aws:s3:::${b.Name}`, AccessPointAlias: false };
    },
    GetBucketLocation: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      const b = bucketFor(w, i.Bucket, ctx, "GetBucketLocation");
      // us-east-1 answers an empty LocationConstraint.
      return b.Region === "us-east-1" ? {} : { LocationConstraint: b.Region };
    },
    ListBuckets: (w: World, i: { MaxBuckets?: number; ContinuationToken?: string; Prefix?: string }) => {
      const mine = Object.values(section<Record<string, WorldBucket>>(w, "s3Buckets", {}))
        .filter((b) => !b.foreign && b.Name.startsWith(i.Prefix ?? ""))
        .sort((a, c) => (a.Name < c.Name ? -1 : 1))
        .map((b) => ({ Name: b.Name, CreationDate: b.CreationDate, BucketRegion: b.Region }));
      // Without MaxBuckets S3 answers every bucket in one page.
      const p = i.MaxBuckets || i.ContinuationToken ? page(mine, i.ContinuationToken, w.pageSize, i.MaxBuckets) : { items: mine };
      return { Buckets: p.items, Owner: { ID: "owner-id" }, ...(p.next ? { ContinuationToken: p.next } : {}), ...(i.Prefix ? { Prefix: i.Prefix } : {}) };
    },
    GetBucketVersioning: (w: World, i: { Bucket: string }, ctx: CallContext) => ({ ...(bucketFor(w, i.Bucket, ctx, "GetBucketVersioning").versioning ?? {}) }),
    GetBucketEncryption: (w: World, i: { Bucket: string }, ctx: CallContext) => ({
      ServerSideEncryptionConfiguration: bucketFor(w, i.Bucket, ctx, "GetBucketEncryption").encryption ?? { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }] },
    }),
    GetBucketLogging: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      const l = bucketFor(w, i.Bucket, ctx, "GetBucketLogging").logging;
      return l ? { LoggingEnabled: l } : {};
    },
    GetBucketCors: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      const c = bucketFor(w, i.Bucket, ctx, "GetBucketCors").cors;
      if (!c?.length) throw new AwsFault("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist");
      return { CORSRules: c };
    },
    GetBucketPolicy: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      const p = bucketFor(w, i.Bucket, ctx, "GetBucketPolicy").policy;
      if (p === undefined) throw new AwsFault("NoSuchBucketPolicy", 404, "The bucket policy does not exist");
      return { Policy: p };
    },
    GetBucketLifecycleConfiguration: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      const r = bucketFor(w, i.Bucket, ctx, "GetBucketLifecycleConfiguration").lifecycle;
      if (!r?.length) throw new AwsFault("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist");
      return { Rules: r, TransitionDefaultMinimumObjectSize: "all_storage_classes_128K" };
    },
    GetBucketTagging: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      const t = bucketFor(w, i.Bucket, ctx, "GetBucketTagging").tags;
      // A bucket with no tags raises NoSuchTagSet rather than answering an empty list.
      if (!t?.length) throw new AwsFault("NoSuchTagSet", 404, "The TagSet does not exist");
      return { TagSet: t };
    },
    GetPublicAccessBlock: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      const p = bucketFor(w, i.Bucket, ctx, "GetPublicAccessBlock").publicAccessBlock;
      if (!p) throw new AwsFault("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found");
      return { PublicAccessBlockConfiguration: p };
    },
    ListObjectsV2: (w: World, i: { Bucket: string; Prefix?: string; Delimiter?: string; MaxKeys?: number; ContinuationToken?: string }, ctx: CallContext) =>
      listObjects(bucketFor(w, i.Bucket, ctx, "ListObjectsV2"), i, w.pageSize),
  },
  kms: {
    DescribeKey: (w: World, i: { KeyId: string }, ctx: CallContext) => {
      const k = findKey(w, i.KeyId, ctx.region);
      if (!k) {
        throw new AwsFault("NotFoundException", 400, i.KeyId.includes("alias/") ? `Alias ${i.KeyId} is not found.` : `Key '${i.KeyId}' does not exist`);
      }
      return { KeyMetadata: k };
    },
    // Key id or key ARN only: an alias is not accepted (aws-facts §2), so a caller must resolve it with DescribeKey first.
    GetKeyRotationStatus: (w: World, i: { KeyId: string }, ctx: CallContext) => {
      if (/(^|:)alias\//.test(i.KeyId)) throw new AwsFault("NotFoundException", 400, `Invalid keyId ${i.KeyId}`);
      const k = findKey(w, i.KeyId, ctx.region);
      if (!k) throw new AwsFault("NotFoundException", 400, `Key '${i.KeyId}' does not exist`);
      if (k.KeySpec && k.KeySpec !== "SYMMETRIC_DEFAULT") throw new AwsFault("UnsupportedOperationException", 400, `${k.Arn} key spec ${k.KeySpec} does not support automatic rotation`);
      if (k.KeyState === "PendingDeletion" || k.KeyState === "PendingImport") throw new AwsFault("KMSInvalidStateException", 400, `${k.Arn} is pending ${k.KeyState === "PendingDeletion" ? "deletion" : "import"}.`);
      const r = section<Record<string, { enabled: boolean; periodDays?: number }>>(w, "kmsKeyRotation", {})[k.KeyId!];
      const days = r?.periodDays ?? 365;
      return r?.enabled
        ? { KeyId: k.Arn, KeyRotationEnabled: true, RotationPeriodInDays: days, NextRotationDate: new Date((k.CreationDate ?? new Date("2026-11-01T00:00:00Z")).getTime() + days * 86_400_000) }
        : { KeyId: k.Arn, KeyRotationEnabled: false };
    },
    ListAliases: (w: World, i: { KeyId?: string; Limit?: number; Marker?: string }, ctx: CallContext) => {
      const key = i.KeyId ? findKey(w, i.KeyId, ctx.region) : undefined;
      if (i.KeyId && !key) throw new AwsFault("NotFoundException", 400, `Key '${i.KeyId}' does not exist`);
      const all = section<AliasListEntry[]>(w, "kmsAliases", []).filter((a) => regionOfArn(a.AliasArn) === ctx.region && (!key || a.TargetKeyId === key.KeyId));
      const p = page(all, i.Marker, w.pageSize, i.Limit);
      return { Aliases: p.items, Truncated: p.next !== undefined, ...(p.next ? { NextMarker: p.next } : {}) };
    },
  },
  lakeformation: {
    ListResources: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<ResourceInfo[]>(w, "lfResources", []), i.NextToken, w.pageSize, i.MaxResults);
      return { ResourceInfoList: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
    GetDataLakeSettings: (w: World) => ({
      DataLakeSettings: section<DataLakeSettings>(w, "lfSettings", {
        DataLakeAdmins: [],
        CreateDatabaseDefaultPermissions: [{ Principal: { DataLakePrincipalIdentifier: "IAM_ALLOWED_PRINCIPALS" }, Permissions: ["ALL"] }],
        CreateTableDefaultPermissions: [{ Principal: { DataLakePrincipalIdentifier: "IAM_ALLOWED_PRINCIPALS" }, Permissions: ["ALL"] }],
      }),
    }),
    ListPermissions: (w: World, i: { Resource?: Resource; NextToken?: string; MaxResults?: number }) => {
      const p = page(grantsOn(w, i.Resource), i.NextToken, w.pageSize, i.MaxResults);
      return { PrincipalResourcePermissions: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
    ListDataCellsFilter: (w: World, i: { Table?: TableResource; NextToken?: string; MaxResults?: number }) => {
      const all = section<DataCellsFilter[]>(w, "lfCellFilters", []).filter((f) => !i.Table || (f.DatabaseName === i.Table.DatabaseName && f.TableName === i.Table.Name));
      const p = page(all, i.NextToken, w.pageSize, i.MaxResults);
      return { DataCellsFilters: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
  },
  glue: {
    GetTables: (w: World, i: { DatabaseName: string; NextToken?: string; MaxResults?: number }) => {
      if (!dbExists(w, i.DatabaseName)) throw new AwsFault("EntityNotFoundException", 400, `Database ${i.DatabaseName} not found.`);
      const p = page(section<Table[]>(w, "glueTables", []).filter((t) => t.DatabaseName === i.DatabaseName), i.NextToken, w.pageSize, i.MaxResults);
      return { TableList: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
    GetTable: (w: World, i: { DatabaseName: string; Name: string }) => {
      if (!dbExists(w, i.DatabaseName)) throw new AwsFault("EntityNotFoundException", 400, `Database ${i.DatabaseName} not found.`);
      const t = section<Table[]>(w, "glueTables", []).find((x) => x.DatabaseName === i.DatabaseName && x.Name === i.Name);
      if (!t) throw new AwsFault("EntityNotFoundException", 400, `Table ${i.Name} not found.`);
      return { Table: t };
    },
  },
  budgets: {
    DescribeBudgets: (w: World, i: { AccountId: string; NextToken?: string; MaxResults?: number }) => {
      if (i.AccountId !== w.account) throw new AwsFault("AccessDeniedException", 400, `User is not authorized to access budgets of account ${i.AccountId}`);
      const all = section<Budget[]>(w, "budgets", []);
      // Modelled on the UNCONFIRMED behaviour in aws-facts §8: no budget at all → NotFoundException.
      if (!all.length) throw new AwsFault("NotFoundException", 400, `[Exception=NotFoundException] Unable to get budgets for account ${i.AccountId} - no budgets found`);
      const p = page(all, i.NextToken, w.pageSize, i.MaxResults);
      return { Budgets: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
  },
};

/**
 * Moves a bucket to another region, with the KMS key its encryption uses (and that key's aliases): HeadBucket from
 * the default region then answers 301 + x-amz-bucket-region. Mutates and returns the world.
 */
export function inRegion(w: World, bucket: string, region: string): World {
  const b = section<Record<string, WorldBucket>>(w, "s3Buckets", {})[bucket];
  if (!b) throw new Error(`inRegion: no bucket ${bucket} in the world`);
  const from = b.Region;
  const move = (arn: string | undefined) => arn?.replace(`:kms:${from}:`, `:kms:${region}:`);
  for (const rule of b.encryption?.Rules ?? []) {
    const d = rule.ApplyServerSideEncryptionByDefault;
    const key = d?.KMSMasterKeyID ? findKey(w, d.KMSMasterKeyID, from) : undefined;
    if (!d || !key) continue;
    for (const a of section<AliasListEntry[]>(w, "kmsAliases", [])) if (a.TargetKeyId === key.KeyId && regionOfArn(a.AliasArn) === from) a.AliasArn = move(a.AliasArn);
    key.Arn = move(key.Arn);
    d.KMSMasterKeyID = move(d.KMSMasterKeyID);
  }
  b.Region = region;
  return w;
}

const T0 = new Date("2026-11-01T10:00:00Z");
const keyIdOf = (student: string) => `${"0".repeat(8)}-0000-4000-8000-${student.replace(/[^a-z0-9]/g, "").padStart(12, "0").slice(-12)}`.replace(/[^0-9a-f-]/g, "a");

function kms(w: Base, student: string, keyId = keyIdOf(student)): Pick<StorageWorld, "kmsKeys" | "kmsAliases"> {
  const arn = `arn:aws:kms:${w.region}:${w.account}:key/${keyId}`;
  return {
    kmsKeys: [{ AWSAccountId: w.account, KeyId: keyId, Arn: arn, CreationDate: T0, Enabled: true, KeyState: "Enabled", KeyManager: "CUSTOMER", KeyUsage: "ENCRYPT_DECRYPT", KeySpec: "SYMMETRIC_DEFAULT", Origin: "AWS_KMS", MultiRegion: false, Description: `Data lake key ${student}` }],
    kmsAliases: [{ AliasName: `alias/datalake-${student}`, AliasArn: `arn:aws:kms:${w.region}:${w.account}:alias/datalake-${student}`, TargetKeyId: keyId, CreationDate: T0 }],
  };
}

const FOLDER_KEYS = ["landing/", "bronze/", "silver/", "gold/", "schemas/", "scripts/", "logs/", "athena-results/"];

function bucket(w: Base, student: string): WorldBucket {
  const name = `enterprise-datalake-${student}`;
  const obj = (Key: string, Size = 1024) => ({ Key, Size, LastModified: T0 });
  return {
    Name: name,
    Region: w.region,
    CreationDate: T0,
    versioning: { Status: "Enabled", MFADelete: "Disabled" },
    encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: `arn:aws:kms:${w.region}:${w.account}:key/${keyIdOf(student)}` }, BucketKeyEnabled: true }] },
    logging: { TargetBucket: name, TargetPrefix: "logs/access/" },
    cors: [{ ID: "analytics", AllowedOrigins: ["https://analytics.globalcorp.example"], AllowedMethods: ["GET", "HEAD"], AllowedHeaders: ["*"], MaxAgeSeconds: 3000 }],
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "GlueRoleAccess", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${w.account}:role/GlueServiceRole-${student}` }, Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${name}/*` },
      ],
    }),
    // The three filter forms, on purpose: Filter.Prefix, Filter.And.Prefix, and the legacy top-level Prefix without a slash.
    lifecycle: [
      { ID: "bronze-to-glacier", Status: "Enabled", Filter: { Prefix: "bronze/" }, Transitions: [{ Days: 90, StorageClass: "GLACIER" }] },
      { ID: "silver-to-deep-archive", Status: "Enabled", Filter: { And: { Prefix: "silver/", ObjectSizeGreaterThan: 0 } }, Transitions: [{ Days: 180, StorageClass: "DEEP_ARCHIVE" }] },
      { ID: "expire-logs", Status: "Enabled", Prefix: "logs", Expiration: { Days: 365 } },
    ],
    tags: [
      { Key: "Environment", Value: "Production" },
      { Key: "Compliance", Value: "GDPR" },
      { Key: "DataClassification", Value: "Confidential" },
      { Key: "StudentID", Value: student },
    ],
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    objects: [
      ...FOLDER_KEYS.map((k) => obj(k, 0)),
      obj("landing/customers/customers.csv", 20_480),
      obj("landing/transactions/transactions.csv", 40_960),
      obj("bronze/customers/part-00000.parquet"),
      obj("schemas/customer.avsc", 512),
      obj("schemas/transaction.avsc", 640),
      obj("scripts/studio_etl_pipeline.py", 4096),
      obj("scripts/streaming_etl.py", 3072),
      obj("scripts/tests/test_transforms.py", 2048),
      obj("logs/access/2026-11-01-10-00-00-ABCDEF"),
    ],
  };
}

const role = (w: Base, name: string) => `arn:aws:iam::${w.account}:role/${name}`;
const grant = (principal: string, resource: Resource, permissions: PrincipalResourcePermissions["Permissions"]): PrincipalResourcePermissions => ({
  Principal: { DataLakePrincipalIdentifier: principal },
  Resource: resource,
  Permissions: permissions,
  PermissionsWithGrantOption: [],
  LastUpdated: T0,
  LastUpdatedBy: "arn:aws:iam::000000000000:role/admin",
});

function tables(student: string): Table[] {
  const t = (db: string, name: string, cols: string[]): Table => ({
    Name: name,
    DatabaseName: `${db}_${student}`,
    CreateTime: T0,
    StorageDescriptor: { Columns: cols.map((c) => ({ Name: c, Type: "string" })), Location: `s3://enterprise-datalake-${student}/${db}/${name}/` },
  });
  return [
    t("bronze", "customers", ["customer_id", "name", "email", "phone", "created_at"]),
    t("bronze", "transactions", ["transaction_id", "customer_id", "amount", "currency"]),
    t("silver", "customers", ["customer_id", "name", "email", "phone", "customer_segment"]),
    t("gold", "customer_summary", ["customer_id", "total_spent", "customer_segment"]),
  ];
}

function lakeFormation(w: Base, student: string) {
  const analyst = role(w, `DataAnalyst-${student}`);
  const engineer = role(w, `DataEngineer-${student}`);
  return {
    lfResources: [{ ResourceArn: `arn:aws:s3:::enterprise-datalake-${student}`, RoleArn: role(w, "aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess"), LastModified: T0, WithFederation: false, HybridAccessEnabled: false }],
    lfPermissions: [
      grant(analyst, { Table: { CatalogId: w.account, DatabaseName: `bronze_${student}`, TableWildcard: {} } }, ["SELECT", "DESCRIBE"]),
      grant(engineer, { Database: { CatalogId: w.account, Name: `silver_${student}` } }, ["ALL"]),
      grant(engineer, { Database: { CatalogId: w.account, Name: `gold_${student}` } }, ["ALTER", "CREATE_TABLE", "DESCRIBE", "DROP"]),
      grant(analyst, { TableWithColumns: { CatalogId: w.account, DatabaseName: `silver_${student}`, Name: "customers", ColumnWildcard: { ExcludedColumnNames: ["email", "phone"] } } }, ["SELECT"]),
    ] as PrincipalResourcePermissions[],
    lfCellFilters: [
      { TableCatalogId: w.account, DatabaseName: `silver_${student}`, TableName: "customers", Name: `pii-mask-${student}`, ColumnWildcard: { ExcludedColumnNames: ["email", "phone"] }, RowFilter: { AllRowsWildcard: {} }, VersionId: "1" },
    ] as DataCellsFilter[],
    glueTables: tables(student),
  };
}

const budget = (student: string): Budget => ({
  BudgetName: `glue-monthly-budget-${student}`,
  BudgetType: "COST",
  TimeUnit: "MONTHLY",
  BudgetLimit: { Amount: "50.0", Unit: "USD" },
  CostTypes: { IncludeTax: true, IncludeSubscription: true, UseBlended: false },
  TimePeriod: { Start: new Date("2026-11-01T00:00:00Z"), End: new Date("2087-06-15T00:00:00Z") },
});

/** A correct Tasks 1, 3 and 15 (the S3/KMS/LF/Budgets side) for one student. */
export function complete(w: Base, student: string): Partial<StorageWorld> {
  const b = bucket(w, student);
  return {
    s3Buckets: { [b.Name]: b },
    ...kms(w, student),
    ...lakeFormation(w, student),
    lfSettings: { DataLakeAdmins: [{ DataLakePrincipalIdentifier: role(w, `LakeFormationAdmin-${student}`) }], CreateDatabaseDefaultPermissions: [], CreateTableDefaultPermissions: [] },
    budgets: [budget(student)],
  };
}

/**
 * The same with seven planted mistakes: versioning Suspended; SSE-KMS with another key than the alias's; the silver
 * rule going to GLACIER; no Compliance tag; "athena_results/" instead of "athena-results/"; no column-level security
 * (no data cells filter, no column grant); no budget.
 */
export function partial(w: Base, student: string): Partial<StorageWorld> {
  const c = complete(w, student);
  const b = c.s3Buckets![`enterprise-datalake-${student}`]!;
  const otherKey = `${keyIdOf(student).slice(0, -4)}beef`;
  const other = kms(w, `${student}-old`, otherKey);
  b.versioning = { Status: "Suspended", MFADelete: "Disabled" };
  b.encryption = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: otherKey }, BucketKeyEnabled: true }] };
  b.lifecycle = b.lifecycle!.map((r) => (r.ID === "silver-to-deep-archive" ? { ...r, Transitions: [{ Days: 180, StorageClass: "GLACIER" }] } : r));
  b.tags = b.tags!.filter((t) => t.Key !== "Compliance");
  b.objects = b.objects!.map((o) => (o.Key.startsWith("athena-results/") ? { ...o, Key: o.Key.replace("athena-results/", "athena_results/") } : o));
  return {
    ...c,
    kmsKeys: [...c.kmsKeys!, ...other.kmsKeys],
    lfPermissions: c.lfPermissions!.filter((p) => !p.Resource?.TableWithColumns),
    lfCellFilters: [],
    budgets: [],
  };
}

/** Another student's bucket, key, Lake Formation resources, tables and budget (noise in a shared account). */
export function other(w: Base, student: string): Partial<StorageWorld> {
  const c = complete(w, student);
  const { lfSettings: _accountWide, ...rest } = c;
  return rest;
}
