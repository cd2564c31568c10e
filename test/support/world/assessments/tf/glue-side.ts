// The glue side of a Terraform deployment in the simulated account: the storage module's five buckets and S3 KMS key,
// the catalog database, the raw/processed/curated crawlers, the three jobs, their runs and the output they wrote.
//
// "complete" is the template applied correctly (glue module's crawlers and jobs, the storage module's buckets as the
// deployed version names them: {p}-raw-data … {p}-temp, alias/{p}-s3-kms-key).
// "partial" plants these mistakes in tasks storage, catalog, jobs and run_evidence (each one criterion):
//   storage       1. {p}-temp has versioning Suspended                                      → storage.versioning
//                 2. {p}-curated-data has no public access block                            → storage.public_access_block
//                 3. {p}-processed-data tiers to INTELLIGENT_TIERING after 60 days, not 30  → storage.lifecycle_tiering
//   catalog       4. the database is named like its Name tag, {project}-{env}-catalog       → catalog.database_exists (did you mean;
//                    crawler_database is then skipped)
//                 5. the processed crawler's update behaviour is LOG                        → catalog.schema_change
//                 6. the raw crawler's lineage is DISABLE                                   → catalog.lineage
//   jobs          7. the processing job runs on Glue 3.0                                    → jobs.glue_version
//                 8. the processing job has no --enable-metrics                             → jobs.monitoring_args
//                 9. the quality job allows 3 concurrent runs                               → jobs.quality_concurrency
//   run_evidence 10. the quality job's only run FAILED                                      → run_evidence.job_runs_succeeded
//                11. the curated bucket is empty (folder marker only)                        → run_evidence.curated_output (curated_partitions
//                    is then skipped)
// "other" is the same shape as "complete" under another deployment's names (another student, or this student's other
// environment).
import type { Crawler, Database, Job, JobRun } from "@aws-sdk/client-glue";
import type { LifecycleRule } from "@aws-sdk/client-s3";
import type { AliasListEntry, KeyMetadata } from "@aws-sdk/client-kms";
import type { World } from "../../types.js";
import type { WorldBucket } from "../../parts/storage.js";
import type { TfNames } from "./names.js";

type Base = Pick<World, "region" | "account">;

/** What kind of deployment to build: a correct one, one with the planted mistakes, or another student's. */
export type Kind = "complete" | "partial" | "other";

