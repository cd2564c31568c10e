// Jobs — compliant: five Glue jobs of the student (customer and accelerometer landing→trusted, step_trainer_trusted,
// customer_curated, machine_learning_curated), each with a SUCCEEDED run, each writing its table with "create a table in
// the Data Catalog and on subsequent runs update the schema" (enableUpdateCatalog=True, updateBehavior UPDATE_IN_DATABASE).
import { GetJobRunsCommand, type CodeGenConfigurationNode, type Job, type JobRun } from "@aws-sdk/client-glue";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { isErrorFact, orError, type ErrorFact } from "../../src/grade/facts.js";
import { allJobNames, readJob } from "../shared/glue-jobs.js";
import { mentionsStudent } from "../shared/student-owned.js";
import { resolveDatabase, TABLES } from "./common.js";

/** The tables a job of the lab writes, in the order of the lab. */
export const JOB_TARGETS = ["customer_trusted", "accelerometer_trusted", "step_trainer_trusted", "customer_curated", "machine_learning_curated"] as const;
export type JobTarget = (typeof JOB_TARGETS)[number];

/** Bounds: jobs read with GetJob, bytes of a script read, run pages per job. */
const MAX_CANDIDATES = 40;
export const MAX_SCRIPT_BYTES = 256 * 1024;
const MAX_RUN_PAGES = 5;

/** Job names that suggest a target when the script and graph do not tell (lowercase, separators as "_"). */
const NAME_PATTERNS: Record<JobTarget, RegExp> = {
  machine_learning_curated: /machine_?learning|(^|_)ml(_|$)|trainer_trusted_to_curated|trainer.*curated/,
  customer_curated: /customers?_?(trusted_)?(to_)?curated/,
  step_trainer_trusted: /step_?trainer.*trusted/,
  accelerometer_trusted: /accelerometer.*trusted/,
  customer_trusted: /customer.*trusted/,
};
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "_");

/** What one script or graph says: the tables it writes (db.table or path), and the catalog-update settings. */
export type ScriptAnalysis = { targets: { database: string | null; table: string | null; path: string | null }[]; enableUpdateCatalog: boolean; updateBehavior: string | null };

