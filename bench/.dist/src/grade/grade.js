import { classify, describeError } from "../aws/errors.js";
import { evaluate } from "../rubric/evaluate.js";
import { resolveNames } from "../rubric/template.js";
import { CheckContext } from "./check.js";
import { TOOL_VERSION } from "./version.js";
/** The check ids the selected tasks read from, including those behind criteria they require in other tasks. */
export function checksNeeded(rubric, only) {
    const taskOf = new Map(rubric.tasks.map((t) => [t.id, t]));
    const ids = new Set();
    const seen = new Set();
    const visit = (taskId, criterionId) => {
        const key = `${taskId}.${criterionId ?? "*"}`;
        const t = taskOf.get(taskId);
        if (!t || seen.has(key))
            return;
        seen.add(key);
        for (const c of t.criteria) {
            if (criterionId && c.id !== criterionId)
                continue;
            if (c.expect)
                ids.add(c.facts ?? t.check ?? "");
            for (const req of c.requires ?? []) {
                const [rt, rc] = req.includes(".") ? req.split(".") : [t.id, req];
                visit(rt, rc);
            }
        }
    };
    for (const t of rubric.tasks)
        if (!only?.length || only.includes(t.id))
            visit(t.id);
    ids.delete("");
    return [...ids];
}
/** Runs the checks and returns their facts by check id; a check that throws yields an ErrorFact. */
export async function collectFacts(o, names) {
    const ctx = new CheckContext(o.session, o.student, names, o.account, o.partition, o.checkOptions);
    const byId = new Map(o.assessment.checks.map((c) => [c.id, c]));
    const entries = await Promise.all(checksNeeded(o.rubric, o.only).map(async (id) => {
        const check = byId.get(id);
        if (!check)
            return [id, { $error: { action: `check:${id}`, kind: "other", message: `no check module "${id}" in ${o.assessment.id}` } }];
        try {
            return [id, await check.collect(ctx)];
        }
        catch (err) {
            return [id, { $error: { action: `check:${id}`, kind: classify(err), message: describeError(err) } }];
        }
    }));
    return Object.fromEntries(entries);
}
/** Grades one student end to end. */
export async function gradeStudent(o) {
    const started = Date.now();
    const builtins = { student: o.student, account: o.account, region: o.session.region };
    const names = resolveNames(o.rubric.names, builtins);
    const facts = await collectFacts(o, names);
    const tasks = evaluate(o.rubric, { facts, vars: { ...builtins, ...names }, only: o.only, verbose: o.verbose });
    const criteria = tasks.flatMap((t) => t.criteria);
    const points = round(criteria.reduce((a, c) => a + c.points, 0));
    const maxPoints = round(tasks.reduce((a, t) => a + t.maxPoints, 0));
    const percent = maxPoints > 0 ? round((points / maxPoints) * 100) : 0;
    const threshold = o.minScore ?? o.rubric.passPercent;
    return {
        schema: "glue-validate/report",
        schemaVersion: 1,
        tool: { name: "glue-validate", version: TOOL_VERSION },
        rubric: { assessment: o.rubric.assessment, title: o.rubric.title, version: o.rubric.version, source: o.rubricSource },
        student: o.student,
        ...(o.account ? { account: o.account } : {}),
        region: o.session.region,
        mode: o.session.replaying ? "replay" : "live",
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        score: { points, maxPoints, manualPoints: round(tasks.reduce((a, t) => a + t.manualPoints, 0)), percent, threshold, passed: percent >= threshold },
        counts: countStatuses(criteria.map((c) => c.status)),
        tasks,
        aws: { ...o.session.stats },
    };
}
/** Criteria counted by status. */
export function countStatuses(statuses) {
    const counts = { pass: 0, fail: 0, error: 0, skipped: 0, manual: 0 };
    for (const s of statuses)
        counts[s]++;
    return counts;
}
function round(n) {
    return Math.round(n * 100) / 100;
}
