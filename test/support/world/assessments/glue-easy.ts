// Worlds for glue_easy (a rubric-only assessment): a student's bucket and files, database, role, two crawlers and their
// tables, the ETL job and its runs, among other students' copies in one account.
import type { Crawler, Database, Job, JobRun, Table } from "@aws-sdk/client-glue";
import type { AttachedPolicy, Role } from "@aws-sdk/client-iam";
import { solutionWorlds } from "../index.js";
import type { World } from "../types.js";
import type { WorldBucket } from "../parts/storage.js";

type Base = Pick<World, "region" | "account">;
const T0 = new Date("2026-11-03T09:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const PARQUET = "PAR1\x15\x04\x15\x80\x01\x15\x80\x01L\x15\x0c\x15\x00\x12\x00\x00PAR1";

/** The planted mistakes of the partial world. */
type Mistakes = { partial?: boolean };

const trust = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }] }));

/** One student's glue_easy solution. Partial: orders uploaded as CSV, no bucket tags but Environment, the orders crawler scheduled with the wrong database, a job with 10 workers, Glue 3.0, default timeout, and only failed runs. */
export function solution(w: Base, s: string, m: Mistakes = {}): Record<string, unknown> {
  const bucket = `glue-data-${s}`;
  const db = `datacatalog_${s}`;
  const roleName = `GlueServiceRole-${s}`;
  const roleArn = `arn:aws:iam::${w.account}:role/${roleName}`;
  const p = m.partial === true;
  const objects = [
    { Key: "raw/customers/customers.csv", Size: 160, LastModified: T0 },
    p ? { Key: "raw/orders/orders.csv", Size: 180, LastModified: T0 } : { Key: "raw/orders/orders.json", Size: 260, LastModified: T0 },
    { Key: "processed/", Size: 0, LastModified: T0 },
    { Key: "scripts/customer_orders_etl.py", Size: 1500, LastModified: T0 },
    ...(p ? [] : [{ Key: "processed/customer_orders/_SUCCESS", Size: 0, LastModified: at(40) }, { Key: "processed/customer_orders/part-00000-a1.snappy.parquet", Size: 2048, LastModified: at(40) }]),
  ];
  const b: WorldBucket = {
    Name: bucket,
    Region: w.region,
    CreationDate: T0,
    tags: p ? [{ Key: "Environment", Value: "Development" }] : [{ Key: "Environment", Value: "Development" }, { Key: "Project", Value: "GlueBasics" }, { Key: "StudentID", Value: s }],
    objects,
  };
  const role: Role = { RoleName: roleName, Arn: roleArn, Path: "/", RoleId: `AROA${s.toUpperCase()}`, CreateDate: T0, AssumeRolePolicyDocument: trust };
  const attached: AttachedPolicy[] = [{ PolicyName: "AWSGlueServiceRole", PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole" }];
  const inline = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `arn:aws:s3:::${bucket}/*` }, { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}` }] }));
  const crawler = (kind: "customers" | "orders"): Crawler => {
    const wrong = p && kind === "orders";
    return {
      Name: `${kind}-crawler-${s}`,
      Role: kind === "customers" ? roleArn : roleName,
      DatabaseName: wrong ? "default" : db,
      Targets: { S3Targets: [{ Path: `s3://${bucket}/raw/${kind}/`, Exclusions: [] }] },
      SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DEPRECATE_IN_DATABASE" },
      ...(wrong ? { Schedule: { ScheduleExpression: "cron(0 2 * * ? *)", State: "SCHEDULED" } } : {}),
      Configuration: JSON.stringify({ Version: 1, Grouping: { TableGroupingPolicy: "CombineCompatibleSchemas" }, CrawlerOutput: { Tables: { AddOrUpdateBehavior: "MergeNewColumns" } } }),
      State: "READY",
      CreationTime: T0,
      LastCrawl: { Status: "SUCCEEDED", StartTime: at(10), LogGroup: "/aws-glue/crawlers", LogStream: `${kind}-crawler-${s}` },
    };
  };
  const table = (name: string, cls: string, cols: string[]): Table => ({ Name: name, DatabaseName: db, CreateTime: at(12), Parameters: { classification: cls }, StorageDescriptor: { Location: `s3://${bucket}/raw/${name}/`, Columns: cols.map((c) => ({ Name: c, Type: "string" })) } });
  const jobName = `customer-orders-job-${s}`;
  const job: Job = {
    Name: jobName,
    Role: roleArn,
    CreatedOn: T0,
    Command: { Name: "glueetl", ScriptLocation: `s3://${bucket}/scripts/customer_orders_etl.py`, PythonVersion: "3" },
    DefaultArguments: { "--job-language": "python", "--TempDir": `s3://${bucket}/temp/`, "--enable-metrics": "true" },
    GlueVersion: p ? "3.0" : "4.0",
    WorkerType: "G.1X",
    NumberOfWorkers: p ? 10 : 2,
    Timeout: p ? 2880 : 10,
    MaxRetries: 0,
    ExecutionProperty: { MaxConcurrentRuns: 1 },
  };
  const runs: JobRun[] = [
    ...(p ? [] : [{ Id: `jr_${s}_2`, JobName: jobName, JobRunState: "SUCCEEDED" as const, StartedOn: at(35), CompletedOn: at(40), LogGroupName: "/aws-glue/jobs" }]),
    { Id: `jr_${s}_1`, JobName: jobName, JobRunState: "FAILED", StartedOn: at(20), CompletedOn: at(22), ErrorMessage: "AnalysisException: Table or view not found: orders", LogGroupName: "/aws-glue/jobs" },
  ];
  const glueArn = (kind: string, name: string) => `arn:aws:glue:${w.region}:${w.account}:${kind}/${name}`;
  const database: Database = { Name: db, Description: "Data catalog for ETL processing", CreateTime: T0, CatalogId: w.account };
  return {
    s3Buckets: { [bucket]: b },
    s3ObjectBodies: p ? {} : { [`${bucket}/processed/customer_orders/part-00000-a1.snappy.parquet`]: PARQUET },
    databases: [database],
    glueTables: [table("customers", "csv", ["customer_id", "name", "email", "country", "signup_date"]), ...(p ? [] : [table("orders", "json", ["order_id", "customer_id", "amount", "order_date"])])],
    iamRoles: [role],
    iamAttachedPolicies: { [roleName]: attached },
    iamRolePolicies: { [roleName]: { "glue-data-access": inline } },
    crawlers: [crawler("customers"), crawler("orders")],
    jobs: [job],
    jobRuns: { [jobName]: runs },
    glueTags: {
      [glueArn("database", db)]: { Environment: "Development", StudentID: s },
      [glueArn("crawler", `customers-crawler-${s}`)]: { DataSource: "Customers", StudentID: s },
      [glueArn("crawler", `orders-crawler-${s}`)]: { DataSource: "Orders", StudentID: s },
      [glueArn("job", jobName)]: { JobType: "ETL", StudentID: s },
    },
  };
}

/** A world where the student solved the lab (complete), made the planted mistakes (partial), or built nothing (empty). */
export const { completeWorld, partialWorld, emptyWorld } = solutionWorlds(solution);
