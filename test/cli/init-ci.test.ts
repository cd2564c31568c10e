// init-ci: the GitHub workflow and GitLab job parse as YAML, name the real action inputs, and run a command the CLI accepts.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { cli, snapshots, tempDir } from "./helpers.js";

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; name?: string }

let snap: { complete: string; partial: string };
beforeAll(async () => {
  snap = await snapshots(tempDir());
});

const cwd = process.cwd();
afterEach(() => process.chdir(cwd));

/** Runs the workflow's grading command through the CLI (npx and the version dropped, a snapshot instead of AWS). */
async function runGenerated(command: string, dir: string) {
  const args = command.replace(/^npx --yes glue-validate@[^ ]+ /, "").replace('"$STUDENT_ID"', "42").split(" ");
  process.chdir(dir);
  return cli([...args, "--replay", snap.complete]);
}

describe("init-ci github", () => {
  it("writes a workflow with OIDC credentials, Node 20, the gated grading run and an always-uploaded artifact", async () => {
    const dir = tempDir();
    process.chdir(dir);
    const r = await cli(["init-ci", "github"]);
    expect(r.code).toBe(0);
    const file = join(dir, ".github/workflows/glue-validate.yml");
    expect(r.err).toContain(".github/workflows/glue-validate.yml");
    const wf = parse(readFileSync(file, "utf8"));
    expect(wf.permissions).toEqual({ "id-token": "write", contents: "read" });
    expect(Object.keys(wf.on)).toEqual(["push", "workflow_dispatch"]);
    const steps = wf.jobs.grade.steps as Step[];
    const node = steps.find((s) => s.uses?.startsWith("actions/setup-node@"))!;
    expect(node.with!["node-version"]).toBe(20);
    const aws = steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
    expect(aws.with).toMatchObject({ "role-to-assume": "${{ vars.GLUE_VALIDATE_ROLE_ARN }}", "aws-region": "${{ vars.AWS_REGION || 'us-east-1' }}" });
    expect(steps.indexOf(aws)).toBeLessThan(steps.findIndex((s) => s.run));
    const grade = steps.find((s) => s.run)!;
    expect(grade.env).toEqual({ STUDENT_ID: "${{ vars.STUDENT_ID }}" });
    expect(grade.run).toMatch(/^npx --yes glue-validate@\d+\.\d+\.\d+ glue_hard --student "\$STUDENT_ID" --min-score 70 --report junit:glue-validate.xml --report html:glue-validate.html$/);
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    expect(upload.if).toBe("always()");
    expect(String(upload.with!.path).trim().split("\n")).toEqual(["glue-validate.xml", "glue-validate.html"]);

    const run = await runGenerated(grade.run!, dir);
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, "glue-validate.xml"))).toBe(true);
    expect(readFileSync(join(dir, "glue-validate.html"), "utf8")).toContain("<!DOCTYPE html>");
  });

  it("refuses to overwrite without --force (64), replaces with --force", async () => {
    const dir = tempDir();
    const file = join(dir, "wf.yml");
    writeFileSync(file, "mine\n");
    const r = await cli(["init-ci", "github", "--output", file]);
    expect(r.code).toBe(64);
    expect(r.err).toContain("--force");
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    const f = await cli(["init-ci", "github", "--output", file, "--force", "--assessment", "glue_hard", "--min-score", "80"]);
    expect(f.code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("--min-score 80");
  });

  it("rejects an unknown CI, assessment or pass mark (64)", async () => {
    expect((await cli(["init-ci", "jenkins"])).code).toBe(64);
    const a = await cli(["init-ci", "github", "--assessment", "nope", "--output", "-"]);
    expect(a.code).toBe(64);
    expect(a.err).toContain("glue_hard");
    expect((await cli(["init-ci", "gitlab", "--min-score", "1e3"])).code).toBe(64);
  });
});

describe("init-ci gitlab", () => {
  it("prints a job with image node:20, the same command and a JUnit report artifact", async () => {
    const r = await cli(["init-ci", "gitlab"]);
    expect(r.code).toBe(0);
    const job = parse(r.out)["glue-validate"];
    expect(job.image).toBe("node:20");
    expect(job.id_tokens.GLUE_VALIDATE_ID_TOKEN.aud).toBe("sts.amazonaws.com");
    expect(job.artifacts.when).toBe("always");
    expect(job.artifacts.reports.junit).toBe("glue-validate.xml");
    const command = (job.script as string[]).find((s) => s.startsWith("npx "))!;
    expect(command).toContain('glue_hard --student "$STUDENT_ID" --min-score 70 --report junit:glue-validate.xml --report html:glue-validate.html');
    const run = await runGenerated(command, tempDir());
    expect(run.code).toBe(0);
  });
});
