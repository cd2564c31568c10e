// Task 12 check: facts from scripted Glue / Secrets Manager / IAM answers (FakeAws), trust-policy parsing, and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetSecurityConfigurationCommand, GetSecurityConfigurationsCommand } from "@aws-sdk/client-glue";
import { DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand, type DescribeSecretRequest } from "@aws-sdk/client-secrets-manager";
import { GetRoleCommand, ListRolesCommand, type Role } from "@aws-sdk/client-iam";
import { GetDataLakeSettingsCommand } from "@aws-sdk/client-lakeformation";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { security } from "../../../checks/glue_hard/security.js";
import { trustOf } from "../../../checks/shared/trust-policy.js";
import { trustDoc } from "../../support/world/parts/ops.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";
import type { CallLog } from "../../support/world/transport.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const sm = aws.client("secretsmanager");
const iam = aws.client("iam");
const lf = aws.client("lakeformation");
const names = { securityConfig: "enterprise-security-config-7" };
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");
const T = new Date("2026-11-01T00:00:00Z");
const role = (RoleName: string, AssumeRolePolicyDocument?: string): Role => ({ RoleName, Path: "/", RoleId: "AROAX", Arn: `arn:aws:iam::111122223333:role/${RoleName}`, CreateDate: T, AssumeRolePolicyDocument });

function quietDefaults() {
  glue.on(GetSecurityConfigurationCommand).resolves({ SecurityConfiguration: { Name: names.securityConfig, EncryptionConfiguration: {} } });
  sm.on(ListSecretsCommand).resolves({ SecretList: [] });
  iam.on(ListRolesCommand).resolves({ Roles: [], IsTruncated: false });
  lf.on(GetDataLakeSettingsCommand).resolves({ DataLakeSettings: { DataLakeAdmins: [] } });
}

beforeEach(() => {
  aws.reset();
});

afterEach(() => {
  // a read the test did not script would stand in the facts as an error: every test scripts what the check reads
  expect(aws.unscripted).toEqual([]);
});