const T0 = new Date("2026-11-10T08:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

/** A stable KMS key id per deployment (distinct from the ops side's keys: the seed includes the key's purpose). */
export function s3KeyId(n: TfNames): string {
  let h = 2166136261;
  for (const ch of `${n.p}:s3`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const hex = h.toString(16).padStart(8, "0");
  return `${hex}-5353-4000-8000-${(hex + hex).slice(0, 12)}`;
}

const PAB = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const tiering = (days = 30): LifecycleRule[] => [{ ID: "transition-to-intelligent-tiering", Status: "Enabled", Filter: { Prefix: "" }, Transitions: [{ Days: days, StorageClass: "INTELLIGENT_TIERING" }] }];
const obj = (Key: string, Size = 2048) => ({ Key, Size, LastModified: at(30) });

function buckets(w: Base, n: TfNames, kind: Kind): Record<string, WorldBucket> {
  const keyArn = `arn:aws:kms:${w.region}:${w.account}:key/${s3KeyId(n)}`;
  const bucket = (Name: string, extra: Partial<WorldBucket> = {}): WorldBucket => ({
    Name,
    Region: w.region,
    CreationDate: T0,
    versioning: { Status: "Enabled" },
    encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn }, BucketKeyEnabled: false }] },
    publicAccessBlock: { ...PAB },
    tags: [
      { Key: "Name", Value: Name },
      { Key: "Environment", Value: n.env },
      { Key: "Project", Value: n.project },
      { Key: "ManagedBy", Value: "Terraform" },
    ],
    ...extra,
  });
  const day = "2026/11/10";
  const hive = "year=2026/month=11/day=10";
  const all = [
    // The raw bucket: the lab's input layout, data/incoming/<yyyy>/<mm>/<dd>/ (the raw crawler reads data/).
    bucket(n.rawBucket, { lifecycle: tiering(), objects: [obj("data/", 0), obj("data/incoming/", 0), obj(`data/incoming/${day}/sample-data.csv`, 40_960)] }),
    // The ingestion job writes data/<yyyy>/<mm>/<dd>/ with partitionKeys year/month/day below it.
    bucket(n.processedBucket, {
      lifecycle: kind === "partial" ? tiering(60) : [...tiering(), { ID: "to-glacier", Status: "Enabled", Filter: { And: { Prefix: "archive/", ObjectSizeGreaterThan: 0 } }, Transitions: [{ Days: 90, StorageClass: "GLACIER" }] }],
      objects: [obj("data/", 0), obj(`data/${day}/${hive}/part-00000-a1.snappy.parquet`), obj(`data/${day}/${hive}/part-00001-a1.snappy.parquet`), obj(`data/${day}/_SUCCESS`, 0)],
    }),
    bucket(n.curatedBucket, {
      lifecycle: tiering(),
      ...(kind === "partial" ? { publicAccessBlock: undefined } : {}),
      objects: kind === "partial" ? [obj("data/", 0)] : [obj("data/", 0), obj(`data/curated/${hive}/part-00000-c7.snappy.parquet`, 8192)],
    }),
    bucket(n.scriptsBucket, {
      objects: ["data_ingestion.py", "data_processing.py", "data_quality.py"].map((f) => obj(`jobs/${f}`, 16_384)).concat(obj("config/quality_rules.json", 900)),
    }),
    bucket(n.tempBucket, {
      // The legacy top-level Prefix form, on purpose (the whole bucket).
      lifecycle: [{ ID: "expire-temp-files", Status: "Enabled", Prefix: "", Expiration: { Days: 7 } }],
      ...(kind === "partial" ? { versioning: { Status: "Suspended" } } : {}),
      objects: [obj("temp/", 0), obj("sparkHistoryLogs/spark-application-1731225600000", 4096)],
    }),
  ];
  return Object.fromEntries(all.map((b) => [b.Name, b]));
}

function kms(w: Base, n: TfNames): { kmsKeys: KeyMetadata[]; kmsAliases: AliasListEntry[] } {
  const id = s3KeyId(n);
  return {
    kmsKeys: [
      { AWSAccountId: w.account, KeyId: id, Arn: `arn:aws:kms:${w.region}:${w.account}:key/${id}`, CreationDate: T0, Enabled: true, KeyState: "Enabled", KeyManager: "CUSTOMER", KeyUsage: "ENCRYPT_DECRYPT", KeySpec: "SYMMETRIC_DEFAULT", Origin: "AWS_KMS", MultiRegion: false, Description: "KMS key for S3 bucket encryption" },
    ],
    kmsAliases: [{ AliasName: n.s3KmsAlias, AliasArn: `arn:aws:kms:${w.region}:${w.account}:${n.s3KmsAlias}`, TargetKeyId: id, CreationDate: T0 }],
  };
}

function database(w: Base, n: TfNames, kind: Kind): Database {
  const name = kind === "partial" ? `${n.project}-${n.env}-catalog` : n.database;
  return { Name: name, Description: `Glue Catalog Database for ${n.project} in ${n.env} environment`, CreateTime: T0, CatalogId: w.account, CreateTableDefaultPermissions: [{ Principal: { DataLakePrincipalIdentifier: "IAM_ALLOWED_PRINCIPALS" }, Permissions: ["ALL"] }] };
}

