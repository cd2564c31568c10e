// Finding the student's resources in a lab that names almost nothing: the state machine and bucket by the StudentID
// tag (or the student ID in the name), jobs and crawlers through the state machine that runs them (or by tag/name,
// crawlers by the fixed database names), and the raw bytes of one object per prefix. Memoised per run (one
// CheckContext per run), so every task reads the same answers.
import { GetCrawlersCommand, GetDatabaseCommand, GetJobRunsCommand, GetTablesCommand, GetTagsCommand } from "@aws-sdk/client-glue";
import { DescribeStateMachineCommand, ListStateMachinesCommand, ListTagsForResourceCommand } from "@aws-sdk/client-sfn";
import { GetBucketTaggingCommand, GetObjectCommand, ListBucketsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { BatchGetQueryExecutionCommand, ListQueryExecutionsCommand } from "@aws-sdk/client-athena";
import { glueArn, withSlash } from "../shared/arn.js";
import { allJobNames } from "../shared/glue-jobs.js";
import { analyseStateMachine } from "../shared/state-machine.js";
import { mentionsStudent, nearMisses, taggedForStudent } from "../shared/student-owned.js";
import { tagMap } from "../shared/tags.js";
const memo = new WeakMap();
/** Runs `fn` once per run (per CheckContext) and key. */
function once(ctx, key, fn) {
    let m = memo.get(ctx);
    if (!m)
        memo.set(ctx, (m = new Map()));
    let p = m.get(key);
    if (!p)
        m.set(key, (p = fn()));
    return p;
}
const MAX_TAG_READS = 100;
/** The student's state machine: tagged StudentID={student}, else named with the student ID; the one with most Glue work wins. */
export function findStateMachine(ctx) {
    return once(ctx, "stateMachine", async () => {
        const listed = await ctx.list("sfn", (t) => new ListStateMachinesCommand({ nextToken: t }), (o) => ({ items: o.stateMachines, next: o.nextToken }));
        if (!listed.ok)
            return { kind: "error", fact: listed.fact };
        const all = listed.items.filter((s) => s.stateMachineArn && s.name);
        const tags = await Promise.all(all.slice(0, MAX_TAG_READS).map(async (s) => {
            const r = await ctx.read("sfn", new ListTagsForResourceCommand({ resourceArn: s.stateMachineArn }), { missing: ["ResourceNotFound"] });
            return r.ok ? Object.fromEntries((r.value.tags ?? []).filter((t) => t.key).map((t) => [t.key, t.value ?? ""])) : {};
        }));
        const owned = all
            .map((s, i) => ({ s, foundBy: (taggedForStudent(tags[i] ?? {}, ctx.student) ? "tag" : mentionsStudent(s.name, ctx.student) ? "name" : null) }))
            .filter((x) => x.foundBy !== null);
        if (!owned.length)
            return { kind: "missing", others: all.map((s) => s.name).slice(0, 10) };
        const described = await Promise.all(owned.slice(0, 10).map(async (o) => ({ o, r: await ctx.read("sfn", new DescribeStateMachineCommand({ stateMachineArn: o.s.stateMachineArn }), { missing: ["StateMachineDoesNotExist"] }) })));
        const firstError = described.find((d) => !d.r.ok && !d.r.missing);
        const ok = described.filter((d) => d.r.ok).map((d) => ({ ...d.o, out: d.r.value }));
        if (!ok.length)
            return firstError && !firstError.r.ok ? { kind: "error", fact: firstError.r.fact } : { kind: "missing", others: [] };
        const scored = ok.map((x) => {
            const analysis = analyseStateMachine(x.out.definition);
            const work = analysis.tasks.filter((t) => t.kind === "glueJob" || t.kind === "glueStartCrawler" || t.kind === "athenaQuery").length;
            return { ...x, analysis, score: (x.foundBy === "tag" ? 1000 : 0) + work };
        });
        scored.sort((a, b) => b.score - a.score);
        const best = scored[0];
        return {
            kind: "found",
            arn: best.s.stateMachineArn,
            name: best.s.name,
            foundBy: best.foundBy,
            type: best.out.type ?? null,
            status: best.out.status ?? null,
            definition: best.out.definition ?? "",
            analysis: best.analysis,
            candidates: scored.map((x) => x.s.name),
        };
    });
}
/** Literal names in the state machine's tasks of a kind, main path first, unique. */
function namesIn(sm, kind) {
    if (sm.kind !== "found")
        return [];
    const names = sm.analysis.tasks.filter((t) => t.kind === kind && !t.dynamic.includes(kind === "glueJob" ? "JobName" : "Name")).map((t) => (kind === "glueJob" ? t.jobName : t.crawlerName));
    return [...new Set(names.filter((n) => !!n))];
}
const INGEST = /raw|ingest|extract|generat|source|load|fetch/i;
/** The ingestion job (first job the state machine starts) and the transformation job (second); by tag or name otherwise. */
export function findJobs(ctx) {
    return once(ctx, "jobs", async () => {
        const sm = await findStateMachine(ctx);
        const fromSm = namesIn(sm, "glueJob");
        const picked = fromSm.slice(0, 2).map((name) => ({ name, foundBy: "stateMachine" }));
        let listingError;
        if (picked.length < 2) {
            const all = await allJobNames(ctx);
            if (!Array.isArray(all))
                listingError = all;
            else {
                const rest = all.filter((n) => !picked.some((p) => p.name === n));
                const tagged = await Promise.all(rest.slice(0, 50).map(async (n) => {
                    const r = await ctx.read("glue", new GetTagsCommand({ ResourceArn: glueArn(ctx, "job", n) }), { missing: ["EntityNotFoundException"] });
                    return r.ok && taggedForStudent(r.value.Tags ?? {}, ctx.student);
                }));
                const owned = rest.flatMap((n, i) => (tagged[i] ? [{ name: n, foundBy: "tag" }] : mentionsStudent(n, ctx.student) ? [{ name: n, foundBy: "name" }] : []));
                owned.sort((a, b) => Number(INGEST.test(b.name)) - Number(INGEST.test(a.name)) || a.name.localeCompare(b.name));
                if (picked.length === 1)
                    picked.push(...owned.slice(0, 1));
                else
                    picked.push(...owned.slice(0, 2));
            }
        }
        return { ingest: picked[0] ?? null, transform: picked[1] ?? null, fromStateMachine: fromSm, ...(listingError ? { listingError } : {}) };
    });
}
/** A job run as facts. */
function runFacts(r) {
    return {
        id: r.Id ?? null,
        state: r.JobRunState ?? null,
        startedOn: r.StartedOn instanceof Date ? r.StartedOn.toISOString() : null,
        logGroup: r.LogGroupName ?? null,
        ...(r.ErrorMessage ? { error: r.ErrorMessage.slice(0, 300) } : {}),
    };
}
/** The runs of a job (at most 3 pages), newest first: counts, the latest run and the latest SUCCEEDED run. */
export async function jobRuns(ctx, name) {
    const r = await ctx.list("glue", (t) => new GetJobRunsCommand({ JobName: name, NextToken: t }), (o) => ({ items: o.JobRuns, next: o.NextToken }), { maxPages: 3 });
    if (!r.ok)
        return r.missing ? { count: 0, succeeded: 0, latest: null, latestSucceeded: null } : r.fact;
    const runs = [...r.items].sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0));
    const ok = runs.filter((x) => x.JobRunState === "SUCCEEDED");
    return { count: runs.length, succeeded: ok.length, latest: runs[0] ? runFacts(runs[0]) : null, latestSucceeded: ok[0] ? runFacts(ok[0]) : null };
}
/** Every crawler of the account (GetCrawlers, all pages). */
function allCrawlers(ctx) {
    return once(ctx, "crawlers", async () => {
        const r = await ctx.list("glue", (t) => new GetCrawlersCommand({ NextToken: t }), (o) => ({ items: o.Crawlers, next: o.NextToken }));
        return r.ok ? r.items : r.fact;
    });
}
/** The database names of a layer: exactly as the lab gives it, or with the student suffix. */
export function layerDatabases(ctx, layer) {
    return [ctx.name(`${layer}Db`), ctx.name(`${layer}DbSuffixed`)];
}
/**
 * True when the student owns something in this account by tag or name (a state machine or a bucket). Only then do
 * the lab's un-suffixed names (workshop_raw, a crawler nobody else claims, queries on workshop_raw) count as theirs —
 * the "one account per student" reading; otherwise another student's work would be credited to an empty account.
 */
