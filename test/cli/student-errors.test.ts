// Errors a student can act on: the helpers behind them (flag, region, profile and task suggestions), table-driven.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import type { GradeReport } from "../../src/grade/result.js";
import { hermeticHome, runCliIn, testEnv } from "../support/fake-aws/cli.js";
import { suggestFlag } from "../../src/cli/suggest-flag.js";
import { closestRegion, isKnownRegion, knownRegions } from "../../src/aws/regions.js";
import { sectionProfiles } from "../../src/aws/profiles.js";
import { resolveTaskRef, taskNumbers } from "../../src/rubric/task-ref.js";
import { cli, snapshots, tempDir } from "./helpers.js";

const FLAGS = ["--student", "--region", "--profile", "--endpoint-url", "--only", "--min-score", "--env", "--format", "--output", "--report", "--verbose", "--record", "--replay", "--timeout", "--help"];

describe("a mistyped flag names the one meant", () => {
  it.each([
    ["--endpoint", "--endpoint-url"],
    ["--endpoint=http://localhost:4566", "--endpoint-url"],
    ["--min", "--min-score"],
    ["--studnet", "--student"],
    ["--verbos", "--verbose"],
    ["--regoin", "--region"],
    ["--re", undefined],
    ["--banana", undefined],
  ] as const)("%s → %s", (typed, meant) => {
    expect(suggestFlag(typed, FLAGS)).toBe(meant);
  });
});

describe("the CLI on a mistyped flag", () => {
  it.each([
    [["glue_hard", "--student", "42", "--endpoint", "http://localhost:4566"], "--endpoint", "--endpoint-url"],
    [["glue_hard", "--student", "42", "--min", "70"], "--min", "--min-score"],
    [["batch", "glue_hard", "--rooster", "class.csv"], "--rooster", "--roster"],
  ])("%j: exit 64, names the flag meant", async (args, typed, meant) => {
    const r = await cli(args);
    expect(r.code).toBe(64);
    expect(r.err).toContain(`unknown option '${typed}' (did you mean ${meant}?)`);
    expect(r.out).toBe("");
  });
});

describe("regions from the SDK's partition data", () => {
  it("knows the commercial, China and GovCloud regions, not pseudo-regions", () => {
    const all = knownRegions();
    for (const r of ["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1", "mx-central-1"]) expect(all).toContain(r);
    expect(all).not.toContain("aws-global");
    expect(isKnownRegion("aws-global")).toBe(false);
  });

  it.each([
    ["us-esat-1", "us-east-1"],
    ["us-east1", "us-east-1"],
    ["useast1", "us-east-1"],
    ["US-EAST-1", "us-east-1"],
    ["eu-centrl-1", "eu-central-1"],
    ["ap-southest-2", "ap-southeast-2"],
    ["narnia", undefined],
  ] as const)("%s is unknown; the closest is %s", (typed, closest) => {
    expect(isKnownRegion(typed)).toBe(false);
    expect(closestRegion(typed)).toBe(closest);
  });
});

describe("profile names from the shared files: section names only", () => {
  const config = [
    "[default]",
    "region = eu-west-1",
    "[profile student]",
    "sso_session = school",
    "[ profile  lab-2 ] ; comment",
    "[sso-session school]",
    "sso_start_url = https://school.awsapps.com/start",
    "[services local]",
  ].join("\n");
  const credentials = ["[default]", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "[ci]"].join("\r\n");

  it.each([
    ["config", config, ["default", "student", "lab-2"]],
    ["credentials", credentials, ["default", "ci"]],
  ] as const)("%s file", (kind, text, names) => {
    const got = sectionProfiles(text, kind);
    expect(got).toEqual(names);
    expect(got.join(" ")).not.toMatch(/AKIA|wJalr|awsapps/);
  });
});

describe("tasks by number, as the lab numbers them", () => {
  const lab = [
    { id: "s3_data_lake", title: "Task 1: Enterprise S3 data lake" },
    { id: "databases", title: "Task 2: Medallion databases" },
    { id: "cost", title: "Task 15: Cost optimisation" },
  ];
  const unnumbered = [
    { id: "setup", title: "Setup: endpoint and role" },
    { id: "landing", title: "Landing zone" },
  ];

  it.each([
    [lab, "1", "s3_data_lake"],
    [lab, "Task 2", "databases"],
    [lab, "task15", "cost"],
    [lab, "015", "cost"],
    [lab, "databases", "databases"],
    [lab, "DATABASES", "databases"],
    [unnumbered, "2", "landing"],
    [unnumbered, "setup", "setup"],
  ] as const)("%#: %s", (tasks, ref, id) => {
    expect(resolveTaskRef(tasks, ref)).toEqual({ id });
  });

  it.each([
    [lab, "3", 'unknown task "3"; give a task number or id: 1 (s3_data_lake), 2 (databases), 15 (cost)'],
    [lab, "databse", 'unknown task "databse" (did you mean databases?); give a task number or id: 1 (s3_data_lake), 2 (databases), 15 (cost)'],
    [unnumbered, "9", 'unknown task "9"; give a task number or id: 1 (setup), 2 (landing)'],
  ] as const)("%#: %s is refused with the list", (tasks, ref, error) => {
    expect(resolveTaskRef(tasks, ref)).toEqual({ error });
  });

  it("numbers come from the titles when the lab numbers its tasks", () => {
    expect([...taskNumbers(lab)]).toEqual([["1", "s3_data_lake"], ["2", "databases"], ["15", "cost"]]);
  });
});