function crawlers(w: Base, n: TfNames, kind: Kind): Crawler[] {
  const db = database(w, n, kind).Name!;
  const crawler = (name: string, bucket: string, prefix: string, schedule: string, extra: Partial<Crawler> = {}): Crawler => ({
    Name: name,
    Role: `arn:aws:iam::${w.account}:role/${n.p}-glue-service-role`,
    DatabaseName: db,
    Description: `Crawler for ${name.includes("raw") ? "raw" : "processed"} data discovery in ${n.env} environment`,
    Targets: { S3Targets: [{ Path: `s3://${bucket}/${prefix}`, Exclusions: [], ConnectionName: n.connection }], JdbcTargets: [], MongoDBTargets: [], DynamoDBTargets: [], CatalogTargets: [], DeltaTargets: [], IcebergTargets: [], HudiTargets: [] },
    Classifiers: [],
    RecrawlPolicy: { RecrawlBehavior: "CRAWL_EVERYTHING" },
    SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "LOG" },
    LineageConfiguration: { CrawlerLineageSettings: "ENABLE" },
    State: "READY",
    Schedule: { ScheduleExpression: schedule, State: "SCHEDULED" },
    CrawlElapsedTime: 0,
    CreationTime: T0,
    LastUpdated: T0,
    LastCrawl: { Status: "SUCCEEDED", LogGroup: "/aws-glue/crawlers", LogStream: name, MessagePrefix: "9f8e7d", StartTime: at(5) },
    Version: 1,
    Configuration: JSON.stringify({ Version: 1.0, CrawlerOutput: { Partitions: { AddOrUpdateBehavior: "InheritFromTable" }, Tables: { AddOrUpdateBehavior: "MergeNewColumns" } } }),
    CrawlerSecurityConfiguration: n.securityConfig,
    LakeFormationConfiguration: { UseLakeFormationCredentials: false, AccountId: "" },
    ...extra,
  });
  const raw = crawler(n.rawCrawler, n.rawBucket, "data/", "cron(0 */12 * * ? *)", kind === "partial" ? { LineageConfiguration: { CrawlerLineageSettings: "DISABLE" } } : {});
  const processed = crawler(n.processedCrawler, n.processedBucket, "data/", "cron(0 */24 * * ? *)", kind === "partial" ? { SchemaChangePolicy: { UpdateBehavior: "LOG", DeleteBehavior: "LOG" } } : {});
  // The storage module's curated crawler (data/curated/, its own schedule, no lineage, no security configuration): ungraded.
  const curated = crawler(n.curatedCrawler, n.curatedBucket, "data/curated/", "cron(0 0 * * ? *)", { LineageConfiguration: { CrawlerLineageSettings: "DISABLE" }, CrawlerSecurityConfiguration: undefined, RecrawlPolicy: undefined });
  return [raw, processed, curated];
}

