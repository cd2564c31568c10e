// Task 12 — compliant: security configuration enterprise-security-config-{student} encrypts S3 with SSE-KMS, CloudWatch logs with SSE-KMS and job bookmarks with CSE-KMS; a Secrets Manager secret of the student has rotation on; the student's IAM roles are trusted by Glue and DataBrew, one is the Lake Formation admin (a data-lake administrator or trusted by lakeformation.amazonaws.com), and one trusts an AWS account (cross-account access).
import { DescribeSecretCommand, ListSecretsCommand, type SecretListEntry } from "@aws-sdk/client-secrets-manager";
import { GetRoleCommand, ListRolesCommand, type Role } from "@aws-sdk/client-iam";
import { GetDataLakeSettingsCommand } from "@aws-sdk/client-lakeformation";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { tagMap } from "../shared/tags.js";
import { mentionsStudent, taggedForStudent } from "../shared/student-owned.js";
import { trustFactsSchema, trustOf } from "../shared/trust-policy.js";
import { securityConfigFacts, securityConfigFactsSchema } from "../shared/security-config.js";

/** At most this many of the student's secrets / roles are described (a bound on calls). */
const MAX_SECRETS = 10;
const MAX_ROLES = 30;

/** One secret of the student, described (never its value). */
const secretFactsSchema = z.union([
  z.object({ name: z.string(), rotationEnabled: z.literal(false), deleted: z.literal(true) }),
  z.object({
    name: z.string(),
    rotationEnabled: z.boolean(),
    rotationDays: z.number().nullable(),
    rotationSchedule: z.string().nullable(),
    rotationLambda: z.string().nullable(),
    lastRotated: z.string().nullable(),
    customKms: z.boolean(),
  }),
]);

/** One role of the student and who its trust policy lets assume it. */
const roleFactsSchema = z.object({ name: z.string(), ...trustFactsSchema.shape, externalAccounts: z.array(z.string()) });
type RoleFacts = z.infer<typeof roleFactsSchema>;

/** Names (of roles, or the services they trust), or the error of a role that could not be read when none was found. */
const roleNamesSchema = orError(z.array(z.string()));
type RoleNames = z.infer<typeof roleNamesSchema>;

/** The facts of Task 12. */
export const securityFactsSchema = z.object({
  securityConfig: securityConfigFactsSchema,
  secrets: orError(z.object({ count: z.number(), names: z.array(z.string()), items: z.array(orError(secretFactsSchema)) })),
  roles: orError(
    z.object({
      count: z.number(),
      names: z.array(z.string()),
      items: z.array(orError(roleFactsSchema)),
      trustedServices: roleNamesSchema,
      glue: roleNamesSchema,
      databrew: roleNamesSchema,
      lakeformation: roleNamesSchema,
      /** "role (why)": a data-lake administrator, or trusted by lakeformation.amazonaws.com. */
      lakeformationAdmin: roleNamesSchema,
      crossAccount: roleNamesSchema,
    }),
  ),
});
export type SecurityFacts = z.infer<typeof securityFactsSchema>;

/** The student's secrets (name mentions the student or tag StudentID), described one by one. Never reads a value. */
async function secrets(ctx: CheckContext): Promise<SecurityFacts["secrets"]> {
  const all = await ctx.list("secretsmanager", (t) => new ListSecretsCommand({ NextToken: t }), (o) => ({ items: o.SecretList, next: o.NextToken }));
  if (!all.ok) return all.fact;
  const mine = all.items.filter((s: SecretListEntry) => !s.DeletedDate && (mentionsStudent(s.Name, ctx.student) || taggedForStudent(tagMap(s.Tags), ctx.student)));
  const items = await Promise.all(
    mine.slice(0, MAX_SECRETS).map(async (s): Promise<z.infer<typeof secretFactsSchema> | ErrorFact> => {
      const d = await ctx.read("secretsmanager", new DescribeSecretCommand({ SecretId: s.ARN ?? s.Name }), { missing: ["ResourceNotFoundException"] });
      if (!d.ok) return d.missing ? { name: s.Name ?? "", rotationEnabled: false, deleted: true } : d.fact;
      const v = d.value;
      return {
        name: v.Name ?? s.Name ?? "",
        // RotationEnabled may be absent: only `true` counts.
        rotationEnabled: v.RotationEnabled === true,
        rotationDays: v.RotationRules?.AutomaticallyAfterDays ?? null,
        rotationSchedule: v.RotationRules?.ScheduleExpression ?? null,
        rotationLambda: v.RotationLambdaARN ?? null,
        lastRotated: v.LastRotatedDate ? new Date(v.LastRotatedDate).toISOString() : null,
        customKms: v.KmsKeyId !== undefined && v.KmsKeyId !== "" && !/alias\/aws\/secretsmanager$/.test(v.KmsKeyId),
      };
    }),
  );
  return { count: mine.length, names: mine.map((s) => s.Name ?? ""), items };
}

