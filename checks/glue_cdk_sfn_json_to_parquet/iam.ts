// IAM — compliant: the Glue job's role is trusted by glue.amazonaws.com and has AmazonS3FullAccess and service-role/AWSGlueServiceRole; the state machine's role is trusted by states.amazonaws.com and may start, read and stop runs of the job and publish to the topic.
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import type { ErrorFact, Json } from "../../src/grade/facts.js";
import { glueArn } from "../shared/arn.js";
import { allows, readRole, ROLE_ACTIONS, type RoleRead } from "../shared/iam-role.js";
import { findJob, findStateMachine, roleName } from "./discover.js";
import { topicOf } from "./sns.js";

/** What the state machine's role must be allowed to do on the job. */
export const JOB_ACTIONS = ["glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"] as const;

/** Short names of managed policy ARNs: "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole" → "service-role/AWSGlueServiceRole". */
export function policyShortName(arn: string): string {
  return arn.replace(/^arn:[^:]+:iam::(aws|\d{12}):policy\//, "");
}

function roleFact(r: RoleRead, extra: Record<string, Json> = {}): Json | ErrorFact {
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
    ...extra,
  };
}

async function roleByName(ctx: CheckContext, name: string | null, what: string): Promise<RoleRead | { kind: "unknown"; why: string }> {
  if (!name) return { kind: "unknown", why: `the ${what} was not found, so its role is unknown` };
  return readRole(ctx, name);
}

/** IAM: both roles of the stack. */
export const iam: CheckModule = {
  id: "iam",
  description: "The Glue job's role (from GetJob) and the state machine's role (from DescribeStateMachine): trust policies, managed policies, inline policy grants on the job ARN and the topic.",
  names: ["job", "jobPrefix", "stateMachine", "stateMachinePrefix", "stack"],
  actions: [...ROLE_ACTIONS, "glue:GetJob", "glue:ListJobs", "states:ListStateMachines", "states:DescribeStateMachine", "cloudformation:ListStackResources"],
  async collect(ctx) {
    const [job, sm] = await Promise.all([findJob(ctx), findStateMachine(ctx)]);
    const [glueRole, sfnRole] = await Promise.all([
      roleByName(ctx, job.kind === "found" ? roleName(job.job.Role) : null, "Glue job"),
      roleByName(ctx, sm.kind === "found" ? roleName(sm.roleArn) : null, "state machine"),
    ]);
    const jobArn = job.kind === "found" ? glueArn(ctx, "job", job.name) : null;
    const topic = sm.kind === "found" ? topicOf(sm.analysis) : null;
    let sfnAllows: Record<string, Json> | ErrorFact = {};
    if (sfnRole.kind === "found") {
      for (const a of JOB_ACTIONS) sfnAllows[a] = jobArn ? allows(sfnRole.grants, a, jobArn) : null;
      sfnAllows["sns:Publish"] = topic ? allows(sfnRole.grants, "sns:Publish", topic) : null;
      // A grant not found while a policy document could not be read is unknown, not missing.
      const missing = Object.values(sfnAllows).some((v) => v === false);
      if (missing && sfnRole.notRead.error) sfnAllows = sfnRole.notRead.error;
    }
    return {
      glueRole: glueRole.kind === "unknown" ? { exists: false, why: glueRole.why } : roleFact(glueRole),
      stateMachineRole: sfnRole.kind === "unknown" ? { exists: false, why: sfnRole.why } : roleFact(sfnRole, { jobArn, topicArn: topic, allows: sfnAllows as Json }),
    };
  },
};
