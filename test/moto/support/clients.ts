// The SDK clients a test's setup writes with, as a student's CLI would (the graded tool itself only reads).
import "../../support/fake-aws/sdk-shim.js";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { AthenaClient } from "@aws-sdk/client-athena";
import { BudgetsClient } from "@aws-sdk/client-budgets";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DataBrewClient } from "@aws-sdk/client-databrew";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { GlueClient } from "@aws-sdk/client-glue";
import { IAMClient } from "@aws-sdk/client-iam";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { KMSClient } from "@aws-sdk/client-kms";
import { LakeFormationClient } from "@aws-sdk/client-lakeformation";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";

/** moto's default account. */
export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

/** One writer client per service, pointed at `url`. */
export function writers(url: string) {
  const config = {
    region: REGION,
    endpoint: url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 2,
    // moto speaks HTTP/1.1 only (Kinesis' SDK default is HTTP/2).
    requestHandler: new NodeHttpHandler(),
  };
  return {
    athena: new AthenaClient(config),
    budgets: new BudgetsClient(config),
    cloudformation: new CloudFormationClient(config),
    cloudwatch: new CloudWatchClient(config),
    databrew: new DataBrewClient(config),
    dynamodb: new DynamoDBClient(config),
    ec2: new EC2Client(config),
    events: new EventBridgeClient(config),
    glue: new GlueClient(config),
    iam: new IAMClient(config),
    kinesis: new KinesisClient(config),
    kms: new KMSClient(config),
    lakeformation: new LakeFormationClient(config),
    lambda: new LambdaClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    secrets: new SecretsManagerClient(config),
    sfn: new SFNClient(config),
    sns: new SNSClient(config),
  };
}
/** The writer clients of one moto server. */
export type Writers = ReturnType<typeof writers>;

/** Closes every writer client's sockets. */
export function closeWriters(w: Writers): void {
  for (const c of Object.values(w)) c.destroy();
}