describe("the CLI: errors a student can act on", () => {
  let home: ReturnType<typeof hermeticHome>;
  beforeAll(() => {
    home = hermeticHome();
    writeFileSync(home.env.AWS_CONFIG_FILE!, ["[default]", "region = us-east-1", "[profile student]", "region = eu-west-1", "[profile sso-student]", "sso_session = school", "sso_account_id = 123456789012", "sso_role_name = Lab", "region = us-east-1", "[sso-session school]", "sso_start_url = https://school.awsapps.com/start", "sso_region = us-east-1", "sso_registration_scopes = sso:account:access"].join("\n"));
    writeFileSync(home.env.AWS_SHARED_CREDENTIALS_FILE!, ["[ci]", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"].join("\n"));
  });
  afterAll(() => home.cleanup());

  const SECRETS = /AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|awsapps/;

  it.each([
    ["--profile", ["--profile", "studnet"], {}, `unknown AWS profile "studnet" (--profile) (did you mean student?)`],
    ["AWS_PROFILE", [], { AWS_PROFILE: "lab9" }, `unknown AWS profile "lab9" (AWS_PROFILE)`],
  ] as const)("an unknown profile from %s is named with the profiles that exist (exit 78)", async (_, args, extra, says) => {
    const r = await runCliIn(["glue_hard", "--student", "42", ...args], { ...home.env, AWS_REGION: "us-east-1", ...extra });
    expect(r.code).toBe(78);
    expect(r.err).toContain(says);
    expect(r.err).toContain("the profiles there are ci, default, sso-student, student");
    expect(r.err).toContain("aws configure --profile");
    expect(r.err).not.toMatch(SECRETS);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("an expired or missing SSO session says `aws sso login --profile X` (exit 77)", async () => {
    const r = await runCliIn(["glue_hard", "--student", "42", "--profile", "sso-student"], { ...home.env, AWS_REGION: "us-east-1" });
    expect(r.code).toBe(77);
    expect(r.err).toBe(`glue-validate: the AWS SSO session of profile "sso-student" has expired or was never started: run \`aws sso login --profile sso-student\`, then grade again\n`);
  });

  it.each([
    ["--region", ["--region", "us-esat-1"], {}, `unknown AWS region "us-esat-1" (--region): did you mean us-east-1?`],
    ["AWS_REGION", [], { AWS_REGION: "eu-wset-1" }, `unknown AWS region "eu-wset-1" (AWS_REGION): did you mean eu-west-1?`],
    ["a name like no region", ["--region", "narnia"], {}, `unknown AWS region "narnia" (--region); regions are written like us-east-1`],
  ] as const)("a misspelled region from %s is an unknown region with the closest valid one (exit 78)", async (_, args, extra, says) => {
    const r = await runCliIn(["glue_hard", "--student", "42", ...args], testEnv(home, extra));
    expect(r.code).toBe(78);
    expect(r.err).toContain(says);
  });
});

describe("the CLI: --min-score as a percentage, --only and explain --task by the lab's numbers", () => {
  let snap: { complete: string; partial: string };
  beforeAll(async () => {
    snap = await snapshots(tempDir());
  });

  it.each([
    ["0%", 0],
    ["0 %", 0],
    ["100%", 1],
    ["70", 1],
    ["70%%", 64],
    ["seventy", 64],
    ["101%", 64],
  ] as const)("--min-score %s → exit %i", async (v, code) => {
    const r = await cli(["glue_hard", "--student", "42", "--replay", snap.partial, "--min-score", v]);
    expect(r.code).toBe(code);
    if (code === 64) expect(r.err).toContain(`--min-score takes a percentage from 0 to 100 (e.g. 70 or 70%), got "${v}"`);
  });

  it.each([
    [["1"], ["s3_data_lake"]],
    [["Task", "6"], undefined],
    [["1,6"], ["s3_data_lake", "crawler"]],
    [["crawler", "1"], ["s3_data_lake", "crawler"]],
  ] as const)("--only %j grades the tasks the lab numbers so, and says the score covers only them", async (only, ids) => {
    const r = await cli(["glue_hard", "--student", "42", "--replay", snap.complete, "--format", "json", "--only", ...only]);
    if (!ids) {
      expect(r.code).toBe(64);
      expect(r.err).toContain('--only: unknown task "Task"');
      return;
    }
    const report = JSON.parse(r.out) as GradeReport;
    expect(report.tasks.map((t) => t.id)).toEqual(ids);
    expect(report.partial).toEqual({ graded: ids.length, total: 15 });
    // the complete world: the graded tasks reach the pass mark, exit 0, but the console never says PASSED
    expect(r.code).toBe(0);
    const text = await cli(["glue_hard", "--student", "42", "--replay", snap.complete, "--only", ...only]);
    expect(text.out).toContain(`Only ${ids.length} of 15 tasks were graded (--only)`);
    expect(text.out).not.toMatch(/\bPASSED\b/);
  });

  it("--only with an unknown number lists the numbers", async () => {
    const r = await cli(["glue_hard", "--student", "42", "--replay", snap.partial, "--only", "16"]);
    expect(r.code).toBe(64);
    expect(r.err).toContain('--only: unknown task "16"; give a task number or id: 1 (s3_data_lake), 2 (databases)');
  });

  it("explain --task 1 explains Task 1", async () => {
    const r = await cli(["explain", "glue_hard", "--task", "1", "--format", "json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { tasks: { id: string }[] }).tasks.map((t) => t.id)).toEqual(["s3_data_lake"]);
  });
});
