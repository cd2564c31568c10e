// glue_cdk_sfn_json_to_parquet graded end to end against simulated accounts: a complete deployment, the planted
// mistakes, nothing deployed, and the ways a deployment is found (suffix under another environment, the stack).
import { describe, expect, it } from "vitest";
import { gradeWorld, messageOf, statuses } from "../../support/grade-world.js";
import { compose } from "../../support/world/index.js";
import { completeWorld, deployment, emptyWorld, partialWorld, PARTIAL_FAILS } from "../../support/world/assessments/cdk.js";

const ID = "glue_cdk_sfn_json_to_parquet";
const automatic = (s: Record<string, string>) => Object.entries(s).filter(([, v]) => v !== "manual");

describe("glue_cdk_sfn_json_to_parquet worlds", () => {
  it("a complete deployment passes every automatic criterion (100%)", async () => {
    const r = await gradeWorld(ID, completeWorld("42"), "42");
    expect(automatic(statuses(r)).filter(([, v]) => v !== "pass")).toEqual([]);
    expect(r.score.percent).toBe(100);
    expect(r.score.manualPoints).toBe(10);
  });

  it("the partial deployment fails exactly the planted mistakes, each named in its message", async () => {
    const r = await gradeWorld(ID, partialWorld("42"), "42");
    const failing = automatic(statuses(r)).filter(([, v]) => v !== "pass").map(([k]) => k);
    expect(failing.sort()).toEqual([...PARTIAL_FAILS].sort());
    const msg = (id: string) => messageOf(r, id);
    expect(msg("glue_job.glue_version")).toContain("found 4.0");
    expect(msg("glue_job.max_concurrency")).toContain("found 3");
    expect(msg("iam.glue_role_policies")).toContain("missing: AmazonS3FullAccess; found service-role/AWSGlueServiceRole");
    expect(msg("iam.sfn_role_glue")).toContain("glue:BatchStopJobRun no");
    expect(msg("state_machine.job_retry")).toContain("the retry has max attempts 2");
    expect(msg("schedule.rule_schedule")).toContain("found cron(40 * * * ? *)");
    expect(msg("state_machine.sm_timeout")).toContain("expected 7200, found none");
    // The older template's name carries no suffix: the state machine is attributed through the stack.
    const sm = r.tasks.find((t) => t.id === "state_machine")!.criteria.find((c) => c.id === "sm_exists")!;
    expect(sm.status).toBe("pass");
  });

  it("an account where the student deployed nothing fails the three anchors once and skips the rest", async () => {
    const r = await gradeWorld(ID, emptyWorld("42"), "42");
    const s = statuses(r);
    expect(automatic(s).filter(([, v]) => v === "fail").map(([k]) => k).sort()).toEqual(["glue_job.job_exists", "schedule.rule_exists", "state_machine.sm_exists"]);
    expect(automatic(s).filter(([, v]) => v !== "fail" && v !== "skipped")).toEqual([]);
    expect(r.score.percent).toBe(0);
  });

  it("finds a deployment of another environment by its -{student} suffix, and never another student's", async () => {
    const base = { account: "123456789012", region: "us-east-1", pageSize: 2 };
    const world = compose(base, [deployment(base, "s001"), deployment(base, "42", {}, "PROD")]);
    const r = await gradeWorld(ID, world, "42");
    expect(r.score.percent).toBe(100);
    const other = await gradeWorld(ID, world, "s002");
    expect(other.score.percent).toBe(0);
  });

  it.each(["1", "us", "east", "dev", "DEV", "123456789012", "s00"])("student %s, who deployed nothing, gets nothing from the names of other deployments", async (student) => {
    const r = await gradeWorld(ID, emptyWorld(student), student);
    expect(r.score.points).toBe(0);
  });

  it("a state machine that runs a classmate's job does not make that job the student's", async () => {
    const base = { account: "123456789012", region: "us-east-1", pageSize: 2 };
    const mine = deployment(base, "42");
    const theirs = deployment(base, "s001");
    // Student 42 deleted their own job and points their state machine at s001's.
    const sm = (mine.stateMachines as { definition: string }[])[0]!;
    sm.definition = sm.definition.replace("json-to-pq-123456789012-us-east-1-DEV-42", "json-to-pq-123456789012-us-east-1-DEV-s001");
    mine.jobs = [];
    mine.cfnStacks = {};
    const r = await gradeWorld(ID, compose(base, [theirs, mine]), "42");
    const s = statuses(r);
    expect(s["glue_job.job_exists"]).toBe("fail");
    expect(s["state_machine.job_task_sync"]).toBe("fail");
  });

  it("--env spells the expected names; the rubric refuses an environment it does not declare", async () => {
    const r = await gradeWorld(ID, emptyWorld("42"), "42", { env: "prod" });
    expect(r.environment).toBe("PROD");
    const sm = r.tasks.find((t) => t.id === "state_machine")!.criteria.find((c) => c.id === "sm_exists")!;
    expect(sm.expected).toContain("STF-Glue-json-to-pq-123456789012-us-east-1-PROD-42");
    await expect(gradeWorld(ID, emptyWorld("42"), "42", { env: "staging" })).rejects.toThrow(/DEV, TEST, PROD/);
  });
});

/** Student 42's deployment with the state machine role's grants in a customer-managed policy instead of inline. */
function managedPolicyWorld() {
  const base = { account: "123456789012", region: "us-east-1", pageSize: 2 };
  const mine = deployment(base, "42");
  const [roleName, inline] = Object.entries(mine.iamRolePolicies as Record<string, Record<string, string>>)[0]!;
  const arn = "arn:aws:iam::123456789012:policy/PipelineRunner";
  mine.iamRolePolicies = {};
  mine.iamManagedPolicies = { [arn]: Object.values(inline)[0]! };
  (mine.iamAttachedPolicies as Record<string, unknown[]>)[roleName] = [{ PolicyName: "PipelineRunner", PolicyArn: arn }];
  return { world: compose(base, [mine]), arn };
}

describe("the state machine role's grants", () => {
  it("count from a customer-managed policy as from an inline one; AWS-managed policies are known by name, not read", async () => {
    const { world, arn } = managedPolicyWorld();
    const log = { calls: [] as { service: string; operation: string; input?: unknown }[] };
    const r = await gradeWorld(ID, world, "42", { log: log as never });
    expect(statuses(r)["iam.sfn_role_glue"]).toBe("pass");
    expect(statuses(r)["iam.sfn_role_sns"]).toBe("pass");
    const policyReads = log.calls.filter((c) => c.operation === "GetPolicy").map((c) => (c.input as { PolicyArn: string }).PolicyArn);
    expect(policyReads).toEqual([arn]);
  });
});

describe("an unreadable role policy", () => {
  it("makes only the grant criteria `error` (naming iam:GetPolicyVersion); trust and managed policies are still graded", async () => {
    const { world } = managedPolicyWorld();
    const r = await gradeWorld(ID, world, "42", {
      wrap: (inner) => async (call) => {
        if (call.operation === "GetPolicyVersion") throw Object.assign(new Error("not authorized to perform iam:GetPolicyVersion"), { name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 } });
        return inner(call);
      },
    });
    const s = statuses(r);
    expect(s["iam.sfn_role_trust"]).toBe("pass");
    expect(s["iam.glue_role_policies"]).toBe("pass");
    expect(s["iam.sfn_role_glue"]).toBe("error");
    expect(s["iam.sfn_role_sns"]).toBe("error");
    expect(r.tasks[0]!.criteria.find((c) => c.id === "sfn_role_glue")!.action).toBe("iam:GetPolicyVersion");
  });
});
