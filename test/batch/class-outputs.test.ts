// What a batch folder holds for the class: class.html (escaped, columns extensible), `batch report` rebuilding every
// output from stored results without AWS, --resume filling in new report formats and regrading students not graded,
// incompleteness marked in every gradebook, and an early stop when the first students all fail on access.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { parseHTML } from "linkedom";
import { bundledRubric, catalogOf } from "../../src/grade/assessment.js";
import { loadAssessment } from "../../src/app/assessments.js";
import { loadRubric } from "../../src/rubric/load.js";
import { runBatch, type BatchOptions } from "../../src/batch/run.js";
import { readManifest, readStudentResults } from "../../src/batch/store.js";
import { writeClassOutputs } from "../../src/batch/outputs.js";
import { classView } from "../../src/batch/class-view.js";
import { CLASS_COLUMNS, CLASS_CSP, renderClassHtml, type ClassColumn } from "../../src/report/class-html.js";
import { runBatchCommand, runBatchReportCommand } from "../../src/cli/batch-command.js";
import { UsageError } from "../../src/cli/exit.js";
import type { Identify } from "../../src/batch/run.js";
import { classFolder, HOSTILE } from "./class-folder.js";
import { classOf, classWorld, identifyWorld, memoryIo, worldSessions } from "./class-world.js";

const assessment = (await loadAssessment("glue_hard"))!;
const rubric = loadRubric(bundledRubric("glue_hard"), catalogOf(assessment));
const FAST = { "*": 100_000 };
const tmp = () => mkdtempSync(join(tmpdir(), "gv-class-out-"));
const CLASS = classOf(6);
const WORLD = classWorld(CLASS);
const ids = CLASS.map((s) => s.id).join(",");
const deps = (identify: Identify = identifyWorld(WORLD)) => ({ identify, sessionFactory: worldSessions(WORLD, { calls: [] }), tpsTable: FAST });
const options = (out: string, extra: Partial<BatchOptions> = {}): BatchOptions => ({
  assessment, rubric, rubricSource: "test", entries: CLASS.map((s, i) => ({ student: s.id, line: i + 2 })), out, region: WORLD.region,
  sessionFactory: worldSessions(WORLD, { calls: [] }), identify: identifyWorld(WORLD), concurrency: 2, tpsTable: FAST, ...extra,
});
/** An identity check that fails as an expired token would. */
const expired: Identify = async () => {
  throw Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredTokenException", $fault: "client", $metadata: { httpStatusCode: 403 } });
};
const csv = (f: string) => parse(readFileSync(f, "utf8"), { columns: true, relax_column_count: true }) as Record<string, string>[];

const folder = await classFolder(24);

