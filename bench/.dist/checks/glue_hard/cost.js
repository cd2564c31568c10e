// Task 15 — compliant: the studio job runs with Flex and job bookmarks, a student job auto-scales its workers, and a COST budget named with the student ID exists (tags and archive tiers are read from Task 1's facts).
import { GetJobCommand } from "@aws-sdk/client-glue";
import { DescribeBudgetsCommand } from "@aws-sdk/client-budgets";
const MAX_BUDGETS = 20;
/** Cost facts of a job (exported for tests and for other checks). */
export function jobCostFacts(name, job) {
    if (!job)
        return { name, exists: false };
    const args = job.DefaultArguments ?? {};
    return {
        name,
        exists: true,
        executionClass: job.ExecutionClass ?? "STANDARD",
        workerType: job.WorkerType ?? null,
        numberOfWorkers: job.NumberOfWorkers ?? null,
        autoScaling: (args["--enable-auto-scaling"] ?? "").trim().toLowerCase() === "true",
        bookmark: (args["--job-bookmark-option"] ?? "job-bookmark-disable").trim(),
    };
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/**
 * True when `name` contains the student ID as its own token: the character before (after) it must not be of the
 * same kind (digit/letter) as the ID's first (last) character. "glue-budget-42" and "budget42" name student 42;
 * "budget-s0042" does not.
 */
export function namesStudent(name, student) {
    if (!student)
        return false;
    const kind = (c) => (/[0-9]/.test(c) ? "[0-9]" : /[a-z]/i.test(c) ? "[a-z]" : "");
    const before = kind(student[0]);
    const after = kind(student[student.length - 1]);
    const re = new RegExp(`${before ? `(?<!${before})` : ""}${escape(student)}${after ? `(?!${after})` : ""}`, "i");
    return re.test(name);
}
async function readJob(ctx, name) {
    // The same GetJob the studio/streaming checks send: the session memoises it, so AWS sees one call.
    const r = await ctx.read("glue", new GetJobCommand({ JobName: name }), { missing: ["EntityNotFoundException"] });
    if (r.ok)
        return jobCostFacts(name, r.value.Job);
    return r.missing ? jobCostFacts(name, undefined) : r.fact;
}
function budgetFacts(b) {
    return {
        name: (b.BudgetName ?? "").slice(0, 100),
        type: b.BudgetType ?? null,
        timeUnit: b.TimeUnit ?? null,
        limit: b.BudgetLimit ? `${b.BudgetLimit.Amount ?? "?"} ${b.BudgetLimit.Unit ?? ""}`.trim() : null,
    };
}
/** Task 15: Flex, auto-scaling and bookmarks on the student's jobs; the student's AWS Budgets. */
export const cost = {
    id: "cost",
    description: "Cost optimisation: execution class, auto-scaling and bookmarks of the studio and streaming jobs; AWS Budgets named with the student ID.",
    names: ["studioJob", "streamingJob"],
    actions: ["glue:GetJob", "budgets:ViewBudget"],
    async collect(ctx) {
        const [studio, streaming, budgets] = await Promise.all([
            readJob(ctx, ctx.name("studioJob")),
            readJob(ctx, ctx.name("streamingJob")),
            ctx.account
                ? ctx.list("budgets", (t) => new DescribeBudgetsCommand({ AccountId: ctx.account, NextToken: t, MaxResults: 100 }), (o) => ({ items: o.Budgets, next: o.NextToken }), { maxPages: 20 })
                : Promise.resolve(undefined),
        ]);
        const jobs = [studio, streaming].filter((j) => !("$error" in j));
        const jobError = [studio, streaming].find((j) => "$error" in j);
        let budgetList;
        if (budgets === undefined) {
            budgetList = { $error: { action: "budgets:ViewBudget", kind: "other", message: "the account ID is unknown (DescribeBudgets needs it)" } };
        }
        else if (budgets.ok) {
            budgetList = budgets.items.filter((b) => namesStudent(b.BudgetName ?? "", ctx.student)).slice(0, MAX_BUDGETS).map(budgetFacts);
        }
        else {
            // An account without any budget may answer NotFoundException instead of an empty list (aws-facts §8).
            budgetList = budgets.missing ? [] : budgets.fact;
        }
        const facts = {
            studioJob: studio,
            streamingJob: streaming,
            autoScalingJobs: jobs.some((j) => j.autoScaling) || !jobError ? jobs.filter((j) => j.autoScaling).map((j) => j.name) : jobError,
            budgets: budgetList,
        };
        return facts;
    },
};