/** The argument text of each call of `fn(` in `src` (parentheses balanced, strings skipped roughly). */
function callArgs(src: string, fn: RegExp): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(fn)) {
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    const start = i;
    for (; i < src.length && depth > 0; i++) {
      const c = src[i];
      if (c === "(") depth++;
      else if (c === ")") depth--;
    }
    out.push(src.slice(start, i - 1));
    if (out.length >= 50) break;
  }
  return out;
}
const kwarg = (args: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(args)?.[1] ?? null;

/** Reads a Glue (PySpark) script: targets of write_dynamic_frame.from_catalog / from_options and getSink().setCatalogInfo, and the sink's schema-update settings. */
export function analyseScript(src: string): ScriptAnalysis {
  const targets: ScriptAnalysis["targets"] = [];
  for (const a of callArgs(src, /write_dynamic_frame\s*\.\s*from_catalog\s*\(/g)) targets.push({ database: kwarg(a, "database"), table: kwarg(a, "table_name"), path: null });
  for (const a of callArgs(src, /write_dynamic_frame\s*\.\s*from_options\s*\(/g)) targets.push({ database: null, table: null, path: /["']path["']\s*:\s*["']([^"']+)["']/.exec(a)?.[1] ?? null });
  for (const a of callArgs(src, /\.\s*setCatalogInfo\s*\(/g)) targets.push({ database: kwarg(a, "catalogDatabase"), table: kwarg(a, "catalogTableName"), path: null });
  for (const a of callArgs(src, /\.\s*getSink\s*\(/g)) {
    const path = kwarg(a, "path");
    if (path) targets.push({ database: null, table: null, path });
  }
  const sinkArgs = callArgs(src, /\.\s*getSink\s*\(/g).join("\n");
  return {
    targets,
    enableUpdateCatalog: /\benableUpdateCatalog\s*=\s*True\b/.test(sinkArgs || src),
    updateBehavior: /\bupdateBehavior\s*=\s*["']([A-Z_]+)["']/.exec(sinkArgs || src)?.[1] ?? null,
  };
}

/** The same from a visual job's graph: catalog targets and S3 targets with a schema change policy. */
export function analyseGraph(nodes: Record<string, CodeGenConfigurationNode> | undefined): ScriptAnalysis {
  const out: ScriptAnalysis = { targets: [], enableUpdateCatalog: false, updateBehavior: null };
  for (const n of Object.values(nodes ?? {})) {
    if (n.CatalogTarget) out.targets.push({ database: n.CatalogTarget.Database ?? null, table: n.CatalogTarget.Table ?? null, path: null });
    const s3Targets: { Path?: string; Database?: string; Table?: string; SchemaChangePolicy?: object }[] = [];
    if (n.S3GlueParquetTarget) s3Targets.push(n.S3GlueParquetTarget);
    if (n.S3DirectTarget) s3Targets.push(n.S3DirectTarget);
    if (n.S3CatalogTarget) s3Targets.push(n.S3CatalogTarget);
    for (const t of s3Targets) {
      const p = t.SchemaChangePolicy as { EnableUpdateCatalog?: boolean; UpdateBehavior?: string; Database?: string; Table?: string } | undefined;
      out.targets.push({ database: t.Database ?? p?.Database ?? null, table: t.Table ?? p?.Table ?? null, path: t.Path ?? null });
      if (p?.EnableUpdateCatalog) out.enableUpdateCatalog = true;
      if (p?.UpdateBehavior) out.updateBehavior = p.UpdateBehavior;
    }
  }
  return out;
}

/** The lab table a target writes: by table name (aliases accepted), else by an S3 path …/<entity>/<zone>/. */
function targetTable(t: ScriptAnalysis["targets"][number]): JobTarget | undefined {
  const name = t.table?.toLowerCase();
  if (name) for (const id of JOB_TARGETS) if (name === id || (TABLES[id].aliases as readonly string[]).includes(name)) return id;
  const path = t.path?.toLowerCase().replace(/\/+$/, "");
  if (path) {
    if (/\/customers?\/trusted$/.test(path)) return "customer_trusted";
    if (/\/accelerometer\/trusted$/.test(path)) return "accelerometer_trusted";
    if (/\/step_?trainer\/trusted$/.test(path)) return "step_trainer_trusted";
    if (/\/customers?\/curated$/.test(path)) return "customer_curated";
    if (/\/(machine_?learning|ml)[^/]*\/curated$|\/machine_learning_curated$|\/step_?trainer\/curated$/.test(path)) return "machine_learning_curated";
  }
  return undefined;
}

/** "s3://bucket/key" → parts. */
function s3Parts(uri: string | undefined): { Bucket: string; Key: string } | undefined {
  const m = /^s3a?:\/\/([^/]+)\/(.+)$/.exec(uri ?? "");
  return m ? { Bucket: m[1]!, Key: m[2]! } : undefined;
}

/** GetObject Body as text, whether a stream (live SDK) or bytes (snapshots, the test world). A stream is read once and shared. */
const bodies = new WeakMap<object, Promise<string>>();
export async function bodyText(body: unknown): Promise<string> {
  const dec = (b: Uint8Array) => new TextDecoder("utf-8", { fatal: false }).decode(b.subarray(0, MAX_SCRIPT_BYTES));
  if (body instanceof Uint8Array) return dec(body);
  if (typeof body === "string") return body.slice(0, MAX_SCRIPT_BYTES);
  if (body && typeof body === "object" && typeof (body as { transformToByteArray?: unknown }).transformToByteArray === "function") {
    let p = bodies.get(body);
    if (!p) bodies.set(body, (p = (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray().then(dec)));
    return p;
  }
  throw new Error("GetObject returned no readable Body");
}

/** Whether a job's script was read (and its size), or why not. */
const scriptFactsSchema = orError(z.union([z.object({ read: z.literal(true), bytes: z.number() }), z.object({ read: z.literal(false), reason: z.string() })]));
type ScriptFacts = z.infer<typeof scriptFactsSchema>;

/** The job that writes one of the lab's tables, or the student's jobs when none does. */
export const jobTargetFactsSchema = orError(
  z.union([
    z.object({
      found: z.literal(true),
      target: z.enum(JOB_TARGETS),
      name: z.string(),
      /** "target": its script or graph writes the table; "name": only its name suggests it. */
      matchedBy: z.enum(["target", "name"]),
      /** Other jobs of the student for the same table. */
      others: z.array(z.string()),
      jobMode: z.string(),
      scriptLocation: z.string().nullable(),
      script: scriptFactsSchema,
      runs: orError(z.number()),
      succeeded: orError(z.boolean()),
      latestState: orError(z.string().nullable()),
      lastSucceededOn: z.string().nullable(),
      lastError: z.string().nullable(),
      enableUpdateCatalog: z.boolean(),
      updateBehavior: z.string().nullable(),
      updatesCatalog: orError(z.boolean()),
    }),
    z.object({ found: z.literal(false), target: z.enum(JOB_TARGETS), studentJobs: z.array(z.string()) }),
  ]),
);
export type JobTargetFacts = z.infer<typeof jobTargetFactsSchema>;

/** The facts of the Jobs task: the student's jobs, and per table of the lab the job that writes it. */
export const jobsFactsSchema = z.object({
  /** Absent when the jobs could not be listed. */
  studentJobs: z.array(z.string()).optional(),
  customer_trusted: jobTargetFactsSchema,
  accelerometer_trusted: jobTargetFactsSchema,
  step_trainer_trusted: jobTargetFactsSchema,
  customer_curated: jobTargetFactsSchema,
  machine_learning_curated: jobTargetFactsSchema,
});
export type JobsFacts = z.infer<typeof jobsFactsSchema>;

/** The first MAX_SCRIPT_BYTES of a job's script (a ranged GET: a read, bounded). */
async function readScript(ctx: CheckContext, location: string | undefined): Promise<{ facts: ScriptFacts; text?: string }> {
  const at = s3Parts(location);
  if (!at) return { facts: { read: false, reason: location ? `not an S3 location: ${location.slice(0, 200)}` : "no ScriptLocation" } };
  const r = await ctx.read("s3", new GetObjectCommand({ ...at, Range: `bytes=0-${MAX_SCRIPT_BYTES - 1}` }), { missing: ["NoSuchKey", "NoSuchBucket"] });
  if (!r.ok) return { facts: r.missing ? { read: false, reason: `no object at ${location}` } : r.fact };
  try {
    const text = await bodyText(r.value.Body);
    return { facts: { read: true, bytes: text.length }, text };
  } catch (e) {
    return { facts: { read: false, reason: e instanceof Error ? e.message.slice(0, 200) : String(e) } };
  }
}

/** A job with what its graph or script says. */
type Candidate = { job: Job; script: ScriptFacts; analysis: ScriptAnalysis; targets: JobTarget[]; databases: string[] };

async function candidate(ctx: CheckContext, name: string): Promise<Candidate | ErrorFact | undefined> {
  const r = await readJob(ctx, name);
  if (r.kind === "error") return r.fact;
  if (r.kind === "missing") return undefined;
  const job = r.job;
  const graph = analyseGraph(job.CodeGenConfigurationNodes);
  const { facts: script, text } = await readScript(ctx, job.Command?.ScriptLocation);
  const fromScript = text !== undefined ? analyseScript(text) : { targets: [], enableUpdateCatalog: false, updateBehavior: null };
  const analysis: ScriptAnalysis = {
    targets: [...graph.targets, ...fromScript.targets],
    enableUpdateCatalog: graph.enableUpdateCatalog || fromScript.enableUpdateCatalog,
    updateBehavior: graph.updateBehavior ?? fromScript.updateBehavior,
  };
  const targets = [...new Set(analysis.targets.map(targetTable).filter((t): t is JobTarget => t !== undefined))];
  const databases = [...new Set(analysis.targets.map((t) => t.database?.toLowerCase()).filter((d): d is string => !!d))];
  return { job, script, analysis, targets, databases };
}

/** The runs of a job, newest first (sorted by StartedOn: the API's order is not documented). */
async function runsOf(ctx: CheckContext, name: string): Promise<JobRun[] | ErrorFact> {
  const r = await ctx.list("glue", (t) => new GetJobRunsCommand({ JobName: name, NextToken: t }), (o) => ({ items: o.JobRuns, next: o.NextToken }), { maxPages: MAX_RUN_PAGES, partialOk: true });
  if (!r.ok) return r.fact;
  return [...r.items].sort((a, b) => new Date(b.StartedOn ?? 0).getTime() - new Date(a.StartedOn ?? 0).getTime());
}

/** The Jobs task. */
export const jobs: CheckModule<JobsFacts> = {
  id: "jobs",
  description: "The student's Glue jobs (name mentions the student, or the job writes a table of the student's database), by the table each writes: runs (a SUCCEEDED one) and the catalog update settings of its script (read from S3, first 256 KiB) or visual graph.",
  names: ["database", "plainDatabase"],
  actions: ["glue:ListJobs", "glue:GetJob", "glue:GetJobRuns", "s3:GetObject", "glue:GetDatabase", "glue:GetDatabases", "glue:GetTags"],
  facts: jobsFactsSchema,
  async collect(ctx) {
    const [names, db] = await Promise.all([allJobNames(ctx), resolveDatabase(ctx)]);
    const dbName = "$error" in db || !db.exists ? undefined : db.name.toLowerCase();
    if (!Array.isArray(names)) {
      return { customer_trusted: names, accelerometer_trusted: names, step_trainer_trusted: names, customer_curated: names, machine_learning_curated: names };
    }
    // Candidates: every job whose name mentions the student, then jobs whose name looks like a lab job (their
    // script tells whose database they write). Bounded.
    const byName = names.filter((n) => mentionsStudent(n, ctx.student));
    // Lookalikes without digits first: a name with a digit run is more likely another student's copy.
    const lookalike = names
      .filter((n) => !byName.includes(n) && Object.values(NAME_PATTERNS).some((p) => p.test(norm(n))))
      .sort((a, b) => Number(/\d/.test(a)) - Number(/\d/.test(b)));
    const picked = [...byName, ...lookalike].slice(0, MAX_CANDIDATES);
    const read = await Promise.all(picked.map((n) => candidate(ctx, n)));
    const firstError = read.find((c): c is ErrorFact => c !== undefined && "$error" in c);
    const mine = read.filter((c): c is Candidate => {
      if (c === undefined || "$error" in c) return false;
      // A job named for the student is theirs; another job is theirs when it writes their database.
      return mentionsStudent(c.job.Name, ctx.student) || (dbName !== undefined && c.databases.includes(dbName));
    });
    const studentJobs = mine.map((c) => c.job.Name ?? "");
    // Each target: the student's jobs that write it (by graph/script), else whose name suggests it.
    const roleOf = (c: Candidate, t: JobTarget): "target" | "name" | undefined => {
      if (c.targets.includes(t)) return "target";
      if (c.targets.length === 0 && NAME_PATTERNS[t].test(norm(c.job.Name ?? ""))) {
        // The first pattern that matches decides (machine_learning before customer_curated before customer_trusted…).
        const first = (Object.keys(NAME_PATTERNS) as JobTarget[]).find((k) => NAME_PATTERNS[k].test(norm(c.job.Name ?? "")));
        return first === t ? "name" : undefined;
      }
      return undefined;
    };
    const forTarget = async (t: JobTarget): Promise<JobTargetFacts> => {
      const options = mine.map((c) => ({ c, how: roleOf(c, t) })).filter((x): x is { c: Candidate; how: "target" | "name" } => x.how !== undefined);
      if (options.length === 0) return firstError ?? { found: false, target: t, studentJobs };
      const withRuns = await Promise.all(options.map(async (o) => ({ ...o, runs: await runsOf(ctx, o.c.job.Name!) })));
      const ok = (x: (typeof withRuns)[number]) => Array.isArray(x.runs) && x.runs.some((r) => r.JobRunState === "SUCCEEDED");
      const best = withRuns.find(ok) ?? withRuns.find((x) => Array.isArray(x.runs) && x.runs.length > 0) ?? withRuns[0]!;
      const { c, how, runs } = best;
      const a = c.analysis;
      const lastOk = Array.isArray(runs) ? runs.find((r) => r.JobRunState === "SUCCEEDED") : undefined;
      return {
        found: true,
        target: t,
        name: c.job.Name ?? "",
        matchedBy: how,
        others: withRuns.filter((x) => x !== best).map((x) => x.c.job.Name ?? ""),
        jobMode: c.job.JobMode ?? "SCRIPT",
        scriptLocation: c.job.Command?.ScriptLocation ?? null,
        script: c.script,
        runs: Array.isArray(runs) ? runs.length : runs,
        succeeded: Array.isArray(runs) ? lastOk !== undefined : runs,
        latestState: Array.isArray(runs) ? (runs[0]?.JobRunState ?? null) : runs,
        lastSucceededOn: lastOk?.StartedOn ? new Date(lastOk.StartedOn).toISOString() : null,
        lastError: Array.isArray(runs) ? (runs.find((r) => r.ErrorMessage)?.ErrorMessage?.slice(0, 300) ?? null) : null,
        enableUpdateCatalog: a.enableUpdateCatalog,
        updateBehavior: a.updateBehavior,
        // Visual jobs carry it in the graph; script jobs need the script: unreadable → error, not "no".
        updatesCatalog:
          a.enableUpdateCatalog && a.updateBehavior === "UPDATE_IN_DATABASE"
            ? true
            : isErrorFact(c.script)
              ? c.script
              : false,
      };
    };
    const [customer_trusted, accelerometer_trusted, step_trainer_trusted, customer_curated, machine_learning_curated] = await Promise.all([
      forTarget("customer_trusted"),
      forTarget("accelerometer_trusted"),
      forTarget("step_trainer_trusted"),
      forTarget("customer_curated"),
      forTarget("machine_learning_curated"),
    ]);
    return { studentJobs, customer_trusted, accelerometer_trusted, step_trainer_trusted, customer_curated, machine_learning_curated };
  },
};
