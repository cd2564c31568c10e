// init-ci: the GitHub workflow and GitLab job parse as YAML, name the real action inputs, and run a command the CLI accepts.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { cli, snapshots, tempDir } from "./helpers.js";
import { TOOL_VERSION } from "../../src/grade/version.js";

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; name?: string }

let snap: { complete: string; partial: string };
beforeAll(async () => {
  snap = await snapshots(tempDir());
});

const cwd = process.cwd();
afterEach(() => process.chdir(cwd));

/** Runs the workflow's grading command through the CLI (npx and the version dropped, a snapshot instead of AWS). */
async function runGenerated(command: string, dir: string) {
  const args = command.replace(/^npx --yes --package=\S+ glue-validate /, "").replace('"$STUDENT_ID"', "42").split(" ");
  process.chdir(dir);
  return cli([...args, "--replay", snap.complete]);
}

describe("init-ci github", () => {
  it("writes a workflow with OIDC credentials, Node 20, the gated grading run and an always-uploaded artifact", async () => {
    const dir = tempDir();
    process.chdir(dir);
    const r = await cli(["init-ci", "github", "--install", "registry"]);
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
    expect(grade.run).toMatch(/^npx --yes --package=glue-validate@\d+\.\d+\.\d+ glue-validate glue_hard --student "\$STUDENT_ID" --min-score 70 --report junit:glue-validate.xml --report html:glue-validate.html$/);
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
    const r = await cli(["init-ci", "github", "--output", file, "--install", "registry"]);
    expect(r.code).toBe(64);
    expect(r.err).toContain("--force");
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    const f = await cli(["init-ci", "github", "--output", file, "--force", "--assessment", "glue_hard", "--min-score", "80", "--install", "registry"]);
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
    process.chdir(tempDir());
    const r = await cli(["init-ci", "gitlab", "--install", "registry"]);
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

describe("init-ci --install: where the job gets glue-validate", () => {
  const built = existsSync(join(import.meta.dirname, "..", "..", "dist", "main.js"));

  it.skipIf(!built)("by default writes this version's package tarball next to the workflow and installs from it (no registry)", async () => {
    const dir = tempDir();
    process.chdir(dir);
    const r = await cli(["init-ci", "github"]);
    expect(r.code).toBe(0);
    const tgz = `.github/workflows/glue-validate-${TOOL_VERSION}.tgz`;
    expect(r.err).toContain(tgz);
    const head = readFileSync(join(dir, tgz));
    expect([head[0], head[1]]).toEqual([0x1f, 0x8b]);
    const steps = parse(readFileSync(join(dir, ".github/workflows/glue-validate.yml"), "utf8")).jobs.grade.steps as Step[];
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@/);
    expect(steps.find((s) => s.run)!.run).toContain(`npx --yes --package=./${tgz} glue-validate glue_hard `);
  });

  it.skipIf(!built)("gitlab: the printed job installs from .gitlab/glue-validate-<version>.tgz", async () => {
    const dir = tempDir();
    process.chdir(dir);
    const r = await cli(["init-ci", "gitlab"]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, `.gitlab/glue-validate-${TOOL_VERSION}.tgz`))).toBe(true);
    expect(r.out).toContain(`npx --yes --package=./.gitlab/glue-validate-${TOOL_VERSION}.tgz glue-validate`);
  });

  it("takes an exact registry version, a git URL pinned to a commit, or a committed tarball", async () => {
    const dir = tempDir();
    process.chdir(dir);
    const pinned = "github:example/glue-validate#0123456789abcdef0123456789abcdef01234567";
    expect((await cli(["init-ci", "github", "--output", "-", "--install", pinned])).out).toContain(`npx --yes --package=${pinned} glue-validate `);
    expect((await cli(["init-ci", "github", "--output", "-", "--install", "glue-validate@1.2.3"])).out).toContain("npx --yes --package=glue-validate@1.2.3 glue-validate ");
    writeFileSync(join(dir, "tool.tgz"), "");
    expect((await cli(["init-ci", "gitlab", "--install", "tool.tgz"])).out).toContain("npx --yes --package=./tool.tgz glue-validate ");
    expect(existsSync(join(dir, ".gitlab"))).toBe(false);
  });

  it("refuses sources that could change under the job: an unpinned git URL, a version range or tag, a missing tarball (64)", async () => {
    process.chdir(tempDir());
    const git = await cli(["init-ci", "github", "--output", "-", "--install", "git+https://github.com/example/glue-validate.git"]);
    expect(git.code).toBe(64);
    expect(git.err).toContain("pin the git URL to a commit");
    const range = await cli(["init-ci", "github", "--output", "-", "--install", "glue-validate@latest"]);
    expect(range.code).toBe(64);
    expect(range.err).toContain("exact version");
    const missing = await cli(["init-ci", "github", "--output", "-", "--install", "vendor/glue-validate.tgz"]);
    expect(missing.code).toBe(64);
    expect(missing.err).toContain("no such file");
  });
});
