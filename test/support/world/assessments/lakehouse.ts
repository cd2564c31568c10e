// Worlds for stedi_lakehouse: a student's STEDI lakehouse (database, eight tables with their row counts, five jobs with
// their scripts in S3 and runs, S3 gateway endpoint, Glue role, Athena workgroup and history) among other students'
// copies in one account. `partialWorld` plants the mistakes listed at PLANTED.
import type { CodeGenConfigurationNode, Column, Database, Job, JobRun, Table } from "@aws-sdk/client-glue";
import type { Role } from "@aws-sdk/client-iam";
import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { QueryExecution, WorkGroup } from "@aws-sdk/client-athena";
import { compose, type WorldOptions } from "../index.js";
import type { World } from "../types.js";
import type { WorldBucket } from "../parts/storage.js";
import type { TableRows } from "../parts/lakehouse.js";

type Base = Pick<World, "region" | "account">;

const T0 = new Date("2026-11-10T09:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

/** The lab's expected row counts (the rubric's numbers). */
export const EXPECTED_ROWS = {
  customer_landing: 956,
  accelerometer_landing: 81273,
  step_trainer_landing: 28680,
  customer_trusted: 482,
  accelerometer_trusted: 40981,
  step_trainer_trusted: 14460,
  customer_curated: 482,
  machine_learning_curated: 43681,
} as const;

const col = (Name: string, Type: string): Column => ({ Name, Type });
export const CUSTOMER_COLUMNS: Column[] = [
  col("customername", "string"), col("email", "string"), col("phone", "string"), col("birthday", "string"), col("serialnumber", "string"),
  col("registrationdate", "bigint"), col("lastupdatedate", "bigint"), col("sharewithresearchasofdate", "bigint"), col("sharewithpublicasofdate", "bigint"), col("sharewithfriendsasofdate", "bigint"),
];
export const ACCELEROMETER_COLUMNS: Column[] = [col("user", "string"), col("timestamp", "bigint"), col("x", "double"), col("y", "double"), col("z", "double")];
export const STEP_TRAINER_COLUMNS: Column[] = [col("sensorreadingtime", "bigint"), col("serialnumber", "string"), col("distancefromobject", "int")];
const ML_COLUMNS: Column[] = [...STEP_TRAINER_COLUMNS, ...ACCELEROMETER_COLUMNS];

/** A Glue table as GetTables returns it: JSON data at an S3 folder. */
export function glueTable(database: string, name: string, location: string, columns: Column[]): Table {
  return {
    Name: name,
    DatabaseName: database,
    CatalogId: "123456789012",
    CreateTime: at(10),
    UpdateTime: at(20),
    TableType: "EXTERNAL_TABLE",
    Parameters: { classification: "json" },
    StorageDescriptor: {
      Columns: columns,
      Location: location,
      InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" },
      Compressed: false,
    },
    PartitionKeys: [],
  };
}

/** The names one student's lakehouse uses: the student under test names jobs like the lab's scripts plus the ID. */
export function lakehouseNames(s: string) {
  return {
    db: `stedi_${s}`,
    bucket: `stedi-lakehouse-${s}`,
    role: `stedi-glue-role-${s}`,
    jobs: {
      customer_trusted: `customer_landing_to_trusted_${s}`,
      accelerometer_trusted: `accelerometer_landing_to_trusted_${s}`,
      step_trainer_trusted: `step_trainer_landing_to_trusted_${s}`,
      customer_curated: `customer_trusted_to_curated_${s}`,
      machine_learning_curated: `trainer_trusted_to_curated_${s}`,
    },
  };
}
type JobId = keyof ReturnType<typeof lakehouseNames>["jobs"];

/** Source table of each job, and its S3 target folder. */
const JOB_SHAPE: Record<JobId, { source: string; folder: string }> = {
  customer_trusted: { source: "customer_landing", folder: "customer/trusted" },
  accelerometer_trusted: { source: "accelerometer_landing", folder: "accelerometer/trusted" },
  step_trainer_trusted: { source: "step_trainer_landing", folder: "step_trainer/trusted" },
  customer_curated: { source: "customer_trusted", folder: "customer/curated" },
  machine_learning_curated: { source: "step_trainer_trusted", folder: "machine_learning/curated" },
};

/** The opening every Glue Studio script has: imports, the Glue context and the job bookmark's init. */
export const STUDIO_SCRIPT_PREAMBLE = `import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
`;

/** A script as Glue Studio writes it: the S3 target creates the table and updates its schema. */
export function studioScript(db: string, bucket: string, source: string, target: string, folder: string): string {
  return `${STUDIO_SCRIPT_PREAMBLE}
# Script generated for node Source
Source_node1 = glueContext.create_dynamic_frame.from_catalog(database="${db}", table_name="${source}", transformation_ctx="Source_node1")

# Script generated for node Target
Target_node3 = glueContext.getSink(path="s3://${bucket}/${folder}/", connection_type="s3", updateBehavior="UPDATE_IN_DATABASE", partitionKeys=[], enableUpdateCatalog=True, transformation_ctx="Target_node3")
Target_node3.setCatalogInfo(catalogDatabase="${db}", catalogTableName="${target}")
Target_node3.setFormat("json")
Target_node3.writeFrame(Source_node1)
job.commit()
`;
}

/** A script that writes plain files (no catalog update), like the lab repository's customer_landing_to_trusted.py. */
export function fromOptionsScript(db: string, bucket: string, source: string, folder: string): string {
  return `import sys
from awsglue.context import GlueContext
from pyspark.context import SparkContext
from awsglue.job import Job
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
src = glueContext.create_dynamic_frame.from_catalog(database="${db}", table_name="${source}")
glueContext.write_dynamic_frame.from_options(
    frame=src,
    connection_type="s3",
    format="json",
    connection_options={"path": "s3://${bucket}/${folder}/", "partitionKeys": []},
    transformation_ctx="out",
)
job.commit()
`;
}

/** A trust policy document as IAM returns it: URL-encoded JSON. */
const trust = (service: string) => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] }));