export function isAnchored(ctx) {
    return once(ctx, "anchor", async () => {
        const [sm, b] = await Promise.all([findStateMachine(ctx), ownedBuckets(ctx)]);
        return sm.kind === "found" || (b.kind === "found" && b.owned.length > 0);
    });
}
/** The database names that count for the student: both spellings when anchored, else only the suffixed one. */
export async function acceptedDatabases(ctx, layer) {
    const [plain, suffixed] = layerDatabases(ctx, layer);
    return (await isAnchored(ctx)) ? [plain, suffixed] : [suffixed];
}
/** The crawler of a layer: one writing to the layer's database, attributed by the state machine, tag or name (else the only one there). */
export function findCrawler(ctx, layer) {
    return once(ctx, `crawler:${layer}`, async () => {
        const [all, sm] = await Promise.all([allCrawlers(ctx), findStateMachine(ctx)]);
        if (!Array.isArray(all))
            return { kind: "error", fact: all };
        const dbs = layerDatabases(ctx, layer).map((d) => d.toLowerCase());
        const smCrawlers = namesIn(sm, "glueStartCrawler");
        const writers = all.filter((c) => c.Name && dbs.includes((c.DatabaseName ?? "").toLowerCase()));
        const tags = await Promise.all(writers.slice(0, 20).map(async (c) => {
            const r = await ctx.read("glue", new GetTagsCommand({ ResourceArn: glueArn(ctx, "crawler", c.Name) }), { missing: ["EntityNotFoundException"] });
            return r.ok ? taggedForStudent(r.value.Tags ?? {}, ctx.student) : false;
        }));
        const scored = writers.map((c, i) => {
            const by = smCrawlers.includes(c.Name) ? "stateMachine" : tags[i] ? "tag" : mentionsStudent(c.Name, ctx.student) ? "name" : (c.DatabaseName ?? "").toLowerCase() === dbs[1] ? "database" : null;
            const score = by === "stateMachine" ? 4 : by === "tag" ? 3 : by === "name" ? 2 : by === "database" ? 1 : 0;
            return { c, by, score };
        });
        scored.sort((a, b) => b.score - a.score);
        const best = scored[0];
        if (best && best.by)
            return { kind: "found", crawler: best.c, foundBy: best.by, others: scored.slice(1).map((x) => x.c.Name) };
        // Nobody attributed: the only crawler writing to the lab's database (one account per student), if there is one.
        if (writers.length === 1 && (await isAnchored(ctx)))
            return { kind: "found", crawler: writers[0], foundBy: "database", others: [] };
        // The state machine's crawler for this layer (first for raw, second for processed), whatever database it writes to.
        const byOrder = smCrawlers[layer === "raw" ? 0 : 1];
        const fromSm = byOrder ? all.find((c) => c.Name === byOrder) : undefined;
        if (fromSm)
            return { kind: "found", crawler: fromSm, foundBy: "stateMachine", others: [] };
        const similar = all.filter((c) => mentionsStudent(c.Name, ctx.student) || smCrawlers.includes(c.Name ?? "")).map((c) => `${c.Name} (→ ${c.DatabaseName ?? "no database"})`);
        return { kind: "missing", similar: [...similar, ...writers.map((c) => `${c.Name} (→ ${c.DatabaseName}, not attributed to you)`)].slice(0, 5) };
    });
}
/** Facts of the layer's database (whichever accepted name exists; the crawler's first) and its tables. */
export async function databaseFacts(ctx, layer, crawlerDb) {
    const names = await acceptedDatabases(ctx, layer);
    const reads = await Promise.all(names.map((n) => ctx.read("glue", new GetDatabaseCommand({ Name: n }), { missing: ["EntityNotFoundException"] })));
    const err = reads.find((r) => !r.ok && !r.missing);
    if (err && !err.ok)
        return { database: err.fact, tables: err.fact };
    const existing = names.filter((_, i) => reads[i].ok);
    const chosen = existing.find((n) => n.toLowerCase() === crawlerDb?.toLowerCase()) ?? existing[0];
    if (!chosen)
        return { database: { exists: false, accepted: names }, tables: [] };
    const t = await ctx.list("glue", (tok) => new GetTablesCommand({ DatabaseName: chosen, NextToken: tok }), (o) => ({ items: o.TableList, next: o.NextToken }), { maxPages: 20 });
    const tables = t.ok
        ? t.items.slice(0, 50).map((x) => ({
            name: x.Name ?? "",
            classification: x.Parameters?.classification ?? x.StorageDescriptor?.Parameters?.classification ?? null,
            columns: x.StorageDescriptor?.Columns?.length ?? 0,
            location: x.StorageDescriptor?.Location ?? null,
            recordCount: x.Parameters?.recordCount !== undefined && /^\d+$/.test(x.Parameters.recordCount) ? Number(x.Parameters.recordCount) : null,
        }))
        : t.fact;
    return { database: { exists: true, name: chosen, accepted: names }, tables };
}
/** A crawler's facts: database, S3 targets, last crawl. */
export function crawlerFacts(c, foundBy, others) {
    return {
        exists: true,
        name: c.Name ?? "",
        foundBy,
        databaseName: c.DatabaseName ?? null,
        s3Paths: (c.Targets?.S3Targets ?? []).map((t) => withSlash(t.Path?.trim() ?? "")).filter((p) => p !== "/"),
        state: c.State ?? null,
        lastCrawlStatus: c.LastCrawl?.Status ?? null,
        ...(c.LastCrawl?.ErrorMessage ? { lastCrawlError: c.LastCrawl.ErrorMessage.slice(0, 300) } : {}),
        ...(others.length ? { otherCandidates: others } : {}),
    };
}
/** Buckets that are tooling, not the data lake: Glue assets, Athena results, CDK staging. */
const TOOLING = /^(aws-glue-assets-|aws-athena-query-results-|cdk-[a-z0-9]+-assets-)/;
/** "s3://bucket/a/b" → { bucket, prefix: "a/b/" }. */
export function parseS3(uri) {
    const m = /^s3a?:\/\/([^/]+)\/?(.*)$/i.exec(uri?.trim() ?? "");
    if (!m)
        return null;
    const prefix = m[2].replace(/^\/+/, "");
    return { bucket: m[1], prefix: prefix ? withSlash(prefix) : "" };
}
/** The account's buckets (tooling left out) and those of the student by StudentID tag or name. */
function ownedBuckets(ctx) {
    return once(ctx, "ownedBuckets", async () => {
        const listed = await ctx.list("s3", (t) => new ListBucketsCommand(t ? { ContinuationToken: t } : {}), (o) => ({ items: o.Buckets, next: o.ContinuationToken }));
        if (!listed.ok)
            return { kind: "error", fact: listed.fact };
        const buckets = listed.items.filter((b) => b.Name && !TOOLING.test(b.Name));
        const tags = await Promise.all(buckets.slice(0, MAX_TAG_READS).map(async (b) => {
            const r = await ctx.read("s3", new GetBucketTaggingCommand({ Bucket: b.Name }), { missing: ["NoSuchTagSet", "NoSuchBucket"], region: b.BucketRegion });
            return r.ok ? tagMap(r.value.TagSet) : {};
        }));
        const tagged = buckets.filter((_, i) => taggedForStudent(tags[i] ?? {}, ctx.student)).map((b) => ({ b, foundBy: "tag" }));
        const named = buckets.filter((b) => mentionsStudent(b.Name, ctx.student) && !tagged.some((t) => t.b === b)).map((b) => ({ b, foundBy: "name" }));
        return { kind: "found", buckets, tags, owned: [...tagged, ...named] };
    });
}
/** The student's data-lake bucket: tagged StudentID, else named with the student ID, else the target of a raw crawler attributed to them. */
export function findBucket(ctx) {
    return once(ctx, "bucket", async () => {
        const o = await ownedBuckets(ctx);
        if (o.kind === "error")
            return o;
        const studentBuckets = o.owned.map((x) => x.b.Name);
        const pick = (b, foundBy) => ({ kind: "found", name: b.Name, region: b.BucketRegion ?? null, foundBy, tags: o.tags[o.buckets.indexOf(b)] ?? {}, studentBuckets });
        if (o.owned[0])
            return pick(o.owned[0].b, o.owned[0].foundBy);
        const raw = await findCrawler(ctx, "raw");
        const target = raw.kind === "found" && raw.foundBy !== "database" ? parseS3(raw.crawler.Targets?.S3Targets?.[0]?.Path) : null;
        const hit = target ? o.buckets.find((b) => b.Name === target.bucket) : undefined;
        if (hit)
            return pick(hit, "crawlerTarget");
        return { kind: "missing", similar: nearMisses(ctx.student, o.buckets.map((b) => b.Name), ctx.student) };
    });
}
// ── objects and Parquet magic bytes ────────────────────────────────────────
/** The first bytes of an S3 GetObject Body: an SDK stream (transformToByteArray), or bytes (in-process world, replay). */
const bodyBytes = new WeakMap();
export function readBody(body) {
    if (body instanceof Uint8Array)
        return Promise.resolve(body);
    if (typeof body === "string")
        return Promise.resolve(new TextEncoder().encode(body));
    if (body && typeof body === "object" && typeof body.transformToByteArray === "function") {
        // A stream can be consumed once; memoised session answers share it, so the bytes are shared too.
        let p = bodyBytes.get(body);
        if (!p)
            bodyBytes.set(body, (p = body.transformToByteArray()));
        return p;
    }
    return Promise.reject(new Error("GetObject returned no readable Body"));
}
/** Four bytes as text when printable ("PAR1"), with \xNN escapes otherwise. */
export function showBytes(b) {
    return [...b].map((x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : `\\x${x.toString(16).padStart(2, "0")}`)).join("");
}
const PARQUET_NAME = /\.parquet$/i;
const NOT_DATA = /(^|\/)(_SUCCESS|_temporary\/|_committed_|_started_|\.spark-staging|[^/]*\$folder\$)|\/$/;
/** Objects under a prefix (at most 10 pages) and the first 4 bytes of one sample (a .parquet key first), read with a ranged GET. */
export async function prefixFacts(ctx, bucket, prefix, region) {
    const listed = await ctx.list("s3", (t) => new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: t }), (o) => ({ items: o.Contents, next: o.IsTruncated ? o.NextContinuationToken : undefined }), { maxPages: 10, region: region ?? undefined });
    if (!listed.ok)
        return listed.fact;
    const data = listed.items.filter((o) => !!o.Key && !NOT_DATA.test(o.Key) && (o.Size ?? 0) > 0);
    const parquet = data.filter((o) => PARQUET_NAME.test(o.Key));
    const chosen = parquet[0] ?? data[0];
    let sample = null;
    if (chosen) {
        if ((chosen.Size ?? 0) < 4)
            sample = { key: chosen.Key, size: chosen.Size ?? 0, magic: "", parquet: false };
        else {
            const got = await ctx.read("s3", new GetObjectCommand({ Bucket: bucket, Key: chosen.Key, Range: "bytes=0-3" }), { region: region ?? undefined });
            if (!got.ok)
                sample = got.fact;
            else {
                try {
                    const bytes = (await readBody(got.value.Body)).slice(0, 4);
                    const magic = showBytes(bytes);
                    sample = { key: chosen.Key, size: chosen.Size ?? 0, magic, parquet: magic === "PAR1" };
                }
                catch (e) {
                    sample = { key: chosen.Key, size: chosen.Size ?? 0, magic: "", parquet: false, readError: e instanceof Error ? e.message.slice(0, 200) : String(e) };
                }
            }
        }
    }
    return {
        location: `s3://${bucket}/${prefix}`,
        objects: data.length,
        parquetObjects: parquet.length,
        otherKeys: data.filter((o) => !PARQUET_NAME.test(o.Key)).slice(0, 3).map((o) => o.Key),
        sample,
    };
}
const MAX_HISTORY_PAGES = 4; // 4 × 50: the 200 most recent queries of the workgroup
/** Recent Athena queries (never starts one): the workgroup of --athena-workgroup, else the state machine's, else the default. */
export function queryHistory(ctx) {
    return once(ctx, "queries", async () => {
        const sm = await findStateMachine(ctx);
        const smWg = sm.kind === "found" ? sm.analysis.tasks.find((t) => t.kind === "athenaQuery" && t.workGroup && !t.workGroup.includes("$") && !t.workGroup.includes("{%"))?.workGroup : undefined;
        const workGroup = ctx.options.athenaWorkgroup ?? smWg ?? undefined;
        const ids = await ctx.list("athena", (t) => new ListQueryExecutionsCommand({ NextToken: t, MaxResults: 50, ...(workGroup ? { WorkGroup: workGroup } : {}) }), (o) => ({ items: o.QueryExecutionIds, next: o.NextToken }), { maxPages: MAX_HISTORY_PAGES });
        if (!ids.ok)
            return ids.fact;
        const queries = [];
        for (let i = 0; i < ids.items.length; i += 50) {
            const r = await ctx.read("athena", new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids.items.slice(i, i + 50) }));
            if (!r.ok)
                return r.fact;
            queries.push(...(r.value.QueryExecutions ?? []));
        }
        return {
            workGroup: workGroup ?? null,
            scanned: queries.length,
            queries: queries.map((q) => ({
                id: q.QueryExecutionId ?? "",
                state: q.Status?.State ?? "UNKNOWN",
                database: q.QueryExecutionContext?.Database ?? null,
                query: (q.Query ?? "").slice(0, 2000),
                submitted: q.Status?.SubmissionDateTime instanceof Date ? q.Status.SubmissionDateTime.toISOString() : null,
            })),
        };
    });
}
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** True when SQL text names one of the databases (as a whole identifier, quoted or not). */
export function mentionsDatabase(text, dbs) {
    if (!text)
        return false;
    return dbs.some((d) => new RegExp(`(^|[^A-Za-z0-9_])${escapeRe(d)}(?![A-Za-z0-9_])`, "i").test(text));
}
/** SUCCEEDED queries of the history that reference a layer's database (in the SQL or as the query's context database). */
export function queriesOn(history, dbs) {
    return history.queries.filter((q) => q.state === "SUCCEEDED" && (mentionsDatabase(q.query, dbs) || (q.database !== null && dbs.some((d) => d.toLowerCase() === q.database.toLowerCase()))));
}
