// The deployed-pipeline assessments over the wire (--endpoint-url → fake AWS, every protocol their checks use:
// JSON 1.0/1.1, REST-JSON, REST-XML, awsQuery for IAM/SNS/CloudFormation): the same grades as in-process, unchanged
// by throttling, one-item pages and a crowded account; an AccessDenied on the optional stack fallback changes
// nothing, one on a required read makes exactly its criteria `error` naming the action.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeAws, type FaultOptions } from "../support/fake-aws/index.js";
import { gradeThroughFake, hermeticHome, scoresOf, statusesOf } from "../support/fake-aws/cli.js";
import { gradeWorld } from "../support/grade-world.js";
import * as cdk from "../support/world/assessments/cdk.js";
import * as tf from "../support/world/assessments/tf/index.js";
import type { World } from "../support/world/types.js";

const home = hermeticHome();
afterAll(() => home.cleanup());

async function wire(id: string, world: World, student: string, faults?: FaultOptions, args: string[] = []) {
  const fake = await startFakeAws({ world, ...(faults ? { faults } : {}) });
  try {
    const run = await gradeThroughFake(fake, student, home, args, {}, id);
    expect(run.report, run.err).toBeDefined();
    return { run, log: fake.log, faults: { ...fake.faults } };
  } finally {
    await fake.close();
  }
}

const CDK = "glue_cdk_sfn_json_to_parquet";

describe("glue_cdk_sfn_json_to_parquet over the wire", () => {
  it.each([
    ["complete", () => cdk.completeWorld("s1")],
    ["partial", () => cdk.partialWorld("s1")],
  ])("%s: the same criterion by criterion as in-process, served by every protocol without a gap", async (_k, make) => {
    const [{ run, faults }, local] = await Promise.all([wire(CDK, make(), "s1"), gradeWorld(CDK, make(), "s1")]);
    expect(scoresOf(run.report)).toEqual(scoresOf(local));
    expect(faults.unmapped + faults.noHandler + faults.handlerError).toBe(0);
  });

  it("30% throttling, two-item pages and 20 other students: the same grades", { timeout: 120_000 }, async () => {
    const clean = await gradeWorld(CDK, cdk.partialWorld("s1"), "s1");
    const { run, faults } = await wire(CDK, cdk.partialWorld("s1", { pageSize: 2, others: 20 }), "s1", { seed: 7, throttle: 0.3, maxFaultsPerCall: 2 });
    expect(scoresOf(run.report)).toEqual(scoresOf(clean));
    expect(faults.throttle).toBeGreaterThan(0);
  });

  it("AccessDenied on the stack fallback changes nothing when names find everything", async () => {
    const { run, faults } = await wire(CDK, cdk.completeWorld("s1"), "s1", { accessDenied: ["cloudformation:ListStackResources"] });
    expect(faults.accessDenied).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    expect(run.report!.score.percent).toBe(100);
  });

  it("AccessDenied on iam:GetRole makes the role criteria error (naming the action), the rest is graded, exit 2", async () => {
    const { run } = await wire(CDK, cdk.completeWorld("s1"), "s1", { accessDenied: ["iam:GetRole"] });
    const s = statusesOf(run.report);
    const errors = Object.entries(s).filter(([, v]) => v === "error").map(([k]) => k).sort();
    expect(errors).toEqual(["iam.glue_role_trust", "iam.sfn_role_trust"]);
    expect(Object.entries(s).filter(([k, v]) => !k.startsWith("iam.") && v !== "pass" && v !== "manual")).toEqual([]);
    const c = run.report!.tasks.find((t) => t.id === "iam")!.criteria.find((x) => x.id === "glue_role_trust")!;
    expect(c.action).toBe("iam:GetRole");
    expect(run.code).toBe(2);
  });
});

const TF = "glue_etl_pipeline_tf";

describe("glue_etl_pipeline_tf over the wire", () => {
  it.each([
    ["complete", () => tf.completeWorld("s1")],
    ["partial", () => tf.partialWorld("s1")],
  ])("%s: the same criterion by criterion as in-process (DynamoDB, Lambda, KMS, EC2, IAM, SNS, CloudWatch, EventBridge, S3, Glue)", async (_k, make) => {
    const [{ run, faults }, local] = await Promise.all([wire(TF, make(), "s1"), gradeWorld(TF, make(), "s1")]);
    expect(scoresOf(run.report)).toEqual(scoresOf(local));
    expect(faults.unmapped + faults.noHandler + faults.handlerError).toBe(0);
  });

  it("--env staging grades the staging deployment over the wire, whatever the dev one looks like", async () => {
    const world = () => tf.partialWorld("s1", { env: "staging" });
    const [{ run }, local] = await Promise.all([wire(TF, world(), "s1", undefined, ["--env", "staging"]), gradeWorld(TF, world(), "s1", { env: "staging" })]);
    expect(run.report!.environment).toBe("staging");
    expect(scoresOf(run.report)).toEqual(scoresOf(local));
    expect(statusesOf(run.report)["jobs.glue_version"]).toBe("fail");
    const dev = await wire(TF, world(), "s1");
    expect(dev.run.report!.score.percent).toBe(100);
  });

  it("the lambda configuration's environment values never reach the recording", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const file = join(home.dir, "tf-recorded.json");
    const { run } = await wire(TF, tf.completeWorld("s1"), "s1", undefined, ["--record", file]);
    expect(run.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("GetFunctionConfiguration");
    expect(text).toContain("<redacted>");
    // The monitoring function's SNS_TOPIC_ARN value is in the world, never in the recording (its name is).
    expect(text).toContain("SNS_TOPIC_ARN");
    expect(text).not.toMatch(/"SNS_TOPIC_ARN":\s*"arn:/);
  });
});
