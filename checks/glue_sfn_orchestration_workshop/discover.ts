// Finding the student's resources in a lab that names almost nothing: the state machine and bucket by the StudentID
// tag (or the student ID in the name), jobs and crawlers through the state machine that runs them (or by tag/name,
// crawlers by the fixed database names), and the raw bytes of one object per prefix. Memoised per run (one
// CheckContext per run), so every task reads the same answers.
import { GetCrawlersCommand, GetDatabaseCommand, GetTablesCommand, GetTagsCommand, type Crawler } from "@aws-sdk/client-glue";
import { DescribeStateMachineCommand, ListStateMachinesCommand, ListTagsForResourceCommand } from "@aws-sdk/client-sfn";
import { GetBucketTaggingCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { BatchGetQueryExecutionCommand, ListQueryExecutionsCommand, type QueryExecution } from "@aws-sdk/client-athena";
import type { CheckContext } from "../../src/grade/check.js";
import { once } from "../shared/per-run.js";
import { parseS3 } from "../shared/s3-objects.js";

import { z } from "zod";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { glueArn, withSlash } from "../shared/arn.js";
import { allJobNames } from "../shared/glue-jobs.js";
import { analyseStateMachine, type StateMachineAnalysis } from "../shared/state-machine.js";
import { escapeRegExp, mentionsStudent, nearMisses, taggedForStudent } from "../shared/student-owned.js";
import { tagMap } from "../shared/tags.js";
import { lastCrawlStatus } from "../shared/glue-crawlers.js";

/** The reads behind findStateMachine and isAnchored (state machines by tag or name, buckets by tag or name): every check that uses them calls these. */
export const ANCHOR_ACTIONS = ["states:ListStateMachines", "states:ListTagsForResource", "states:DescribeStateMachine", "s3:ListAllMyBuckets", "s3:GetBucketTagging"] as const;

/** How a resource was attributed to the student. */
export const foundBySchema = z.enum(["tag", "name", "stateMachine", "database", "crawlerTarget"]);
export type FoundBy = z.infer<typeof foundBySchema>;

// ── state machine ──────────────────────────────────────────────────────────

export type StateMachineFound = {
  kind: "found";
  arn: string;
  name: string;
  foundBy: FoundBy;
  type: string | null;
  status: string | null;
  definition: string;
  analysis: StateMachineAnalysis;
  /** Every state machine attributed to the student (the graded one first). */
  candidates: string[];
};
export type StateMachineRead = StateMachineFound | { kind: "missing"; others: string[] } | { kind: "error"; fact: ErrorFact };

const MAX_TAG_READS = 100;

/** The student's state machine: tagged StudentID={student}, else named with the student ID; the one with most Glue work wins. */
export function findStateMachine(ctx: CheckContext): Promise<StateMachineRead> {
  return once(ctx, "stateMachine", async () => {
    const listed = await ctx.list("sfn", (t) => new ListStateMachinesCommand({ nextToken: t }), (o) => ({ items: o.stateMachines, next: o.nextToken }));
    if (!listed.ok) return { kind: "error", fact: listed.fact } as const;
    const all = listed.items.filter((s) => s.stateMachineArn && s.name);
    const tags = await Promise.all(
      all.slice(0, MAX_TAG_READS).map(async (s) => {
        const r = await ctx.read("sfn", new ListTagsForResourceCommand({ resourceArn: s.stateMachineArn! }), { missing: ["ResourceNotFound"] });
        return r.ok ? Object.fromEntries((r.value.tags ?? []).filter((t) => t.key).map((t) => [t.key!, t.value ?? ""])) : {};
      }),
    );
    const owned = all
      .map((s, i) => ({ s, foundBy: (taggedForStudent(tags[i] ?? {}, ctx.student) ? "tag" : mentionsStudent(s.name, ctx.student) ? "name" : null) as FoundBy | null }))
      .filter((x) => x.foundBy !== null);
    if (!owned.length) return { kind: "missing", others: all.map((s) => s.name!).slice(0, 10) } as const;
    const described = await Promise.all(
      owned.slice(0, 10).map(async (o) => ({ o, r: await ctx.read("sfn", new DescribeStateMachineCommand({ stateMachineArn: o.s.stateMachineArn! }), { missing: ["StateMachineDoesNotExist"] }) })),
    );
    const firstError = described.find((d) => !d.r.ok && !d.r.missing);
    const ok = described.filter((d) => d.r.ok).map((d) => ({ ...d.o, out: (d.r as { ok: true; value: { definition?: string; type?: string; status?: string } }).value }));
    if (!ok.length) return firstError && !firstError.r.ok ? ({ kind: "error", fact: firstError.r.fact } as const) : ({ kind: "missing", others: [] } as const);
    const scored = ok.map((x) => {
      const analysis = analyseStateMachine(x.out.definition);
      const work = analysis.tasks.filter((t) => t.kind === "glueJob" || t.kind === "glueStartCrawler" || t.kind === "athenaQuery").length;
      return { ...x, analysis, score: (x.foundBy === "tag" ? 1000 : 0) + work };
    });
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0]!;
    return {
      kind: "found",
      arn: best.s.stateMachineArn!,
      name: best.s.name!,
      foundBy: best.foundBy!,
      type: best.out.type ?? null,
      status: best.out.status ?? null,
      definition: best.out.definition ?? "",
      analysis: best.analysis,
      candidates: scored.map((x) => x.s.name!),
    } as const;
  });
}