/** Knobs for building one student's lakehouse (the partial world turns some of them). */
interface Variant {
  jobNames?: Partial<Record<JobId, string>>;
  tableNames?: Partial<Record<string, string>>;
  columns?: Partial<Record<string, Column[]>>;
  locations?: Partial<Record<string, string>>;
  rows?: Partial<Record<string, TableRows>>;
  scripts?: Partial<Record<JobId, string>>;
  runs?: Partial<Record<JobId, JobRun[]>>;
  /** Make this job a visual job (graph with an S3 target that updates the catalog). */
  visual?: JobId[];
}

const run = (id: string, state: JobRun["JobRunState"], min: number, error?: string): JobRun => ({
  Id: `jr_${id}`,
  JobRunState: state,
  StartedOn: at(min),
  CompletedOn: at(min + 3),
  ExecutionTime: 120,
  GlueVersion: "4.0",
  Attempt: 0,
  ...(error ? { ErrorMessage: error } : {}),
});

function visualGraph(db: string, bucket: string, source: string, target: string, folder: string): Record<string, CodeGenConfigurationNode> {
  return {
    node1: { CatalogSource: { Name: "Source", Database: db, Table: source } },
    node3: {
      S3GlueParquetTarget: {
        Name: "Target",
        Inputs: ["node1"],
        Path: `s3://${bucket}/${folder}/`,
        Compression: "snappy",
        SchemaChangePolicy: { EnableUpdateCatalog: true, UpdateBehavior: "UPDATE_IN_DATABASE", Database: db, Table: target },
      },
    },
  };
}

