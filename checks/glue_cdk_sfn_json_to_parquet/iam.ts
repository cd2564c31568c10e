// IAM — compliant: the Glue job's role is trusted by glue.amazonaws.com and has AmazonS3FullAccess and service-role/AWSGlueServiceRole; the state machine's role is trusted by states.amazonaws.com and may start, read and stop runs of the job and publish to the topic.
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { glueArn } from "../shared/arn.js";
import { allows, readRole, ROLE_ACTIONS, type RoleRead } from "../shared/iam-role.js";
import { findJob, findStateMachine, roleName } from "./discover.js";
import { topicOf } from "./sns.js";

/** Short names of managed policy ARNs: "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole" → "service-role/AWSGlueServiceRole". */
export function policyShortName(arn: string): string {
  return arn.replace(/^arn:[^:]+:iam::(aws|\d{12}):policy\//, "");
}

/** A role found: who may assume it, its managed (short names) and inline policies, documents that could not be used. */
const roleFoundSchema = z.object({
  exists: z.literal(true),
  name: z.string(),
  /** Services its trust policy lets assume it. */
  trustedBy: z.array(z.string()),
  trustParseError: z.string().optional(),
  managedPolicies: z.array(z.string()),
  inlinePolicies: z.array(z.string()),
  unreadablePolicies: z.array(z.string()).optional(),
  policiesNotRead: z.array(z.string()).optional(),
});
type RoleFound = z.infer<typeof roleFoundSchema>;

const judged = z.boolean().nullable();
/** What the state machine's role must be allowed to do: start, read and stop runs of the job, and publish to the topic. */
const allowsSchema = z.object({ "glue:StartJobRun": judged, "glue:GetJobRun": judged, "glue:GetJobRuns": judged, "glue:BatchStopJobRun": judged, "sns:Publish": judged });
type Allows = z.infer<typeof allowsSchema>;

/** A role as a fact: unknown (its owner was not found), missing, found, or an error. */
const roleFactSchema = <T extends z.ZodType>(found: T) =>
  orError(z.union([z.object({ exists: z.literal(false), why: z.string() }), z.object({ exists: z.literal(false), name: z.string() }), found]));

/** The facts of the IAM task. */
export const iamFactsSchema = z.object({
  glueRole: roleFactSchema(roleFoundSchema),
  stateMachineRole: roleFactSchema(
    roleFoundSchema.extend({
      jobArn: z.string().nullable(),
      topicArn: z.string().nullable(),
      /** Per action: granted on the job or topic; null when there is no job or topic to judge. */
      allows: orError(allowsSchema),
    }),
  ),
});
export type IamFacts = z.infer<typeof iamFactsSchema>;

type FoundRole = Extract<RoleRead, { kind: "found" }>;

/** A role read as a fact; `extra` adds facts about a role that was found. */
function roleFact<X extends object>(r: RoleRead, extra: (found: FoundRole) => X): ErrorFact | { exists: false; name: string } | (RoleFound & X) {
  if (r.kind === "error") return r.fact;
  if (r.kind === "missing") return { exists: false, name: r.name };
  return {
    exists: true,
    name: r.name,
    trustedBy: r.trust.services,
    ...(r.trust.parseError ? { trustParseError: r.trust.parseError } : {}),
    managedPolicies: r.managedPolicies.map(policyShortName),
    inlinePolicies: r.inlinePolicies,
    ...(r.unreadable.length ? { unreadablePolicies: r.unreadable } : {}),
    ...(r.notRead.policies.length ? { policiesNotRead: r.notRead.policies } : {}),
    ...extra(r),
  };
}

/** What the state machine's role may do on the job and the topic. */
function grantsOn(role: FoundRole, jobArn: string | null, topic: string | null): Allows | ErrorFact {
  const on = (action: string, arn: string | null) => (arn ? allows(role.grants, action, arn) : null);
  const judged: Allows = {
    "glue:StartJobRun": on("glue:StartJobRun", jobArn),
    "glue:GetJobRun": on("glue:GetJobRun", jobArn),
    "glue:GetJobRuns": on("glue:GetJobRuns", jobArn),
    "glue:BatchStopJobRun": on("glue:BatchStopJobRun", jobArn),
    "sns:Publish": on("sns:Publish", topic),
  };
  // A grant not found while a policy document could not be read is unknown, not missing.
  return Object.values(judged).some((v) => v === false) && role.notRead.error ? role.notRead.error : judged;
}

async function roleByName(ctx: CheckContext, name: string | null, what: string): Promise<RoleRead | { kind: "unknown"; why: string }> {
  if (!name) return { kind: "unknown", why: `the ${what} was not found, so its role is unknown` };
  return readRole(ctx, name);
}

/** IAM: both roles of the stack. */
export const iam: CheckModule<IamFacts> = {
  id: "iam",
  description: "The Glue job's role (from GetJob) and the state machine's role (from DescribeStateMachine): trust policies, managed policies, inline policy grants on the job ARN and the topic.",
  names: ["job", "jobPrefix", "stateMachine", "stateMachinePrefix", "stack"],
  actions: [...ROLE_ACTIONS, "glue:GetJob", "glue:ListJobs", "states:ListStateMachines", "states:DescribeStateMachine", "cloudformation:ListStackResources"],
  facts: iamFactsSchema,
  async collect(ctx) {
    const [job, sm] = await Promise.all([findJob(ctx), findStateMachine(ctx)]);
    const [glueRole, sfnRole] = await Promise.all([
      roleByName(ctx, job.kind === "found" ? roleName(job.job.Role) : null, "Glue job"),
      roleByName(ctx, sm.kind === "found" ? roleName(sm.roleArn) : null, "state machine"),
    ]);
    const jobArn = job.kind === "found" ? await glueArn(ctx, "job", job.name) : null;
    const topic = sm.kind === "found" ? topicOf(sm.analysis) : null;
    return {
      glueRole: glueRole.kind === "unknown" ? { exists: false, why: glueRole.why } : roleFact(glueRole, () => ({})),
      stateMachineRole: sfnRole.kind === "unknown" ? { exists: false, why: sfnRole.why } : roleFact(sfnRole, (found) => ({ jobArn, topicArn: topic, allows: grantsOn(found, jobArn, topic) })),
    };
  },
};
