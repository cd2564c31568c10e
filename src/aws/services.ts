// The AWS services the checks may call: how to load each client lazily and how its IAM actions are named.
/** Every service a check may address, by our short id. */
export type ServiceId =
  | "athena" | "budgets" | "cloudformation" | "cloudwatch" | "databrew" | "dynamodb" | "ec2" | "eventbridge" | "glue" | "iam"
  | "kinesis" | "kms" | "lakeformation" | "lambda" | "s3" | "secretsmanager" | "sfn" | "sns" | "sts";

/** The part of an SDK client the session uses. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}
/** A client class the factory can construct with one config object. */
export type ClientClass = new (config: Record<string, unknown>) => SdkClient;

interface ServiceInfo {
  /** Loads the SDK package only when the first call to the service is made. */
  load: () => Promise<ClientClass>;
  /** The IAM action prefix (`events` for EventBridge, `states` for Step Functions). */
  iamPrefix: string;
}

/** Per-service loader and IAM naming. */
export const SERVICES: Record<ServiceId, ServiceInfo> = {
  athena: { load: async () => (await import("@aws-sdk/client-athena")).AthenaClient as unknown as ClientClass, iamPrefix: "athena" },
  budgets: { load: async () => (await import("@aws-sdk/client-budgets")).BudgetsClient as unknown as ClientClass, iamPrefix: "budgets" },
  cloudformation: { load: async () => (await import("@aws-sdk/client-cloudformation")).CloudFormationClient as unknown as ClientClass, iamPrefix: "cloudformation" },
  cloudwatch: { load: async () => (await import("@aws-sdk/client-cloudwatch")).CloudWatchClient as unknown as ClientClass, iamPrefix: "cloudwatch" },
  databrew: { load: async () => (await import("@aws-sdk/client-databrew")).DataBrewClient as unknown as ClientClass, iamPrefix: "databrew" },
  dynamodb: { load: async () => (await import("@aws-sdk/client-dynamodb")).DynamoDBClient as unknown as ClientClass, iamPrefix: "dynamodb" },
  ec2: { load: async () => (await import("@aws-sdk/client-ec2")).EC2Client as unknown as ClientClass, iamPrefix: "ec2" },
  eventbridge: { load: async () => (await import("@aws-sdk/client-eventbridge")).EventBridgeClient as unknown as ClientClass, iamPrefix: "events" },
  glue: { load: async () => (await import("@aws-sdk/client-glue")).GlueClient as unknown as ClientClass, iamPrefix: "glue" },
  iam: { load: async () => (await import("@aws-sdk/client-iam")).IAMClient as unknown as ClientClass, iamPrefix: "iam" },
  kinesis: { load: async () => (await import("@aws-sdk/client-kinesis")).KinesisClient as unknown as ClientClass, iamPrefix: "kinesis" },
  kms: { load: async () => (await import("@aws-sdk/client-kms")).KMSClient as unknown as ClientClass, iamPrefix: "kms" },
  lakeformation: { load: async () => (await import("@aws-sdk/client-lakeformation")).LakeFormationClient as unknown as ClientClass, iamPrefix: "lakeformation" },
  lambda: { load: async () => (await import("@aws-sdk/client-lambda")).LambdaClient as unknown as ClientClass, iamPrefix: "lambda" },
  s3: { load: async () => (await import("@aws-sdk/client-s3")).S3Client as unknown as ClientClass, iamPrefix: "s3" },
  secretsmanager: { load: async () => (await import("@aws-sdk/client-secrets-manager")).SecretsManagerClient as unknown as ClientClass, iamPrefix: "secretsmanager" },
  sfn: { load: async () => (await import("@aws-sdk/client-sfn")).SFNClient as unknown as ClientClass, iamPrefix: "states" },
  sns: { load: async () => (await import("@aws-sdk/client-sns")).SNSClient as unknown as ClientClass, iamPrefix: "sns" },
  sts: { load: async () => (await import("@aws-sdk/client-sts")).STSClient as unknown as ClientClass, iamPrefix: "sts" },
};

/** S3 operations whose IAM action is not `s3:<Operation>`. */
const S3_ACTIONS: Record<string, string> = {
  HeadBucket: "s3:ListBucket",
  ListObjectsV2: "s3:ListBucket",
  ListBuckets: "s3:ListAllMyBuckets",
  HeadObject: "s3:GetObject",
  GetBucketCors: "s3:GetBucketCORS",
  GetBucketEncryption: "s3:GetEncryptionConfiguration",
  GetBucketLifecycleConfiguration: "s3:GetLifecycleConfiguration",
  GetPublicAccessBlock: "s3:GetBucketPublicAccessBlock",
  GetBucketNotificationConfiguration: "s3:GetBucketNotification",
  GetBucketLocation: "s3:GetBucketLocation",
};

/** Other operations whose IAM action differs from the operation name. */
const OTHER_ACTIONS: Record<string, string> = {
  "budgets:DescribeBudgets": "budgets:ViewBudget",
  "budgets:DescribeNotificationsForBudget": "budgets:ViewBudget",
  "budgets:DescribeSubscribersForNotification": "budgets:ViewBudget",
  "glue:BatchGetDataQualityResult": "glue:GetDataQualityResult",
};

/** The IAM action a call needs, e.g. ("eventbridge", "ListRules") → "events:ListRules". */
export function iamAction(service: ServiceId, operation: string): string {
  if (service === "s3") return S3_ACTIONS[operation] ?? `s3:${operation}`;
  const plain = `${SERVICES[service].iamPrefix}:${operation}`;
  return OTHER_ACTIONS[plain] ?? plain;
}