describe("security check (client mock)", () => {
  it("reads the encryption modes as wire strings; absent blocks read as DISABLED", async () => {
    quietDefaults();
    glue.on(GetSecurityConfigurationCommand).resolves({
      SecurityConfiguration: {
        Name: names.securityConfig,
        EncryptionConfiguration: { S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k" }], JobBookmarksEncryption: { JobBookmarksEncryptionMode: "CSE-KMS", KmsKeyArn: "k2" } },
      },
    });
    const f = await aws.collect(security, ctx());
    expect(f.securityConfig).toEqual({
      name: "enterprise-security-config-7", exists: true, s3Modes: ["SSE-KMS"], s3KmsKey: "arn:aws:kms:us-east-1:111122223333:key/k",
      cloudWatchMode: "DISABLED", cloudWatchKmsKey: null, jobBookmarksMode: "CSE-KMS", jobBookmarksKmsKey: "k2", dataQualityMode: "DISABLED",
    });
  });

  it("a missing configuration lists near-miss names across every page", async () => {
    quietDefaults();
    glue.on(GetSecurityConfigurationCommand).rejects(new EntityNotFoundException({ message: "not found", $metadata: { httpStatusCode: 400 } }));
    glue.on(GetSecurityConfigurationsCommand, { NextToken: undefined }).resolves({ SecurityConfigurations: [{ Name: "enterprise-security-config-s001" }], NextToken: "n" });
    glue.on(GetSecurityConfigurationsCommand, { NextToken: "n" }).resolves({ SecurityConfigurations: [{ Name: "enterprise_security_config_7" }] });
    const f = await aws.collect(security, ctx());
    expect(f.securityConfig).toEqual({ name: "enterprise-security-config-7", exists: false, similar: ["enterprise_security_config_7"] });
  });

  it("finds the student's secrets by name or StudentID tag, describes them, never reads a value", async () => {
    quietDefaults();
    sm.on(ListSecretsCommand, { NextToken: undefined }).resolves({
      SecretList: [
        { Name: "rds/credentials", ARN: "arn:s1", Tags: [{ Key: "StudentID", Value: "7" }] },
        { Name: "glue/db-credentials-s001", ARN: "arn:s2", Tags: [{ Key: "StudentID", Value: "s001" }] },
        { Name: "glue/db-credentials-17", ARN: "arn:s3" },
      ],
      NextToken: "p2",
    });
    sm.on(ListSecretsCommand, { NextToken: "p2" }).resolves({ SecretList: [{ Name: "glue-db-7", ARN: "arn:s4" }, { Name: "old-7", ARN: "arn:s5", DeletedDate: T }] });
    sm.on(DescribeSecretCommand).callsFake((i: DescribeSecretRequest) =>
      i.SecretId === "arn:s1" ? { Name: "rds/credentials", RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: T, KmsKeyId: "alias/aws/secretsmanager" } : { Name: "glue-db-7" },
    );
    const f = await aws.collect(security, ctx());
    expect(f.secrets).toEqual({
      count: 2,
      names: ["rds/credentials", "glue-db-7"],
      items: [
        { name: "rds/credentials", rotationEnabled: true, rotationDays: 30, rotationSchedule: null, rotationLambda: null, lastRotated: "2026-11-01T00:00:00.000Z", customKms: false },
        { name: "glue-db-7", rotationEnabled: false, rotationDays: null, rotationSchedule: null, rotationLambda: null, lastRotated: null, customKms: false },
      ],
    });
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(sm.commandCalls(DescribeSecretCommand).map((c) => c.SecretId).sort()).toEqual(["arn:s1", "arn:s4"]);
  });

  it("decodes URL-encoded trust policies (Service as string or array), follows Marker pages, ignores other students' roles", async () => {
    quietDefaults();
    iam.on(ListRolesCommand, { Marker: undefined }).resolves({
      Roles: [role("GlueServiceRole-7", trustDoc({ Service: "glue.amazonaws.com" })), role("GlueServiceRole-17", trustDoc({ Service: "databrew.amazonaws.com" }))],
      IsTruncated: true,
      Marker: "m1",
    });
    iam.on(ListRolesCommand, { Marker: "m1" }).resolves({
      Roles: [
        role("DataBrewRole7", trustDoc({ Service: ["databrew.amazonaws.com", "Glue.amazonaws.com"] })),
        role("lf-admin-7", JSON.stringify({ Statement: { Effect: "Allow", Principal: { Service: "lakeformation.amazonaws.com" }, Action: "sts:AssumeRole" } })),
        role("xacct-7", trustDoc({ AWS: ["arn:aws:iam::210987654321:root", "111122223333"] })),
        role("denied-7", trustDoc({ Service: "lakeformation.amazonaws.com" }).replace("Allow", "Deny")),
      ],
      IsTruncated: false,
      Marker: "ignored-when-not-truncated",
    });
    const f = await aws.collect(security, ctx());
    const roles = f.roles as Record<string, unknown>;
    expect(roles.names).toEqual(["GlueServiceRole-7", "DataBrewRole7", "lf-admin-7", "xacct-7", "denied-7"]);
    expect(roles.glue).toEqual(["GlueServiceRole-7", "DataBrewRole7"]);
    expect(roles.databrew).toEqual(["DataBrewRole7"]);
    expect(roles.lakeformation).toEqual(["lf-admin-7"]);
    expect(roles.crossAccount).toEqual(["xacct-7"]);
    expect((roles.items as Record<string, unknown>[])[3]).toMatchObject({ name: "xacct-7", accounts: ["210987654321", "111122223333"], externalAccounts: ["210987654321"] });
    expect(iam.commandCalls(ListRolesCommand)).toHaveLength(2);
    expect(iam.commandCalls(GetRoleCommand)).toHaveLength(0);
  });

  it("the Lake Formation admin role: a data-lake administrator (trusting no service) or a role trusted by lakeformation.amazonaws.com, each saying which", async () => {
    quietDefaults();
    iam.on(ListRolesCommand).resolves({
      Roles: [
        role("LakeFormationAdmin-7", trustDoc({ AWS: "arn:aws:iam::111122223333:root" })),
        role("lf-service-7", trustDoc({ Service: "lakeformation.amazonaws.com" })),
        role("GlueServiceRole-7", trustDoc({ Service: "glue.amazonaws.com" })),
      ],
      IsTruncated: false,
    });
    lf.on(GetDataLakeSettingsCommand).resolves({
      DataLakeSettings: { DataLakeAdmins: [{ DataLakePrincipalIdentifier: "arn:aws:iam::111122223333:role/admins/LakeFormationAdmin-7" }, { DataLakePrincipalIdentifier: "arn:aws:iam::111122223333:user/teacher" }] },
    });
    const roles = (await aws.collect(security, ctx())).roles as Record<string, unknown>;
    expect(roles.lakeformationAdmin).toEqual(["LakeFormationAdmin-7 (a data-lake administrator)", "lf-service-7 (trusted by lakeformation.amazonaws.com)"]);
  });

  it("the Lake Formation admin role: no trusting role and the admin list unreadable is an error, not a fail", async () => {
    quietDefaults();
    lf.on(GetDataLakeSettingsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const roles = (await aws.collect(security, ctx())).roles as Record<string, unknown>;
    expect(roles.lakeformationAdmin).toMatchObject({ $error: { action: "lakeformation:GetDataLakeSettings", kind: "accessDenied" } });
  });

  it("reads the trust policy with GetRole when ListRoles leaves it out", async () => {
    quietDefaults();
    iam.on(ListRolesCommand).resolves({ Roles: [role("GlueServiceRole-7")], IsTruncated: false });
    iam.on(GetRoleCommand).resolves({ Role: role("GlueServiceRole-7", trustDoc({ Service: "glue.amazonaws.com" })) });
    const f = await aws.collect(security, ctx());
    expect((f.roles as Record<string, unknown>).glue).toEqual(["GlueServiceRole-7"]);
  });

  it("AccessDenied on ListRoles becomes an error fact naming iam:ListRoles; the other facts are still read", async () => {
    quietDefaults();
    iam.on(ListRolesCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException", Code: "AccessDenied", $metadata: { httpStatusCode: 403 } }));
    const f = await aws.collect(security, ctx());
    expect(f.roles).toMatchObject({ $error: { action: "iam:ListRoles", kind: "accessDenied" } });
    expect(f.securityConfig).toMatchObject({ exists: true });
    expect(f.secrets).toMatchObject({ count: 0 });
  });
});

describe("trust policies are student input", () => {
  it.each([
    ["URL-encoded, Service array", trustDoc({ Service: ["glue.amazonaws.com", "databrew.amazonaws.com"] }), { services: ["glue.amazonaws.com", "databrew.amazonaws.com"] }],
    ["plain JSON", '{"Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"}}]}', { services: ["glue.amazonaws.com"] }],
    ["Principal *", trustDoc({}).replace(encodeURIComponent("{}"), encodeURIComponent('"*"')), { everyone: true }],
    ["account ID principal", trustDoc({ AWS: "210987654321" }), { awsPrincipals: ["210987654321"], accounts: ["210987654321"] }],
    ["broken URL encoding", "%7B%E0%A4%A", { parseError: "not valid URL encoding" }],
    ["not JSON", encodeURIComponent("{Statement: nope"), { parseError: expect.stringContaining("invalid JSON") }],
    ["JSON but not an object", encodeURIComponent("[1,2]"), { parseError: "not a JSON object" }],
    ["Statement of the wrong type", encodeURIComponent('{"Statement":"x"}'), { services: [] }],
    ["missing", undefined, { parseError: "empty" }],
  ])("%s", (_label, doc, want) => {
    expect(trustOf(doc)).toMatchObject(want);
  });
});

describe("security task graded from worlds", () => {
  it("a complete world passes every criterion and never asks for a secret value", async () => {
    const log: CallLog = { calls: [] };
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["security"], log });
    expect(Object.values(statuses(r))).toEqual(Array(10).fill("pass"));
    expect(log.calls.some((c) => c.operation === "GetSecretValue")).toBe(false);
    expect(log.calls.filter((c) => c.operation === "ListRoles").length).toBeGreaterThan(1);
  });

  it("the partial world fails exactly the planted mistakes", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["security"] });
    const failed = Object.entries(statuses(r)).filter(([, v]) => v !== "pass").map(([k, v]) => `${k}=${v}`);
    expect(failed).toEqual(["security.cloudwatch_encryption=fail", "security.secret_rotation=fail", "security.databrew_role=fail"]);
    const cw = r.tasks[0]!.criteria.find((c) => c.id === "cloudwatch_encryption")!;
    expect(cw.message).toContain("found DISABLED");
    const rot = r.tasks[0]!.criteria.find((c) => c.id === "secret_rotation")!;
    expect(rot.message).toContain("rotation is off on");
  });
});
