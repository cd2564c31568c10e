// Student actions shared by the builders: roles with a trust policy, buckets with tags and objects.
import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, PutBucketTaggingCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { Writers } from "../support/clients.js";

/**
 * `aws iam create-role --assume-role-policy-document …` trusted by `service`, with an inline policy allowing
 * `actions` (moto has no AWS managed policies unless told to load them); returns the ARN.
 */
export async function createServiceRole(w: Writers, name: string, service: string, actions: string[] = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]): Promise<string> {
  const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] };
  const out = await w.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] };
  await w.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: `${name}-access`, PolicyDocument: JSON.stringify(policy) }));
  return out.Role!.Arn!;
}

/** `aws s3 mb` + `aws s3api put-bucket-tagging` (us-east-1: no location constraint). */
export async function createBucket(w: Writers, name: string, tags: Record<string, string> = {}): Promise<void> {
  await w.s3.send(new CreateBucketCommand({ Bucket: name }));
  const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  if (TagSet.length) await w.s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet } }));
}

/** `aws s3 cp` of one object (a console "Create folder" is an empty object whose key ends in "/"). */
export async function putObject(w: Writers, bucket: string, key: string, body: string | Uint8Array = ""): Promise<void> {
  await w.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(body) }));
}

/** A small but well-formed Parquet file's bytes: header magic, a (fake) footer length, trailing magic. */
export function parquetBytes(): Uint8Array {
  const body = Buffer.alloc(64, 0x15);
  return Buffer.concat([Buffer.from("PAR1"), body, Buffer.from([64, 0, 0, 0]), Buffer.from("PAR1")]);
}

/** The columns a crawler infers from the lab's sales data (Parquet). */
export const SALES_COLUMNS = [
  { Name: "order_id", Type: "string" },
  { Name: "customer_id", Type: "string" },
  { Name: "product", Type: "string" },
  { Name: "quantity", Type: "bigint" },
  { Name: "price", Type: "double" },
  { Name: "order_date", Type: "string" },
];

/** The table a crawler writes for Parquet files under `location` (moto's crawlers do not crawl, so setup writes it). */
export function crawledParquetTable(name: string, location: string, columns = SALES_COLUMNS) {
  return {
    Name: name,
    TableType: "EXTERNAL_TABLE",
    Parameters: { classification: "parquet", compressionType: "none", typeOfData: "file", CrawlerSchemaSerializerVersion: "1.0", CrawlerSchemaDeserializerVersion: "1.0" },
    StorageDescriptor: {
      Columns: columns,
      Location: location,
      InputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", Parameters: { "serialization.format": "1" } },
      Parameters: { classification: "parquet" },
    },
  };
}