/** One student's lakehouse. */
function lakehouse(w: Base, s: string, v: Variant = {}): Record<string, unknown> {
  const n = lakehouseNames(s);
  const tableName = (t: string) => v.tableNames?.[t] ?? t;
  const folder = (t: string) => `s3://${n.bucket}/${t.replace(/_(landing|trusted|curated)$/, "/$1")}/`;
  const defaults: Record<string, Column[]> = {
    customer_landing: CUSTOMER_COLUMNS,
    accelerometer_landing: ACCELEROMETER_COLUMNS,
    step_trainer_landing: STEP_TRAINER_COLUMNS,
    customer_trusted: CUSTOMER_COLUMNS,
    accelerometer_trusted: ACCELEROMETER_COLUMNS,
    step_trainer_trusted: STEP_TRAINER_COLUMNS,
    customer_curated: CUSTOMER_COLUMNS,
    machine_learning_curated: ML_COLUMNS,
  };
  const tables = Object.keys(defaults).map((t) => glueTable(n.db, tableName(t), v.locations?.[t] ?? folder(t), v.columns?.[t] ?? defaults[t]!));
  const tableRows: Record<string, TableRows> = {};
  for (const [t, rows] of Object.entries(EXPECTED_ROWS)) {
    tableRows[`${n.db}.${tableName(t)}`] = v.rows?.[t] ?? { rows, withoutConsent: t === "customer_landing" ? 474 : 0 };
  }
  const jobs: Job[] = [];
  const jobRuns: Record<string, JobRun[]> = {};
  const objects: WorldBucket["objects"] = [];
  const bodies: Record<string, string> = {};
  (Object.keys(JOB_SHAPE) as JobId[]).forEach((id, k) => {
    const name = v.jobNames?.[id] ?? n.jobs[id];
    const key = `scripts/${name}.py`;
    const shape = JOB_SHAPE[id];
    const target = tableName(id);
    const script = v.scripts?.[id] ?? studioScript(n.db, n.bucket, shape.source, target, shape.folder);
    objects.push({ Key: key, Size: Buffer.byteLength(script, "latin1"), LastModified: at(k) });
    bodies[`${n.bucket}/${key}`] = script;
    const visual = v.visual?.includes(id);
    jobs.push({
      Name: name,
      JobMode: visual ? "VISUAL" : "SCRIPT",
      Role: `arn:aws:iam::${w.account}:role/${n.role}`,
      CreatedOn: at(k),
      LastModifiedOn: at(k),
      Command: { Name: "glueetl", ScriptLocation: `s3://${n.bucket}/${key}`, PythonVersion: "3" },
      DefaultArguments: { "--job-language": "python", "--enable-metrics": "true", "--TempDir": `s3://${n.bucket}/temporary/` },
      GlueVersion: "4.0",
      WorkerType: "G.1X",
      NumberOfWorkers: 2,
      MaxRetries: 0,
      Timeout: 60,
      ExecutionProperty: { MaxConcurrentRuns: 1 },
      ...(visual ? { CodeGenConfigurationNodes: visualGraph(n.db, n.bucket, shape.source, target, shape.folder) } : {}),
    });
    // A failed first attempt, then a success (newest last: the check sorts by StartedOn).
    jobRuns[name] = v.runs?.[id] ?? [run(`${name}_1`, "FAILED", 100 + k * 10, "AnalysisException: path does not exist"), run(`${name}_2`, "SUCCEEDED", 105 + k * 10)];
  });
  const database: Database = { Name: n.db, CreateTime: at(5), CatalogId: w.account, LocationUri: `s3://${n.bucket}/` };
  return {
    databases: [database],
    glueTables: tables,
    tableRows,
    jobs,
    jobRuns,
    s3Buckets: { [n.bucket]: { Name: n.bucket, Region: w.region, CreationDate: at(0), objects } satisfies WorldBucket },
    s3ObjectBodies: bodies,
    iamRoles: [
      {
        Path: "/",
        RoleName: n.role,
        RoleId: `AROA${s.toUpperCase().padEnd(17, "X")}`,
        Arn: `arn:aws:iam::${w.account}:role/${n.role}`,
        CreateDate: at(1),
        AssumeRolePolicyDocument: trust("glue.amazonaws.com"),
        MaxSessionDuration: 3600,
      } satisfies Role,
    ],
  };
}

/** Account-wide pieces of the student's account: the VPC's S3 gateway endpoint, the Athena workgroup and its history. */
function account(w: Base, s: string, endpoint: Partial<VpcEndpoint> = {}): Record<string, unknown> {
  const history: QueryExecution = {
    QueryExecutionId: `hist-${s}-1`,
    Query: "SELECT * FROM customer_landing LIMIT 10",
    StatementType: "DML",
    WorkGroup: "primary",
    QueryExecutionContext: { Database: `stedi_${s}`, Catalog: "AwsDataCatalog" },
    ResultConfiguration: { OutputLocation: `s3://stedi-lakehouse-${s}/athena/hist-${s}-1.csv` },
    Status: { State: "SUCCEEDED", SubmissionDateTime: at(30), CompletionDateTime: at(31) },
  };
  const primary: WorkGroup = { Name: "primary", State: "ENABLED", Configuration: { ResultConfiguration: { OutputLocation: `s3://stedi-lakehouse-${s}/athena/` }, EnforceWorkGroupConfiguration: false, PublishCloudWatchMetricsEnabled: false }, CreationTime: at(0) };
  return {
    vpcEndpoints: [
      {
        VpcEndpointId: "vpce-0a1b2c3d4e5f60001",
        VpcEndpointType: "Gateway",
        VpcId: "vpc-0abc1234",
        ServiceName: `com.amazonaws.${w.region}.s3`,
        State: "available" as VpcEndpoint["State"],
        PolicyDocument: JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }),
        RouteTableIds: ["rtb-0abc1234"],
        SubnetIds: [],
        Groups: [],
        PrivateDnsEnabled: false,
        RequesterManaged: false,
        NetworkInterfaceIds: [],
        DnsEntries: [],
        CreationTimestamp: at(2),
        Tags: [],
        OwnerId: w.account,
        ...endpoint,
      },
      // An unrelated DynamoDB gateway endpoint: not for S3.
      { VpcEndpointId: "vpce-0ddb0000000000001", VpcEndpointType: "Gateway", VpcId: "vpc-0abc1234", ServiceName: `com.amazonaws.${w.region}.dynamodb`, State: "available" as VpcEndpoint["State"], RouteTableIds: ["rtb-0abc1234"], OwnerId: w.account },
    ],
    athenaWorkGroups: [primary],
    athenaQueries: [history],
  };
}

