// An IAM role: who may assume it, its attached managed policies, its inline policies, and whether its policies grant the actions a rubric names.
import { z } from "zod";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import type { ErrorFact, Facts } from "../src/grade/facts.js";
import { allows, readRole, ROLE_ACTIONS } from "../checks/shared/iam-role.js";
import { trustFactsSchema } from "../checks/shared/trust-policy.js";
import { nearMisses } from "../checks/shared/student-owned.js";
import { defineReader, missing, namedFacts, orError } from "./reader.js";

/**
 * Reads one role. `allows` names grants to judge: `{ s3Write: { action: "s3:PutObject", resource: "arn:aws:s3:::{bucket}/*" } }`
 * gives `allows.s3Write` true when an inline or customer-managed policy allows it unconditionally (AWS-managed policies
 * are known by name only: see `managedPolicyNames`).
 */
export const reader = defineReader({
  id: "iam.role",
  description: "An IAM role: the services and accounts its trust policy lets assume it, its attached managed policies (ARNs and names), its inline policies, and whether its inline and customer-managed policies grant the actions you name.",
  params: z.object({ name: z.string().min(1), allows: z.record(z.string(), z.object({ action: z.string().min(1), resource: z.string().default("*") }).strict()).default({}) }).strict(),
  facts: namedFacts({
    arn: z.string().nullable(),
    trust: trustFactsSchema,
    managedPolicies: z.array(z.string()),
    managedPolicyNames: z.array(z.string()),
    inlinePolicies: z.array(z.string()),
    grants: z.array(z.object({ effect: z.string(), actions: z.array(z.string()), resources: z.array(z.string()), conditional: z.boolean() })),
    unreadable: z.array(z.string()),
    allows: z.record(z.string(), orError(z.boolean())),
  }),
  actions: [...ROLE_ACTIONS, "iam:ListRoles"],
  async read(ctx, { name, allows: wanted }) {
    const r = await readRole(ctx, name);
    if (r.kind === "error") return r.fact as unknown as Facts;
    if (r.kind === "missing") {
      const all = await ctx.list("iam", (t) => new ListRolesCommand({ Marker: t }), (o) => ({ items: o.Roles?.map((x) => x.RoleName ?? ""), next: o.IsTruncated ? o.Marker : undefined }));
      return missing(name, all.ok ? nearMisses(name, all.items, ctx.student) : all.fact);
    }
    // A grant not found while some policy could not be read is unknown, not false.
    const judged: Record<string, boolean | ErrorFact> = {};
    for (const [key, g] of Object.entries(wanted)) {
      const yes = allows(r.grants, g.action, g.resource);
      judged[key] = yes || !r.notRead.error ? yes : r.notRead.error;
    }
    return {
      name,
      exists: true,
      arn: r.arn,
      trust: r.trust,
      managedPolicies: r.managedPolicies,
      managedPolicyNames: r.managedPolicies.map((p) => p.split("/").pop() ?? p),
      inlinePolicies: r.inlinePolicies,
      grants: r.grants,
      unreadable: r.unreadable,
      allows: judged,
    } as unknown as Facts;
  },
});