/** Literal names in the state machine's tasks of a kind, main path first, unique. */
function namesIn(sm: StateMachineRead, kind: "glueJob" | "glueStartCrawler"): string[] {
  if (sm.kind !== "found") return [];
  const names = sm.analysis.tasks.filter((t) => t.kind === kind && !t.dynamic.includes(kind === "glueJob" ? "JobName" : "Name")).map((t) => (kind === "glueJob" ? t.jobName : t.crawlerName));
  return [...new Set(names.filter((n): n is string => !!n))];
}

// ── jobs ───────────────────────────────────────────────────────────────────

export type JobRef = { name: string; foundBy: FoundBy };
export type JobsFound = { ingest: JobRef | null; transform: JobRef | null; fromStateMachine: string[]; listingError?: ErrorFact };

const INGEST = /raw|ingest|extract|generat|source|load|fetch/i;

/** The ingestion job (first job the state machine starts) and the transformation job (second); by tag or name otherwise. */
export function findJobs(ctx: CheckContext): Promise<JobsFound> {
  return once(ctx, "jobs", async () => {
    const sm = await findStateMachine(ctx);
    const fromSm = namesIn(sm, "glueJob");
    const picked: JobRef[] = fromSm.slice(0, 2).map((name) => ({ name, foundBy: "stateMachine" as const }));
    let listingError: ErrorFact | undefined;
    if (picked.length < 2) {
      const all = await allJobNames(ctx);
      if (!Array.isArray(all)) listingError = all;
      else {
        const rest = all.filter((n) => !picked.some((p) => p.name === n));
        const tagged = await Promise.all(
          rest.slice(0, 50).map(async (n) => {
            const r = await ctx.read("glue", new GetTagsCommand({ ResourceArn: await glueArn(ctx, "job", n) }), { missing: ["EntityNotFoundException"] });
            return r.ok && taggedForStudent(r.value.Tags ?? {}, ctx.student);
          }),
        );
        const owned: JobRef[] = rest.flatMap((n, i): JobRef[] => (tagged[i] ? [{ name: n, foundBy: "tag" }] : mentionsStudent(n, ctx.student) ? [{ name: n, foundBy: "name" }] : []));
        owned.sort((a, b) => Number(INGEST.test(b.name)) - Number(INGEST.test(a.name)) || a.name.localeCompare(b.name));
        if (picked.length === 1) picked.push(...owned.slice(0, 1));
        else picked.push(...owned.slice(0, 2));
      }
    }
    return { ingest: picked[0] ?? null, transform: picked[1] ?? null, fromStateMachine: fromSm, ...(listingError ? { listingError } : {}) };
  });
}