const noise = (o: WorldOptions, student: string) => Array.from({ length: o.others ?? 3 }, (_, i) => `s${String(i + 1).padStart(3, "0")}`).filter((x) => x !== student);
const baseOf = (o: WorldOptions) => ({ account: o.account ?? "123456789012", region: o.region ?? "us-east-1", pageSize: o.pageSize ?? 3 });

/** A STEDI lakehouse built correctly by `student`, among other students' copies. One job is named without the ID (found by its target), one is visual. */
export function completeWorld(student: string, o: WorldOptions = {}): World {
  const base = baseOf(o);
  const mine = lakehouse(base, student, { jobNames: { accelerometer_trusted: "accelerometer_landing_to_trusted" }, visual: ["machine_learning_curated"] });
  return compose(base, [...noise(o, student).map((s) => lakehouse(base, s)), mine, account(base, student)]);
}

/**
 * The planted mistakes of `partialWorld`, as criterion ids. customers_curated (the lab text's name) and the lab's
 * my-glue-service-role are correct readings and pass.
 */
export const PLANTED = {
  "setup.s3_gateway_endpoint": "only an Interface endpoint for S3",
  "landing.customer_landing_typed": "customer_landing declares every column as string",
  "trusted.step_trainer_trusted_location": "step_trainer_trusted points at the landing folder",
  "trusted.accelerometer_trusted_only": "accelerometer_trusted kept the customer columns of the join",
  "trusted.customer_trusted_count": "customer_trusted has 500 rows (18 without consent)",
  "trusted.customer_trusted_consent": "18 customer_trusted rows without research consent",
  "jobs.machine_learning_curated_succeeded": "the machine learning job only has FAILED runs",
  "jobs.customer_curated_updates_catalog": "the customer_curated job writes with from_options, no catalog update",
} as const;

/** The same lakehouse with the PLANTED mistakes. */
export function partialWorld(student: string, o: WorldOptions = {}): World {
  const base = baseOf(o);
  const n = lakehouseNames(student);
  const mine = lakehouse(base, student, {
    tableNames: { customer_curated: "customers_curated" },
    columns: {
      customer_landing: CUSTOMER_COLUMNS.map((c) => ({ ...c, Type: "string" })),
      accelerometer_trusted: [...ACCELEROMETER_COLUMNS, ...CUSTOMER_COLUMNS],
    },
    locations: { step_trainer_trusted: `s3://${n.bucket}/step_trainer/landing/` },
    rows: { customer_trusted: { rows: 500, withoutConsent: 18 } },
    scripts: { customer_curated: fromOptionsScript(n.db, n.bucket, "customer_trusted", "customer/curated") },
    runs: { machine_learning_curated: [run("ml_1", "FAILED", 200, "Py4JJavaError: An error occurred while calling o112.pyWriteDynamicFrame"), run("ml_2", "FAILED", 230, "Py4JJavaError: out of memory")] },
  });
  // The lab's role name instead of one named for the student (accepted).
  const roles = (mine.iamRoles as Role[]).map((r) => ({ ...r, RoleName: "my-glue-service-role", Arn: `arn:aws:iam::${base.account}:role/my-glue-service-role` }));
  return compose(base, [
    ...noise(o, student).map((s) => lakehouse(base, s)),
    { ...mine, iamRoles: roles },
    account(base, student, { VpcEndpointType: "Interface", RouteTableIds: [], SubnetIds: ["subnet-0abc1234"], PrivateDnsEnabled: false }),
  ]);
}
