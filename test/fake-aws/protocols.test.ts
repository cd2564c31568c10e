// Round trips through the real SDK clients (3.1048.0): a client pointed at the fake sends a command, and the
// deserialised output must equal what the handler returned — Dates, nested lists, maps, empty results — and
// errors must surface with the SDK `name` and HTTP status AWS would produce.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as S3 from "@aws-sdk/client-s3";
import * as Glue from "@aws-sdk/client-glue";
import * as KMS from "@aws-sdk/client-kms";
import * as SFN from "@aws-sdk/client-sfn";
import * as CW from "@aws-sdk/client-cloudwatch";
import * as EB from "@aws-sdk/client-eventbridge";
import * as Kinesis from "@aws-sdk/client-kinesis";
import * as SM from "@aws-sdk/client-secrets-manager";
import * as Budgets from "@aws-sdk/client-budgets";
import * as Athena from "@aws-sdk/client-athena";
import * as DataBrew from "@aws-sdk/client-databrew";
import * as LF from "@aws-sdk/client-lakeformation";
import * as Lambda from "@aws-sdk/client-lambda";
import * as IAM from "@aws-sdk/client-iam";
import * as SNS from "@aws-sdk/client-sns";
import * as STS from "@aws-sdk/client-sts";
import * as EC2 from "@aws-sdk/client-ec2";
import { SIGNING_NAMES, serviceModel, startFakeAws, TEST_CREDENTIALS, type FakeAws } from "../support/fake-aws/index.js";
import { SERVICES, type ServiceId } from "../../src/aws/services.js";
import { AwsFault, type Handler, type HandlerTable, type World } from "../support/world/types.js";
import { classify } from "../../src/aws/errors.js";

const world: World = { account: "123456789012", region: "us-east-1", pageSize: 2 };
const H: HandlerTable = {};
let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws({ world, handlers: H });
});
afterAll(async () => {
  await fake.close();
});