// ── crawlers, databases, tables ────────────────────────────────────────────

export type Layer = "raw" | "processed";
export type CrawlerPick = { kind: "found"; crawler: Crawler; foundBy: FoundBy; others: string[] } | { kind: "missing"; similar: string[] } | { kind: "error"; fact: ErrorFact };

/** Every crawler of the account (GetCrawlers, all pages). */
function allCrawlers(ctx: CheckContext): Promise<Crawler[] | ErrorFact> {
  return once(ctx, "crawlers", async () => {
    const r = await ctx.list("glue", (t) => new GetCrawlersCommand({ NextToken: t }), (o) => ({ items: o.Crawlers, next: o.NextToken }));
    return r.ok ? r.items : r.fact;
  });
}

/** The database names of a layer: exactly as the lab gives it, or with the student suffix. */
export function layerDatabases(ctx: CheckContext, layer: Layer): string[] {
  return [ctx.name(`${layer}Db`), ctx.name(`${layer}DbSuffixed`)];
}

/**
 * True when the student owns something in this account by tag or name (a state machine or a bucket). Only then do
 * the lab's un-suffixed names (workshop_raw, a crawler nobody else claims, queries on workshop_raw) count as theirs —
 * the "one account per student" reading; otherwise another student's work would be credited to an empty account.
 */
export function isAnchored(ctx: CheckContext): Promise<boolean> {
  return once(ctx, "anchor", async () => {
    const [sm, b] = await Promise.all([findStateMachine(ctx), ownedBuckets(ctx)]);
    return sm.kind === "found" || (b.kind === "found" && b.owned.length > 0);
  });
}

/** The database names that count for the student: both spellings when anchored, else only the suffixed one. */
export async function acceptedDatabases(ctx: CheckContext, layer: Layer): Promise<string[]> {
  const [plain, suffixed] = layerDatabases(ctx, layer);
  return (await isAnchored(ctx)) ? [plain!, suffixed!] : [suffixed!];
}

/** The crawler of a layer: one writing to the layer's database, attributed by the state machine, tag or name (else the only one there). */
export function findCrawler(ctx: CheckContext, layer: Layer): Promise<CrawlerPick> {
  return once(ctx, `crawler:${layer}`, async () => {
    const finding = findStateMachine(ctx);
    finding.catch(() => undefined);
    const all = await allCrawlers(ctx);
    if (!Array.isArray(all)) return { kind: "error", fact: all } as const;
    const dbs = layerDatabases(ctx, layer).map((d) => d.toLowerCase());
    const writers = all.filter((c) => c.Name && dbs.includes((c.DatabaseName ?? "").toLowerCase()));
    // The writers' tags are read while the state machine is still being found.
    const [tags, sm] = await Promise.all([
      Promise.all(
        writers.slice(0, 20).map(async (c) => {
          const r = await ctx.read("glue", new GetTagsCommand({ ResourceArn: await glueArn(ctx, "crawler", c.Name!) }), { missing: ["EntityNotFoundException"] });
          return r.ok ? taggedForStudent(r.value.Tags ?? {}, ctx.student) : false;
        }),
      ),
      finding,
    ]);
    const smCrawlers = namesIn(sm, "glueStartCrawler");
    const scored = writers.map((c, i) => {
      const by: FoundBy | null = smCrawlers.includes(c.Name!) ? "stateMachine" : tags[i] ? "tag" : mentionsStudent(c.Name, ctx.student) ? "name" : (c.DatabaseName ?? "").toLowerCase() === dbs[1] ? "database" : null;
      const score = by === "stateMachine" ? 4 : by === "tag" ? 3 : by === "name" ? 2 : by === "database" ? 1 : 0;
      return { c, by, score };
    });
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (best && best.by) return { kind: "found", crawler: best.c, foundBy: best.by, others: scored.slice(1).map((x) => x.c.Name!) } as const;
    // Nobody attributed: the only crawler writing to the lab's database (one account per student), if there is one.
    if (writers.length === 1 && (await isAnchored(ctx))) return { kind: "found", crawler: writers[0]!, foundBy: "database", others: [] } as const;
    // The state machine's crawler for this layer (first for raw, second for processed), whatever database it writes to.
    const byOrder = smCrawlers[layer === "raw" ? 0 : 1];
    const fromSm = byOrder ? all.find((c) => c.Name === byOrder) : undefined;
    if (fromSm) return { kind: "found", crawler: fromSm, foundBy: "stateMachine", others: [] } as const;
    const similar = all.filter((c) => mentionsStudent(c.Name, ctx.student) || smCrawlers.includes(c.Name ?? "")).map((c) => `${c.Name} (→ ${c.DatabaseName ?? "no database"})`);
    return { kind: "missing", similar: [...similar, ...writers.map((c) => `${c.Name} (→ ${c.DatabaseName}, not attributed to you)`)].slice(0, 5) } as const;
  });
}

