// state (glue_etl_pipeline_tf): facts from scripted DynamoDB answers, the Terraform worlds graded end to end, and the
// semantics of the world handlers the ops side added (DynamoDB, KMS rotation, Lambda, Glue workflow runs).
import { beforeEach, describe, expect, it } from "vitest";
import { DescribeContinuousBackupsCommand, DescribeTableCommand, ListTablesCommand, type DescribeTableInput } from "@aws-sdk/client-dynamodb";
import { state } from "../../../checks/glue_etl_pipeline_tf/state.js";
import { completeWorld, partialWorld, tfNames } from "../../support/world/assessments/tf/index.js";
import { glueKeyId } from "../../support/world/assessments/tf/ops-side.js";
import { worldTransport } from "../../support/world/transport.js";
import { accessDenied, aws, ctx, grade, messageOf, N, notPassing, sdkError } from "./helpers.js";

const ddb = aws.client("dynamodb");

function typical() {
  ddb.on(DescribeTableCommand).callsFake((i: DescribeTableInput) => {
    if (i.TableName === N.metadataTable) throw sdkError("ResourceNotFoundException", 400, `Requested resource not found: Table: ${i.TableName} not found`);
    const bookmarks = i.TableName === N.bookmarksTable;
    return {
      Table: {
        TableName: i.TableName,
        TableStatus: "ACTIVE",
        KeySchema: bookmarks ? [{ AttributeName: "job_name", KeyType: "HASH" }, { AttributeName: "run_id", KeyType: "RANGE" }] : [{ AttributeName: "job_name", KeyType: "HASH" }],
        BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
        // The bookmarks table uses a KMS key; the state table DynamoDB's own key (no SSEDescription at all).
        ...(bookmarks ? { SSEDescription: { Status: "ENABLED", SSEType: "KMS", KMSMasterKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k" } } : {}),
        GlobalSecondaryIndexes: [{ IndexName: "status-index" }],
      },
    };
  });
  ddb.on(DescribeContinuousBackupsCommand, { TableName: N.bookmarksTable }).resolves({ ContinuousBackupsDescription: { ContinuousBackupsStatus: "ENABLED", PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: "ENABLED" } } });
  ddb.on(DescribeContinuousBackupsCommand, { TableName: N.jobStateTable }).resolves({ ContinuousBackupsDescription: { ContinuousBackupsStatus: "ENABLED", PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: "DISABLED" } } });
  ddb.on(DescribeContinuousBackupsCommand, { TableName: N.metadataTable }).rejects(sdkError("TableNotFoundException", 400, `Table not found: ${N.metadataTable}`));
  // Paginated by name: LastEvaluatedTableName → ExclusiveStartTableName.
  ddb.on(ListTablesCommand, { ExclusiveStartTableName: undefined }).resolves({ TableNames: ["glue-etl-pipeline-7-dev-job-bookmarks", "glue-etl-pipeline-7-dev-job-state"], LastEvaluatedTableName: "glue-etl-pipeline-7-dev-job-state" });
  ddb.on(ListTablesCommand, { ExclusiveStartTableName: "glue-etl-pipeline-7-dev-job-state" }).resolves({ TableNames: ["glue-etl-pipeline-7-dev-meta-data", "glue-etl-pipeline-s001-dev-metadata"] });
}

beforeEach(() => {
  aws.reset();
});

describe("state check (scripted answers)", () => {
  it("keys, encryption (DEFAULT without an SSEDescription) and point-in-time recovery of each table", async () => {
    typical();
    const f = await aws.collect(state, ctx());
    expect(f.bookmarks).toMatchObject({ name: N.bookmarksTable, exists: true, status: "ACTIVE", keys: ["job_name HASH", "run_id RANGE"], billingMode: "PAY_PER_REQUEST", sse: { status: "ENABLED", type: "KMS" }, pitr: "ENABLED", indexes: ["status-index"] });
    expect(f.jobState).toMatchObject({ keys: ["job_name HASH"], sse: { status: "DEFAULT", type: null, kmsKey: null }, pitr: "DISABLED" });
  });

  it("a missing table (ResourceNotFoundException) lists near-miss names across ListTables pages, other students' copies left out", async () => {
    typical();
    const f = await aws.collect(state, ctx());
    expect(f.metadata).toEqual({ name: N.metadataTable, exists: false, similar: ["glue-etl-pipeline-7-dev-meta-data"] });
    expect(ddb.commandCalls(ListTablesCommand)).toHaveLength(2);
  });

  it("AccessDenied: DescribeTable → the table's ErrorFact; DescribeContinuousBackups → only pitr is an ErrorFact", async () => {
    typical();
    ddb.on(DescribeTableCommand, { TableName: N.jobStateTable }).rejects(accessDenied("dynamodb:DescribeTable"));
    ddb.on(DescribeContinuousBackupsCommand, { TableName: N.bookmarksTable }).rejects(accessDenied("dynamodb:DescribeContinuousBackups"));
    const f = await aws.collect(state, ctx());
    expect(f.jobState).toMatchObject({ $error: { action: "dynamodb:DescribeTable", kind: "accessDenied" } });
    expect(f.bookmarks).toMatchObject({ exists: true, keys: ["job_name HASH", "run_id RANGE"], pitr: { $error: { action: "dynamodb:DescribeContinuousBackups" } } });
  });
});

describe("state graded against the Terraform worlds", () => {
  it("a complete deployment passes every criterion (the optional metadata table included)", async () => {
    const r = await grade(completeWorld("42"), "state");
    expect(notPassing(r)).toEqual({});
    expect(r.tasks[0]!.points).toBe(8);
  });

  it("the partial deployment: PITR off fails, the missing metadata table only warns (no points lost for it)", async () => {
    const r = await grade(partialWorld("42"), "state");
    expect(notPassing(r)).toEqual({ "state.bookmarks_pitr": "fail", "state.metadata_table": "warning" });
    expect(messageOf(r, "state.bookmarks_pitr")).toContain("found DISABLED");
    expect(r.tasks[0]!.points).toBe(6.5);
    expect(r.tasks[0]!.maxPoints).toBe(8);
  });

  it("--env staging grades the staging copy", async () => {
    expect(notPassing(await grade(completeWorld("42", { env: "staging" }), "state", { env: "staging" }))).toEqual({});
    expect(notPassing(await grade(partialWorld("42"), "state", { env: "staging" }))).toEqual({});
  });
});

describe("the world's DynamoDB, KMS rotation, Lambda and workflow-run handlers keep AWS semantics", () => {
  const call = (world: ReturnType<typeof completeWorld>, service: Parameters<ReturnType<typeof worldTransport>>[0]["service"], operation: string, input: unknown) =>
    worldTransport(world)({ service, region: world.region, operation, input });
  const n = tfNames("42");

  it("DynamoDB: ResourceNotFoundException / TableNotFoundException for a missing table; ListTables pages by name", async () => {
    const w = completeWorld("42");
    await expect(call(w, "dynamodb", "DescribeTable", { TableName: "nope" })).rejects.toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 400 } });
    await expect(call(w, "dynamodb", "DescribeContinuousBackups", { TableName: "nope" })).rejects.toMatchObject({ name: "TableNotFoundException" });
    const names: string[] = [];
    let start: string | undefined;
    do {
      const out = (await call(w, "dynamodb", "ListTables", { ExclusiveStartTableName: start })) as { TableNames: string[]; LastEvaluatedTableName?: string };
      expect(out.TableNames.length).toBeLessThanOrEqual(w.pageSize);
      names.push(...out.TableNames);
      start = out.LastEvaluatedTableName;
    } while (start);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining([n.bookmarksTable, n.jobStateTable, n.metadataTable, `glue-etl-pipeline-42-staging-job-state`]));
  });

  it("KMS GetKeyRotationStatus takes a key id or ARN, never an alias", async () => {
    const w = completeWorld("42");
    await expect(call(w, "kms", "GetKeyRotationStatus", { KeyId: n.glueKmsAlias })).rejects.toMatchObject({ name: "NotFoundException" });
    const byId = (await call(w, "kms", "GetKeyRotationStatus", { KeyId: glueKeyId(n) })) as { KeyRotationEnabled: boolean; RotationPeriodInDays: number };
    expect(byId).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    await expect(call(w, "kms", "GetKeyRotationStatus", { KeyId: `arn:aws:kms:${w.region}:${w.account}:key/${glueKeyId(n)}` })).resolves.toMatchObject({ KeyRotationEnabled: true });
  });

  it("Lambda GetFunctionConfiguration by name or ARN, ResourceNotFoundException (404) otherwise", async () => {
    const w = partialWorld("42");
    await expect(call(w, "lambda", "GetFunctionConfiguration", { FunctionName: `arn:aws:lambda:${w.region}:${w.account}:function:${n.monitoringLambda}` })).resolves.toMatchObject({ FunctionName: n.monitoringLambda });
    await expect(call(w, "lambda", "GetFunctionConfiguration", { FunctionName: n.dataTriggerLambda })).rejects.toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });
  });

  it("Glue GetWorkflowRuns: EntityNotFoundException for an unknown workflow; runs without their graph unless asked", async () => {
    const w = partialWorld("42");
    await expect(call(w, "glue", "GetWorkflowRuns", { Name: "nope" })).rejects.toMatchObject({ name: "EntityNotFoundException" });
    const out = (await call(w, "glue", "GetWorkflowRuns", { Name: n.workflow, MaxResults: 1 })) as { Runs: { Status: string; Graph?: unknown }[]; NextToken?: string };
    expect(out.Runs).toHaveLength(1);
    expect(out.NextToken).toBeDefined();
    expect(out.Runs[0]!.Graph).toBeUndefined();
  });
});