describe("class.html", () => {
  const page = () => parseHTML(readFileSync(join(folder, "class.html"), "utf8")).document;

  it("is one offline page: the CSP allows only its hashed script; hostile roster values and reasons are text", async () => {
    expect(await runBatchReportCommand(folder, {}, memoryIo())).toBe(0);
    const doc = page();
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")).toBe(CLASS_CSP);
    expect(CLASS_CSP).toMatch(/default-src 'none'; .*script-src 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(doc.querySelectorAll("script")).toHaveLength(1);
    expect(doc.querySelectorAll("img, link, iframe, object")).toHaveLength(0);
    expect(doc.querySelectorAll("[src], [onerror], [onmouseover]")).toHaveLength(0);
    const hostileRow = [...doc.querySelectorAll("#students tbody tr")].find((r) => r.textContent!.includes("s0005"))!;
    expect(hostileRow.querySelectorAll("td")[1]!.textContent).toBe(HOSTILE.name);
    expect(hostileRow.querySelectorAll("td")[2]!.textContent).toBe(HOSTILE.section);
    expect(doc.querySelector("#incomplete + p + ul")!.textContent).toContain(`<b onmouseover=alert(3)>role</b> "quoted" &`);
    expect(doc.querySelectorAll("#students tbody tr")).toHaveLength(24);
    expect(doc.querySelectorAll("#histogram rect.hb")).toHaveLength(10);
  });

  it("takes its student-table columns from a list: a caller can append one (evidence, manual points)", async () => {
    const { results } = readStudentResults(folder);
    const view = classView(readManifest(folder)!, [...results.values()]);
    const extra: ClassColumn = { header: "Evidence", sort: "text", cell: (row) => ({ html: `<em>${row.result.entry.student.length}</em>`, key: row.result.entry.student }) };
    const doc = parseHTML(renderClassHtml(view, { columns: [...CLASS_COLUMNS, extra] })).document;
    expect([...doc.querySelectorAll("#students thead th")].map((th) => th.textContent)).toEqual([...CLASS_COLUMNS.map((c) => c.header), "Evidence"]);
    expect(doc.querySelector("#students tbody tr td:last-child em")!.textContent).toBe("5");
  });

  it("titles the heat map and mistakes for the class, not for the first student ({student} instead of an ID)", async () => {
    const { results } = readStudentResults(folder);
    const view = classView(readManifest(folder)!, [...results.values()]);
    const titles = [...view.heat.flatMap((t) => t.cells.map((c) => c.title)), ...view.mistakes.map((m) => m.title)];
    expect(titles.filter((t) => /\bs00\d\d\b/.test(t))).toEqual([]);
    expect(titles.some((t) => t.includes("{student}"))).toBe(true);
    // every failure of every graded student is counted once
    const fails = [...results.values()].reduce((a, r) => a + (r.report?.counts.fail ?? 0), 0);
    expect(view.mistakes.reduce((a, m) => a + m.students.length, 0)).toBe(fails);
  });
});

describe("batch report <folder>", () => {
  it("regenerates every per-student report in the formats there plus those asked for, the gradebooks, summary and class view; no AWS", async () => {
    const out = tmp();
    expect(await runBatchCommand("glue_hard", { students: ids, out, quiet: true, report: ["json"] }, memoryIo(), deps())).toBe(0);
    for (const f of ["gradebook.csv", "summary.md", "class.html"]) rmSync(join(out, f));
    rmSync(join(out, "reports", "s0001.json"));
    const io = memoryIo();
    // no session factory, no identity: any AWS call would fail
    expect(await runBatchReportCommand(out, { report: ["html", "junit"], gradebook: "moodle" }, io)).toBe(0);
    const files = readdirSync(join(out, "reports")).sort();
    for (const s of CLASS) for (const ext of ["json", "html", "xml"]) expect(files).toContain(`${s.id}.${ext}`);
    for (const f of ["gradebook.csv", "gradebook-moodle.csv", "summary.md", "class.html"]) expect(existsSync(join(out, f))).toBe(true);
    expect(io.stderr()).toMatch(/regenerated 18 reports \(json, html, junit\) for 6 students, without AWS calls/);
    expect(JSON.parse(readFileSync(join(out, "reports", "s0001.json"), "utf8")).student).toBe("s0001");
    // the class page links each student to the HTML report
    const doc = parseHTML(readFileSync(join(out, "class.html"), "utf8")).document;
    expect([...doc.querySelectorAll("#students tbody a")].map((a) => a.getAttribute("href"))).toEqual(CLASS.map((s) => `reports/${s.id}.html`));
  });

  it("refuses a folder that is not a batch folder, and a format it does not know, in one sentence", async () => {
    await expect(runBatchReportCommand(tmp(), {}, memoryIo())).rejects.toThrow(/is not a batch folder \(it has no batch.json\)/);
    await expect(runBatchReportCommand(folder, { report: ["pdf"] }, memoryIo())).rejects.toThrow(UsageError);
  });
});

describe("--resume", () => {
  it("with a new --report format writes the missing reports of students already graded, without regrading them", async () => {
    const out = tmp();
    expect(await runBatchCommand("glue_hard", { students: ids, out, quiet: true }, memoryIo(), deps())).toBe(0);
    const before = statSync(join(out, "students", "s0001.json")).mtimeMs;
    const io = memoryIo();
    expect(await runBatchCommand("glue_hard", { students: ids, out, quiet: true, resume: true, report: ["markdown"] }, io, deps())).toBe(0);
    expect(io.stderr()).toMatch(/wrote 6 missing reports for students already graded/);
    expect(io.stderr()).toMatch(/0 graded now, 6 already done/);
    expect(readdirSync(join(out, "reports")).sort()).toEqual(CLASS.map((s) => `${s.id}.md`));
    expect(statSync(join(out, "students", "s0001.json")).mtimeMs).toBe(before);
  });

  it("does not count a student who was not graded as done", async () => {
    const out = tmp();
    const rows = CLASS.map((s, i) => ({ student: s.id, line: i + 2, ...(i === 1 ? { account: "999999999999" } : {}) }));
    const first = await runBatch(options(out, { entries: rows }));
    expect(first.results.find((r) => r.entry.student === "s0002")!.failure).toMatch(/account 999999999999/);
    const second = await runBatch(options(out, { resume: true }));
    expect(second.graded).toBe(1);
    expect(second.skipped).toBe(5);
    expect(second.results.find((r) => r.entry.student === "s0002")!.report).toBeDefined();
  });
});

describe("honest gradebooks", () => {
  it("marks a student not graded or graded incompletely in every format; the LMS files carry no score for them", async () => {
    const out = tmp();
    writeClassOutputs(out, readManifest(folder)!, [...readStudentResults(folder).results.values()], "canvas");
    writeClassOutputs(out, readManifest(folder)!, [...readStudentResults(folder).results.values()], "moodle");
    const incomplete = "s0006"; // AccessDenied on GetBucketPolicy
    const notGraded = "s0024";
    const def = csv(join(out, "gradebook.csv"));
    const row = (s: string) => def.find((r) => r.student === s)!;
    expect(row("s0001").status).toBe("graded");
    expect(row(incomplete).status).toMatch(/^incomplete: \d+ criteri(on|a) could not be checked \(s3:GetBucketPolicy\); regrade with --retry-errors$/);
    expect(row(incomplete).score).not.toBe("");
    expect(row(notGraded).status).toMatch(/^not graded: AccessDenied/);
    expect(row(notGraded).score).toBe("");

    const canvas = parse(readFileSync(join(out, "gradebook-canvas.csv"), "utf8")) as string[][];
    expect(canvas[0]!.at(-1)).toBe("Notes");
    const c = (s: string) => canvas.find((r) => r[2] === s)!;
    expect(c("s0001")[5]).not.toBe("");
    expect(c("s0001")[6]).toBe("");
    expect(c(incomplete)[5]).toBe("");
    expect(c(incomplete)[6]).toMatch(/^incomplete: .*score left empty \([\d.]+\/[\d.]+ found so far\)/);
    expect(c(notGraded)[5]).toBe("");
    expect(c(notGraded)[6]).toMatch(/^not graded: /);

    const moodle = csv(join(out, "gradebook-moodle.csv"));
    const m = (s: string) => moodle.find((r) => r["ID number"] === s)!;
    expect(m("s0001")[rubric.title]).not.toBe("");
    expect(m(incomplete)[rubric.title]).toBe("");
    expect(m(incomplete)!.Feedback).toMatch(/^incomplete: /);
    expect(m(notGraded)[rubric.title]).toBe("");
    expect(m(notGraded)!.Feedback).toMatch(/^not graded: /);
    // a hostile e-mail is neutralised as a spreadsheet formula
    expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toContain(`'=HYPERLINK(`);
  });
});

describe("early stop", () => {
  it("when the first students all fail on credentials, stops with one sentence and writes no gradebook and no results", async () => {
    const out = tmp();
    const io = memoryIo();
    let asked = 0;
    const code = await runBatchCommand("glue_hard", { students: classOf(30).map((s) => s.id).join(","), out, quiet: true, concurrency: "2" }, io, deps(async (s) => (asked++, expired(s))));
    expect(code).toBe(2);
    expect(io.stderr().trim().split("\n")).toEqual([expect.stringMatching(/^glue-validate: stopped: the first 5 students could not be graded \(.*expired.*\), so no gradebook was written; fix the credentials, role or --endpoint-url and run the same command again\.$/)]);
    expect(existsSync(join(out, "gradebook.csv"))).toBe(false);
    expect(readdirSync(join(out, "students"))).toEqual([]);
    expect(asked).toBe(1); // one pooled session: the identity is asked once
    // fixed credentials: the same command runs without --resume
    expect(await runBatchCommand("glue_hard", { students: ids, out, quiet: true }, memoryIo(), deps())).toBe(0);
  });

  it("does not stop when some of the first students are graded (a student's own problems are not the batch's)", async () => {
    const out = tmp();
    const rows = CLASS.map((s, i) => ({ student: s.id, line: i + 2, ...(i < 4 ? { account: "999999999999" } : {}) }));
    const r = await runBatch(options(out, { entries: rows, concurrency: 1 }));
    expect(r.stoppedEarly).toBeUndefined();
    expect(r.results.filter((x) => x.report)).toHaveLength(2);
    const all = await runBatch(options(tmp(), { entries: rows.map((e) => ({ ...e, account: "999999999999" })), concurrency: 1 }));
    expect(all.stoppedEarly).toEqual({ students: 5, reason: expect.stringMatching(/account 999999999999/) });
    expect(all.graded).toBe(5);
  });
});
