import { stateMachineFact } from "./common.js";
import { findStateMachine } from "./discover.js";
/** Task 6: the orchestrating state machine, analysed. */
export const stateMachine = {
    id: "state_machine",
    description: "The student's Step Functions state machine (StudentID tag or name): Glue job and crawler tasks, .sync integrations, Retry/Catch, Fail states, Wait/Choice polling on Crawler.State, and the order of the main path.",
    names: [],
    actions: ["states:ListStateMachines", "states:ListTagsForResource", "states:DescribeStateMachine"],
    async collect(ctx) {
        const sm = await findStateMachine(ctx);
        const facts = { stateMachine: stateMachineFact(sm) };
        if (sm.kind !== "found")
            return facts;
        const a = sm.analysis;
        const jobs = a.tasks.filter((t) => t.kind === "glueJob");
        facts.jobTasks = jobs.map((t) => ({ state: t.state, jobName: t.jobName, sync: t.sync, resource: t.resource, retriers: t.retry.length, catchers: t.catch.length }));
        facts.crawlerTasks = a.tasks.filter((t) => t.kind === "glueStartCrawler").map((t) => ({ state: t.state, crawlerName: t.crawlerName }));
        facts.jobTasksWithoutErrorHandling = jobs.filter((t) => t.retry.length === 0 && t.catch.length === 0).map((t) => t.state);
        // A non-.sync start is accepted only if the definition waits for the run by hand (a Choice on JobRunState).
        facts.jobTasksNotWaited = a.jobRunChoices.length ? [] : jobs.filter((t) => !t.sync).map((t) => t.state);
        facts.polling = { loops: a.pollingLoops.length, unpolledCrawlerStarts: a.unpolledCrawlerStarts, crawlerChoices: a.crawlerChoices, waitStates: a.waitStates };
        facts.failStates = a.failStates;
        facts.order = a.order;
        facts.mainPath = a.mainPath;
        if (a.unreachable.length)
            facts.unreachable = a.unreachable;
        if (a.truncated)
            facts.truncated = true;
        return facts;
    },
};
