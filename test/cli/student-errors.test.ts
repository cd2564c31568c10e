// Errors a student can act on: the helpers behind them (flag, region, profile and task suggestions), table-driven.
import { describe, expect, it } from "vitest";
import { suggestFlag } from "../../src/cli/suggest-flag.js";
import { closestRegion, isKnownRegion, knownRegions } from "../../src/aws/regions.js";
import { sectionProfiles } from "../../src/aws/profiles.js";
import { resolveTaskRef, taskNumbers } from "../../src/rubric/task-ref.js";
import { cli } from "./helpers.js";

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
