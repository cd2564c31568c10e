// State machine — compliant: a STANDARD state machine with a 2-hour timeout whose Glue task runs the job with glue:startJobRun.sync, retries 3 times every 10 s (backoff 1), catches failures into an sns:publish (Subject "Glue Job Status") followed by a Fail state, and otherwise ends in Succeed.
import type { CheckModule } from "../../src/grade/check.js";
import type { Facts, Json } from "../../src/grade/facts.js";
import type { StateMachineAnalysis, TaskFacts } from "../shared/state-machine.js";
import { findJob, findStateMachine, glueTask } from "./discover.js";

/** What follows the Glue task: on success (Next/End) and on error (its first Catch). */
export function jobTaskFacts(a: StateMachineAnalysis, task: TaskFacts, jobName: string | null): { [k: string]: Json } {
  const byState = new Map(a.tasks.map((t) => [t.state, t]));
  const retry = task.retry[0] ?? null;
  const catcher = task.catch.find((c) => c.next) ?? null;
  const notify = catcher?.next ? byState.get(catcher.next) : undefined;
  const after = (t: TaskFacts) => (t.end ? "End" : t.next && a.succeedStates.includes(t.next) ? "Succeed" : t.next && a.failStates.includes(t.next) ? "Fail" : t.next ? `state ${t.next}` : "nothing");
  return {
    state: task.state,
    resource: task.resource,
    sync: task.sync,
    jobName: task.jobName,
    dynamicJobName: task.dynamic.includes("JobName"),
    runsTheJob: jobName !== null && task.jobName === jobName,
    retry: retry ? { maxAttempts: retry.maxAttempts ?? 3, intervalSeconds: retry.intervalSeconds ?? 1, backoffRate: retry.backoffRate ?? 2, errors: retry.errors } : null,
    catchErrors: catcher?.errors ?? [],
    catchTo: catcher?.next ?? null,
    catchToKind: notify?.kind ?? (catcher?.next && a.failStates.includes(catcher.next) ? "Fail" : null),
    notifySubject: notify?.kind === "snsPublish" ? notify.subject : null,
    afterNotify: notify?.kind === "snsPublish" ? after(notify) : null,
    onSuccess: after(task),
  };
}

/** The state machine, its timeout and the Glue task's integration, retry and error handling. */
export const stateMachine: CheckModule = {
  id: "state_machine",
  description: "The state machine (DescribeStateMachine; definition analysed as a graph): type, timeout, the Glue task (.sync, JobName, Retry, Catch → sns:publish → Fail) and its success path.",
  names: ["stateMachine", "stateMachinePrefix", "job", "jobPrefix", "stack"],
  actions: ["states:ListStateMachines", "states:DescribeStateMachine", "glue:GetJob", "glue:ListJobs", "cloudformation:ListStackResources"],
  async collect(ctx) {
    const [sm, job] = await Promise.all([findStateMachine(ctx), findJob(ctx)]);
    if (sm.kind === "error") return { stateMachine: sm.fact };
    if (sm.kind === "missing") return { stateMachine: { exists: false, expected: sm.expected, similar: sm.similar } };
    const a = sm.analysis;
    const facts: Facts = {
      stateMachine: {
        exists: true,
        name: sm.name,
        foundBy: sm.foundBy,
        type: sm.type,
        status: sm.status,
        timeoutSeconds: a.timeoutSeconds,
        definitionOk: a.parseError === undefined,
        ...(a.parseError ? { parseError: a.parseError } : {}),
        states: a.stateCount,
      },
    };
    const task = glueTask(a);
    facts.jobTask = task ? { exists: true, ...jobTaskFacts(a, task, job.kind === "found" ? job.name : null) } : { exists: false, tasks: a.tasks.map((t) => `${t.state} (${t.kind})`).slice(0, 10) };
    return facts;
  },
};
