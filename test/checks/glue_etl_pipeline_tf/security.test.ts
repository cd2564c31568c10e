// security (glue_etl_pipeline_tf): facts from scripted Glue / KMS / IAM / EC2 / Secrets Manager answers, and the
// Terraform worlds graded end to end.
import { beforeEach, describe, expect, it } from "vitest";
import { GetSecurityConfigurationCommand } from "@aws-sdk/client-glue";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from "@aws-sdk/client-kms";
import { GetRoleCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { DescribeVpcEndpointsCommand, type VpcEndpoint } from "@aws-sdk/client-ec2";
import { DescribeSecretCommand } from "@aws-sdk/client-secrets-manager";
import { endpointNamePattern, security } from "../../../checks/glue_etl_pipeline_tf/security.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/tf/index.js";
import type { CallLog } from "../../support/world/transport.js";
import { gradeWorld } from "../../support/grade-world.js";
import { accessDenied, ACCOUNT, aws, ctx, grade, messageOf, N, notPassing, sdkError } from "./helpers.js";

const glue = aws.client("glue");
const kms = aws.client("kms");
const iam = aws.client("iam");
const ec2 = aws.client("ec2");
const sm = aws.client("secretsmanager");
const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
const trust = (service: string) => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] }));
const ep = (svc: string, vpc: string, name?: string, State = "available"): VpcEndpoint => ({
  VpcEndpointId: `vpce-${svc}-${vpc}`,
  VpcId: vpc,
  ServiceName: `com.amazonaws.us-east-1.${svc}`,
  State: State as VpcEndpoint["State"],
  ...(name ? { Tags: [{ Key: "Name", Value: name }] } : {}),
});

