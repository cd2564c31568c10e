// The STEDI human-balance lakehouse (seeds/003), built as a student would: S3 gateway endpoint, Glue role, Athena
// result location, landing tables (Athena DDL over the JSON files), five Glue Studio jobs that write the trusted and
// curated tables with catalog updates, and one run of each.
import { CreateRouteTableCommand, CreateVpcCommand, CreateVpcEndpointCommand } from "@aws-sdk/client-ec2";
import { CreateDatabaseCommand, CreateJobCommand, CreateTableCommand, StartJobRunCommand, type Column } from "@aws-sdk/client-glue";
import { StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import type { Writers } from "../support/clients.js";
import { REGION } from "../support/clients.js";
import { createBucket, createServiceRole, putObject } from "./common.js";
import { STUDIO_SCRIPT_PREAMBLE } from "../../support/world/assessments/lakehouse.js";

/** One planted mistake of the STEDI lakehouse. */
export type StediMistake = "accelerometerTrustedKeepsCustomerColumns" | "customerLandingAllStrings" | "curatedJobWithoutCatalogUpdate";

const col = (Name: string, Type: string): Column => ({ Name, Type });
const CUSTOMER = [col("customername", "string"), col("email", "string"), col("phone", "string"), col("birthday", "string"), col("serialnumber", "string"), col("registrationdate", "bigint"), col("lastupdatedate", "bigint"), col("sharewithresearchasofdate", "bigint"), col("sharewithpublicasofdate", "bigint"), col("sharewithfriendsasofdate", "bigint")];
const ACCELEROMETER = [col("user", "string"), col("timestamp", "bigint"), col("x", "double"), col("y", "double"), col("z", "double")];
const STEP_TRAINER = [col("sensorreadingtime", "bigint"), col("serialnumber", "string"), col("distancefromobject", "int")];

/** The account's S3 gateway endpoint (one per VPC and route table; every student of the account uses it). */
export async function buildS3GatewayEndpoint(w: Writers): Promise<void> {
  const vpc = await w.ec2.send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16" }));
  const rt = await w.ec2.send(new CreateRouteTableCommand({ VpcId: vpc.Vpc!.VpcId! }));
  await w.ec2.send(new CreateVpcEndpointCommand({ VpcId: vpc.Vpc!.VpcId!, ServiceName: `com.amazonaws.${REGION}.s3`, VpcEndpointType: "Gateway", RouteTableIds: [rt.RouteTable!.RouteTableId!] }));
}

/** A table as Athena's CREATE EXTERNAL TABLE … ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' writes it. */
function jsonTable(name: string, location: string, columns: Column[]) {
  return {
    Name: name,
    TableType: "EXTERNAL_TABLE",
    Parameters: { EXTERNAL: "TRUE", classification: "json" },
    StorageDescriptor: {
      Columns: columns,
      Location: location,
      InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe", Parameters: { "serialization.format": "1" } },
    },
  };
}

/** A Glue Studio script that writes `table` to S3 as JSON and creates/updates it in the Data Catalog. */
function studioScript(db: string, table: string, path: string, catalogUpdate: boolean): string {
  const sink = catalogUpdate
    ? `sink = glueContext.getSink(path="${path}", connection_type="s3", updateBehavior="UPDATE_IN_DATABASE", partitionKeys=[], enableUpdateCatalog=True, transformation_ctx="sink")
sink.setCatalogInfo(catalogDatabase="${db}", catalogTableName="${table}")
sink.setFormat("json")
sink.writeFrame(result)`
    : `glueContext.write_dynamic_frame.from_options(frame=result, connection_type="s3", format="json", connection_options={"path": "${path}", "partitionKeys": []}, transformation_ctx="sink")`;
  return `${STUDIO_SCRIPT_PREAMBLE}
source = glueContext.create_dynamic_frame.from_catalog(database="${db}", table_name="source", transformation_ctx="source")
result = source
${sink}
job.commit()
`;
}

/** Builds student `id`'s lakehouse in database stedi_<id>, bucket stedi-lake-house-<id>. */
export async function buildStedi(w: Writers, id: string, opts: { roleName?: string; mistake?: StediMistake } = {}): Promise<void> {
  const db = `stedi_${id}`;
  const bucket = `stedi-lake-house-${id.replace(/_/g, "-")}`;
  const s3 = (p: string) => `s3://${bucket}/${p}`;
  await createBucket(w, bucket);
  const role = await createServiceRole(w, opts.roleName ?? `my-glue-service-role-${id}`, "glue.amazonaws.com", ["glue:*", "s3:*", "logs:*"]);
  await w.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: db, Description: "STEDI human balance lakehouse" } }));

  const customerLanding = opts.mistake === "customerLandingAllStrings" ? CUSTOMER.map((c) => col(c.Name!, "string")) : CUSTOMER;
  await w.glue.send(new CreateTableCommand({ DatabaseName: db, TableInput: jsonTable("customer_landing", s3("customer/landing/"), customerLanding) }));
  await w.glue.send(new CreateTableCommand({ DatabaseName: db, TableInput: jsonTable("accelerometer_landing", s3("accelerometer/landing/"), ACCELEROMETER) }));
  await w.glue.send(new CreateTableCommand({ DatabaseName: db, TableInput: jsonTable("step_trainer_landing", s3("step_trainer/landing/"), STEP_TRAINER) }));

  const accelerometerTrusted = opts.mistake === "accelerometerTrustedKeepsCustomerColumns" ? [...ACCELEROMETER, ...CUSTOMER] : ACCELEROMETER;
  const written: [string, string, string, Column[]][] = [
    ["customer_landing_to_trusted", "customer_trusted", "customer/trusted/", CUSTOMER],
    ["accelerometer_landing_to_trusted", "accelerometer_trusted", "accelerometer/trusted/", accelerometerTrusted],
    ["step_trainer_landing_to_trusted", "step_trainer_trusted", "step_trainer/trusted/", STEP_TRAINER],
    ["customer_trusted_to_curated", "customer_curated", "customer/curated/", CUSTOMER],
    ["machine_learning_curated", "machine_learning_curated", "machine_learning/curated/", [...STEP_TRAINER, ...ACCELEROMETER]],
  ];
  for (const [job, table, prefix, columns] of written) {
    const catalogUpdate = !(opts.mistake === "curatedJobWithoutCatalogUpdate" && table === "customer_curated");
    const script = `scripts/${job}.py`;
    await putObject(w, bucket, script, studioScript(db, table, s3(prefix), catalogUpdate));
    const name = `${job}_${id}`;
    await w.glue.send(new CreateJobCommand({
      Name: name,
      Role: role,
      Command: { Name: "glueetl", ScriptLocation: s3(script), PythonVersion: "3" },
      GlueVersion: "4.0",
      WorkerType: "G.1X",
      NumberOfWorkers: 2,
      DefaultArguments: { "--job-language": "python", "--enable-glue-datacatalog": "true", "--TempDir": s3("temp/") },
    }));
    await w.glue.send(new StartJobRunCommand({ JobName: name }));
    // What the job's catalog update leaves: the table at the job's S3 path.
    await w.glue.send(new CreateTableCommand({ DatabaseName: db, TableInput: { ...jsonTable(table, s3(prefix), columns), Parameters: { classification: "json", UPDATED_BY_CRAWLER: "" } } }));
  }
  // The lab's screenshots: queries in the Athena console (primary workgroup, a result location in the student's bucket).
  // (moto has no UpdateWorkGroup, the console's "Settings → Manage" that sets the workgroup's result location.)
  for (const table of ["customer_landing", "accelerometer_landing", "customer_trusted"]) {
    await w.athena.send(new StartQueryExecutionCommand({ QueryString: `SELECT COUNT(*) FROM ${table}`, QueryExecutionContext: { Database: db }, WorkGroup: "primary", ResultConfiguration: { OutputLocation: s3("athena/") } }));
  }
}
