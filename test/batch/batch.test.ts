// The batch engine over the in-process world: sharing, durability, resume, retry-errors, SIGINT, gradebook, merge.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { loadRubric } from "../../src/rubric/load.js";
import { runBatch, type BatchOptions } from "../../src/batch/run.js";
import { readStudentResults, type StudentResult } from "../../src/batch/store.js";
import { writeClassOutputs } from "../../src/batch/outputs.js";
import { mergeDirs, MergeError } from "../../src/batch/merge.js";
import { RoleCredentialCache, REFRESH_MS } from "../../src/batch/credentials.js";
import { TokenBuckets } from "../../src/batch/rate-limit.js";
import type { RosterEntry } from "../../src/batch/roster.js";
import { runBatchCommand } from "../../src/cli/batch-command.js";
import type { Transport } from "../../src/aws/session.js";
import type { CallLog } from "../support/world/transport.js";
import { gradeWorld, statuses } from "../support/grade-world.js";
import { classOf, classWorld, countOps, denyFor, identifyWorld, memoryIo, worldSessions } from "./class-world.js";

const assessment = (await loadAssessment("glue_hard"))!;
const rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
const FAST = { "*": 100_000 };
const tmp = () => mkdtempSync(join(tmpdir(), "gv-batch-"));

const CLASS = classOf(8);
const WORLD = classWorld(CLASS);
const entries = (ids = CLASS.map((s) => s.id)): RosterEntry[] => ids.map((student, i) => ({ student, line: i + 2, name: `Name ${student}`, email: `${student}@example.edu`, section: i % 2 ? "B" : "A" }));

function options(out: string, log: CallLog, extra: Partial<BatchOptions> = {}, wrap?: (t: Transport) => Transport): BatchOptions {
  return {
    assessment, rubric, rubricSource: "test", entries: entries(), out, region: WORLD.region,
    sessionFactory: worldSessions(WORLD, log, wrap), identify: identifyWorld(WORLD), concurrency: 4, tpsTable: FAST, ...extra,
  };
}