/** Serves one operation with `fn` and remembers the input it received. */
function serve(service: keyof HandlerTable, operation: string, fn: Handler): { inputs: unknown[] } {
  const seen = { inputs: [] as unknown[] };
  (H[service] ??= {})[operation] = (w, input, ctx) => {
    seen.inputs.push(input);
    return fn(w, input, ctx);
  };
  return seen;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = { send(c: any): Promise<any>; destroy(): void };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function client<C extends AnyClient>(Ctor: new (config: any) => C, extra: Record<string, unknown> = {}): C {
  return new Ctor({ region: "us-east-1", endpoint: fake.url, maxAttempts: 1, credentials: TEST_CREDENTIALS, ...extra });
}

/** Sends and returns the output without $metadata. */
async function send(c: AnyClient, command: unknown): Promise<Record<string, unknown>> {
  const { $metadata, ...rest } = (await c.send(command)) as Record<string, unknown>;
  expect(($metadata as { httpStatusCode: number }).httpStatusCode).toBeLessThan(300);
  return rest;
}

/** Sends and returns the error the SDK threw. */
async function fails(c: AnyClient, command: unknown): Promise<{ name: string; message: string; status?: number; Code?: string; err: unknown }> {
  try {
    await c.send(command);
  } catch (err) {
    const e = err as { name: string; message: string; Code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, Code: e.Code, err };
  }
  throw new Error("expected the call to fail");
}

const d = (iso: string) => new Date(iso);

describe("AWS JSON 1.1 (Glue, KMS, EventBridge, Kinesis, Secrets Manager, Budgets, Athena)", () => {
  it("Glue GetDatabase: nested structure, map, Date; input as sent", async () => {
    const out = { Database: { Name: "landing_s1", LocationUri: "s3://b/landing/", CreateTime: d("2026-11-01T10:00:00.250Z"), Parameters: { a: "1", "b c": "2" }, CreateTableDefaultPermissions: [{ Principal: { DataLakePrincipalIdentifier: "IAM_ALLOWED_PRINCIPALS" }, Permissions: ["ALL"] }], CatalogId: "123456789012" } };
    const seen = serve("glue", "GetDatabase", () => out);
    const glue = client(Glue.GlueClient);
    expect(await send(glue, new Glue.GetDatabaseCommand({ Name: "landing_s1" }))).toEqual(out);
    expect(seen.inputs).toEqual([{ Name: "landing_s1" }]);
    expect(fake.log.at(-1)).toMatchObject({ service: "glue", operation: "GetDatabase", input: { Name: "landing_s1" }, region: "us-east-1", status: 200 });
  });

  it("Glue GetDatabases pagination and an empty list", async () => {
    serve("glue", "GetDatabases", (_w, i: { NextToken?: string }) => (i.NextToken ? { DatabaseList: [] } : { DatabaseList: [{ Name: "a" }, { Name: "b" }], NextToken: "p2" }));
    const glue = client(Glue.GlueClient);
    expect(await send(glue, new Glue.GetDatabasesCommand({}))).toEqual({ DatabaseList: [{ Name: "a" }, { Name: "b" }], NextToken: "p2" });
    expect(await send(glue, new Glue.GetDatabasesCommand({ NextToken: "p2", MaxResults: 5 }))).toEqual({ DatabaseList: [] });
  });

  it("Glue errors: EntityNotFoundException 400, AccessDeniedException", async () => {
    serve("glue", "GetTags", () => {
      throw new AwsFault("EntityNotFoundException", 400, "Resource not found");
    });
    const e = await fails(client(Glue.GlueClient), new Glue.GetTagsCommand({ ResourceArn: "arn:x" }));
    expect(e).toMatchObject({ name: "EntityNotFoundException", message: "Resource not found", status: 400 });
    expect(e.err).toBeInstanceOf(Glue.EntityNotFoundException);
  });

  it("KMS DescribeKey (Dates, enums, lists), ListAliases (Marker paging), GetPublicKey (blob)", async () => {
    const meta = { KeyId: "k-1", Arn: "arn:aws:kms:us-east-1:123456789012:key/k-1", CreationDate: d("2026-01-02T03:04:05Z"), Enabled: true, KeyState: "Enabled", KeyManager: "CUSTOMER", EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"], MultiRegion: false };
    serve("kms", "DescribeKey", () => ({ KeyMetadata: meta }));
    serve("kms", "ListAliases", () => ({ Aliases: [{ AliasName: "alias/datalake-s1", AliasArn: "arn:aws:kms:us-east-1:123456789012:alias/datalake-s1", TargetKeyId: "k-1", CreationDate: d("2026-01-02T00:00:00Z") }], NextMarker: "m2", Truncated: true }));
    serve("kms", "GetPublicKey", () => ({ KeyId: "k-1", PublicKey: new Uint8Array([0, 1, 2, 250, 255]) }));
    const kms = client(KMS.KMSClient);
    expect(await send(kms, new KMS.DescribeKeyCommand({ KeyId: "alias/datalake-s1" }))).toEqual({ KeyMetadata: meta });
    expect((await send(kms, new KMS.ListAliasesCommand({ Limit: 1 }))).NextMarker).toBe("m2");
    const pk = await send(kms, new KMS.GetPublicKeyCommand({ KeyId: "k-1" }));
    expect(Array.from(pk.PublicKey as Uint8Array)).toEqual([0, 1, 2, 250, 255]);
    serve("kms", "DescribeKey", () => {
      throw new AwsFault("NotFoundException", 400, "Alias alias/x is not found.");
    });
    expect(await fails(kms, new KMS.DescribeKeyCommand({ KeyId: "alias/x" }))).toMatchObject({ name: "NotFoundException", status: 400 });
  });

  it("EventBridge, Kinesis, Secrets Manager, Budgets, Athena", async () => {
    const rules = { Rules: [{ Name: "r", Arn: "arn:r", State: "ENABLED", EventPattern: '{"source":["aws.glue"]}', EventBusName: "default" }], NextToken: "n" };
    serve("eventbridge", "ListRules", () => rules);
    serve("eventbridge", "ListTargetsByRule", () => ({ Targets: [{ Id: "1", Arn: "arn:sns" }] }));
    const stream = { StreamDescriptionSummary: { StreamName: "s", StreamARN: "arn:k", StreamStatus: "ACTIVE", StreamModeDetails: { StreamMode: "ON_DEMAND" }, RetentionPeriodHours: 24, StreamCreationTimestamp: d("2026-03-01T00:00:00Z"), EnhancedMonitoring: [{ ShardLevelMetrics: [] }], EncryptionType: "KMS", KeyId: "alias/aws/kinesis", OpenShardCount: 4 } };
    serve("kinesis", "DescribeStreamSummary", () => stream);
    const secret = { ARN: "arn:sec", Name: "db", RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: d("2026-05-05T05:05:05Z"), Tags: [{ Key: "k", Value: "v" }] };
    serve("secretsmanager", "DescribeSecret", () => secret);
    serve("secretsmanager", "ListSecrets", () => ({ SecretList: [{ Name: "db", LastChangedDate: d("2026-05-05T05:05:05Z") }] }));
    const budgets = { Budgets: [{ BudgetName: "b", BudgetType: "COST", TimeUnit: "MONTHLY", BudgetLimit: { Amount: "10.0", Unit: "USD" }, CostFilters: { Service: ["AWS Glue"] }, TimePeriod: { Start: d("2026-01-01T00:00:00Z"), End: d("2087-06-15T00:00:00Z") } }] };
    const seenBudgets = serve("budgets", "DescribeBudgets", () => budgets);
    serve("athena", "GetWorkGroup", () => ({ WorkGroup: { Name: "primary", State: "ENABLED", CreationTime: d("2026-02-02T02:02:02Z"), Configuration: { ResultConfiguration: { OutputLocation: "s3://r/" } } } }));
    expect(await send(client(EB.EventBridgeClient), new EB.ListRulesCommand({ NamePrefix: "glue" }))).toEqual(rules);
    expect(await send(client(EB.EventBridgeClient), new EB.ListTargetsByRuleCommand({ Rule: "r" }))).toEqual({ Targets: [{ Id: "1", Arn: "arn:sns" }] });
    expect(await send(client(Kinesis.KinesisClient), new Kinesis.DescribeStreamSummaryCommand({ StreamName: "s" }))).toEqual(stream);
    expect(await send(client(SM.SecretsManagerClient), new SM.DescribeSecretCommand({ SecretId: "db" }))).toEqual(secret);
    expect(await send(client(SM.SecretsManagerClient), new SM.ListSecretsCommand({}))).toEqual({ SecretList: [{ Name: "db", LastChangedDate: d("2026-05-05T05:05:05Z") }] });
    expect(await send(client(Budgets.BudgetsClient), new Budgets.DescribeBudgetsCommand({ AccountId: "123456789012" }))).toEqual(budgets);
    expect(seenBudgets.inputs).toEqual([{ AccountId: "123456789012" }]);
    expect((await send(client(Athena.AthenaClient), new Athena.GetWorkGroupCommand({ WorkGroup: "primary" }))).WorkGroup).toMatchObject({ CreationTime: d("2026-02-02T02:02:02Z") });
  });
});

describe("AWS JSON 1.0 (Step Functions; CloudWatch in query-compatible mode)", () => {
  it("Step Functions DescribeStateMachine and StateMachineDoesNotExist", async () => {
    const sm = { stateMachineArn: "arn:sm", name: "sm", status: "ACTIVE", definition: '{"StartAt":"A"}', roleArn: "arn:role", type: "STANDARD", creationDate: d("2026-04-04T04:04:04.500Z"), loggingConfiguration: { level: "OFF", includeExecutionData: false } };
    serve("sfn", "DescribeStateMachine", (_w, i: { stateMachineArn: string }) => {
      if (i.stateMachineArn !== "arn:sm") throw new AwsFault("StateMachineDoesNotExist", 400, "State Machine Does Not Exist");
      return sm;
    });
    const sfn = client(SFN.SFNClient);
    expect(await send(sfn, new SFN.DescribeStateMachineCommand({ stateMachineArn: "arn:sm" }))).toEqual(sm);
    expect(await fails(sfn, new SFN.DescribeStateMachineCommand({ stateMachineArn: "arn:other" }))).toMatchObject({ name: "StateMachineDoesNotExist", status: 400 });
  });

  it("CloudWatch GetDashboard, DescribeAlarms (numbers, Dates, dimensions); ResourceNotFound via x-amzn-query-error", async () => {
    serve("cloudwatch", "GetDashboard", (_w, i: { DashboardName: string }) => {
      if (i.DashboardName !== "dash") throw new AwsFault("ResourceNotFound", 404, "Dashboard x does not exist");
      return { DashboardName: "dash", DashboardArn: "arn:dash", DashboardBody: '{"widgets":[]}' };
    });
    const alarms = { MetricAlarms: [{ AlarmName: "a", Namespace: "Glue", MetricName: "glue.driver.aggregate.numFailedTasks", Dimensions: [{ Name: "JobName", Value: "j" }, { Name: "Type", Value: "count" }], Threshold: 1.5, EvaluationPeriods: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold", AlarmActions: ["arn:sns:t"], StateValue: "OK", StateUpdatedTimestamp: d("2026-06-06T06:06:06Z"), ActionsEnabled: true }], CompositeAlarms: [] };
    const seen = serve("cloudwatch", "DescribeAlarms", () => alarms);
    const cw = client(CW.CloudWatchClient);
    expect(await send(cw, new CW.GetDashboardCommand({ DashboardName: "dash" }))).toEqual({ DashboardName: "dash", DashboardArn: "arn:dash", DashboardBody: '{"widgets":[]}' });
    expect(await send(cw, new CW.DescribeAlarmsCommand({ AlarmNames: ["a", "b"], AlarmTypes: ["MetricAlarm"] }))).toEqual(alarms);
    expect(seen.inputs).toEqual([{ AlarmNames: ["a", "b"], AlarmTypes: ["MetricAlarm"] }]);
    const e = await fails(cw, new CW.GetDashboardCommand({ DashboardName: "x" }));
    expect(e).toMatchObject({ name: "ResourceNotFound", status: 404 });
    // The awsQuery code also reaches the SDK error (query-compat), as CloudWatch sends it.
    expect((e.err as { Code?: string }).Code ?? (e.err as { Error?: { Code?: string } }).Error?.Code).toBe("ResourceNotFound");
  });
});

describe("REST-JSON (DataBrew, Lake Formation, Lambda)", () => {
  it("DataBrew DescribeRecipe: path label + recipeVersion query; Steps with parameter maps; Dates", async () => {
    const recipe = { Name: "clean customers", RecipeVersion: "LATEST_WORKING", CreateDate: d("2026-07-07T07:07:07Z"), Steps: [{ Action: { Operation: "REMOVE_DUPLICATES", Parameters: { sourceColumn: "email" } }, ConditionExpressions: [{ Condition: "IS_MISSING", TargetColumn: "email" }] }, { Action: { Operation: "DELETE_DUPLICATE_ROWS" } }], Tags: { a: "b" } };
    const seen = serve("databrew", "DescribeRecipe", () => recipe);
    const brew = client(DataBrew.DataBrewClient);
    expect(await send(brew, new DataBrew.DescribeRecipeCommand({ Name: "clean customers", RecipeVersion: "LATEST_WORKING" }))).toEqual(recipe);
    expect(seen.inputs).toEqual([{ Name: "clean customers", RecipeVersion: "LATEST_WORKING" }]);
  });

  it("DataBrew list operations with query parameters, DescribeProject/DescribeDataset, ResourceNotFoundException 404", async () => {
    const seenJobs = serve("databrew", "ListJobs", () => ({ Jobs: [{ Name: "j", Type: "RECIPE", ProjectName: "p", RecipeReference: { Name: "r", RecipeVersion: "1.0" }, Outputs: [{ Location: { Bucket: "b", Key: "k/" }, Format: "PARQUET" }], LastModifiedDate: d("2026-08-08T08:08:08Z") }], NextToken: "t" }));
    serve("databrew", "ListRecipes", () => ({ Recipes: [] }));
    serve("databrew", "ListProjects", () => ({ Projects: [{ Name: "p", RecipeName: "r", DatasetName: "ds", Sample: { Size: 500, Type: "FIRST_N" } }] }));
    serve("databrew", "DescribeProject", () => ({ Name: "p", DatasetName: "ds", RecipeName: "r", Sample: { Size: 500, Type: "FIRST_N" } }));
    serve("databrew", "DescribeDataset", (_w, i: { Name: string }) => {
      if (i.Name !== "ds") throw new AwsFault("ResourceNotFoundException", 404, `Dataset ${i.Name} not found`);
      return { Name: "ds", Format: "CSV", FormatOptions: { Csv: { Delimiter: ",", HeaderRow: true } }, Input: { S3InputDefinition: { Bucket: "b", Key: "raw/customers.csv" } } };
    });
    const brew = client(DataBrew.DataBrewClient);
    expect((await send(brew, new DataBrew.ListJobsCommand({ ProjectName: "p", MaxResults: 5, NextToken: "a b" }))).NextToken).toBe("t");
    expect(seenJobs.inputs).toEqual([{ ProjectName: "p", MaxResults: 5, NextToken: "a b" }]);
    expect(await send(brew, new DataBrew.ListRecipesCommand({ RecipeVersion: "LATEST_WORKING" }))).toEqual({ Recipes: [] });
    expect((await send(brew, new DataBrew.ListProjectsCommand({}))).Projects).toHaveLength(1);
    expect((await send(brew, new DataBrew.DescribeProjectCommand({ Name: "p" }))).Sample).toEqual({ Size: 500, Type: "FIRST_N" });
    expect((await send(brew, new DataBrew.DescribeDatasetCommand({ Name: "ds" }))).FormatOptions).toEqual({ Csv: { Delimiter: ",", HeaderRow: true } });
    const e = await fails(brew, new DataBrew.DescribeDatasetCommand({ Name: "nope" }));
    expect(e).toMatchObject({ name: "ResourceNotFoundException", status: 404, message: "Dataset nope not found" });
  });

  it("Lake Formation: POST bodies with unions in, nested permissions out; EntityNotFoundException", async () => {
    const perms = { PrincipalResourcePermissions: [{ Principal: { DataLakePrincipalIdentifier: "arn:aws:iam::123456789012:role/r" }, Resource: { Table: { DatabaseName: "silver_s1", TableWildcard: {} } }, Permissions: ["SELECT", "DESCRIBE"], PermissionsWithGrantOption: [], LastUpdated: d("2026-09-09T09:09:09Z") }], NextToken: "n" };
    const seen = serve("lakeformation", "ListPermissions", () => perms);
    serve("lakeformation", "GetDataLakeSettings", () => ({ DataLakeSettings: { DataLakeAdmins: [{ DataLakePrincipalIdentifier: "arn:admin" }], CreateDatabaseDefaultPermissions: [], Parameters: { CROSS_ACCOUNT_VERSION: "4" } } }));
    serve("lakeformation", "ListResources", () => ({ ResourceInfoList: [{ ResourceArn: "arn:aws:s3:::b", RoleArn: "arn:role", LastModified: d("2026-09-01T00:00:00Z"), HybridAccessEnabled: false }] }));
    serve("lakeformation", "ListDataCellsFilter", () => {
      throw new AwsFault("EntityNotFoundException", 400, "Table not found");
    });
    const lf = client(LF.LakeFormationClient);
    const input = { Resource: { Table: { DatabaseName: "silver_s1", Name: "customers" } }, IncludeRelated: "TRUE" };
    expect(await send(lf, new LF.ListPermissionsCommand(input))).toEqual(perms);
    expect(seen.inputs).toEqual([input]);
    expect(await send(lf, new LF.GetDataLakeSettingsCommand({}))).toEqual({ DataLakeSettings: { DataLakeAdmins: [{ DataLakePrincipalIdentifier: "arn:admin" }], CreateDatabaseDefaultPermissions: [], Parameters: { CROSS_ACCOUNT_VERSION: "4" } } });
    expect((await send(lf, new LF.ListResourcesCommand({}))).ResourceInfoList).toEqual([{ ResourceArn: "arn:aws:s3:::b", RoleArn: "arn:role", LastModified: d("2026-09-01T00:00:00Z"), HybridAccessEnabled: false }]);
    expect(await fails(lf, new LF.ListDataCellsFilterCommand({ Table: { DatabaseName: "d", Name: "t" } }))).toMatchObject({ name: "EntityNotFoundException", status: 400 });
  });

  it("Lambda GetFunctionConfiguration: label + Qualifier query", async () => {
    const seen = serve("lambda", "GetFunctionConfiguration", () => ({ FunctionName: "f", Runtime: "python3.12", Timeout: 30, MemorySize: 128, Environment: { Variables: { A: "1" } }, LastModified: "2026-01-01T00:00:00.000+0000" }));
    const out = await send(client(Lambda.LambdaClient), new Lambda.GetFunctionConfigurationCommand({ FunctionName: "f", Qualifier: "$LATEST" }));
    expect(out).toMatchObject({ FunctionName: "f", Timeout: 30, Environment: { Variables: { A: "1" } } });
    expect(seen.inputs).toEqual([{ FunctionName: "f", Qualifier: "$LATEST" }]);
  });
});

describe("REST-XML (S3, path-style)", () => {
  const s3 = () => client(S3.S3Client, { forcePathStyle: true, followRegionRedirects: true });

  it("ListBuckets, GetBucketLocation (eu-west-1 and us-east-1), GetBucketVersioning (set and never set)", async () => {
    const buckets = { Buckets: [{ Name: "a", CreationDate: d("2026-01-01T00:00:00Z"), BucketRegion: "us-east-1" }, { Name: "b", CreationDate: d("2026-01-02T00:00:00Z") }], Owner: { DisplayName: "me", ID: "abc" } };
    serve("s3", "ListBuckets", () => buckets);
    serve("s3", "GetBucketLocation", (_w, i: { Bucket: string }) => (i.Bucket === "eu" ? { LocationConstraint: "eu-west-1" } : {}));
    serve("s3", "GetBucketVersioning", (_w, i: { Bucket: string }) => (i.Bucket === "v" ? { Status: "Enabled", MFADelete: "Disabled" } : {}));
    expect(await send(s3(), new S3.ListBucketsCommand({}))).toEqual(buckets);
    expect(await send(s3(), new S3.GetBucketLocationCommand({ Bucket: "eu" }))).toEqual({ LocationConstraint: "eu-west-1" });
    expect(await send(s3(), new S3.GetBucketLocationCommand({ Bucket: "us" }))).toEqual({});
    expect(await send(s3(), new S3.GetBucketVersioningCommand({ Bucket: "v" }))).toEqual({ Status: "Enabled", MFADelete: "Disabled" });
    expect(await send(s3(), new S3.GetBucketVersioningCommand({ Bucket: "w" }))).toEqual({});
  });

  it("GetBucketEncryption, GetBucketLogging, GetPublicAccessBlock, GetBucketTagging (<Tag> in <TagSet>)", async () => {
    const enc = { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "arn:aws:kms:us-east-1:123456789012:alias/datalake-s1" }, BucketKeyEnabled: true }] } };
    serve("s3", "GetBucketEncryption", () => enc);
    serve("s3", "GetBucketLogging", (_w, i: { Bucket: string }) => (i.Bucket === "l" ? { LoggingEnabled: { TargetBucket: "logs", TargetPrefix: "access/" } } : {}));
    const pab = { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true } };
    serve("s3", "GetPublicAccessBlock", () => pab);
    const tags = { TagSet: [{ Key: "Environment", Value: "Production" }, { Key: "StudentID", Value: "s1" }] };
    serve("s3", "GetBucketTagging", () => tags);
    expect(await send(s3(), new S3.GetBucketEncryptionCommand({ Bucket: "b" }))).toEqual(enc);
    expect(await send(s3(), new S3.GetBucketLoggingCommand({ Bucket: "l" }))).toEqual({ LoggingEnabled: { TargetBucket: "logs", TargetPrefix: "access/" } });
    expect(await send(s3(), new S3.GetBucketLoggingCommand({ Bucket: "x" }))).toEqual({});
    expect(await send(s3(), new S3.GetPublicAccessBlockCommand({ Bucket: "b" }))).toEqual(pab);
    expect(await send(s3(), new S3.GetBucketTaggingCommand({ Bucket: "b" }))).toEqual(tags);
  });

  it("GetBucketCors (flattened <CORSRule>, flattened lists inside) and GetBucketLifecycleConfiguration (<Rule>, Filter.And.Tags, Transitions)", async () => {
    const cors = { CORSRules: [{ ID: "r1", AllowedOrigins: ["https://a.example", "https://b.example"], AllowedMethods: ["GET", "PUT"], AllowedHeaders: ["*"], ExposeHeaders: ["ETag"], MaxAgeSeconds: 3000 }, { AllowedOrigins: ["*"], AllowedMethods: ["GET"] }] };
    serve("s3", "GetBucketCors", () => cors);
    const lifecycle = {
      Rules: [
        { ID: "raw", Status: "Enabled", Filter: { Prefix: "raw/" }, Transitions: [{ Days: 30, StorageClass: "STANDARD_IA" }, { Days: 90, StorageClass: "GLACIER" }], Expiration: { Days: 365 } },
        { ID: "tagged", Status: "Disabled", Filter: { And: { Prefix: "logs/", Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }], ObjectSizeGreaterThan: 10 } }, NoncurrentVersionExpiration: { NoncurrentDays: 7 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } },
        { ID: "legacy", Status: "Enabled", Prefix: "", Expiration: { Date: d("2027-01-01T00:00:00Z") } },
      ],
    };
    serve("s3", "GetBucketLifecycleConfiguration", () => lifecycle);
    expect(await send(s3(), new S3.GetBucketCorsCommand({ Bucket: "b" }))).toEqual(cors);
    const lc = await send(s3(), new S3.GetBucketLifecycleConfigurationCommand({ Bucket: "b" }));
    // S3 parses an empty element as "" (the legacy top-level Prefix), exactly as it would from AWS.
    expect(lc).toEqual(lifecycle);
  });

  it("GetBucketPolicy returns the policy JSON as the raw body; NoSuchBucketPolicy 404 surfaces by its code", async () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
    serve("s3", "GetBucketPolicy", (_w, i: { Bucket: string }) => {
      if (i.Bucket !== "b") throw new AwsFault("NoSuchBucketPolicy", 404, "The bucket policy does not exist");
      return { Policy: policy };
    });
    expect(await send(s3(), new S3.GetBucketPolicyCommand({ Bucket: "b" }))).toEqual({ Policy: policy });
    const e = await fails(s3(), new S3.GetBucketPolicyCommand({ Bucket: "c" }));
    expect(e).toMatchObject({ name: "NoSuchBucketPolicy", status: 404, message: "The bucket policy does not exist" });
  });

  it("ListObjectsV2: Delimiter/Prefix/ContinuationToken in, <Contents> and <CommonPrefixes> out", async () => {
    const page1 = { Name: "b", Prefix: "", Delimiter: "/", MaxKeys: 1000, KeyCount: 3, IsTruncated: true, NextContinuationToken: "tok 2", Contents: [{ Key: "README.md", Size: 10, LastModified: d("2026-10-10T10:10:10Z"), ETag: '"abc"', StorageClass: "STANDARD" }], CommonPrefixes: [{ Prefix: "raw/" }, { Prefix: "processed/" }] };
    const page2 = { Name: "b", Prefix: "", Delimiter: "/", MaxKeys: 1000, KeyCount: 0, IsTruncated: false };
    const seen = serve("s3", "ListObjectsV2", (_w, i: { ContinuationToken?: string }) => (i.ContinuationToken ? page2 : page1));
    expect(await send(s3(), new S3.ListObjectsV2Command({ Bucket: "b", Delimiter: "/" }))).toEqual(page1);
    expect(await send(s3(), new S3.ListObjectsV2Command({ Bucket: "b", Delimiter: "/", Prefix: "raw/ x", ContinuationToken: "tok 2", MaxKeys: 50 }))).toEqual(page2);
    expect(seen.inputs).toEqual([{ Bucket: "b", Delimiter: "/" }, { Bucket: "b", Delimiter: "/", Prefix: "raw/ x", ContinuationToken: "tok 2", MaxKeys: 50 }]);
  });

  it("GetObject with Range: greedy key label, headers out, body stream", async () => {
    const seen = serve("s3", "GetObject", (_w, i: { Range?: string }) => ({ Body: "0123456789".slice(0, i.Range ? 5 : 10), ContentType: "text/csv", ContentRange: "bytes 0-4/10", ETag: '"e"', LastModified: d("2026-10-10T10:10:10Z"), Metadata: { owner: "s1" } }));
    const out = await s3().send(new S3.GetObjectCommand({ Bucket: "b", Key: "raw/sales data/2026.csv", Range: "bytes=0-4" }));
    expect(await out.Body!.transformToString()).toBe("01234");
    expect(out).toMatchObject({ ContentType: "text/csv", ContentRange: "bytes 0-4/10", ETag: '"e"', LastModified: d("2026-10-10T10:10:10Z"), Metadata: { owner: "s1" }, ContentLength: 5 });
    expect(seen.inputs[0]).toMatchObject({ Bucket: "b", Key: "raw/sales data/2026.csv", Range: "bytes=0-4" });
  });

  it("HeadBucket: 200 with x-amz-bucket-region; 404 NotFound; 403 with no body surfaces as Unknown", async () => {
    serve("s3", "HeadBucket", (_w, i: { Bucket: string }) => {
      if (i.Bucket === "missing") throw new AwsFault("NotFound", 404, "Not Found");
      if (i.Bucket === "theirs") throw new AwsFault("Forbidden", 403, "Forbidden");
      return { BucketRegion: "us-east-1" };
    });
    expect(await send(s3(), new S3.HeadBucketCommand({ Bucket: "mine" }))).toEqual({ BucketRegion: "us-east-1" });
    expect(await fails(s3(), new S3.HeadBucketCommand({ Bucket: "missing" }))).toMatchObject({ name: "NotFound", status: 404 });
    const forbidden = await fails(s3(), new S3.HeadBucketCommand({ Bucket: "theirs" }));
    expect(forbidden).toMatchObject({ name: "Unknown", status: 403 });
    expect(classify(forbidden.err)).toBe("accessDenied");
  });

  it("a bucket in another region: 301 + x-amz-bucket-region, and followRegionRedirects re-signs for that region", async () => {
    const regionOf = (b: string) => (b === "eu-bucket" ? "eu-west-1" : "us-east-1");
    const redirect = (b: string, region: string) => {
      if (regionOf(b) !== region) throw new AwsFault(b ? "PermanentRedirect" : "Unknown", 301, "The bucket you are attempting to access must be addressed using the specified endpoint.", { "x-amz-bucket-region": regionOf(b) });
    };
    serve("s3", "HeadBucket", (_w, i: { Bucket: string }, ctx) => (redirect(i.Bucket, ctx.region), { BucketRegion: regionOf(i.Bucket) }));
    serve("s3", "GetBucketVersioning", (_w, i: { Bucket: string }, ctx) => (redirect(i.Bucket, ctx.region), { Status: "Enabled" }));
    const before = fake.log.length;
    expect(await send(s3(), new S3.HeadBucketCommand({ Bucket: "eu-bucket" }))).toEqual({ BucketRegion: "eu-west-1" });
    expect(await send(s3(), new S3.GetBucketVersioningCommand({ Bucket: "eu-bucket" }))).toEqual({ Status: "Enabled" });
    const calls = fake.log.slice(before).map((c) => `${c.operation}@${c.region}:${c.status}`);
    expect(calls).toEqual(["HeadBucket@us-east-1:301", "HeadBucket@eu-west-1:200", "GetBucketVersioning@us-east-1:301", "GetBucketVersioning@eu-west-1:200"]);
    // Without followRegionRedirects the 301 surfaces with the header the session records.
    const plain = client(S3.S3Client, { forcePathStyle: true });
    const e = await fails(plain, new S3.GetBucketVersioningCommand({ Bucket: "eu-bucket" }));
    expect(e).toMatchObject({ name: "PermanentRedirect", status: 301 });
    expect((e.err as { $response?: { headers: Record<string, string> } }).$response?.headers["x-amz-bucket-region"]).toBe("eu-west-1");
  });

  it("a modelled S3 error (NoSuchBucket) gets its class", async () => {
    serve("s3", "ListObjectsV2", () => {
      throw new AwsFault("NoSuchBucket", 404, "The specified bucket does not exist");
    });
    const e = await fails(s3(), new S3.ListObjectsV2Command({ Bucket: "gone" }));
    expect(e).toMatchObject({ name: "NoSuchBucket", status: 404 });
    expect(e.err).toBeInstanceOf(S3.NoSuchBucket);
  });
});

