// A Step Functions state machine: type, role, its definition analysed (states, tasks, order, retries, catches, polling) and its executions.
import { z } from "zod";
import { DescribeStateMachineCommand, ListExecutionsCommand, ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import type { ErrorFact, Facts, Json } from "../src/grade/facts.js";
import { analyseStateMachine } from "../checks/shared/state-machine.js";
import { byName, defineReader, jsonSchema, missing, namedFacts, orError, similarFrom } from "./reader.js";

/** Reads one state machine by name (found through ListStateMachines), its analysis and its latest executions. */
export const reader = defineReader({
  id: "sfn.state_machine",
  description: "A Step Functions state machine: type, status, role, and its definition analysed (state count and types, the order of its work steps such as \"job → crawler → athena\", each task's integration, .sync, Retry and Catch, crawler polling loops, unreachable states), plus its executions (count, succeeded, latest status).",
  params: byName,
  facts: namedFacts({
    arn: z.string(),
    type: z.string().nullable(),
    status: z.string().nullable(),
    roleArn: z.string().nullable(),
    analysis: jsonSchema,
    order: z.string(),
    stateTypes: z.record(z.string(), z.number()),
    executions: orError(z.object({ count: z.number(), succeeded: z.number(), failed: z.number(), latestStatus: z.string().nullable() })),
  }),
  actions: ["states:ListStateMachines", "states:DescribeStateMachine", "states:ListExecutions"],
  async read(ctx, { name }) {
    const all = await ctx.list("sfn", (t) => new ListStateMachinesCommand({ nextToken: t }), (o) => ({ items: o.stateMachines, next: o.nextToken }));
    if (!all.ok) return all.fact as unknown as Facts;
    const hit = all.items.find((m) => m.name === name);
    if (!hit?.stateMachineArn) return missing(name, similarFrom(ctx, name, { ok: true, items: all.items.map((m) => m.name ?? "") }));
    const arn = hit.stateMachineArn;
    const [d, ex] = await Promise.all([
      ctx.read("sfn", new DescribeStateMachineCommand({ stateMachineArn: arn }), { missing: ["StateMachineDoesNotExist"] }),
      ctx.list("sfn", (t) => new ListExecutionsCommand({ stateMachineArn: arn, nextToken: t }), (o) => ({ items: o.executions, next: o.nextToken }), { maxPages: 3, partialOk: true }),
    ]);
    if (!d.ok) return d.missing ? missing(name, []) : (d.fact as unknown as Facts);
    const analysis = analyseStateMachine(d.value.definition);
    const executions: Json | ErrorFact = ex.ok
      ? { count: ex.items.length, succeeded: ex.items.filter((e) => e.status === "SUCCEEDED").length, failed: ex.items.filter((e) => e.status === "FAILED").length, latestStatus: [...ex.items].sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0))[0]?.status ?? null }
      : ex.fact;
    return { name, exists: true, arn, type: d.value.type ?? null, status: d.value.status ?? null, roleArn: d.value.roleArn ?? null, analysis: analysis as unknown as Json, order: analysis.order, stateTypes: analysis.stateTypes, executions } as Facts;
  },
});
