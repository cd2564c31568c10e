import { describe, match } from "./matchers.js";
import { resolvePath } from "./path.js";
import { fill } from "./template.js";
/** Fills {placeholders} in every string of an expectation. */
function fillExpectation(e, vars) {
    const walk = (v) => {
        if (typeof v === "string")
            return fill(v, vars);
        if (Array.isArray(v))
            return v.map(walk);
        if (v && typeof v === "object")
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "path" ? x : walk(x)]));
        return v;
    };
    return walk(e);
}
/** A found value, short enough for a report line. */
export function shortJson(v, max = 160) {
    if (v === undefined)
        return "nothing";
    const s = JSON.stringify(v) ?? String(v);
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
/** Evaluates every (selected) task of the rubric. */
export function evaluate(rubric, input) {
    const tasks = rubric.tasks.filter((t) => !input.only?.length || input.only.includes(t.id));
    const results = new Map();
    const byId = new Map();
    for (const task of rubric.tasks)
        for (const criterion of task.criteria)
            byId.set(`${task.id}.${criterion.id}`, { task, criterion });
    const judge = (key) => {
        const done = results.get(key);
        if (done)
            return done;
        const { task, criterion } = byId.get(key);
        const r = judgeOne(task, criterion, input, (req) => judge(req.includes(".") ? req : `${task.id}.${req}`));
        results.set(key, r);
        return r;
    };
    return tasks.map((task) => {
        const criteria = task.criteria.map((c) => judge(`${task.id}.${c.id}`));
        const auto = criteria.filter((c) => c.status !== "manual");
        return {
            id: task.id,
            title: fill(task.title, input.vars),
            points: sum(criteria.map((c) => c.points)),
            maxPoints: sum(auto.map((c) => c.maxPoints)),
            manualPoints: sum(criteria.filter((c) => c.status === "manual").map((c) => c.maxPoints)),
            status: taskStatus(criteria.map((c) => c.status)),
            criteria,
        };
    });
}
function judgeOne(task, c, input, required) {
    const base = { id: c.id, title: fill(c.title, input.vars), maxPoints: c.points, ...(c.hint ? { hint: fill(c.hint, input.vars) } : {}) };
    if (c.manual) {
        return { ...base, status: "manual", points: 0, manual: fill(c.manual, input.vars), message: "needs a human grader: not awarded automatically" };
    }
    for (const req of c.requires ?? []) {
        const r = required(req);
        if (r.status !== "pass") {
            return { ...base, status: "skipped", points: 0, message: `skipped: requires "${r.title}", which is ${r.status === "fail" ? "not met" : r.status}` };
        }
    }
    const facts = input.facts[c.facts ?? task.check ?? ""];
    const expectation = fillExpectation(c.expect, input.vars);
    const expected = c.expected ? fill(c.expected, input.vars) : describe(expectation);
    if (facts === undefined) {
        return { ...base, status: "error", points: 0, expected, message: `no facts were collected for check "${c.facts ?? task.check}"` };
    }
    const outcome = match(expectation, facts);
    const evidence = input.verbose ? evidenceOf(facts, c, expectation) : undefined;
    const extra = evidence === undefined ? {} : { evidence };
    if (outcome.error) {
        const e = outcome.error.$error;
        return { ...base, ...extra, status: "error", points: 0, expected, action: e.action, message: `could not be checked: ${e.action} failed (${e.message})` };
    }
    const found = outcome.found;
    if (outcome.ok)
        return { ...base, ...extra, status: "pass", points: c.points, expected, actual: found, message: `found ${shortJson(found)}` };
    let message = `expected ${expected}, found ${shortJson(found)}`;
    if (c.didYouMean) {
        const similar = resolvePath(facts, c.didYouMean);
        if (similar.ok && Array.isArray(similar.value) && similar.value.length) {
            message += `; a similar name exists: ${similar.value.map((s) => JSON.stringify(s)).join(", ")} (check the exact spelling)`;
        }
    }
    return { ...base, ...extra, status: "fail", points: 0, expected, actual: found, message };
}
function evidenceOf(facts, c, e) {
    const r = resolvePath(facts, c.evidence ?? e.path);
    return r.ok ? r.value : r.error;
}
function sum(xs) {
    return xs.reduce((a, b) => a + b, 0);
}
/** A task's summary status: error beats fail beats skipped; all-manual stays manual. */
export function taskStatus(statuses) {
    const auto = statuses.filter((s) => s !== "manual");
    if (auto.length === 0)
        return "manual";
    for (const s of ["error", "fail", "skipped"])
        if (auto.includes(s))
            return s;
    return "pass";
}