/** A layer's database as a fact: the accepted names, and the one that exists. */
export const databaseFactSchema = orError(
  z.union([z.object({ exists: z.literal(false), accepted: z.array(z.string()) }), z.object({ exists: z.literal(true), name: z.string(), accepted: z.array(z.string()) })]),
);
/** One table of a layer's database. */
export const tableFactSchema = z.object({ name: z.string(), classification: z.string().nullable(), columns: z.number(), location: z.string().nullable(), recordCount: z.number().nullable() });
export type TableFact = z.infer<typeof tableFactSchema>;

/** Facts of the layer's database (whichever accepted name exists; the crawler's first) and its tables. */
export async function databaseFacts(ctx: CheckContext, layer: Layer, crawlerDb: string | null): Promise<{ database: z.infer<typeof databaseFactSchema>; tables: TableFact[] | ErrorFact }> {
  // Both spellings are asked for while the anchor is still being found; only the accepted ones are looked at.
  for (const n of layerDatabases(ctx, layer)) void ctx.read("glue", new GetDatabaseCommand({ Name: n }), { missing: ["EntityNotFoundException"] });
  const names = await acceptedDatabases(ctx, layer);
  const reads = await Promise.all(names.map((n) => ctx.read("glue", new GetDatabaseCommand({ Name: n }), { missing: ["EntityNotFoundException"] })));
  const err = reads.find((r) => !r.ok && !r.missing);
  if (err && !err.ok) return { database: err.fact, tables: err.fact };
  const existing = names.filter((_, i) => reads[i]!.ok);
  const chosen = existing.find((n) => n.toLowerCase() === crawlerDb?.toLowerCase()) ?? existing[0];
  if (!chosen) return { database: { exists: false, accepted: names }, tables: [] };
  const t = await ctx.list("glue", (tok) => new GetTablesCommand({ DatabaseName: chosen, NextToken: tok }), (o) => ({ items: o.TableList, next: o.NextToken }));
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

/** A crawler found: its database, S3 targets and last crawl. */
export const crawlerFoundSchema = z.object({
  exists: z.literal(true),
  name: z.string(),
  foundBy: foundBySchema,
  databaseName: z.string().nullable(),
  /** S3 target paths with one trailing slash. */
  s3Paths: z.array(z.string()),
  state: z.string().nullable(),
  lastCrawlStatus: orError(z.string().nullable()),
  lastCrawlError: z.string().optional(),
  /** Other crawlers writing to the layer's database. */
  otherCandidates: z.array(z.string()).optional(),
});
export type CrawlerFound = z.infer<typeof crawlerFoundSchema>;

/** A crawler's facts: database, S3 targets, last crawl. */
export function crawlerFacts(c: Crawler, foundBy: FoundBy, others: string[]): CrawlerFound {
  return {
    exists: true,
    name: c.Name ?? "",
    foundBy,
    databaseName: c.DatabaseName ?? null,
    s3Paths: (c.Targets?.S3Targets ?? []).map((t) => withSlash(t.Path?.trim() ?? "")!).filter((p) => p !== "/"),
    state: c.State ?? null,
    lastCrawlStatus: lastCrawlStatus(c, "glue:GetCrawlers"),
    ...(c.LastCrawl?.ErrorMessage ? { lastCrawlError: c.LastCrawl.ErrorMessage.slice(0, 300) } : {}),
    ...(others.length ? { otherCandidates: others } : {}),
  };
}

// ── bucket ─────────────────────────────────────────────────────────────────

export type BucketRead = { kind: "found"; name: string; region: string | null; foundBy: FoundBy; tags: Record<string, string>; studentBuckets: string[] } | { kind: "missing"; similar: string[] } | { kind: "error"; fact: ErrorFact };

/** Buckets that are tooling, not the data lake: Glue assets, Athena results, CDK staging. */
const TOOLING = /^(aws-glue-assets-|aws-athena-query-results-|cdk-[a-z0-9]+-assets-)/;

type Listed = { Name?: string; BucketRegion?: string };
type Owned = { kind: "found"; buckets: Listed[]; tags: Record<string, string>[]; owned: { b: Listed; foundBy: FoundBy }[] } | { kind: "error"; fact: ErrorFact };

/** The account's buckets (tooling left out) and those of the student by StudentID tag or name. */
function ownedBuckets(ctx: CheckContext): Promise<Owned> {
  return once(ctx, "ownedBuckets", async () => {
    const listed = await ctx.list("s3", (t) => new ListBucketsCommand(t ? { ContinuationToken: t } : {}), (o) => ({ items: o.Buckets, next: o.ContinuationToken }));
    if (!listed.ok) return { kind: "error", fact: listed.fact } as const;
    const buckets = listed.items.filter((b) => b.Name && !TOOLING.test(b.Name));
    const tags = await Promise.all(
      buckets.slice(0, MAX_TAG_READS).map(async (b) => {
        const r = await ctx.read("s3", new GetBucketTaggingCommand({ Bucket: b.Name! }), { missing: ["NoSuchTagSet", "NoSuchBucket"], region: b.BucketRegion });
        return r.ok ? tagMap(r.value.TagSet) : {};
      }),
    );
    const tagged = buckets.filter((_, i) => taggedForStudent(tags[i] ?? {}, ctx.student)).map((b) => ({ b, foundBy: "tag" as const }));
    const named = buckets.filter((b) => mentionsStudent(b.Name, ctx.student) && !tagged.some((t) => t.b === b)).map((b) => ({ b, foundBy: "name" as const }));
    return { kind: "found", buckets, tags, owned: [...tagged, ...named] } as const;
  });
}

/** The student's data-lake bucket: tagged StudentID, else named with the student ID, else the target of a raw crawler attributed to them. */
export function findBucket(ctx: CheckContext): Promise<BucketRead> {
  return once(ctx, "bucket", async () => {
    const o = await ownedBuckets(ctx);
    if (o.kind === "error") return o;
    const studentBuckets = o.owned.map((x) => x.b.Name!);
    const pick = (b: Listed, foundBy: FoundBy) => {
      ctx.noteRegion(`bucket ${b.Name!}`, b.BucketRegion);
      return { kind: "found", name: b.Name!, region: b.BucketRegion ?? null, foundBy, tags: o.tags[o.buckets.indexOf(b)] ?? {}, studentBuckets } as const;
    };
    if (o.owned[0]) return pick(o.owned[0].b, o.owned[0].foundBy);
    const raw = await findCrawler(ctx, "raw");
    const target = raw.kind === "found" && raw.foundBy !== "database" ? parseS3(raw.crawler.Targets?.S3Targets?.[0]?.Path) : null;
    const hit = target ? o.buckets.find((b) => b.Name === target.bucket) : undefined;
    if (hit) return pick(hit, "crawlerTarget");
    return { kind: "missing", similar: nearMisses(ctx.student, o.buckets.map((b) => b.Name!), ctx.student) } as const;
  });
}

// ── Athena query history ───────────────────────────────────────────────────

export type QuerySummary = { id: string; state: string; database: string | null; query: string; submitted: string | null };

const MAX_HISTORY_PAGES = 4; // 4 × 50: the 200 most recent queries of each workgroup read

/** The query history read: which workgroups, how many queries, and a workgroup that could not be read. */
export type QueryHistory = { workGroups: string[]; scanned: number; queries: QuerySummary[]; unread: ErrorFact | null };

/** The workgroups a student may have queried in: --athena-workgroup, the state machine's, and the console's default `primary`. */
export function historyWorkGroups(athenaWorkgroup: string | undefined, stateMachineWorkGroup: string | undefined): string[] {
  return [...new Set([athenaWorkgroup, stateMachineWorkGroup, "primary"].filter((w): w is string => !!w))];
}

/** The queries of one workgroup (most recent first, bounded); null for a workgroup that does not exist. */
async function workGroupHistory(ctx: CheckContext, workGroup: string): Promise<QueryExecution[] | ErrorFact | null> {
  const ids = await ctx.list(
    "athena",
    (t) => new ListQueryExecutionsCommand({ NextToken: t, WorkGroup: workGroup }),
    (o) => ({ items: o.QueryExecutionIds, next: o.NextToken }),
    // Athena answers InvalidRequestException ("WorkGroup … is not found") for a workgroup that does not exist
    { maxPages: MAX_HISTORY_PAGES, partialOk: true, missing: ["InvalidRequestException"] },
  );
  if (!ids.ok) return ids.missing ? null : ids.fact;
  const queries: QueryExecution[] = [];
  for (let i = 0; i < ids.items.length; i += 50) {
    const r = await ctx.read("athena", new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids.items.slice(i, i + 50) }));
    if (!r.ok) return r.fact;
    queries.push(...(r.value.QueryExecutions ?? []));
  }
  return queries;
}

