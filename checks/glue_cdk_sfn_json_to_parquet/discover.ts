// Finding the student's CDK deployment: the stack's names end in `-{student}` (the template's NAME_SUFFIX) after a
// fixed prefix and the account/region/environment. The state machine is found by name (or through the CloudFormation
// stack GlueCdkExampleStack-{student}); the job is the one its Glue task runs; the rule is the one that targets it.
// Memoised per run, so every task reads the same answers.
import { ListStackResourcesCommand, type StackResourceSummary } from "@aws-sdk/client-cloudformation";
import { DescribeStateMachineCommand, ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { ListRuleNamesByTargetCommand, ListRulesCommand, type DescribeRuleResponse } from "@aws-sdk/client-eventbridge";
import type { Job } from "@aws-sdk/client-glue";
import type { CheckContext } from "../../src/grade/check.js";
import { z } from "zod";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { readRule } from "../shared/event-rules.js";
import { allJobNames, readJob } from "../shared/glue-jobs.js";
import { once } from "../shared/per-run.js";
import { analyseStateMachine, type StateMachineAnalysis, type TaskFacts } from "../shared/state-machine.js";
import { escapeRegExp, nearMisses } from "../shared/student-owned.js";

/** How a resource was attributed to the student. */
export const foundBySchema = z.enum(["name", "suffix", "stack", "stateMachine", "target"]);
export type FoundBy = z.infer<typeof foundBySchema>;

/** A resource not found: the name expected, and near-miss names. */
export const notFoundSchema = z.object({ exists: z.literal(false), expected: z.string(), similar: z.array(z.string()) });

/** The facts of a resource the check looks for: found (its name, how it was attributed, then `details`), not found, or an error. */
export function foundOrNot<S extends z.ZodRawShape>(details: S) {
  return orError(z.union([notFoundSchema, z.object({ exists: z.literal(true), name: z.string(), foundBy: foundBySchema, ...details })]));
}

/** A resource found (with how), missing (with near-miss names), or an error that stopped the search. */
export type Found<T> = ({ kind: "found"; name: string; foundBy: FoundBy } & T) | { kind: "missing"; expected: string; similar: string[] } | { kind: "error"; fact: ErrorFact };

/**
 * The template's spelling of a name for this student in any account, region and environment:
 * `<prefix><12-digit account>-<region>-<ENV>-<student>` (ENV one word, so student `b` never takes `…-DEV-a-b`, and a
 * student ID never matches the account, region or environment part); the student part as written (`s1` is not `S1`).
 */
export function ownedName(prefix: string, student: string): RegExp {
  return new RegExp(`^${escapeRegExp(prefix)}\\d{12}-[a-z]{2}(?:-[a-z]+)+-\\d+-[A-Za-z0-9_]+-${escapeRegExp(student)}$`);
}

/** Picks the student's resource among names: the expected name, else the template's spelling in another account, region or environment. */
export function pickName(all: readonly string[], expected: string, prefix: string, student: string): { name: string; foundBy: FoundBy } | null {
  if (all.includes(expected)) return { name: expected, foundBy: "name" };
  const owned = ownedName(prefix, student);
  const suffixed = all.find((n) => owned.test(n));
  return suffixed ? { name: suffixed, foundBy: "suffix" } : null;
}

// ── CloudFormation stack (a fallback: never an error) ─────────────────────

/** The physical ids of the stack's resources by type, or why the stack could not be read. */
export type StackRead = { found: true; name: string; resources: Record<string, string[]> } | { found: false; name: string; reason: string };

/** ListStackResources on GlueCdkExampleStack-{student}. A missing stack or an unreadable one only means "no fallback". */
export function readStack(ctx: CheckContext): Promise<StackRead> {
  return once(ctx, "stack", async () => {
    const name = ctx.name("stack");
    const r = await ctx.list("cloudformation", (t) => new ListStackResourcesCommand({ StackName: name, NextToken: t }), (o) => ({ items: o.StackResourceSummaries, next: o.NextToken }), { maxPages: 20 });
    if (!r.ok) return { found: false, name, reason: r.fact.$error.kind === "notFound" || /does not exist/i.test(r.fact.$error.message) ? "no such stack" : r.fact.$error.message.slice(0, 200) };
    const resources: Record<string, string[]> = {};
    for (const s of r.items as StackResourceSummary[]) {
      if (!s.ResourceType || !s.PhysicalResourceId || /DELETE_COMPLETE/.test(s.ResourceStatus ?? "")) continue;
      (resources[s.ResourceType] ??= []).push(s.PhysicalResourceId);
    }
    return { found: true, name, resources };
  });
}

function fromStack(stack: StackRead, type: string): string | undefined {
  return stack.found ? stack.resources[type]?.[0] : undefined;
}

// ── state machine ──────────────────────────────────────────────────────────

export type StateMachineFound = Found<{ arn: string; type: string | null; status: string | null; roleArn: string | null; analysis: StateMachineAnalysis }>;

/** The student's state machine, described and its definition analysed. */
export function findStateMachine(ctx: CheckContext): Promise<StateMachineFound> {
  return once(ctx, "stateMachine", async (): Promise<StateMachineFound> => {
    const expected = ctx.name("stateMachine");
    const [listed, stack] = await Promise.all([
      ctx.list("sfn", (t) => new ListStateMachinesCommand({ nextToken: t }), (o) => ({ items: o.stateMachines, next: o.nextToken })),
      readStack(ctx),
    ]);
    if (!listed.ok) return { kind: "error", fact: listed.fact };
    const byName = new Map(listed.items.filter((s) => s.name && s.stateMachineArn).map((s) => [s.name!, s.stateMachineArn!]));
    const picked = pickName([...byName.keys()], expected, ctx.name("stateMachinePrefix"), ctx.student);
    const stackArn = fromStack(stack, "AWS::StepFunctions::StateMachine");
    const arn = picked ? byName.get(picked.name)! : stackArn;
    if (!arn) return { kind: "missing", expected, similar: nearMisses(expected, byName.keys(), ctx.student) };
    const d = await ctx.read("sfn", new DescribeStateMachineCommand({ stateMachineArn: arn }), { missing: ["StateMachineDoesNotExist"] });
    if (!d.ok) return d.missing ? { kind: "missing", expected, similar: [] } : { kind: "error", fact: d.fact };
    return {
      kind: "found",
      name: d.value.name ?? picked?.name ?? arn.split(":").pop()!,
      foundBy: picked?.foundBy ?? "stack",
      arn,
      type: d.value.type ?? null,
      status: d.value.status ?? null,
      roleArn: d.value.roleArn ?? null,
      analysis: analyseStateMachine(d.value.definition),
    };
  });
}

/** The state machine's Glue job task: the first glue:startJobRun task (main path first). */
export function glueTask(analysis: StateMachineAnalysis): TaskFacts | undefined {
  return analysis.tasks.find((t) => t.kind === "glueJob");
}

// ── Glue job ───────────────────────────────────────────────────────────────

export type JobFound = Found<{ job: Job }>;

/**
 * The student's job: the one the state machine runs (a literal JobName) when it is the student's too (their name, or
 * their stack's); else the expected name or the template's spelling for the student; else the stack's job.
 */
export function findJob(ctx: CheckContext): Promise<JobFound> {
  return once(ctx, "job", async (): Promise<JobFound> => {
    const expected = ctx.name("job");
    const [sm, all, stack] = await Promise.all([findStateMachine(ctx), allJobNames(ctx), readStack(ctx)]);
    if (!Array.isArray(all)) return { kind: "error", fact: all };
    const task = sm.kind === "found" ? glueTask(sm.analysis) : undefined;
    const stackJob = fromStack(stack, "AWS::Glue::Job");
    const owns = (name: string) => name === expected || name === stackJob || ownedName(ctx.name("jobPrefix"), ctx.student).test(name);
    const candidates: { name: string; foundBy: FoundBy }[] = [];
    if (task?.jobName && !task.dynamic.includes("JobName") && owns(task.jobName)) candidates.push({ name: task.jobName, foundBy: "stateMachine" });
    const picked = pickName(all, expected, ctx.name("jobPrefix"), ctx.student);
    if (picked) candidates.push(picked);
    if (stackJob) candidates.push({ name: stackJob, foundBy: "stack" });
    for (const c of candidates) {
      const r = await readJob(ctx, c.name);
      if (r.kind === "error") return { kind: "error", fact: r.fact };
      if (r.kind === "found") return { kind: "found", name: c.name, foundBy: c.foundBy, job: r.job };
    }
    return { kind: "missing", expected, similar: nearMisses(expected, all, ctx.student) };
  });
}

// ── EventBridge rule ───────────────────────────────────────────────────────

export type RuleFound = Found<{ rule: DescribeRuleResponse; targets: string[] | ErrorFact }>;

/** The rule targeting the state machine (the template's prefix first), else by name or from the stack; with its target ARNs. */
export function findRule(ctx: CheckContext): Promise<RuleFound> {
  return once(ctx, "rule", async (): Promise<RuleFound> => {
    const expected = ctx.name("rule");
    const prefix = ctx.name("rulePrefix");
    const sm = await findStateMachine(ctx);
    let picked: { name: string; foundBy: FoundBy } | null = null;
    // A failed by-target lookup is not the end: the rule may still be found by name (then its targets are read).
    let firstError: ErrorFact | undefined;
    if (sm.kind === "found") {
      const byTarget = await ctx.list("eventbridge", (t) => new ListRuleNamesByTargetCommand({ TargetArn: sm.arn, NextToken: t }), (o) => ({ items: o.RuleNames, next: o.NextToken }));
      if (!byTarget.ok) firstError = byTarget.fact;
      const names = byTarget.ok ? byTarget.items : [];
      const best = names.find((n) => n.startsWith(prefix)) ?? names[0];
      if (best) picked = { name: best, foundBy: "target" };
    }
    let similar: string[] = [];
    if (!picked) {
      const listed = await ctx.list("eventbridge", (t) => new ListRulesCommand({ NamePrefix: prefix, NextToken: t }), (o) => ({ items: o.Rules, next: o.NextToken }));
      if (!listed.ok) return { kind: "error", fact: firstError ?? listed.fact };
      const names = listed.items.map((r) => r.Name ?? "").filter(Boolean);
      picked = pickName(names, expected, prefix, ctx.student);
      similar = nearMisses(expected, names, ctx.student);
    }
    if (!picked) {
      const stackRule = fromStack(await readStack(ctx), "AWS::Events::Rule");
      if (stackRule) picked = { name: stackRule.split("|").pop()!, foundBy: "stack" };
    }
    // Not found by name or stack while the by-target lookup failed: a differently named rule may target it — unknown.
    if (!picked) return firstError ? { kind: "error", fact: firstError } : { kind: "missing", expected, similar };
    const r = await readRule(ctx, picked.name);
    if (r.kind !== "found") return r.kind === "missing" ? { kind: "missing", expected, similar } : r;
    return { kind: "found", ...picked, rule: r.rule, targets: r.targets };
  });
}

/** "arn:aws:iam::1:role/path/Name" or "Name" → "Name". */
export function roleName(roleOrArn: string | null | undefined): string | null {
  if (!roleOrArn) return null;
  return roleOrArn.split("/").pop() || null;
}
