// Task 15 — compliant: the studio job runs with Flex and job bookmarks, a student job auto-scales its workers, and a COST budget named with the student ID exists (tags and archive tiers are read from Task 1's facts).
import { GetJobCommand, type Job } from "@aws-sdk/client-glue";
import { DescribeBudgetsCommand, type Budget } from "@aws-sdk/client-budgets";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { effectiveArguments, jobFeatures } from "../shared/job-args.js";

/** Cost-relevant settings of one Glue job. */
export const jobCostFactsSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  executionClass: z.string().optional(),
  workerType: z.string().nullable().optional(),
  numberOfWorkers: z.number().nullable().optional(),
  /** `--enable-auto-scaling` is "true" (any case). */
  autoScaling: z.boolean().optional(),
  /** `--job-bookmark-option`; Glue's default when absent is job-bookmark-disable. */
  bookmark: z.string().optional(),
});
export type JobCostFacts = z.infer<typeof jobCostFactsSchema>;

/** One budget whose name carries the student ID. */
export const budgetFactsSchema = z.object({ name: z.string(), type: z.string().nullable(), timeUnit: z.string().nullable(), limit: z.string().nullable() });
export type BudgetFacts = z.infer<typeof budgetFactsSchema>;

/** The facts of Task 15 (tags and archive tiers come from Task 1's facts). */
export const costFactsSchema = z.object({
  studioJob: orError(jobCostFactsSchema),
  streamingJob: orError(jobCostFactsSchema),
  /** Names of the two jobs that auto-scale. */
  autoScalingJobs: orError(z.array(z.string())),
  budgets: orError(z.array(budgetFactsSchema)),
});
export type CostFacts = z.infer<typeof costFactsSchema>;

const MAX_BUDGETS = 20;

/** Cost facts of a job (exported for tests and for other checks). */
export function jobCostFacts(name: string, job: Job | undefined): JobCostFacts {
  if (!job) return { name, exists: false };
  // the same reader as Task 8: an argument set as non-overridable counts like a default one
  const features = jobFeatures(effectiveArguments(job));
  return {
    name,
    exists: true,
    executionClass: job.ExecutionClass ?? "STANDARD",
    workerType: job.WorkerType ?? null,
    numberOfWorkers: job.NumberOfWorkers ?? null,
    autoScaling: features.autoScaling,
    bookmark: features.bookmarks ?? "job-bookmark-disable",
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * True when `name` contains the student ID as its own token: the character before (after) it must not be of the
 * same kind (digit/letter) as the ID's first (last) character. "glue-budget-42" and "budget42" name student 42;
 * "budget-s0042" does not.
 */
export function namesStudent(name: string, student: string): boolean {
  if (!student) return false;
  const kind = (c: string) => (/[0-9]/.test(c) ? "[0-9]" : /[a-z]/i.test(c) ? "[a-z]" : "");
  const before = kind(student[0]!);
  const after = kind(student[student.length - 1]!);
  const re = new RegExp(`${before ? `(?<!${before})` : ""}${escape(student)}${after ? `(?!${after})` : ""}`, "i");
  return re.test(name);
}

async function readJob(ctx: CheckContext, name: string): Promise<JobCostFacts | ErrorFact> {
  // The same GetJob the studio/streaming checks send: the session memoises it, so AWS sees one call.
  const r = await ctx.read("glue", new GetJobCommand({ JobName: name }), { missing: ["EntityNotFoundException"] });
  if (r.ok) return jobCostFacts(name, r.value.Job);
  return r.missing ? jobCostFacts(name, undefined) : r.fact;
}

function budgetFacts(b: Budget): BudgetFacts {
  return {
    name: (b.BudgetName ?? "").slice(0, 100),
    type: b.BudgetType ?? null,
    timeUnit: b.TimeUnit ?? null,
    limit: b.BudgetLimit ? `${b.BudgetLimit.Amount ?? "?"} ${b.BudgetLimit.Unit ?? ""}`.trim() : null,
  };
}

/** Task 15: Flex, auto-scaling and bookmarks on the student's jobs; the student's AWS Budgets. */
export const cost: CheckModule<CostFacts> = {
  id: "cost",
  description: "Cost optimisation: execution class, auto-scaling and bookmarks of the studio and streaming jobs; AWS Budgets named with the student ID.",
  names: ["studioJob", "streamingJob"],
  actions: ["glue:GetJob", "budgets:ViewBudget"],
  facts: costFactsSchema,
  async collect(ctx) {
    const [studio, streaming, budgets] = await Promise.all([
      readJob(ctx, ctx.name("studioJob")),
      readJob(ctx, ctx.name("streamingJob")),
      ctx.accountId().then((account) =>
        account
          ? ctx.list(
              "budgets",
              (t) => new DescribeBudgetsCommand({ AccountId: account, NextToken: t }),
              (o) => ({ items: o.Budgets, next: o.NextToken }),
            )
          : undefined,
      ),
    ]);
    const jobs = [studio, streaming].filter((j): j is JobCostFacts => !isErrorFact(j));
    const jobError = [studio, streaming].find(isErrorFact);
    let budgetList: BudgetFacts[] | ErrorFact;
    if (budgets === undefined) {
      budgetList = { $error: { action: "budgets:ViewBudget", kind: "other", message: "the account ID is unknown (DescribeBudgets needs it)" } };
    } else if (budgets.ok) {
      budgetList = budgets.items.filter((b) => namesStudent(b.BudgetName ?? "", ctx.student)).slice(0, MAX_BUDGETS).map(budgetFacts);
    } else {
      // An account without any budget may answer NotFoundException instead of an empty list (aws-facts §8).
      budgetList = budgets.missing ? [] : budgets.fact;
    }
    return {
      studioJob: studio,
      streamingJob: streaming,
      autoScalingJobs: jobs.some((j) => j.autoScaling) || !jobError ? jobs.filter((j) => j.autoScaling).map((j) => j.name) : jobError,
      budgets: budgetList,
    };
  },
};