/**
 * Recent Athena queries (never starts one) of every workgroup the student may have used: --athena-workgroup, the
 * state machine's, and `primary` (where the console runs sample queries). An ErrorFact only when none could be read.
 */
export function queryHistory(ctx: CheckContext): Promise<QueryHistory | ErrorFact> {
  return once(ctx, "queries", async () => {
    const sm = await findStateMachine(ctx);
    const smWg = sm.kind === "found" ? sm.analysis.tasks.find((t) => t.kind === "athenaQuery" && t.workGroup && !t.workGroup.includes("$") && !t.workGroup.includes("{%"))?.workGroup : undefined;
    const groups = historyWorkGroups(ctx.options.athenaWorkgroup, smWg ?? undefined);
    const read = await Promise.all(groups.map((g) => workGroupHistory(ctx, g)));
    const errors = read.filter((r): r is ErrorFact => r !== null && !Array.isArray(r));
    if (errors.length > 0 && errors.length === read.filter((r) => r !== null).length) return errors[0]!;
    const queries = read.filter((r): r is QueryExecution[] => Array.isArray(r)).flat();
    return {
      workGroups: groups.filter((_, i) => Array.isArray(read[i])),
      scanned: queries.length,
      unread: errors[0] ?? null,
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

/** True when SQL text names one of the databases (as a whole identifier, quoted or not). */
export function mentionsDatabase(text: string | null | undefined, dbs: readonly string[]): boolean {
  if (!text) return false;
  return dbs.some((d) => new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(d)}(?![A-Za-z0-9_])`, "i").test(text));
}

/** SUCCEEDED queries of the history that reference a layer's database (in the SQL or as the query's context database). */
export function queriesOn(history: { queries: QuerySummary[] }, dbs: readonly string[]): QuerySummary[] {
  return history.queries.filter((q) => q.state === "SUCCEEDED" && (mentionsDatabase(q.query, dbs) || (q.database !== null && dbs.some((d) => d.toLowerCase() === q.database!.toLowerCase()))));
}