describe("AWS Query (IAM, SNS, STS)", () => {
  it("IAM GetRole: Date, url-encoded policy document, <member> lists; ListRoles Marker paging", async () => {
    const doc = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }] }));
    const role = { Role: { Path: "/", RoleName: "GlueRole-s1", RoleId: "AROA1", Arn: "arn:aws:iam::123456789012:role/GlueRole-s1", CreateDate: d("2026-01-01T12:00:00Z"), AssumeRolePolicyDocument: doc, MaxSessionDuration: 3600, Tags: [{ Key: "a", Value: "b" }, { Key: "c", Value: "d" }], RoleLastUsed: { LastUsedDate: d("2026-02-01T00:00:00Z"), Region: "us-east-1" } } };
    const seen = serve("iam", "GetRole", (_w, i: { RoleName: string }) => {
      if (i.RoleName !== "GlueRole-s1") throw new AwsFault("NoSuchEntity", 404, `The role with name ${i.RoleName} cannot be found.`);
      return role;
    });
    serve("iam", "ListRoles", (_w, i: { Marker?: string }) => (i.Marker ? { Roles: [], IsTruncated: false } : { Roles: [role.Role], IsTruncated: true, Marker: "m 2" }));
    const iam = client(IAM.IAMClient);
    expect(await send(iam, new IAM.GetRoleCommand({ RoleName: "GlueRole-s1" }))).toEqual(role);
    expect(seen.inputs).toEqual([{ RoleName: "GlueRole-s1" }]);
    expect(await send(iam, new IAM.ListRolesCommand({ PathPrefix: "/", MaxItems: 10 }))).toEqual({ Roles: [role.Role], IsTruncated: true, Marker: "m 2" });
    expect(await send(iam, new IAM.ListRolesCommand({ Marker: "m 2" }))).toEqual({ Roles: [], IsTruncated: false });
    const e = await fails(iam, new IAM.GetRoleCommand({ RoleName: "nope" }));
    expect(e).toMatchObject({ name: "NoSuchEntityException", status: 404, Code: "NoSuchEntity", message: "The role with name nope cannot be found." });
    expect(e.err).toBeInstanceOf(IAM.NoSuchEntityException);
  });

  it("a handler may also throw the SDK's name (NoSuchEntityException): the wire carries the awsQuery code", async () => {
    serve("iam", "GetRole", () => {
      throw new AwsFault("NoSuchEntityException", 404, "gone");
    });
    expect(await fails(client(IAM.IAMClient), new IAM.GetRoleCommand({ RoleName: "x" }))).toMatchObject({ name: "NoSuchEntityException", Code: "NoSuchEntity", status: 404 });
  });

  it("SNS ListTopics, GetTopicAttributes (<entry><key><value> map), ListSubscriptionsByTopic; NotFound", async () => {
    serve("sns", "ListTopics", () => ({ Topics: [{ TopicArn: "arn:aws:sns:us-east-1:123456789012:glue-critical-alerts-s1" }], NextToken: "n" }));
    const attrs = { Attributes: { TopicArn: "arn:t", DisplayName: "Critical & <urgent>", KmsMasterKeyId: "alias/aws/sns", Policy: '{"Version":"2012-10-17"}' } };
    const seen = serve("sns", "GetTopicAttributes", (_w, i: { TopicArn: string }) => {
      if (i.TopicArn !== "arn:t") throw new AwsFault("NotFound", 404, "Topic does not exist");
      return attrs;
    });
    serve("sns", "ListSubscriptionsByTopic", () => ({ Subscriptions: [{ SubscriptionArn: "arn:s", Protocol: "email", Endpoint: "a@example.com", TopicArn: "arn:t", Owner: "123456789012" }] }));
    const sns = client(SNS.SNSClient);
    expect(await send(sns, new SNS.ListTopicsCommand({}))).toEqual({ Topics: [{ TopicArn: "arn:aws:sns:us-east-1:123456789012:glue-critical-alerts-s1" }], NextToken: "n" });
    expect(await send(sns, new SNS.GetTopicAttributesCommand({ TopicArn: "arn:t" }))).toEqual(attrs);
    expect(seen.inputs).toEqual([{ TopicArn: "arn:t" }]);
    expect((await send(sns, new SNS.ListSubscriptionsByTopicCommand({ TopicArn: "arn:t" }))).Subscriptions).toHaveLength(1);
    expect(await fails(sns, new SNS.GetTopicAttributesCommand({ TopicArn: "arn:x" }))).toMatchObject({ name: "NotFoundException", Code: "NotFound", status: 404 });
  });

  it("STS GetCallerIdentity and AssumeRole (Credentials.Expiration Date; structure input)", async () => {
    serve("sts", "GetCallerIdentity", (w) => ({ Account: w.account, Arn: `arn:aws:iam::${w.account}:user/grader`, UserId: "AIDA" }));
    const creds = { Credentials: { AccessKeyId: "ASIA", SecretAccessKey: "s", SessionToken: "t", Expiration: d("2026-12-31T23:59:59Z") }, AssumedRoleUser: { AssumedRoleId: "AROA:x", Arn: "arn:aws:sts::123456789012:assumed-role/r/x" } };
    const seen = serve("sts", "AssumeRole", () => creds);
    const sts = client(STS.STSClient);
    expect(await send(sts, new STS.GetCallerIdentityCommand({}))).toEqual({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/grader", UserId: "AIDA" });
    expect(await send(sts, new STS.AssumeRoleCommand({ RoleArn: "arn:r", RoleSessionName: "x", DurationSeconds: 900, Tags: [{ Key: "k", Value: "v" }], PolicyArns: [{ arn: "arn:p" }] }))).toEqual(creds);
    expect(seen.inputs).toEqual([{ RoleArn: "arn:r", RoleSessionName: "x", DurationSeconds: 900, Tags: [{ Key: "k", Value: "v" }], PolicyArns: [{ arn: "arn:p" }] }]);
  });
});

