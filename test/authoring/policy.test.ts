// The least-privilege policy: only reads, and enough for every call an end-to-end run sends (on the resources it
// sends them to); every check declares the IAM actions it really calls.
import { beforeAll, describe, expect, it } from "vitest";
import { AwsSession } from "../../src/aws/session.js";
import { iamAction, type ServiceId } from "../../src/aws/services.js";
import { bundledRubric, catalogOf, type Assessment } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { CheckContext } from "../../src/grade/check.js";
import { loadRubric } from "../../src/rubric/load.js";
import { resolveNames } from "../../src/rubric/template.js";
import type { Rubric } from "../../src/rubric/schema.js";
import { actionsOf, buildPolicy, isReadAction, READ_ACTION_ALLOW_LIST, SECRET_READS, type PolicyDocument } from "../../src/cli/policy-command.js";
import { gradeWorld } from "../support/grade-world.js";
import { completeWorld, emptyWorld, partialWorld } from "../support/world/index.js";
import { worldTransport, type CallLog } from "../support/world/transport.js";
import type { World } from "../support/world/types.js";
import { authoring } from "./helpers.js";

let assessment: Assessment;
let rubric: Rubric;
let policy: PolicyDocument;
beforeAll(async () => {
  assessment = (await loadAssessment("glue_hard"))!;
  rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
  policy = buildPolicy([{ assessment, rubric }]);
});

const WORLDS: [string, () => World][] = [
  ["complete", () => completeWorld("s1")],
  ["partial", () => partialWorld("s1")],
  ["empty", () => emptyWorld("s1")],
];

/** IAM wildcard match (`*` and `?`). */
function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return re.test(value);
}

/** The resource ARNs one logged call needs, for the actions the policy narrows; undefined = not narrowed here. */
function resourcesOf(service: string, operation: string, input: Record<string, unknown>, world: World): string[] | undefined {
  const glue = (rest: string) => `arn:aws:glue:${world.region}:${world.account}:${rest}`;
  if (service === "s3" && typeof input.Bucket === "string") return [`arn:aws:s3:::${input.Bucket}`];
  if (service === "glue" && operation === "GetDatabase") return [glue("catalog"), glue(`database/${input.Name}`)];
  if (service === "glue" && operation === "GetTables") return [glue("catalog"), glue(`database/${input.DatabaseName}`), glue(`table/${input.DatabaseName}/x`)];
  return undefined;
}

/** True when a statement of the policy allows action on resource. */
function allows(p: PolicyDocument, action: string, resource: string): boolean {
  return p.Statement.some((s) => s.Action.includes(action) && [s.Resource].flat().some((r) => wildcard(r, resource)));
}