describe("batch over one shared account", () => {
  it("grades every student exactly as a single-student run would, and writes one result file each", async () => {
    const out = tmp();
    const log: CallLog = { calls: [] };
    const r = await runBatch(options(out, log));
    expect(r.graded).toBe(8);
    expect(r.interrupted).toBe(false);
    expect(readdirSync(join(out, "students")).sort()).toEqual(CLASS.map((s) => `${s.id}.json`));
    for (const s of CLASS.slice(0, 4)) {
      const single = await gradeWorld("glue_hard", WORLD, s.id);
      const batch = r.results.find((x) => x.entry.student === s.id)!.report!;
      expect(statuses(batch)).toEqual(statuses(single));
      expect(batch.score).toEqual(single.score);
    }
    // Per-student AWS counters are the student's own, not the session's totals.
    const one = r.results[0]!.report!.aws;
    expect(one.calls + one.memoHits).toBeLessThan(r.progress.calls + r.progress.memoHits);
  });

  it("fetches account-wide listings once per batch; per student only named reads remain", async () => {
    const log: CallLog = { calls: [] };
    const r = await runBatch(options(tmp(), log));
    const firstPages = (op: string) => log.calls.filter((c) => `${c.service}:${c.operation}` === op && !/"(NextToken|Marker|nextToken)"/.test(JSON.stringify(c.input ?? {}))).length;
    for (const op of ["glue:GetTriggers", "glue:GetCrawlers", "sns:ListTopics", "cloudwatch:DescribeAlarms", "eventbridge:ListRules", "iam:ListRoles", "lakeformation:GetDataLakeSettings", "lakeformation:ListResources", "secretsmanager:ListSecrets", "budgets:DescribeBudgets", "glue:GetDataCatalogEncryptionSettings", "sts:GetCallerIdentity"]) {
      expect(firstPages(op), op).toBe(1);
    }
    const ops = countOps(log);
    // a named read per student, not per student per check
    expect(ops["s3:HeadBucket"]).toBe(8);
    expect(r.sessions).toHaveLength(1);
    expect(r.progress.memoHits).toBeGreaterThan(0);
  });

  it("keeps the memo bounded: a finished student's named reads are dropped, shared listings kept", async () => {
    const keep = await runBatch(options(tmp(), { calls: [] }, { keepMemo: true }));
    const log: CallLog = { calls: [] };
    const bounded = await runBatch(options(tmp(), log, { concurrency: 2 }));
    expect(bounded.sessions[0]!.memoSize).toBeLessThan(keep.sessions[0]!.memoSize / 3);
    // and no re-fetch of shared listings: the same number of calls as with everything kept
    expect(bounded.sessions[0]!.calls).toBe(keep.sessions[0]!.calls);
  });

  it("writes gradebook.csv (parsed back), the Canvas and Moodle variants, and summary.md", async () => {
    const out = tmp();
    const r = await runBatch(options(out, { calls: [] }));
    writeClassOutputs(out, r.manifest, r.results, "canvas");
    writeClassOutputs(out, r.manifest, r.results, "moodle");
    const rows = parse(readFileSync(join(out, "gradebook.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["student", "name", "email", "section", "score", "max_score", "percent", "passed", ...rubric.tasks.map((t) => t.id), "errors", "status"]);
    expect(rows.map((x) => x.student)).toEqual(CLASS.map((s) => s.id));
    for (const row of rows) {
      const rep = r.results.find((x) => x.entry.student === row.student)!.report!;
      expect(Number(row.score)).toBe(rep.score.points);
      expect(Number(row.percent)).toBe(rep.score.percent);
      expect(row.passed).toBe(rep.score.passed ? "yes" : "no");
      expect(rubric.tasks.reduce((a, t) => a + Number(row[t.id]), 0)).toBeCloseTo(rep.score.points, 5);
      expect(row.email).toBe(`${row.student}@example.edu`);
    }
    const canvas = parse(readFileSync(join(out, "gradebook-canvas.csv"), "utf8")) as string[][];
    expect(canvas[0]).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", rubric.title, "Notes"]);
    expect(canvas[1]![0]).toBe("Points Possible");
    expect(canvas[2]!.slice(0, 5)).toEqual(["Name s0001", "", "s0001", "s0001@example.edu", "A"]);
    const moodle = parse(readFileSync(join(out, "gradebook-moodle.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(moodle[0]!)).toEqual(["ID number", "Email address", "Full name", rubric.title, "Feedback"]);
    const md = readFileSync(join(out, "summary.md"), "utf8");
    expect(md).toMatch(/8 of 8 students graded/);
    expect(md).toMatch(/## Score histogram/);
    // the hardest criterion first
    const rates = [...md.matchAll(/^\| `[^`]+` .*? \| ([\d.]+)% \|/gm)].map((m) => Number(m[1]));
    expect(rates.length).toBeGreaterThan(10);
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
  });
});

describe("durability", () => {
  it("an abort (Ctrl-C) keeps finished students; --resume grades only the rest", async () => {
    const out = tmp();
    const ac = new AbortController();
    const log1: CallLog = { calls: [] };
    const first = await runBatch(options(out, log1, { concurrency: 1, signal: ac.signal, onProgress: (p) => p.done >= 3 && ac.abort() }));
    expect(first.interrupted).toBe(true);
    expect(first.graded).toBe(3);
    expect(readStudentResults(out).results.size).toBe(3);
    writeClassOutputs(out, first.manifest, first.results);
    expect((parse(readFileSync(join(out, "gradebook.csv"), "utf8"), { columns: true }) as unknown[]).length).toBe(3);

    const second = await runBatch(options(out, { calls: [] }, { resume: true }));
    expect(second.skipped).toBe(3);
    expect(second.graded).toBe(5);
    expect(second.results.map((x) => x.entry.student).sort()).toEqual(CLASS.map((s) => s.id));
  });

  it("the command: SIGINT-style abort writes the gradebook for what finished and exits 130; without --resume an existing folder is refused", async () => {
    const out = tmp();
    const ac = new AbortController();
    const io = memoryIo();
    const log: CallLog = { calls: [] };
    const base = worldSessions(WORLD, log);
    let made = 0;
    const code = await runBatchCommand("glue_hard", { students: CLASS.map((s) => s.id).join(","), out, concurrency: "1", quiet: true }, io, {
      signal: ac.signal,
      tpsTable: FAST,
      identify: identifyWorld(WORLD),
      sessionFactory: (o) => {
        made++;
        const s = base(o);
        const send = s.send.bind(s);
        let n = 0;
        s.send = ((...args: Parameters<typeof send>) => (++n === 150 && ac.abort(), send(...args))) as typeof send;
        return s;
      },
    });
    expect(code).toBe(130);
    expect(made).toBe(1);
    const done = readStudentResults(out).results.size;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(8);
    expect((parse(readFileSync(join(out, "gradebook.csv"), "utf8"), { columns: true }) as unknown[]).length).toBe(done);
    expect(existsSync(join(out, "summary.md"))).toBe(true);
    await expect(runBatchCommand("glue_hard", { students: "s0001", out }, memoryIo(), { identify: identifyWorld(WORLD), sessionFactory: base, tpsTable: FAST })).rejects.toThrow(/already has results: add --resume/);
    const again = memoryIo();
    const code2 = await runBatchCommand("glue_hard", { students: CLASS.map((s) => s.id).join(","), out, resume: true, quiet: true }, again, { identify: identifyWorld(WORLD), sessionFactory: base, tpsTable: FAST });
    expect(code2).toBe(0);
    expect(again.stderr()).toMatch(new RegExp(`${8 - done} graded now, ${done} already done`));
  });

  it("--retry-errors regrades only the students with error criteria", async () => {
    const out = tmp();
    const first = await runBatch(options(out, { calls: [] }, {}, denyFor("s0002", "GetBucketPolicy")));
    const s2 = first.results.find((x) => x.entry.student === "s0002")!;
    expect(s2.report!.counts.error).toBeGreaterThan(0);
    expect(first.results.filter((x) => x.report!.counts.error > 0).map((x) => x.entry.student)).toEqual(["s0002"]);
    const before = readFileSync(join(out, "students", "s0001.json"), "utf8");
    const log: CallLog = { calls: [] };
    const second = await runBatch(options(out, log, { retryErrors: true }));
    expect(second.graded).toBe(1);
    expect(second.results.find((x) => x.entry.student === "s0002")!.report!.counts.error).toBe(0);
    expect(readFileSync(join(out, "students", "s0001.json"), "utf8")).toBe(before);
    expect(log.calls.some((c) => JSON.stringify(c.input).includes("s0003"))).toBe(false);
  });
});

describe("multi-account", () => {
  it("one session per (account, region, role); AssumeRole once per role, refreshed before expiry", async () => {
    let now = 0;
    const calls: string[] = [];
    const roles = new RoleCredentialCache(async ({ roleArn }) => (calls.push(roleArn), { accessKeyId: "AK", secretAccessKey: "SK", expiration: new Date(now + 3600_000) }), () => now);
    const ids = CLASS.map((s) => s.id);
    const rows: RosterEntry[] = ids.map((student, i) => ({
      student, line: i + 2,
      ...(i % 3 === 0 ? {} : { roleArn: `arn:aws:iam::11111111111${i % 3}:role/Grader`, account: `11111111111${i % 3}` }),
    }));
    const r = await runBatch(options(tmp(), { calls: [] }, { entries: rows, roles }));
    expect(r.sessions.map((s) => s.key).sort()).toEqual(["111111111111|us-east-1|arn:aws:iam::111111111111:role/Grader|", "111111111112|us-east-1|arn:aws:iam::111111111112:role/Grader|", "|us-east-1||"]);
    // the in-process transport never asks for credentials; ask as the SDK clients would
    const p = roles.provider("arn:aws:iam::111111111111:role/Grader", undefined, "us-east-1");
    await Promise.all([p(), p(), p()]);
    expect(calls).toHaveLength(1);
    now += 3600_000 - REFRESH_MS - 1;
    await p();
    expect(calls).toHaveLength(1);
    now += 2;
    await p();
    expect(calls).toHaveLength(2);
    expect(r.results.every((x) => x.report)).toBe(true);
  });

  it("a row whose account is not the caller's (and has no role) is not graded, with the reason", async () => {
    const rows: RosterEntry[] = [{ student: "s0001", line: 2, account: "999999999999" }, { student: "s0002", line: 3 }];
    const r = await runBatch(options(tmp(), { calls: [] }, { entries: rows }));
    expect(r.results.find((x) => x.entry.student === "s0001")!.failure).toMatch(/account 999999999999.*credentials are for account 123456789012/);
    expect(r.results.find((x) => x.entry.student === "s0002")!.report).toBeDefined();
  });
});

describe("merge", () => {
  it("merges shard folders into one gradebook; the same grade twice is kept once; a conflicting one is refused", async () => {
    const a = tmp(), b = tmp(), out = tmp();
    await runBatch(options(a, { calls: [] }, { entries: entries().filter((_, i) => i % 2 === 0), shard: "1/2" }));
    await runBatch(options(b, { calls: [] }, { entries: entries().filter((_, i) => i % 2 === 1 || i === 0), shard: "2/2" }));
    const m = mergeDirs([a, b], out);
    expect(m.results.map((x) => x.entry.student).sort()).toEqual(CLASS.map((s) => s.id));
    expect(m.warnings.join("\n")).toMatch(/s0001.*same grade/);
    const w = writeClassOutputs(out, m.manifest, m.results);
    expect(w.console).toMatch(/8\/8 graded/);
    const rows = parse(readFileSync(join(out, "gradebook.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.student)).toEqual(CLASS.map((s) => s.id));

    const f = join(b, "students", "s0001.json");
    const tampered = JSON.parse(readFileSync(f, "utf8")) as StudentResult;
    tampered.report!.score.points -= 1;
    writeFileSync(f, JSON.stringify(tampered));
    expect(() => mergeDirs([a, b], tmp())).toThrow(MergeError);
    expect(() => mergeDirs([a, b], tmp())).toThrow(/s0001.*graded differently/);
    rmSync(join(a, "batch.json"));
    expect(() => mergeDirs([a, b], tmp())).toThrow(/no batch.json/);
  });
});

describe("token buckets", () => {
  it("paces each (region, operation) at its rate in arrival order; other operations are independent", () => {
    let now = 1000;
    const tb = new TokenBuckets({ table: { "*": 10, "s3:*": 50 }, maxTps: 20, now: () => now });
    const waits: number[] = [];
    const orig = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms: number) => (waits.push(ms), orig(fn, 0))) as typeof setTimeout;
    try {
      for (let i = 0; i < 5; i++) void tb.acquire({ service: "glue", region: "us-east-1", operation: "GetTable" });
      void tb.acquire({ service: "glue", region: "us-east-1", operation: "GetJob" });
      for (let i = 0; i < 3; i++) void tb.acquire({ service: "s3", region: "us-east-1", operation: "HeadBucket" });
    } finally {
      globalThis.setTimeout = orig;
    }
    // glue 10/s: 0, 100, 200, 300, 400 ms; GetJob free; s3 50/s capped to 20/s: 0, 50, 100 ms
    expect(waits).toEqual([100, 200, 300, 400, 50, 100]);
    now += 10_000;
    expect(tb.waits.calls).toBe(6);
  });

  it("a throttle slows that operation (30% per throttle, floor 25%), and it recovers after quiet periods", async () => {
    let now = 0;
    const tb = new TokenBuckets({ table: { "*": 10 }, now: () => now });
    const call = { service: "glue" as const, region: "us-east-1", operation: "GetJob" };
    const gap = async () => {
      const t0 = now;
      await tb.acquire(call); // first: free
      const tat = (tb as unknown as { tat: Map<string, number> }).tat.get("us-east-1|glue:GetJob")!;
      return tat - t0;
    };
    expect(await gap()).toBeCloseTo(100);
    now += 1000;
    tb.throttled(call);
    expect(await gap()).toBeCloseTo(100 / 0.7);
    for (let i = 0; i < 10; i++) tb.throttled(call);
    now += 1000;
    expect(await gap()).toBeCloseTo(400);
    now += 5000;
    expect(await gap()).toBeCloseTo(1000 / 3.5);
    expect(tb.waits.throttled).toBe(11);
  });
});
