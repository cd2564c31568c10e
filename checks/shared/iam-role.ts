// An IAM role as facts: who may assume it, its managed policies, and what its inline and customer-managed policies
// allow on which resources (wildcards in actions and resources understood). Policies are student input: parsed
// defensively. AWS-managed policies are known by name and not read.
import { GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import type { CheckContext } from "../../src/grade/check.js";
import type { ErrorFact } from "../../src/grade/facts.js";
import { isObject, parsePolicyDocument, policyStatements, stringList } from "./parse-json.js";
import { trustOf, type TrustFacts } from "./trust-policy.js";

/** At most this many inline, and this many customer-managed, policies are read per role (a bound on calls). */
const MAX_INLINE = 10;
const MAX_CUSTOMER_MANAGED = 10;

/** One Allow or Deny statement, reduced to its actions and resources. */
export type PolicyGrant = { effect: "Allow" | "Deny"; actions: string[]; resources: string[]; conditional: boolean };

/** A role as read. */
export type RoleRead =
  | {
      kind: "found";
      name: string;
      arn: string | null;
      trust: TrustFacts;
      managedPolicies: string[];
      inlinePolicies: string[];
      grants: PolicyGrant[];
      /** Documents that are not valid policies. */
      unreadable: string[];
      /** Documents that could not be read (permissions, throttling) or were past the bounds: `grants` may be incomplete. */
      notRead: { policies: string[]; error?: ErrorFact };
    }
  | { kind: "missing"; name: string }
  | { kind: "error"; fact: ErrorFact };

/** The IAM actions `readRole` calls. */
export const ROLE_ACTIONS = ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:GetPolicy", "iam:GetPolicyVersion"] as const;

/** The default version's document of a customer-managed policy (URL-encoded), or why it could not be read. */
async function managedDocument(ctx: CheckContext, arn: string): Promise<{ ok: true; doc: string | undefined } | { ok: false; fact: ErrorFact } | { ok: false; fact?: undefined }> {
  const p = await ctx.read("iam", new GetPolicyCommand({ PolicyArn: arn }), { missing: ["NoSuchEntityException", "NoSuchEntity"] });
  if (!p.ok) return p.missing ? { ok: false } : { ok: false, fact: p.fact };
  const version = p.value.Policy?.DefaultVersionId;
  if (!version) return { ok: true, doc: undefined };
  const v = await ctx.read("iam", new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version }), { missing: ["NoSuchEntityException", "NoSuchEntity"] });
  if (!v.ok) return v.missing ? { ok: false } : { ok: false, fact: v.fact };
  return { ok: true, doc: v.value.PolicyVersion?.Document };
}

/** The grants of a policy document (URL-encoded or plain JSON); a document that cannot be read yields none. */
export function policyGrants(doc: string | undefined): { grants: PolicyGrant[]; parseError?: string } {
  const parsed = parsePolicyDocument(doc);
  if (!parsed.ok) return { grants: [], parseError: parsed.error };
  if (!isObject(parsed.value)) return { grants: [], parseError: "not a JSON object" };
  return {
    grants: policyStatements(parsed.value)
      .slice(0, 100)
      .filter((s) => s.Effect === "Allow" || s.Effect === "Deny")
      .map((s) => ({ effect: s.Effect as "Allow" | "Deny", actions: stringList(s.Action).slice(0, 200), resources: stringList(s.Resource).slice(0, 200), conditional: s.Condition !== undefined })),
  };
}

/** IAM wildcard match (`*` any run, `?` one character); actions compare without case, resources with. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, ignoreCase ? "i" : "");
  return re.test(value);
}

/** True when an unconditional Allow grants `action` on `resource` and no Deny takes it away. */
export function allows(grants: readonly PolicyGrant[], action: string, resource: string): boolean {
  const covers = (g: PolicyGrant) => g.actions.some((a) => wildcard(a, action, true)) && g.resources.some((r) => wildcard(r, resource, false));
  return grants.some((g) => g.effect === "Allow" && !g.conditional && covers(g)) && !grants.some((g) => g.effect === "Deny" && covers(g));
}

/** GetRole, its attached managed policies and its inline policies' grants. */
export async function readRole(ctx: CheckContext, name: string): Promise<RoleRead> {
  const role = await ctx.read("iam", new GetRoleCommand({ RoleName: name }), { missing: ["NoSuchEntityException", "NoSuchEntity"] });
  if (!role.ok) return role.missing ? { kind: "missing", name } : { kind: "error", fact: role.fact };
  const [attached, inline] = await Promise.all([
    ctx.list("iam", (t) => new ListAttachedRolePoliciesCommand({ RoleName: name, Marker: t }), (o) => ({ items: o.AttachedPolicies, next: o.IsTruncated ? o.Marker : undefined })),
    ctx.list("iam", (t) => new ListRolePoliciesCommand({ RoleName: name, Marker: t }), (o) => ({ items: o.PolicyNames, next: o.IsTruncated ? o.Marker : undefined })),
  ]);
  if (!attached.ok) return { kind: "error", fact: attached.fact };
  if (!inline.ok) return { kind: "error", fact: inline.fact };
  const customer = attached.items.map((p) => p.PolicyArn ?? "").filter((arn) => arn && !/^arn:[^:]+:iam::aws:policy\//.test(arn)).slice(0, MAX_CUSTOMER_MANAGED);
  const [docs, managed] = await Promise.all([
    Promise.all(inline.items.slice(0, MAX_INLINE).map((p) => ctx.read("iam", new GetRolePolicyCommand({ RoleName: name, PolicyName: p }), { missing: ["NoSuchEntityException"] }))),
    Promise.all(customer.map((arn) => managedDocument(ctx, arn))),
  ]);
  // A document that cannot be read leaves the grants incomplete, not the role unknown: trust and attachments still count.
  const notRead: string[] = [...inline.items.slice(MAX_INLINE), ...attached.items.map((p) => p.PolicyArn ?? "").filter((arn) => arn && !/^arn:[^:]+:iam::aws:policy\//.test(arn)).slice(MAX_CUSTOMER_MANAGED)];
  let error: ErrorFact | undefined;
  docs.forEach((d, i) => {
    if (!d.ok && !d.missing) (notRead.push(inline.items[i]!), (error ??= d.fact));
  });
  managed.forEach((m, i) => {
    if (!m.ok && m.fact) (notRead.push(customer[i]!), (error ??= m.fact));
  });
  const grants: PolicyGrant[] = [];
  const unreadable: string[] = [];
  const read = (label: string, doc: string | undefined) => {
    const g = policyGrants(doc);
    if (g.parseError) unreadable.push(`${label}: ${g.parseError}`);
    grants.push(...g.grants);
  };
  docs.forEach((d, i) => d.ok && read(inline.items[i]!, d.value.PolicyDocument));
  managed.forEach((m, i) => m.ok && read(customer[i]!, m.doc));
  return {
    kind: "found",
    name,
    arn: role.value.Role?.Arn ?? null,
    trust: trustOf(role.value.Role?.AssumeRolePolicyDocument),
    managedPolicies: attached.items.map((p) => p.PolicyArn ?? p.PolicyName ?? "").filter(Boolean),
    inlinePolicies: inline.items,
    grants,
    unreadable,
    notRead: { policies: notRead, ...(error ? { error } : {}) },
  };
}