/** The role names registered as Lake Formation data-lake administrators (account-wide), or why they could not be read. */
async function dataLakeAdminRoles(ctx: CheckContext): Promise<{ ok: true; names: Set<string> } | { ok: false; fact: ErrorFact }> {
  // The same call as Task 3's check: the session memoises it.
  const r = await ctx.read("lakeformation", new GetDataLakeSettingsCommand({}));
  if (!r.ok) return { ok: false, fact: r.fact };
  const names = new Set<string>();
  for (const a of r.value.DataLakeSettings?.DataLakeAdmins ?? []) {
    const m = /^arn:[\w-]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(a.DataLakePrincipalIdentifier ?? "");
    if (m) names.add(m[1]!);
  }
  return { ok: true, names };
}

/** The student's IAM roles (name mentions the student) and who each trusts. */
async function roles(ctx: CheckContext): Promise<SecurityFacts["roles"]> {
  const adminsRead = dataLakeAdminRoles(ctx);
  const all = await ctx.list("iam", (m) => new ListRolesCommand({ Marker: m }), (o) => ({ items: o.Roles, next: o.IsTruncated ? o.Marker : undefined }));
  if (!all.ok) return all.fact;
  const mine = all.items.filter((r: Role) => mentionsStudent(r.RoleName, ctx.student)).slice(0, MAX_ROLES);
  const items = await Promise.all(
    mine.map(async (r): Promise<RoleFacts | ErrorFact> => {
      let doc = r.AssumeRolePolicyDocument;
      if (doc === undefined && r.RoleName) {
        const g = await ctx.read("iam", new GetRoleCommand({ RoleName: r.RoleName }), { missing: ["NoSuchEntityException", "NoSuchEntity"] });
        if (!g.ok && !g.missing) return g.fact;
        doc = g.ok ? g.value.Role?.AssumeRolePolicyDocument : undefined;
      }
      const t = trustOf(doc);
      const own = await ctx.accountId();
      return { name: r.RoleName ?? "", ...t, externalAccounts: t.accounts.filter((a) => a !== own) };
    }),
  );
  const ok = items.filter((i): i is RoleFacts => !isErrorFact(i));
  const firstError = items.find(isErrorFact);
  // An empty list while some role could not be read is not a "no": it stands as the error.
  const namesOr = (names: string[]): RoleNames => (names.length === 0 && firstError ? firstError : names);
  const trusting = (svc: string) => namesOr(ok.filter((i) => i.services.includes(svc)).map((i) => i.name));
  return {
    count: mine.length,
    names: mine.map((r) => r.RoleName ?? ""),
    items,
    trustedServices: namesOr([...new Set(ok.flatMap((i) => i.services))]),
    glue: trusting("glue.amazonaws.com"),
    databrew: trusting("databrew.amazonaws.com"),
    lakeformation: trusting("lakeformation.amazonaws.com"),
    // The Lake Formation admin role: a role of the student registered as a data-lake administrator (the usual setup:
    // people assume it, nothing trusts the service), or one trusted by lakeformation.amazonaws.com. Each says which.
    lakeformationAdmin: lakeFormationAdmins(ok, await adminsRead),
    // Cross-account access role: any role of the student that an AWS account principal may assume (the student's own
    // account counts: a lab account usually has no second account to share the catalog with).
    crossAccount: namesOr(ok.filter((i) => i.awsPrincipals.length > 0).map((i) => i.name)),
  };
}

/** The student's roles that serve as the Lake Formation admin role, each with why ("… (a data-lake administrator)"). */
function lakeFormationAdmins(roles: readonly { name: string; services: string[] }[], admins: Awaited<ReturnType<typeof dataLakeAdminRoles>>): RoleNames {
  const found: string[] = [];
  for (const r of roles) {
    const isAdmin = admins.ok && admins.names.has(r.name);
    const trusts = r.services.includes("lakeformation.amazonaws.com");
    if (isAdmin && trusts) found.push(`${r.name} (a data-lake administrator, trusted by lakeformation.amazonaws.com)`);
    else if (isAdmin) found.push(`${r.name} (a data-lake administrator)`);
    else if (trusts) found.push(`${r.name} (trusted by lakeformation.amazonaws.com)`);
  }
  // no role found while the admin list could not be read: unknown, not "no"
  return found.length === 0 && !admins.ok ? admins.fact : found;
}

/** Task 12: security configuration, secrets rotation, IAM role trust. */
export const security: CheckModule<SecurityFacts> = {
  id: "security",
  description: "Glue security configuration encryption modes; the student's Secrets Manager secrets (rotation, never the value); the student's IAM roles, the principals their trust policies allow, and which are Lake Formation data-lake administrators.",
  names: ["securityConfig"],
  actions: ["glue:GetSecurityConfiguration", "glue:GetSecurityConfigurations", "secretsmanager:ListSecrets", "secretsmanager:DescribeSecret", "iam:ListRoles", "iam:GetRole", "lakeformation:GetDataLakeSettings"],
  facts: securityFactsSchema,
  async collect(ctx) {
    const [securityConfig, secretFacts, roleFacts] = await Promise.all([securityConfigFacts(ctx, ctx.name("securityConfig")), secrets(ctx), roles(ctx)]);
    return { securityConfig, secrets: secretFacts, roles: roleFacts };
  },
};