function typical() {
  glue.on(GetSecurityConfigurationCommand).resolves({
    SecurityConfiguration: {
      Name: N.securityConfig,
      EncryptionConfiguration: {
        S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: "arn:k" }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: "SSE-KMS", KmsKeyArn: "arn:k" },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: "CSE-KMS", KmsKeyArn: "arn:k" },
      },
    },
  });
  kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: KEY, Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}`, KeyState: "Enabled", Enabled: true, KeyManager: "CUSTOMER", KeySpec: "SYMMETRIC_DEFAULT" } });
  kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
  iam.on(GetRoleCommand).resolves({ Role: { RoleName: N.glueRole, Path: "/", RoleId: "AROA1", Arn: `arn:aws:iam::${ACCOUNT}:role/${N.glueRole}`, CreateDate: new Date(0), AssumeRolePolicyDocument: trust("glue.amazonaws.com") } });
  // Page 1: two tagged endpoints of the deployment's VPC and another deployment's; page 2: untagged ones in the
  // deployment's VPC (counted), a pending one (not counted), and noise in other VPCs.
  ec2.on(DescribeVpcEndpointsCommand, { NextToken: undefined }).resolves({
    VpcEndpoints: [ep("s3", "vpc-a", `${N.p}-s3-endpoint`), ep("glue", "vpc-a", `${N.p}-glue-endpoint`), ep("kms", "vpc-b", "glue-etl-pipeline-s001-dev-kms-endpoint")],
    NextToken: "p2",
  });
  ec2.on(DescribeVpcEndpointsCommand, { NextToken: "p2" }).resolves({
    VpcEndpoints: [ep("logs", "vpc-a"), ep("kms", "vpc-a", undefined, "pending"), ep("dynamodb", "vpc-b"), { ...ep("dynamodb", "vpc-a"), ServiceName: "com.amazonaws.eu-west-1.dynamodb" }],
  });
  sm.on(DescribeSecretCommand).resolves({ Name: N.secret, ARN: "arn:secret", KmsKeyId: "arn:k" });
}

beforeEach(() => {
  aws.reset();
});

describe("security check (scripted answers)", () => {
  it("reads every piece; rotation is asked by key id (never the alias); the trust policy is URL-decoded", async () => {
    typical();
    const f = await aws.collect(security, ctx());
    expect(f.securityConfig).toMatchObject({ exists: true, s3Modes: ["SSE-KMS"], cloudWatchMode: "SSE-KMS", jobBookmarksMode: "CSE-KMS" });
    expect(f.glueKey).toMatchObject({ alias: N.glueKmsAlias, exists: true, state: "Enabled", keyId: KEY, rotationEnabled: true, rotationPeriodDays: 365 });
    expect(kms.commandCalls(DescribeKeyCommand)[0]!).toEqual({ KeyId: N.glueKmsAlias });
    expect(kms.commandCalls(GetKeyRotationStatusCommand)[0]!).toEqual({ KeyId: KEY });
    expect(f.glueRole).toMatchObject({ name: N.glueRole, exists: true, trustedServices: ["glue.amazonaws.com"], everyone: false });
    expect(f.secret).toEqual({ name: N.secret, exists: true, scheduledForDeletion: false, kmsKey: "arn:k", rotationEnabled: false });
  });

  it("VPC endpoints: the VPC is found by the tagged endpoints; untagged available ones count, pending ones and other VPCs do not", async () => {
    typical();
    const f = await aws.collect(security, ctx());
    expect(f.vpcEndpoints).toMatchObject({ vpcIds: ["vpc-a"], services: ["glue", "logs", "s3"], missing: ["kms", "dynamodb"] });
    expect((f.vpcEndpoints as { endpoints: unknown[] }).endpoints).toHaveLength(5);
  });

  it("missing key, role and secret: near-miss names (ListAliases by Marker, ListRoles by Marker), no rotation call", async () => {
    typical();
    kms.on(DescribeKeyCommand).rejects(sdkError("NotFoundException", 400, `Alias ${N.glueKmsAlias} is not found.`));
    kms.on(ListAliasesCommand, { Marker: undefined }).resolves({ Aliases: [{ AliasName: "alias/glue-etl-pipeline-s001-dev-glue" }], Truncated: true, NextMarker: "m" });
    kms.on(ListAliasesCommand, { Marker: "m" }).resolves({ Aliases: [{ AliasName: "alias/glue-etl-pipeline-7-dev_glue" }], Truncated: false });
    iam.on(GetRoleCommand).rejects(sdkError("NoSuchEntityException", 404, "The role cannot be found."));
    iam.on(ListRolesCommand).resolves({ Roles: [{ RoleName: "glue-etl-pipeline-7-dev-glue-service-rol", Path: "/", RoleId: "x", Arn: "arn:r", CreateDate: new Date(0) }], IsTruncated: false });
    sm.on(DescribeSecretCommand).rejects(sdkError("ResourceNotFoundException", 400, "Secrets Manager can't find the specified secret."));
    const f = await aws.collect(security, ctx());
    expect(f.glueKey).toEqual({ alias: N.glueKmsAlias, exists: false, similar: ["alias/glue-etl-pipeline-7-dev_glue"] });
    expect(f.glueRole).toEqual({ name: N.glueRole, exists: false, similar: ["glue-etl-pipeline-7-dev-glue-service-rol"] });
    expect(f.secret).toEqual({ name: N.secret, exists: false });
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(0);
  });

  it("GetKeyRotationStatus refused: only rotationEnabled is an ErrorFact; other AccessDenied stand where their values would be", async () => {
    typical();
    kms.on(GetKeyRotationStatusCommand).rejects(accessDenied("kms:GetKeyRotationStatus"));
    ec2.on(DescribeVpcEndpointsCommand, { NextToken: undefined }).rejects(Object.assign(sdkError("UnauthorizedOperation", 403, "You are not authorized to perform this operation."), { Code: "UnauthorizedOperation" }));
    iam.on(GetRoleCommand).rejects(Object.assign(sdkError("AccessDenied", 403, "not authorized to perform: iam:GetRole"), { Code: "AccessDenied" }));
    const f = await aws.collect(security, ctx());
    expect(f.glueKey).toMatchObject({ exists: true, state: "Enabled", rotationEnabled: { $error: { action: "kms:GetKeyRotationStatus", kind: "accessDenied" } } });
    expect(f.vpcEndpoints).toMatchObject({ $error: { action: "ec2:DescribeVpcEndpoints" } });
    expect(f.glueRole).toMatchObject({ $error: { action: "iam:GetRole" } });
    expect(f.securityConfig).toMatchObject({ exists: true });
  });

  it("a secret scheduled for deletion does not count; a trust policy that is not JSON is a parse error, not a throw", async () => {
    typical();
    sm.on(DescribeSecretCommand).resolves({ Name: N.secret, DeletedDate: new Date(0) });
    iam.on(GetRoleCommand).resolves({ Role: { RoleName: N.glueRole, Path: "/", RoleId: "x", Arn: "arn:r", CreateDate: new Date(0), AssumeRolePolicyDocument: "%7Bnot%20json" } });
    const f = await aws.collect(security, ctx());
    expect(f.secret).toMatchObject({ exists: false, scheduledForDeletion: true });
    expect(f.glueRole).toMatchObject({ exists: true, trustedServices: [], parseError: expect.stringContaining("invalid JSON") });
  });
});

describe("security graded against the Terraform worlds", () => {
  it("a complete deployment passes every criterion (the optional secret included) and never asks for a secret value", async () => {
    const log: CallLog = { calls: [] };
    const r = await gradeWorld("glue_etl_pipeline_tf", completeWorld("42"), "42", { only: ["security"], log });
    expect(notPassing(r)).toEqual({});
    expect(r.tasks[0]!.points).toBe(12);
    expect(log.calls.map((c) => c.operation)).not.toContain("GetSecretValue");
    // Rotation is asked by key id, as KMS requires.
    const rotation = log.calls.filter((c) => c.operation === "GetKeyRotationStatus");
    expect(rotation).toHaveLength(1);
    expect((rotation[0]!.input as { KeyId: string }).KeyId).toMatch(/^[0-9a-f]{8}-4747-/);
  });

  it("the partial deployment fails exactly its planted mistakes, naming them", async () => {
    const r = await grade(partialWorld("42"), "security");
    expect(notPassing(r)).toEqual({ "security.bookmarks_encryption": "fail", "security.glue_kms_rotation": "fail" });
    expect(messageOf(r, "security.bookmarks_encryption")).toContain("found DISABLED");
    expect(messageOf(r, "security.glue_kms_rotation")).toContain("automatic rotation is off on");
  });

  it("students a and a-dev in one account: a's endpoints are only those named glue-etl-pipeline-a-dev-<service>-endpoint, never a-dev's", async () => {
    // Student a's dev deployment is {p} = glue-etl-pipeline-a-dev; student a-dev's is glue-etl-pipeline-a-dev-dev, whose
    // endpoints (glue-etl-pipeline-a-dev-dev-kms-endpoint …) start with a's {p}- too.
    const w = completeWorld("a", { otherStudents: ["a-dev"] });
    const endpoints = w.vpcEndpoints as VpcEndpoint[];
    const name = (e: VpcEndpoint) => e.Tags?.find((t) => t.Key === "Name")?.Value ?? "";
    expect(endpoints.some((e) => name(e) === "glue-etl-pipeline-a-dev-dev-kms-endpoint")).toBe(true);
    expect(notPassing(await grade(w, "security", { student: "a" }))).toEqual({});
    // a loses its KMS endpoint: a-dev's (in another VPC) does not stand in for it.
    w.vpcEndpoints = endpoints.filter((e) => name(e) !== "glue-etl-pipeline-a-dev-kms-endpoint");
    const r = await grade(w, "security", { student: "a" });
    expect(notPassing(r)).toEqual({ "security.vpc_endpoints": "fail" });
    expect(messageOf(r, "security.vpc_endpoints")).toContain("missing: kms; found dynamodb, glue, logs and s3");
    // a-dev is graded on its own VPC only.
    expect(notPassing(await grade(w, "security", { student: "a-dev" }))).toEqual({});
  });

  it.each([
    ["glue-etl-pipeline-a-dev-s3-endpoint", true],
    ["glue-etl-pipeline-a-dev-dynamodb-endpoint", true],
    ["glue-etl-pipeline-a-dev-dev-s3-endpoint", false],
    ["glue-etl-pipeline-a-dev-s3-endpoint-old", false],
    ["glue-etl-pipeline-a-devs3-endpoint", false],
    ["xglue-etl-pipeline-a-dev-s3-endpoint", false],
  ])("endpointNamePattern(glue-etl-pipeline-a-dev) on %s: %s", (tag, yes) => expect(endpointNamePattern("glue-etl-pipeline-a-dev").test(tag)).toBe(yes));

  it("the deployment name is matched literally (regex characters escaped)", () => {
    expect(endpointNamePattern("a.b-dev").test("a.b-dev-s3-endpoint")).toBe(true);
    expect(endpointNamePattern("a.b-dev").test("axb-dev-s3-endpoint")).toBe(false);
  });

  it("--env staging grades the staging copy (its own key, role and VPC)", async () => {
    expect(notPassing(await grade(completeWorld("42", { env: "staging" }), "security", { env: "staging" }))).toEqual({});
    expect(notPassing(await grade(partialWorld("42"), "security", { env: "staging" }))).toEqual({});
  });
});
