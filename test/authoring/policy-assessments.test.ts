// The least-privilege policy of every other bundled assessment: each check declares every IAM action it calls,
// and the policy built for the assessment (narrowed to the rubric's names) allows every call of an end-to-end run
// on a complete, a partial and an empty account — only reads, never a secret read.
import { describe, expect, it } from "vitest";
import { AwsSession } from "../../src/aws/session.js";
import { iamAction, type ServiceId } from "../../src/aws/services.js";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { CheckContext } from "../../src/grade/check.js";
import { environmentOf } from "../../src/grade/grade.js";
import { loadRubric } from "../../src/rubric/load.js";
import { resolveNames } from "../../src/rubric/template.js";
import { actionsOf, buildPolicy, isReadAction, SECRET_READS } from "../../src/cli/policy-command.js";
import { gradeWorld } from "../support/grade-world.js";
import { worldTransport, type CallLog } from "../support/world/transport.js";
import type { World } from "../support/world/types.js";
import * as cdk from "../support/world/assessments/cdk.js";
import * as workshop from "../support/world/assessments/workshop.js";
import * as lakehouse from "../support/world/assessments/lakehouse.js";
import * as tf from "../support/world/assessments/tf/index.js";

type Case = [assessment: string, world: string, make: () => World];
const CASES: Case[] = [
  ["glue_etl_pipeline_tf", "complete", () => tf.completeWorld("s1")],
  ["glue_etl_pipeline_tf", "partial", () => tf.partialWorld("s1")],
  ["glue_etl_pipeline_tf", "empty", () => tf.emptyWorld("s1")],
  ["glue_cdk_sfn_json_to_parquet", "complete", () => cdk.completeWorld("s1")],
  ["glue_cdk_sfn_json_to_parquet", "partial", () => cdk.partialWorld("s1")],
  ["glue_cdk_sfn_json_to_parquet", "empty", () => cdk.emptyWorld("s1")],
  ["glue_sfn_orchestration_workshop", "complete", () => workshop.completeWorld("s1")],
  ["glue_sfn_orchestration_workshop", "partial", () => workshop.partialWorld("s1")],
  ["stedi_lakehouse", "complete", () => lakehouse.completeWorld("s1")],
];

/** IAM wildcard match (`*` and `?`). */
const wildcard = (pattern: string, value: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`).test(value);

async function load(id: string) {
  const assessment = (await loadAssessment(id))!;
  return { assessment, rubric: loadRubric(bundledRubric(id), catalogOf(assessment)) };
}

describe("least-privilege policy of each assessment", () => {
  it.each(CASES)("%s: every check declares the IAM actions it calls (%s world)", async (id, _w, make) => {
    const { assessment, rubric } = await load(id);
    const world = make();
    const names = resolveNames(rubric.names, { student: "s1", account: world.account, region: world.region, env: environmentOf(rubric, undefined) });
    let calls = 0;
    for (const check of assessment.checks) {
      const log: CallLog = { calls: [] };
      const session = new AwsSession({ region: world.region, transport: worldTransport(world, log) });
      await check.collect(new CheckContext(session, "s1", names, world.account));
      calls += log.calls.length;
      for (const call of log.calls) expect(check.actions, `check ${check.id} calls ${call.service}:${call.operation}`).toContain(iamAction(call.service as ServiceId, call.operation));
    }
    expect(calls).toBeGreaterThan(0);
  });

  it.each(CASES)("%s: the policy allows every call of an end-to-end run (%s world), and only reads", async (id, _w, make) => {
    const { assessment, rubric } = await load(id);
    const world = make();
    const log: CallLog = { calls: [] };
    await gradeWorld(id, world, "s1", { log });
    for (const policy of [buildPolicy([{ assessment, rubric }]), buildPolicy([{ assessment, rubric }], { student: "s1" })]) {
      for (const a of actionsOf(policy)) {
        expect(isReadAction(a), a).toBe(true);
        expect(SECRET_READS, a).not.toContain(a);
      }
      for (const call of log.calls) {
        const action = iamAction(call.service as ServiceId, call.operation);
        const input = (call.input ?? {}) as { Bucket?: unknown; Name?: unknown };
        const resource =
          call.service === "s3" && typeof input.Bucket === "string" ? `arn:aws:s3:::${input.Bucket}`
          : call.service === "glue" && call.operation === "GetDatabase" && typeof input.Name === "string" ? `arn:aws:glue:${world.region}:${world.account}:database/${input.Name}`
          : null;
        const ok = policy.Statement.some((s) => s.Action.includes(action) && (resource === null || [s.Resource].flat().some((r) => wildcard(r, resource))));
        expect(ok, `${action}${resource ? ` on ${resource}` : ""}`).toBe(true);
      }
    }
  });
});

describe("combined and narrowed policies", () => {
  it("database narrowing takes Db / database keys only (not processedBucket), with the underscore spelling", async () => {
    const { assessment, rubric } = await load("glue_etl_pipeline_tf");
    const glue = buildPolicy([{ assessment, rubric }], { student: "s1" }).Statement.find((s) => s.Sid === "GlueReadDatabases")!;
    const resources = [glue.Resource].flat();
    expect(resources).toContain("arn:aws:glue:*:*:database/glue-etl-pipeline-s1_*_catalog");
    expect(resources).toContain("arn:aws:glue:*:*:database/glue_etl_pipeline_s1_*_catalog");
    expect(resources.some((r) => /data$|data\/\*$/.test(r))).toBe(false);
  });

  it("a policy for two assessments leaves an action wide when one of them reads student-chosen resources with it", async () => {
    const cdkSource = await load("glue_cdk_sfn_json_to_parquet");
    const hard = await load("glue_hard");
    const policy = buildPolicy([hard, cdkSource], { student: "s1" });
    const log: CallLog = { calls: [] };
    const world = cdk.completeWorld("s1");
    await gradeWorld("glue_cdk_sfn_json_to_parquet", world, "s1", { log });
    for (const call of log.calls.filter((c) => (c.service === "glue" && c.operation === "GetTable") || (c.service === "s3" && c.operation === "ListObjectsV2"))) {
      const action = iamAction(call.service as ServiceId, call.operation);
      const input = call.input as { Bucket?: string; DatabaseName?: string };
      const resource = input.Bucket ? `arn:aws:s3:::${input.Bucket}` : `arn:aws:glue:${world.region}:${world.account}:database/${input.DatabaseName}`;
      expect(policy.Statement.some((s) => s.Action.includes(action) && [s.Resource].flat().some((r) => wildcard(r, resource))), `${action} on ${resource}`).toBe(true);
    }
  });
});
