// security — compliant: security configuration {p}-security-config with S3 SSE-KMS, CloudWatch SSE-KMS and job bookmarks CSE-KMS; KMS key alias/{p}-glue enabled with automatic rotation; role {p}-glue-service-role trusted by glue.amazonaws.com; VPC endpoints for s3, glue, kms, logs and dynamodb in the deployment's VPC; (optional) secret {project}/{env}/glue-connections, described, never read.
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand, type KeyMetadata } from "@aws-sdk/client-kms";
import { GetRoleCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { DescribeVpcEndpointsCommand, type VpcEndpoint } from "@aws-sdk/client-ec2";
import { DescribeSecretCommand } from "@aws-sdk/client-secrets-manager";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import { securityConfigFacts, securityConfigFactsSchema } from "../shared/security-config.js";
import { trustOf } from "../shared/trust-policy.js";
import { nearMisses } from "../shared/student-owned.js";
import { tagMap } from "../shared/tags.js";

/** The services the template's networking module gives a VPC endpoint. */
export const ENDPOINT_SERVICES = ["s3", "glue", "kms", "logs", "dynamodb"] as const;

const names = z.array(z.string());

/** The facts of the security task. */
export const securityFactsSchema = z.object({
  securityConfig: securityConfigFactsSchema,
  /** The Glue KMS key behind its alias, and whether it rotates. */
  glueKey: orError(
    z.union([
      z.object({
        alias: z.string(),
        exists: z.literal(true),
        state: z.string().nullable(),
        enabled: z.boolean().nullable(),
        manager: z.string().nullable(),
        keySpec: z.string().nullable(),
        keyId: z.string().nullable(),
        rotationEnabled: orError(z.boolean().nullable()),
        rotationPeriodDays: z.number().nullable().optional(),
      }),
      z.object({ alias: z.string(), exists: z.literal(false), similar: orError(names) }),
    ]),
  ),
  /** The Glue service role and what its trust policy lets assume it. */
  glueRole: orError(
    z.union([
      z.object({ name: z.string(), exists: z.literal(true), arn: z.string().nullable(), trustedServices: names, trustedAccounts: names, everyone: z.boolean(), parseError: z.string().optional() }),
      z.object({ name: z.string(), exists: z.literal(false), similar: orError(names) }),
    ]),
  ),
  /** The deployment's VPCs, the services with an available endpoint in them, and those endpoints. */
  vpcEndpoints: orError(
    z.object({
      vpcIds: names,
      services: names,
      missing: names,
      endpoints: z.array(z.object({ service: z.string().nullable(), type: z.string().nullable(), state: z.string().nullable(), id: z.string().nullable(), vpcId: z.string().nullable(), name: z.string().nullable() })),
    }),
  ),
  /** The connections secret (described, never read). */
  secret: orError(
    z.union([
      z.object({ name: z.string(), exists: z.boolean(), scheduledForDeletion: z.boolean(), kmsKey: z.string().nullable(), rotationEnabled: z.boolean() }),
      z.object({ name: z.string(), exists: z.literal(false) }),
    ]),
  ),
});
export type SecurityFacts = z.infer<typeof securityFactsSchema>;

/** The Glue KMS key: DescribeKey by alias, then GetKeyRotationStatus by key id (the rotation call refuses aliases). */
async function glueKey(ctx: CheckContext, alias: string): Promise<SecurityFacts["glueKey"]> {
  const d = await ctx.read("kms", new DescribeKeyCommand({ KeyId: alias }), { missing: ["NotFoundException"] });
  if (!d.ok) {
    if (!d.missing) return d.fact;
    const all = await ctx.list("kms", (m) => new ListAliasesCommand({ Marker: m }), (o) => ({ items: o.Aliases, next: o.Truncated ? o.NextMarker : undefined }));
    return { alias, exists: false, similar: all.ok ? nearMisses(alias, all.items.map((a) => a.AliasName ?? ""), ctx.student) : all.fact };
  }
  const k: KeyMetadata = d.value.KeyMetadata ?? { KeyId: undefined };
  const base = { alias, exists: true as const, state: k.KeyState ?? null, enabled: k.Enabled ?? null, manager: k.KeyManager ?? null, keySpec: k.KeySpec ?? null, keyId: k.KeyId ?? null };
  if (!k.KeyId) return { ...base, rotationEnabled: null };
  const r = await ctx.read("kms", new GetKeyRotationStatusCommand({ KeyId: k.KeyId }));
  if (!r.ok) return { ...base, rotationEnabled: r.fact };
  return { ...base, rotationEnabled: r.value.KeyRotationEnabled === true, rotationPeriodDays: r.value.RotationPeriodInDays ?? null };
}

/** The Glue service role and the services its trust policy (URL-encoded, as IAM returns it) lets assume it. */
async function glueRole(ctx: CheckContext, name: string): Promise<SecurityFacts["glueRole"]> {
  const r = await ctx.read("iam", new GetRoleCommand({ RoleName: name }), { missing: ["NoSuchEntityException", "NoSuchEntity"] });
  if (!r.ok) {
    if (!r.missing) return r.fact;
    const all = await ctx.list("iam", (m) => new ListRolesCommand({ Marker: m }), (o) => ({ items: o.Roles, next: o.IsTruncated ? o.Marker : undefined }));
    return { name, exists: false, similar: all.ok ? nearMisses(name, all.items.map((x) => x.RoleName ?? ""), ctx.student) : all.fact };
  }
  const t = trustOf(r.value.Role?.AssumeRolePolicyDocument);
  return {
    name,
    exists: true,
    arn: r.value.Role?.Arn ?? null,
    trustedServices: t.services,
    trustedAccounts: t.accounts,
    everyone: t.everyone,
    ...(t.parseError ? { parseError: t.parseError } : {}),
  };
}

/** "com.amazonaws.us-east-1.s3" → "s3" (also "cn.com.amazonaws…"); null for anything else. */
function serviceOf(e: VpcEndpoint, region: string): string | null {
  const m = /^(?:[a-z]+\.)?com\.amazonaws\.([a-z0-9-]+)\.([a-z0-9.-]+)$/.exec(e.ServiceName ?? "");
  return m && m[1] === region ? m[2]! : null;
}

/**
 * The Name tag the template gives this deployment's endpoints, exactly: `{p}-<service>-endpoint`. A prefix test would
 * also take the endpoints of a deployment whose {p} extends this one (student `a` in dev, `glue-etl-pipeline-a-dev`,
 * vs student `a-dev`, `glue-etl-pipeline-a-dev-dev`).
 */
export function endpointNamePattern(p: string): RegExp {
  const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}-[a-z0-9]+-endpoint$`);
}

/**
 * The deployment's VPC endpoints. The template tags each one Name = {p}-<service>-endpoint (and the dev provider adds
 * Project / Environment default tags): the VPCs holding an endpoint so tagged are the deployment's, and every available
 * endpoint in them counts, tagged or not.
 */
async function vpcEndpoints(ctx: CheckContext): Promise<SecurityFacts["vpcEndpoints"]> {
  const p = ctx.name("p");
  const project = ctx.name("project");
  const r = await ctx.list("ec2", (t) => new DescribeVpcEndpointsCommand({ NextToken: t }), (o) => ({ items: o.VpcEndpoints, next: o.NextToken }));
  if (!r.ok) return r.fact;
  const named = endpointNamePattern(p);
  const ours = (e: VpcEndpoint) => {
    const tags = tagMap(e.Tags);
    return named.test(tags.Name ?? "") || (tags.Project === project && `${tags.Project}-${tags.Environment}` === p);
  };
  const vpcIds = [...new Set(r.items.filter(ours).map((e) => e.VpcId ?? "").filter(Boolean))].sort();
  const inVpcs = r.items.filter((e) => vpcIds.includes(e.VpcId ?? ""));
  const available = inVpcs.filter((e) => String(e.State ?? "").toLowerCase() === "available");
  const services = [...new Set(available.map((e) => serviceOf(e, ctx.region)).filter((s): s is string => s !== null))].sort();
  return {
    vpcIds,
    services,
    missing: ENDPOINT_SERVICES.filter((s) => !services.includes(s)),
    endpoints: inVpcs.slice(0, 30).map((e) => ({
      service: serviceOf(e, ctx.region) ?? e.ServiceName ?? null,
      type: e.VpcEndpointType ?? null,
      state: e.State ?? null,
      id: e.VpcEndpointId ?? null,
      vpcId: e.VpcId ?? null,
      name: tagMap(e.Tags).Name ?? null,
    })),
  };
}

/** The connections secret: DescribeSecret only (never its value). */
async function secret(ctx: CheckContext, name: string): Promise<SecurityFacts["secret"]> {
  const r = await ctx.read("secretsmanager", new DescribeSecretCommand({ SecretId: name }), { missing: ["ResourceNotFoundException"] });
  if (!r.ok) return r.missing ? { name, exists: false } : r.fact;
  const v = r.value;
  // A secret scheduled for deletion still answers DescribeSecret, with DeletedDate.
  return { name, exists: !v.DeletedDate, scheduledForDeletion: Boolean(v.DeletedDate), kmsKey: v.KmsKeyId ?? null, rotationEnabled: v.RotationEnabled === true };
}

/** security: security configuration, Glue KMS key, Glue role, VPC endpoints, connections secret. */
export const security: CheckModule<SecurityFacts> = {
  id: "security",
  description:
    "Glue security configuration encryption modes; the Glue KMS key (DescribeKey by alias, rotation by key id); the Glue service role's trust policy; the deployment's VPC endpoints by service; the connections secret (DescribeSecret, never the value).",
  names: ["p", "project", "securityConfig", "glueKmsAlias", "glueRole", "secret"],
  actions: [
    "glue:GetSecurityConfiguration", "glue:GetSecurityConfigurations",
    "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListAliases",
    "iam:GetRole", "iam:ListRoles",
    "ec2:DescribeVpcEndpoints",
    "secretsmanager:DescribeSecret",
  ],
  facts: securityFactsSchema,
  async collect(ctx) {
    const [config, key, role, endpoints, sec] = await Promise.all([
      securityConfigFacts(ctx, ctx.name("securityConfig")),
      glueKey(ctx, ctx.name("glueKmsAlias")),
      glueRole(ctx, ctx.name("glueRole")),
      vpcEndpoints(ctx),
      secret(ctx, ctx.name("secret")),
    ]);
    return { securityConfig: config, glueKey: key, glueRole: role, vpcEndpoints: endpoints, secret: sec };
  },
};