describe("EC2 Query (ec2Query: capitalised keys, flattened lists, <item> members, no Result wrapper)", () => {
  it("DescribeVpcEndpoints: Filters and ids in, endpoints with Dates/lists/tags out; InvalidVpcEndpointId.NotFound", async () => {
    const endpoints = { VpcEndpoints: [{ VpcEndpointId: "vpce-1", VpcEndpointType: "Gateway", VpcId: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", State: "available", RouteTableIds: ["rtb-1", "rtb-2"], PolicyDocument: '{"Statement":[]}', CreationTimestamp: d("2026-03-03T03:03:03Z"), Tags: [{ Key: "Name", Value: "s3-endpoint" }], PrivateDnsEnabled: false, DnsEntries: [] }], NextToken: "n" };
    const seen = serve("ec2", "DescribeVpcEndpoints", (_w, i: { VpcEndpointIds?: string[] }) => {
      if (i.VpcEndpointIds?.includes("vpce-x")) throw new AwsFault("InvalidVpcEndpointId.NotFound", 400, "The VpcEndpoint Id 'vpce-x' does not exist");
      return endpoints;
    });
    const ec2 = client(EC2.EC2Client);
    const input = { Filters: [{ Name: "service-name", Values: ["com.amazonaws.us-east-1.s3", "x y"] }, { Name: "vpc-id", Values: ["vpc-1"] }], MaxResults: 10 };
    const out = await send(ec2, new EC2.DescribeVpcEndpointsCommand(input));
    expect(out).toEqual({ ...endpoints, VpcEndpoints: [{ ...endpoints.VpcEndpoints[0], DnsEntries: [] }] });
    expect(seen.inputs[0]).toEqual(input);
    const e = await fails(ec2, new EC2.DescribeVpcEndpointsCommand({ VpcEndpointIds: ["vpce-x"] }));
    expect(e).toMatchObject({ name: "InvalidVpcEndpointId.NotFound", status: 400, message: "The VpcEndpoint Id 'vpce-x' does not exist" });
  });
});

describe("inputs arrive in the SDK's shape", () => {
  it("awsQuery maps (entry.N.key/value) and lists (member.N) in a form body", async () => {
    const seen = serve("sns", "CreateTopic", () => ({ TopicArn: "arn:t" }));
    const input = { Name: "t", Attributes: { DisplayName: "d = d & e", KmsMasterKeyId: "alias/aws/sns" }, Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "" }] };
    expect(await send(client(SNS.SNSClient), new SNS.CreateTopicCommand(input))).toEqual({ TopicArn: "arn:t" });
    expect(seen.inputs).toEqual([input]);
  });

  it("JSON Dates in (epoch seconds on the wire) come back as Date; nested lists of structures", async () => {
    const seen = serve("cloudwatch", "GetMetricData", () => ({ MetricDataResults: [{ Id: "m1", Timestamps: [d("2026-01-01T00:05:00Z")], Values: [1, 2.5], StatusCode: "Complete" }], Messages: [] }));
    const input = { StartTime: d("2026-01-01T00:00:00Z"), EndTime: d("2026-01-01T01:00:00.500Z"), MetricDataQueries: [{ Id: "m1", MetricStat: { Metric: { Namespace: "Glue", MetricName: "glue.driver.aggregate.elapsedTime", Dimensions: [{ Name: "JobName", Value: "j" }] }, Period: 300, Stat: "Sum" } }] };
    const out = await send(client(CW.CloudWatchClient), new CW.GetMetricDataCommand(input));
    expect(out).toEqual({ MetricDataResults: [{ Id: "m1", Timestamps: [d("2026-01-01T00:05:00Z")], Values: [1, 2.5], StatusCode: "Complete" }], Messages: [] });
    expect(seen.inputs).toEqual([input]);
  });
});

describe("coverage of the session's services", () => {
  it("every service the session can call has a model (protocol, operations) and a signing name", async () => {
    for (const id of Object.keys(SERVICES) as ServiceId[]) {
      const m = await serviceModel(id);
      expect(m.operations.size, id).toBeGreaterThan(0);
      expect(Object.values(SIGNING_NAMES), id).toContain(id);
    }
  });
});

describe("what the fake cannot answer", () => {
  it("an operation with no world handler: 501 UnsupportedOperation, logged", async () => {
    const e = await fails(client(Glue.GlueClient), new Glue.GetJobCommand({ JobName: "j" }));
    expect(e).toMatchObject({ name: "UnsupportedOperation", status: 501 });
    expect(e.message).toContain("no handler for glue:GetJob");
    expect(fake.log.at(-1)).toMatchObject({ service: "glue", operation: "GetJob", fault: "noHandler", status: 501 });
  });

  it("a request it cannot map at all: 501 with the reason, logged", async () => {
    const res = await fetch(`${fake.url}/no/such/thing`, { method: "PATCH" });
    expect(res.status).toBe(501);
    expect(await res.text()).toContain("cannot map this request");
    expect(fake.log.at(-1)).toMatchObject({ operation: "?", fault: "unmapped", status: 501 });
    expect(fake.faults.unmapped).toBeGreaterThan(0);
  });

  it("a handler bug (not an AwsFault) fails fast with 400 FakeHandlerError naming the handler", async () => {
    serve("glue", "GetClassifier", () => {
      throw new TypeError("cannot read properties of undefined");
    });
    const e = await fails(client(Glue.GlueClient, { maxAttempts: 3 }), new Glue.GetClassifierCommand({ Name: "c" }));
    expect(e).toMatchObject({ name: "FakeHandlerError", status: 400 });
    expect(e.message).toContain("glue:GetClassifier threw");
  });
});
