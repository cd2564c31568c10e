// The caller's identity (STS) in flight while checks run: reads that need no account go out at once, ARN-building
// reads wait for it, and a failed identity call stops every further read.
import { describe, expect, it } from "vitest";
import { GetDatabaseCommand } from "@aws-sdk/client-glue";
import { AwsSession } from "../../src/aws/session.js";
import { CheckContext, type Caller } from "../../src/grade/check.js";
import { gradeStudent } from "../../src/grade/grade.js";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { loadRubric } from "../../src/rubric/load.js";
import { completeWorld } from "../support/world/index.js";
import { worldTransport, type CallLog } from "../support/world/transport.js";
import { gradeWorld, statuses } from "../support/grade-world.js";

function deferred(): { promise: Promise<Caller>; resolve: (c: Caller) => void; reject: (e: Error) => void } {
  let resolve!: (c: Caller) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<Caller>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe("the caller in flight", () => {
  it("grading sends the by-name reads before STS answers; the ARN reads wait for the account and use it", async () => {
    const world = completeWorld("s1");
    const log: CallLog = { calls: [] };
    const session = new AwsSession({ region: world.region, transport: worldTransport(world, log) });
    const assessment = (await loadAssessment("glue_hard"))!;
    const rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
    const who = deferred();
    const grading = gradeStudent({ assessment, rubric, rubricSource: "test", session, student: "s1", caller: who.promise, only: ["databases", "crawler"] });
    await until(() => log.calls.filter((c) => c.operation === "GetDatabase").length === 4);
    expect(log.calls.filter((c) => c.operation === "GetTags")).toEqual([]);
    who.resolve({ account: world.account, partition: "aws" });
    const report = await grading;
    const known = await gradeWorld("glue_hard", completeWorld("s1"), "s1", { only: ["databases", "crawler"] });
    expect(statuses(report)).toEqual(statuses(known));
    expect(report.score).toEqual(known.score);
    expect(known.score.points).toBeGreaterThan(0);
    expect(report.account).toBe(world.account);
    const arns = log.calls.filter((c) => c.operation === "GetTags").map((c) => (c.input as { ResourceArn: string }).ResourceArn);
    expect(arns).toContain(`arn:aws:glue:${world.region}:${world.account}:crawler/enterprise-crawler-s1`);
    expect(arns).toContain(`arn:aws:glue:${world.region}:${world.account}:database/bronze_s1`);
  });

  it("a failed identity call fails the grading with its own error and stops further reads", async () => {
    const world = completeWorld("s1");
    const log: CallLog = { calls: [] };
    const ctx = new CheckContext(new AwsSession({ region: world.region, transport: worldTransport(world, log) }), "s1", {}, Promise.reject(new Error("no credentials")));
    await expect(ctx.accountId()).rejects.toThrow("no credentials");
    const r = await ctx.read("glue", new GetDatabaseCommand({ Name: "bronze_s1" }));
    expect(r).toMatchObject({ ok: false, missing: false, fact: { $error: { action: "glue:GetDatabase", message: expect.stringContaining("no credentials") } } });
    expect(log.calls).toEqual([]);
  });

  it("a plain account is used as given, with its partition", async () => {
    const ctx = new CheckContext(new AwsSession({ region: "cn-north-1" }), "s1", {}, "111122223333", "aws-cn");
    expect(await ctx.accountId()).toBe("111122223333");
    expect(await ctx.partition()).toBe("aws-cn");
  });
});