function jobs(w: Base, n: TfNames, kind: Kind): Job[] {
  const common = (file: string, extra: Record<string, string>): Job => ({
    Role: `arn:aws:iam::${w.account}:role/${n.p}-glue-service-role`,
    CreatedOn: T0,
    LastModifiedOn: T0,
    ExecutionProperty: { MaxConcurrentRuns: 3 },
    Command: { Name: "glueetl", ScriptLocation: `s3://${n.scriptsBucket}/jobs/${file}.py`, PythonVersion: "3" },
    DefaultArguments: {
      "--job-language": "python",
      "--job-bookmark-option": "job-bookmark-enable",
      "--enable-metrics": "true",
      "--enable-continuous-cloudwatch-log": "true",
      "--enable-glue-datacatalog": "true",
      "--TempDir": `s3://${n.tempBucket}/temp/`,
      "--enable-spark-ui": "true",
      "--spark-event-logs-path": `s3://${n.tempBucket}/sparkHistoryLogs/`,
      "--environment": n.env,
      "--state_table": `${n.p}-job-state`,
      "--conf": "spark.sql.adaptive.enabled=true --conf spark.sql.adaptive.coalescePartitions.enabled=true",
      ...extra,
    },
    Connections: { Connections: [n.connection] },
    MaxRetries: 3,
    Timeout: 60,
    GlueVersion: "4.0",
    WorkerType: "G.1X",
    NumberOfWorkers: 5,
    SecurityConfiguration: n.securityConfig,
    ExecutionClass: "STANDARD",
  });
  const ingestion: Job = { ...common("data_ingestion", { "--raw_bucket": n.rawBucket, "--processed_bucket": n.processedBucket }), Name: n.ingestionJob, Description: `Data ingestion job for ${n.project} in ${n.env} environment` };
  const processingBase = common("data_processing", { "--processed_bucket": n.processedBucket, "--curated_bucket": n.curatedBucket, "--database_name": n.database });
  const processing: Job = { ...processingBase, Name: n.processingJob, Description: `Data processing job for ${n.project} in ${n.env} environment` };
  if (kind === "partial") {
    processing.GlueVersion = "3.0";
    const { "--enable-metrics": _dropped, ...rest } = processing.DefaultArguments!;
    processing.DefaultArguments = rest;
  }
  const quality: Job = {
    ...common("data_quality", { "--job-bookmark-option": "job-bookmark-disable", "--curated_bucket": n.curatedBucket, "--quality_rules_s3_path": `s3://${n.scriptsBucket}/config/quality_rules.json`, "--fail_on_quality_issues": n.env === "prod" ? "true" : "false" }),
    Name: n.qualityJob,
    Description: `Data quality validation job for ${n.project} in ${n.env} environment`,
    NumberOfWorkers: 2,
    ExecutionProperty: { MaxConcurrentRuns: kind === "partial" ? 3 : 1 },
  };
  return [ingestion, processing, quality];
}

function runs(n: TfNames, kind: Kind): Record<string, JobRun[]> {
  const run = (job: string, i: number, state: JobRun["JobRunState"], startMin: number, extra: Partial<JobRun> = {}): JobRun => ({
    Id: `jr_${job.length.toString(16)}${i}${"0".repeat(58)}`.slice(0, 64),
    Attempt: 0,
    JobName: job,
    JobMode: "SCRIPT",
    StartedOn: at(startMin),
    LastModifiedOn: at(startMin + 9),
    CompletedOn: at(startMin + 9),
    JobRunState: state,
    PredecessorRuns: [],
    AllocatedCapacity: 5,
    ExecutionTime: 480,
    Timeout: 60,
    MaxCapacity: 5,
    WorkerType: "G.1X",
    NumberOfWorkers: 5,
    LogGroupName: "/aws-glue/jobs",
    GlueVersion: "4.0",
    ExecutionClass: "STANDARD",
    ...extra,
  });
  return {
    // Two ingestion runs: an early failure, then success (the runs are listed oldest first, so the check must sort).
    [n.ingestionJob]: [run(n.ingestionJob, 1, "FAILED", 10, { ErrorMessage: "AnalysisException: Path does not exist: s3://…/data/incoming/2026/11/10/" }), run(n.ingestionJob, 2, "SUCCEEDED", 40)],
    [n.processingJob]: [run(n.processingJob, 1, "SUCCEEDED", 55)],
    [n.qualityJob]: kind === "partial"
      ? [run(n.qualityJob, 1, "FAILED", 70, { ErrorMessage: "DataQualityError: quality score 42 below threshold 80", NumberOfWorkers: 2 })]
      : [run(n.qualityJob, 1, "SUCCEEDED", 70, { NumberOfWorkers: 2 })],
  };
}

/** The glue-side resources of one deployment. */
export function glueSide(w: Base, n: TfNames, kind: Kind): Record<string, unknown> {
  return {
    s3Buckets: buckets(w, n, kind),
    ...kms(w, n),
    databases: [database(w, n, kind)],
    crawlers: crawlers(w, n, kind),
    jobs: jobs(w, n, kind),
    jobRuns: runs(n, kind),
  };
}
