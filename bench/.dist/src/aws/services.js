/** Per-service loader and IAM naming. */
export const SERVICES = {
    athena: { load: async () => (await import("@aws-sdk/client-athena")).AthenaClient, iamPrefix: "athena" },
    budgets: { load: async () => (await import("@aws-sdk/client-budgets")).BudgetsClient, iamPrefix: "budgets" },
    cloudwatch: { load: async () => (await import("@aws-sdk/client-cloudwatch")).CloudWatchClient, iamPrefix: "cloudwatch" },
    databrew: { load: async () => (await import("@aws-sdk/client-databrew")).DataBrewClient, iamPrefix: "databrew" },
    dynamodb: { load: async () => (await import("@aws-sdk/client-dynamodb")).DynamoDBClient, iamPrefix: "dynamodb" },
    ec2: { load: async () => (await import("@aws-sdk/client-ec2")).EC2Client, iamPrefix: "ec2" },
    eventbridge: { load: async () => (await import("@aws-sdk/client-eventbridge")).EventBridgeClient, iamPrefix: "events" },
    glue: { load: async () => (await import("@aws-sdk/client-glue")).GlueClient, iamPrefix: "glue" },
    iam: { load: async () => (await import("@aws-sdk/client-iam")).IAMClient, iamPrefix: "iam" },
    kinesis: { load: async () => (await import("@aws-sdk/client-kinesis")).KinesisClient, iamPrefix: "kinesis" },
    kms: { load: async () => (await import("@aws-sdk/client-kms")).KMSClient, iamPrefix: "kms" },
    lakeformation: { load: async () => (await import("@aws-sdk/client-lakeformation")).LakeFormationClient, iamPrefix: "lakeformation" },
    lambda: { load: async () => (await import("@aws-sdk/client-lambda")).LambdaClient, iamPrefix: "lambda" },
    s3: { load: async () => (await import("@aws-sdk/client-s3")).S3Client, iamPrefix: "s3" },
    secretsmanager: { load: async () => (await import("@aws-sdk/client-secrets-manager")).SecretsManagerClient, iamPrefix: "secretsmanager" },
    sfn: { load: async () => (await import("@aws-sdk/client-sfn")).SFNClient, iamPrefix: "states" },
    sns: { load: async () => (await import("@aws-sdk/client-sns")).SNSClient, iamPrefix: "sns" },
    sts: { load: async () => (await import("@aws-sdk/client-sts")).STSClient, iamPrefix: "sts" },
};
/** S3 operations whose IAM action is not `s3:<Operation>`. */
const S3_ACTIONS = {
    HeadBucket: "s3:ListBucket",
    ListObjectsV2: "s3:ListBucket",
    ListBuckets: "s3:ListAllMyBuckets",
    HeadObject: "s3:GetObject",
    GetBucketCors: "s3:GetBucketCORS",
    GetBucketEncryption: "s3:GetEncryptionConfiguration",
    GetBucketLifecycleConfiguration: "s3:GetLifecycleConfiguration",
    GetPublicAccessBlock: "s3:GetBucketPublicAccessBlock",
};
/** Other operations whose IAM action differs from the operation name. */
const OTHER_ACTIONS = {
    "budgets:DescribeBudgets": "budgets:ViewBudget",
    "budgets:DescribeNotificationsForBudget": "budgets:ViewBudget",
    "budgets:DescribeSubscribersForNotification": "budgets:ViewBudget",
};
/** The IAM action a call needs, e.g. ("eventbridge", "ListRules") → "events:ListRules". */
export function iamAction(service, operation) {
    if (service === "s3")
        return S3_ACTIONS[operation] ?? `s3:${operation}`;
    const plain = `${SERVICES[service].iamPrefix}:${operation}`;
    return OTHER_ACTIONS[plain] ?? plain;
}
