// The AWS services the checks may call: how to load each client lazily and how its IAM actions are named.
/** Every service a check may address, by our short id. */
export type ServiceId =
  | "athena" | "budgets" | "cloudformation" | "cloudtrail" | "cloudwatch" | "databrew" | "dynamodb" | "ec2" | "eventbridge" | "glue" | "iam"
  | "kinesis" | "kms" | "lakeformation" | "lambda" | "s3" | "secretsmanager" | "sfn" | "sns" | "sts";

/** The part of an SDK client the session uses. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}
/** A client class the factory can construct with one config object. */
export type ClientClass = new (config: Record<string, unknown>) => SdkClient;
/** A command class of an SDK package, constructed from the operation's input. */
export type CommandClass = new (input: object) => object;

/** What the session takes from a service's SDK package: its client and its command classes by name. */
export interface ServicePackage {
  Client: ClientClass;
  /** `GetJobCommand` → the SDK's class, undefined for a name the package does not export. */
  command(name: string): CommandClass | undefined;
}

interface ServiceInfo {
  /**
   * Loads the SDK package only when the first call to the service is made. Each is a literal-string import() so
   * the bundle (scripts/build.mjs) gives every service its own chunk.
   */
  load: () => Promise<ServicePackage>;
  /** The IAM action prefix (`events` for EventBridge, `states` for Step Functions). */
  iamPrefix: string;
}

/** The client named `client` and the command classes of a loaded SDK package. */
function servicePackage(mod: object, client: string): ServicePackage {
  const exports = mod as Record<string, unknown>;
  return {
    Client: exports[client] as ClientClass,
    command: (name) => (name.endsWith("Command") && typeof exports[name] === "function" ? (exports[name] as CommandClass) : undefined),
  };
}

/** Per-service loader and IAM naming. */
export const SERVICES: Record<ServiceId, ServiceInfo> = {
  athena: { load: async () => servicePackage(await import("@aws-sdk/client-athena"), "AthenaClient"), iamPrefix: "athena" },
  budgets: { load: async () => servicePackage(await import("@aws-sdk/client-budgets"), "BudgetsClient"), iamPrefix: "budgets" },
  cloudformation: { load: async () => servicePackage(await import("@aws-sdk/client-cloudformation"), "CloudFormationClient"), iamPrefix: "cloudformation" },
  cloudtrail: { load: async () => servicePackage(await import("@aws-sdk/client-cloudtrail"), "CloudTrailClient"), iamPrefix: "cloudtrail" },
  cloudwatch: { load: async () => servicePackage(await import("@aws-sdk/client-cloudwatch"), "CloudWatchClient"), iamPrefix: "cloudwatch" },
  databrew: { load: async () => servicePackage(await import("@aws-sdk/client-databrew"), "DataBrewClient"), iamPrefix: "databrew" },
  dynamodb: { load: async () => servicePackage(await import("@aws-sdk/client-dynamodb"), "DynamoDBClient"), iamPrefix: "dynamodb" },
  ec2: { load: async () => servicePackage(await import("@aws-sdk/client-ec2"), "EC2Client"), iamPrefix: "ec2" },
  eventbridge: { load: async () => servicePackage(await import("@aws-sdk/client-eventbridge"), "EventBridgeClient"), iamPrefix: "events" },
  glue: { load: async () => servicePackage(await import("@aws-sdk/client-glue"), "GlueClient"), iamPrefix: "glue" },
  iam: { load: async () => servicePackage(await import("@aws-sdk/client-iam"), "IAMClient"), iamPrefix: "iam" },
  kinesis: { load: async () => servicePackage(await import("@aws-sdk/client-kinesis"), "KinesisClient"), iamPrefix: "kinesis" },
  kms: { load: async () => servicePackage(await import("@aws-sdk/client-kms"), "KMSClient"), iamPrefix: "kms" },
  lakeformation: { load: async () => servicePackage(await import("@aws-sdk/client-lakeformation"), "LakeFormationClient"), iamPrefix: "lakeformation" },
  lambda: { load: async () => servicePackage(await import("@aws-sdk/client-lambda"), "LambdaClient"), iamPrefix: "lambda" },
  s3: { load: async () => servicePackage(await import("@aws-sdk/client-s3"), "S3Client"), iamPrefix: "s3" },
  secretsmanager: { load: async () => servicePackage(await import("@aws-sdk/client-secrets-manager"), "SecretsManagerClient"), iamPrefix: "secretsmanager" },
  sfn: { load: async () => servicePackage(await import("@aws-sdk/client-sfn"), "SFNClient"), iamPrefix: "states" },
  sns: { load: async () => servicePackage(await import("@aws-sdk/client-sns"), "SNSClient"), iamPrefix: "sns" },
  sts: { load: async () => servicePackage(await import("@aws-sdk/client-sts"), "STSClient"), iamPrefix: "sts" },
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

/** The services whose IAM actions are listed (e.g. "events:ListRules" → eventbridge); unknown prefixes are skipped. */
export function servicesOfActions(actions: Iterable<string>): ServiceId[] {
  const byPrefix = new Map(Object.entries(SERVICES).map(([id, s]) => [s.iamPrefix, id as ServiceId]));
  const out = new Set<ServiceId>();
  for (const a of actions) {
    const id = byPrefix.get(a.split(":")[0] ?? "");
    if (id) out.add(id);
  }
  return [...out];
}