describe("policy", () => {
  it("holds only read actions, never a secret read, and sts:GetCallerIdentity", () => {
    const actions = actionsOf(policy);
    expect(actions).toContain("sts:GetCallerIdentity");
    for (const a of actions) {
      const verb = a.split(":")[1]!;
      const read = ["Get", "List", "Describe", "Head", "BatchGet", "Search"].some((p) => verb.startsWith(p)) || READ_ACTION_ALLOW_LIST.includes(a);
      expect(read, a).toBe(true);
      expect(isReadAction(a), a).toBe(true);
      expect(SECRET_READS, a).not.toContain(a);
      expect(a, "no wildcards in actions").not.toMatch(/\*/);
    }
    expect(policy.Statement.every((s) => s.Effect === "Allow")).toBe(true);
    expect(new Set(policy.Statement.map((s) => s.Sid)).size).toBe(policy.Statement.length);
  });

  it.each([
    ["glue:CreateDatabase", false], ["s3:PutBucketPolicy", false], ["glue:GetJob", true], ["budgets:ViewBudget", true],
    ["s3:ListBucket", true], ["iam:PassRole", false], ["lambda:InvokeFunction", false], ["glue:Getaway", false],
  ] as const)("isReadAction(%s) = %s", (action, read) => {
    expect(isReadAction(action)).toBe(read);
  });

  it("is exactly the union of the declared actions of the rubric's checks, plus sts:GetCallerIdentity", () => {
    const declared = new Set(assessment.checks.flatMap((c) => c.actions));
    expect(actionsOf(policy)).toEqual([...new Set([...declared, "sts:GetCallerIdentity"])].sort());
  });

  it.each(WORLDS)("covers every call of an end-to-end run on the %s world, on its resources", async (_name, make) => {
    const world = make();
    const log: CallLog = { calls: [] };
    await gradeWorld("glue_hard", world, "s1", { log });
    expect(log.calls.length).toBeGreaterThan(20);
    const actions = new Set(actionsOf(policy));
    for (const call of log.calls) {
      const action = iamAction(call.service as ServiceId, call.operation);
      expect(actions.has(action), `${call.service}:${call.operation} → ${action}`).toBe(true);
      for (const resource of resourcesOf(call.service, call.operation, (call.input ?? {}) as Record<string, unknown>, world) ?? []) {
        expect(allows(policy, action, resource), `${action} on ${resource}`).toBe(true);
      }
    }
    // The same with the policy narrowed to this one student.
    const mine = buildPolicy([{ assessment, rubric }], { student: "s1" });
    for (const call of log.calls) {
      const action = iamAction(call.service as ServiceId, call.operation);
      for (const resource of resourcesOf(call.service, call.operation, (call.input ?? {}) as Record<string, unknown>, world) ?? [`*`]) {
        if (resource !== "*") expect(allows(mine, action, resource), `${action} on ${resource} (student s1)`).toBe(true);
      }
    }
  });

  it.each(WORLDS)("every check declares the IAM actions it calls (%s world)", async (_name, make) => {
    const world = make();
    const names = resolveNames(rubric.names, { student: "s1", account: world.account, region: world.region });
    for (const check of assessment.checks) {
      const log: CallLog = { calls: [] };
      const session = new AwsSession({ region: world.region, transport: worldTransport(world, log) });
      await check.collect(new CheckContext(session, "s1", names, world.account));
      for (const call of log.calls) {
        const action = iamAction(call.service as ServiceId, call.operation);
        expect(check.actions, `check ${check.id} calls ${call.service}:${call.operation} (${action})`).toContain(action);
      }
    }
  });

  it("narrows S3 bucket reads and Glue database reads to the rubric's names", () => {
    const s3 = policy.Statement.find((s) => s.Sid === "S3ReadDataLakeBuckets")!;
    expect(s3.Resource).toEqual(["arn:aws:s3:::enterprise-datalake-*"]);
    expect(s3.Action).toContain("s3:GetBucketPolicy");
    expect(policy.Statement.find((s) => s.Action.includes("s3:ListAllMyBuckets"))!.Resource).toBe("*");
    const glue = policy.Statement.find((s) => s.Sid === "GlueReadDatabases")!;
    expect(glue.Resource).toContain("arn:aws:glue:*:*:database/landing_*");
    expect(glue.Resource).toContain("arn:aws:glue:*:*:catalog");
    const one = buildPolicy([{ assessment, rubric }], { student: "s1", partition: "aws-cn" });
    expect(one.Statement.find((s) => s.Sid === "S3ReadDataLakeBuckets")!.Resource).toEqual(["arn:aws-cn:s3:::enterprise-datalake-s1"]);
    const wide = buildPolicy([{ assessment, rubric }], { narrow: false });
    expect(wide.Statement.every((s) => s.Resource === "*")).toBe(true);
    expect(actionsOf(wide)).toEqual(actionsOf(policy));
  });

  it("has one statement per service (plus the narrowed ones)", () => {
    const services = new Set(actionsOf(policy).map((a) => a.split(":")[0]));
    const wide = policy.Statement.filter((s) => s.Resource === "*");
    expect(wide.map((s) => s.Action[0]!.split(":")[0]).sort()).toEqual([...services].sort());
    for (const s of policy.Statement) expect(new Set(s.Action.map((a) => a.split(":")[0])).size).toBe(1);
  });

  it.each([
    [["policy", "glue_hard"], 0, /"Version": "2012-10-17"/],
    [["policy", "glue_hard", "--student", "s1"], 0, /enterprise-datalake-s1"/],
    [["policy", "glue_hard", "--no-narrow"], 0, /"Resource": "\*"/],
    [["policy", "nope"], 64, /unknown assessment "nope"/],
    [["policy", "glue_hard", "--partition", "mars"], 64, /--partition must be/],
  ] as const)("CLI: %j → exit %i", async (args, code, pattern) => {
    const r = await authoring([...args]);
    expect(r.code, r.err).toBe(code);
    expect(r.out + r.err).toMatch(pattern);
    if (code === 0) expect(() => JSON.parse(r.out)).not.toThrow();
  });
});
