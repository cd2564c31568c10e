// Task 15 check: facts from scripted Glue and Budgets answers (FakeAws), and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetJobCommand, type Job } from "@aws-sdk/client-glue";
import { AccessDeniedException, DescribeBudgetsCommand, NotFoundException } from "@aws-sdk/client-budgets";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { cost, costFactsSchema, jobCostFacts, namesStudent } from "../../../checks/glue_hard/cost.js";
import { effectiveArguments, jobFeatures } from "../../../checks/shared/job-args.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import type { World } from "../../support/world/types.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const budgets = aws.client("budgets");
const names = { studioJob: "studio-etl-pipeline-7", streamingJob: "streaming-etl-7" };
const ACCOUNT = "111122223333";
const ctx = (account: string | null = ACCOUNT) => new CheckContext(aws.session(), "7", names, account ?? undefined);
/** The facts collected from the scripted account, held to the declared schema. */
const collect = async (c = ctx()) => {
  const f = await cost.collect(c);
  costFactsSchema.parse(f);
  return f;
};

beforeEach(() => {
  aws.reset();
});

// a read the test did not script would pass silently as an ErrorFact
afterEach(() => {
  expect(aws.unscripted).toEqual([]);
});

describe("cost check (scripted answers)", () => {
  it("reads Flex, auto-scaling and bookmarks of both jobs, and the student's budgets across pages", async () => {
    glue.on(GetJobCommand, { JobName: "studio-etl-pipeline-7" }).resolves({
      Job: { Name: "studio-etl-pipeline-7", ExecutionClass: "FLEX", WorkerType: "G.2X", NumberOfWorkers: 10, DefaultArguments: { "--job-bookmark-option": "job-bookmark-enable", "--enable-auto-scaling": "TRUE " } },
    });
    glue.on(GetJobCommand, { JobName: "streaming-etl-7" }).rejects(new EntityNotFoundException({ message: "Job not found", $metadata: { httpStatusCode: 400 } }));
    budgets.on(DescribeBudgetsCommand, { NextToken: undefined }).resolves({ Budgets: [{ BudgetName: "budget-s0007", BudgetType: "COST", TimeUnit: "MONTHLY" }], NextToken: "b2" });
    budgets.on(DescribeBudgetsCommand, { NextToken: "b2" }).resolves({
      Budgets: [
        { BudgetName: "Glue-Budget-7", BudgetType: "COST", TimeUnit: "MONTHLY", BudgetLimit: { Amount: "25.0", Unit: "USD" } },
        { BudgetName: "usage-77", BudgetType: "USAGE", TimeUnit: "MONTHLY" },
      ],
    });
    const f = await collect();
    expect(f.studioJob).toEqual({ name: "studio-etl-pipeline-7", exists: true, executionClass: "FLEX", workerType: "G.2X", numberOfWorkers: 10, autoScaling: true, bookmark: "job-bookmark-enable" });
    expect(f.streamingJob).toEqual({ name: "streaming-etl-7", exists: false });
    expect(f.autoScalingJobs).toEqual(["studio-etl-pipeline-7"]);
    expect(f.budgets).toEqual([{ name: "Glue-Budget-7", type: "COST", timeUnit: "MONTHLY", limit: "25.0 USD" }]);
    expect(budgets.commandCalls(DescribeBudgetsCommand).map((i) => i.AccountId)).toEqual([ACCOUNT, ACCOUNT]);
  });

  it("an account without budgets (NotFoundException) has none; AccessDenied is an ErrorFact", async () => {
    glue.on(GetJobCommand).resolves({ Job: { Name: "x" } });
    budgets.on(DescribeBudgetsCommand).rejects(new NotFoundException({ message: "no budgets", $metadata: { httpStatusCode: 400 } }));
    expect((await collect()).budgets).toEqual([]);
    budgets.reset();
    budgets.on(DescribeBudgetsCommand).rejects(new AccessDeniedException({ message: "denied", $metadata: { httpStatusCode: 400 } }));
    expect((await collect()).budgets).toMatchObject({ $error: { action: "budgets:ViewBudget", kind: "accessDenied" } });
  });

  it("without an account ID the budgets cannot be read (and no call is made)", async () => {
    glue.on(GetJobCommand).resolves({ Job: { Name: "x" } });
    const f = await collect(ctx(null));
    expect(f.budgets).toMatchObject({ $error: { action: "budgets:ViewBudget" } });
    expect(budgets.commandCalls(DescribeBudgetsCommand)).toHaveLength(0);
  });

  it("a job read that fails (not missing) blocks the auto-scaling fact unless another job already has it", async () => {
    glue.on(GetJobCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    budgets.on(DescribeBudgetsCommand).resolves({ Budgets: [] });
    const f = await collect();
    expect(f.studioJob).toMatchObject({ $error: { action: "glue:GetJob", kind: "accessDenied" } });
    expect(f.autoScalingJobs).toMatchObject({ $error: { action: "glue:GetJob" } });
  });

  it("job defaults: STANDARD, bookmarks disabled, no auto-scaling", () => {
    const job: Job = { Name: "j", Command: { Name: "glueetl" } };
    expect(jobCostFacts("j", job)).toEqual({ name: "j", exists: true, executionClass: "STANDARD", workerType: null, numberOfWorkers: null, autoScaling: false, bookmark: "job-bookmark-disable" });
  });

  it("bookmarks and auto-scaling set as NonOverridableArguments count like DefaultArguments (one reader with Task 8)", () => {
    const job: Job = {
      Name: "j",
      Command: { Name: "glueetl" },
      DefaultArguments: { "--job-bookmark-option": "job-bookmark-disable" },
      NonOverridableArguments: { "--job-bookmark-option": "job-bookmark-enable", "--enable-auto-scaling": "true" },
    };
    expect(jobCostFacts("j", job)).toMatchObject({ autoScaling: true, bookmark: "job-bookmark-enable" });
    expect(jobFeatures(effectiveArguments(job))).toMatchObject({ autoScaling: true, bookmarks: "job-bookmark-enable" });
  });

  it.each([
    ["glue-budget-42", "42", true],
    ["Budget42", "42", true],
    ["budget-s0042", "42", false],
    ["budget-420", "42", false],
    ["s001-monthly", "s001", true],
    ["xs001-monthly", "s001", false],
    ["student-a-b-budget", "a-b", true],
  ])("budget name %s names student %s: %s", (name, student, ok) => {
    expect(namesStudent(name, student)).toBe(ok);
  });
});

describe("cost task graded from worlds", () => {
  it("a complete world passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["cost"] });
    expect(Object.values(statuses(r))).toEqual(Array(6).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("a complete world without the auto-scaling argument fails only auto_scaling", async () => {
    const w = completeWorld("42");
    for (const j of w.jobs as Job[]) if (j.DefaultArguments) delete j.DefaultArguments["--enable-auto-scaling"];
    const s = statuses(await gradeWorld("glue_hard", w, "42", { only: ["cost"] }));
    expect(Object.entries(s).filter(([, v]) => v !== "pass")).toEqual([["cost.auto_scaling", "fail"]]);
  });

  it("the partial world fails the missing budget; Flex, which the ETL part's partial world turns off, is counted once in Task 8", async () => {
    const w = partialWorld("42");
    const studio = (w.jobs as Job[]).find((j) => j.Name === "studio-etl-pipeline-42")!;
    const r = await gradeWorld("glue_hard", w, "42", { only: ["cost"] });
    expect(statuses(r)).toEqual({
      "cost.flex": studio.ExecutionClass === "FLEX" ? "pass" : "skipped",
      "cost.auto_scaling": "pass",
      "cost.bookmarks": "pass",
      "cost.cost_tags": "pass",
      "cost.budget": "fail",
      "cost.archive_tiers": "pass",
    });
    // Other students' budgets exist in the shared account; none is counted.
    expect((w.budgets as unknown[]).length).toBeGreaterThan(0);
    expect(r.tasks[0]!.criteria.find((c) => c.id === "budget")!.message).toContain("budgets of the account: none");
  });
});
