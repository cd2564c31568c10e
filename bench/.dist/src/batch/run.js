// The batch engine: grade a roster with shared sessions, paced calls and bounded memory; write each result as it lands.
import { join } from "node:path";
import { describeError } from "../aws/errors.js";
import { gradeStudent } from "../grade/grade.js";
import { render } from "../report/index.js";
import { writeFileAtomic } from "../cli/io.js";
import { TokenBuckets } from "./rate-limit.js";
import { compact, fileNameFor, hasErrors, manifestFor, readStudentResults, writeManifest, writeStudentResult } from "./store.js";
const EXT = { console: "txt", json: "json", junit: "xml", markdown: "md", csv: "csv", gradescope: "gradescope.json", html: "html" };
/** Grades the roster; resolves when every student is done or the signal stopped it (finished results kept). */
export async function runBatch(o) {
    const manifest = manifestFor(o.rubric.assessment, o.rubric, o.rubricSource, o.entries.length, o.shard);
    writeManifest(o.out, manifest);
    const existing = o.resume || o.retryErrors ? readStudentResults(o.out).results : new Map();
    const todo = o.entries.filter((e) => {
        const r = existing.get(e.student);
        if (!r)
            return true;
        return Boolean(o.retryErrors && hasErrors(r));
    });
    const progress = { total: o.entries.length, done: 0, skipped: o.entries.length - todo.length, inFlight: 0, errors: 0, calls: 0, memoHits: 0, throttles: 0, retries: 0, startedAt: Date.now() };
    for (const e of o.entries) {
        const r = existing.get(e.student);
        if (r && !todo.includes(e) && hasErrors(r))
            progress.errors++;
    }
    const limiters = new Map();
    const pool = new Map();
    const pooled = (e) => {
        const region = e.region ?? o.region;
        const key = `${e.account ?? ""}|${region}|${e.roleArn ?? ""}|${e.externalId ?? ""}`;
        let p = pool.get(key);
        if (!p) {
            const acct = e.account ?? "default";
            let limiter = limiters.get(acct);
            if (!limiter)
                limiters.set(acct, (limiter = new TokenBuckets({ ...(o.tpsTable ? { table: o.tpsTable } : {}), ...(o.maxTps ? { maxTps: o.maxTps } : {}) })));
            const credentials = e.roleArn ? requireRoles(o).provider(e.roleArn, e.externalId, region) : undefined;
            const session = o.sessionFactory({ region, rateLimit: limiter, ...(credentials ? { credentials } : {}) });
            const who = o.identify(session);
            who.catch(() => undefined);
            p = { session, who };
            pool.set(key, p);
        }
        return p;
    };
    const totals = () => {
        let calls = 0, memoHits = 0, throttles = 0, retries = 0;
        for (const p of pool.values()) {
            calls += p.session.stats.calls;
            memoHits += p.session.stats.memoHits;
            retries += p.session.stats.retries;
            throttles += p.session.throttled;
        }
        Object.assign(progress, { calls, memoHits, throttles, retries });
    };
    const gradeOne = async (e) => {
        const base = { schema: "glue-validate/batch-student", schemaVersion: 1, entry: e };
        let p;
        let who;
        try {
            p = pooled(e);
            who = await p.who;
        }
        catch (err) {
            return { ...base, failure: err instanceof Error && err.name === "CannotGradeError" ? err.message : describeError(err), finishedAt: new Date().toISOString() };
        }
        if (e.account && !e.roleArn && who.account && who.account !== e.account) {
            return { ...base, failure: `the roster puts ${e.student} in account ${e.account}, but the credentials are for account ${who.account} (give the row a role_arn)`, finishedAt: new Date().toISOString() };
        }
        const view = p.session.scope();
        try {
            const report = await gradeStudent({
                assessment: o.assessment, rubric: o.rubric, rubricSource: o.rubricSource, session: view, student: e.student,
                account: who.account ?? e.account, partition: who.partition, ...(o.only?.length ? { only: o.only } : {}), ...(o.minScore !== undefined ? { minScore: o.minScore } : {}),
            });
            return { ...base, report, finishedAt: new Date().toISOString() };
        }
        catch (err) {
            return { ...base, failure: `internal error while grading: ${err?.message ?? String(err)}`, finishedAt: new Date().toISOString() };
        }
        finally {
            if (!o.keepMemo) {
                const mentions = mentionsStudent(e.student);
                view.release((key) => mentions.test(key));
            }
        }
    };
    const finished = new Map(existing);
    let graded = 0;
    const queue = [...todo];
    const worker = async () => {
        while (queue.length && !o.signal?.aborted) {
            const e = queue.shift();
            progress.inFlight++;
            const r = await gradeOne(e);
            progress.inFlight--;
            writeStudentResult(o.out, r);
            if (r.report && o.reports?.length) {
                for (const f of o.reports)
                    writeFileAtomic(join(o.out, "reports", `${fileNameFor(e.student)}.${EXT[f]}`), render(f, r.report));
            }
            finished.set(e.student, compact(r));
            graded++;
            progress.done++;
            if (hasErrors(r))
                progress.errors++;
            totals();
            o.onProgress?.({ ...progress });
        }
    };
    o.onProgress?.({ ...progress });
    const n = Math.max(1, Math.min(o.concurrency ?? 8, todo.length || 1));
    try {
        await Promise.all(Array.from({ length: n }, worker));
    }
    finally {
        totals();
        for (const p of pool.values())
            await p.session.close();
    }
    const roster = new Set(o.entries.map((e) => e.student));
    return {
        results: [...finished.values()].filter((r) => roster.has(r.entry.student)),
        graded,
        skipped: progress.skipped,
        interrupted: Boolean(o.signal?.aborted) && queue.length > 0,
        manifest,
        progress: { ...progress },
        sessions: [...pool].map(([key, p]) => ({ key, calls: p.session.stats.calls, memoHits: p.session.stats.memoHits, retries: p.session.stats.retries, throttles: p.session.throttled, memoSize: p.session.memoSize })),
        assumeRoleCalls: o.roles?.assumed ?? 0,
    };
}
function requireRoles(o) {
    if (!o.roles)
        throw new Error("the roster has role_arn rows but no role credential cache was given");
    return o.roles;
}
/** Matches memo keys that name the student as a whole word (e.g. `landing_s1`, not `s10`). */
export function mentionsStudent(student) {
    const id = student.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<![A-Za-z0-9])${id}(?![A-Za-z0-9])`);
}
