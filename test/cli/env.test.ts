// --env: the deployment environment for assessments that name resources per environment. A value the rubric does not
// declare, or --env for an assessment without environments, is a usage error (64) before anything is read.
import { describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

const CDK = ["glue_cdk_sfn_json_to_parquet", "--student", "demo", "--replay", "examples/glue_cdk_sfn_json_to_parquet/complete.json"];

describe("--env", () => {
  it("defaults to the rubric's environment and is recorded in the JSON report", async () => {
    const r = await cli([...CDK, "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ environment: "DEV", score: { percent: 100 } });
  });

  it("matches the declared spelling without case; the console and Markdown headers name it", async () => {
    const r = await cli([...CDK, "--env", "dev", "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).environment).toBe("DEV");
    expect((await cli([...CDK, "--env", "dev"])).out.split("\n")[0]).toMatch(/— student demo · environment DEV$/);
    expect((await cli([...CDK, "--format", "markdown"])).out).toContain(": student demo (DEV)");
  });

  it.each([
    [[...CDK, "--env", "staging"], /--env must be one of DEV, TEST, PROD for glue_cdk_sfn_json_to_parquet, got "staging"/],
    [["glue_hard", "--student", "demo", "--replay", "examples/glue_hard/complete.json", "--env", "dev"], /glue_hard has no environments; --env does not apply/],
    [["batch", "glue_hard", "--students", "a,b", "--out", "/tmp/gv-never-written", "--env", "prod"], /glue_hard has no environments/],
  ])("refuses %j with exit 64 and one sentence", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
