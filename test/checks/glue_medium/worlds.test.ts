// glue_medium is rubric-only: graded from rubrics/glue_medium.yaml and generic readers alone. Complete = 100%, each
// planted mistake of the partial world fails with a sentence, and an unbundled copy of the rubric grades through the CLI.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Trigger } from "@aws-sdk/client-glue";
import type { AttachedPolicy } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { gradeWorld, messageOf, notPassing } from "../../support/grade-world.js";
import { completeWorld, emptyWorld, partialWorld } from "../../support/world/assessments/glue-medium.js";
import { CHECKS } from "../../../checks/index.js";
import { assessmentIds, loadAssessment } from "../../../src/app/assessments.js";
import { cli } from "../../cli/helpers.js";
import { bundledRubric, packageRoot } from "../../../src/grade/assessment.js";

describe("glue_medium (rubric-only)", () => {
  it("is discovered from its rubric, has no TypeScript checks, and reads only resources", async () => {
    expect(assessmentIds()).toContain("glue_medium");
    expect(Object.keys(CHECKS)).not.toContain("glue_medium");
    const a = (await loadAssessment("glue_medium"))!;
    expect(a.checks.map((c) => c.id)).toEqual([
      "bucket", "data", "raw_database", "processed_database", "processed_tables", "role", "crawler", "job", "workflow",
      "daily_trigger", "manual_trigger", "ruleset", "failure_alarm", "duration_alarm", "topic", "param_job",
    ]);
  });

  it("a complete solution scores 100%", async () => {
    const r = await gradeWorld("glue_medium", completeWorld("s1"), "s1");
    expect(notPassing(r)).toEqual({});
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails exactly its planted mistakes, each with a sentence naming what was found", async () => {
    const r = await gradeWorld("glue_medium", partialWorld("s1"), "s1");
    expect(notPassing(r)).toEqual({
      "s3_infrastructure.lifecycle": "fail",
      "iam_role.pass_role": "fail",
      "crawler.schedule": "fail",
      "etl_job.bookmarks": "fail",
      "etl_job.limits": "fail",
      "workflow.job_node": "fail",
      "workflow.job_after_crawler": "fail",
      "triggers.manual_workflow": "fail",
      "data_quality.data_types": "fail",
      "monitoring.duration_threshold": "fail",
      "monitoring.email_subscription": "fail",
      "parameterized_job.other_parameters": "fail",
      "pipeline_run.job_succeeded": "fail",
    });
    expect(r.score.percent).toBe(75);
    expect(messageOf(r, "s3_infrastructure.lifecycle")).toMatch(/STANDARD_IA/);
    expect(messageOf(r, "s3_infrastructure.lifecycle")).toMatch(/30/);
    expect(messageOf(r, "crawler.schedule")).toMatch(/expected the schedule cron\(0 2 \* \* \? \*\)/);
    expect(messageOf(r, "etl_job.bookmarks")).toMatch(/job bookmarks set to job-bookmark-disable/);
    expect(messageOf(r, "etl_job.limits")).toMatch(/found timeout: 2880/);
    expect(messageOf(r, "workflow.job_after_crawler")).toMatch(/the workflow's triggers are daily-trigger-s1/);
    expect(messageOf(r, "data_quality.data_types")).toMatch(/missing: ColumnDataType transaction_id, ColumnDataType quantity and ColumnDataType price/);
    expect(messageOf(r, "monitoring.duration_threshold")).toMatch(/the alarm's condition is GreaterThanThreshold 1800000 over a period of 300 seconds/);
    expect(messageOf(r, "parameterized_job.other_parameters")).toMatch(/found output format: none/);
  });

  it("accepts the variants the lab allows: a trigger outside the workflow that starts its crawler, AWS managed policies instead of inline grants", async () => {
    const w = completeWorld("s1");
    const triggers = w.triggers as Trigger[];
    const manual = triggers.find((t) => t.Name === "manual-trigger-s1")!;
    delete manual.WorkflowName;
    const attached = (w.iamAttachedPolicies as Record<string, AttachedPolicy[]>)["GlueProductionRole-s1"]!;
    attached.push({ PolicyName: "AmazonS3FullAccess", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { PolicyName: "AmazonSNSFullAccess", PolicyArn: "arn:aws:iam::aws:policy/AmazonSNSFullAccess" });
    (w.iamRolePolicies as Record<string, Record<string, string>>)["GlueProductionRole-s1"] = {
      pass: encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } } }] })),
    };
    const r = await gradeWorld("glue_medium", w, "s1");
    expect(notPassing(r)).toEqual({});
  });

  it("an empty account fails every task, each with a sentence", async () => {
    const r = await gradeWorld("glue_medium", emptyWorld("s1"), "s1");
    expect(r.score.percent).toBe(0);
    expect(messageOf(r, "crawler.exists")).toMatch(/expected a crawler named transactions-crawler-s1; no crawler named transactions-crawler-s1/);
  });

  it("grades an unbundled copy of the rubric with no code: glue-validate --rubric lab.yaml --student demo", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-lab-"));
    const file = join(dir, "medium_lab.yaml");
    writeFileSync(file, readFileSync(bundledRubric("glue_medium"), "utf8").replace("assessment: glue_medium", "assessment: medium_lab").replace(/^# yaml-language-server.*$/m, ""));
    for (const [snapshot, percent] of [["complete.json", 100], ["partial.json", 75]] as const) {
      const r = await cli(["--rubric", file, "--student", "demo", "--replay", join(packageRoot(), "examples", "glue_medium", snapshot), "--format", "json"]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ rubric: { assessment: "medium_lab", source: `file:${file}` }, score: { percent } });
    }
  });
});
