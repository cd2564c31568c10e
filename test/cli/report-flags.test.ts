// --report/--format/--output and the GitHub Actions integration end to end through runCli, on replayed world snapshots.
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parse as parseCsv } from "csv-parse/sync";
import { parseHTML } from "linkedom";
import type { GradeReport } from "../../src/grade/result.js";
import { REPORT_FORMATS } from "../../src/report/index.js";
import { cli, snapshots, tempDir } from "./helpers.js";

let dir: string;
let snap: { complete: string; partial: string };
let reference: GradeReport;

beforeAll(async () => {
  dir = tempDir();
  snap = await snapshots(dir);
  const r = await cli(["glue_hard", "--student", "42", "--replay", snap.partial, "--format", "json", "--min-score", "0"]);
  expect(r.code).toBe(0);
  reference = JSON.parse(r.out) as GradeReport;
  expect(reference.mode).toBe("replay");
  expect(reference.counts.fail).toBeGreaterThan(5);
});

const base = () => ["glue_hard", "--student", "42", "--replay", snap.partial];

describe("--report", () => {
  it("writes several formats in one run, the console report still on stdout, exit code by the gate", async () => {
    const d = tempDir();
    const files = { junit: join(d, "r.xml"), html: join(d, "r.html"), csv: join(d, "r.csv"), gradescope: join(d, "results.json"), markdown: join(d, "r.md"), json: join(d, "sub/r.json") };
    const args = [...base(), "--min-score", "100", ...Object.entries(files).flatMap(([f, p]) => ["--report", `${f}:${p}`])];
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Score");
    expect(r.out).toContain("NOT PASSED");
    for (const [f, p] of Object.entries(files)) expect(r.err).toContain(`${f} report written to ${p}`);
    const json = JSON.parse(readFileSync(files.json, "utf8")) as GradeReport;
    expect(json.counts).toEqual(reference.counts);
    expect(json.score.threshold).toBe(100);
    const xml = readFileSync(files.junit, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml).testsuites;
    expect(Number(root.tests)).toBe(Object.values(reference.counts).reduce((a, b) => a + b, 0));
    expect(Number(root.failures)).toBe(reference.counts.fail);
    const csv = parseCsv(readFileSync(files.csv, "utf8")) as string[][];
    expect(csv.length - 1).toBe(Number(root.tests));
    expect(csv.filter((row) => row[3] === "fail")).toHaveLength(reference.counts.fail);
    const gs = JSON.parse(readFileSync(files.gradescope, "utf8"));
    expect(gs.score).toBe(reference.score.points);
    const doc = parseHTML(readFileSync(files.html, "utf8")).document;
    expect([...doc.querySelectorAll("details.c.fail")].length).toBe(reference.counts.fail);
    expect(readFileSync(files.markdown, "utf8")).toContain(`| Task | Points | Status |`);
  });

  it("a format without a path goes to stdout instead of the console report", async () => {
    const r = await cli([...base(), "--min-score", "0", "--report", "json", "--report", `junit:${join(tempDir(), "j.xml")}`]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as GradeReport).counts).toEqual(reference.counts);
    const c = await cli([...base(), "--min-score", "0", "--report", "csv"]);
    expect(c.out.split("\r\n")[0]).toBe("student,task,criterion,status,points,max_points,message,hint");
  });

  it.each([
    [["--report", "html"], true],
    [["--format", "html"], true],
    [["--report", "html:-"], false],
  ])("%j: an HTML page goes to glue-validate-report.html (stdout only when asked with html:-)", async (flags, toFile) => {
    const d = tempDir();
    const cwd = process.cwd();
    process.chdir(d);
    try {
      const r = await cli([...base(), ...flags]);
      expect(r.code).toBe(1);
      expect(existsSync(join(d, "glue-validate-report.html"))).toBe(toFile);
      if (toFile) {
        expect(r.err).toContain("html report written to glue-validate-report.html");
        expect(r.out).not.toContain("<!DOCTYPE html>");
        expect(readFileSync(join(d, "glue-validate-report.html"), "utf8").startsWith("<!DOCTYPE html>")).toBe(true);
      } else {
        expect(r.out.startsWith("<!DOCTYPE html>")).toBe(true);
      }
    } finally {
      process.chdir(cwd);
    }
  });

  it("two reports to stdout is a usage error (64), before any grading", async () => {
    const r = await cli([...base(), "--report", "json", "--report", "markdown"]);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/only one report can go to stdout, got json and markdown/);
    const f = await cli([...base(), "--format", "json", "--report", "csv"]);
    expect(f.code).toBe(64);
    expect(f.err).toContain("got json and csv");
  });

  it("an unknown format is a usage error that lists the formats", async () => {
    const r = await cli([...base(), "--report", "xml:out.xml"]);
    expect(r.code).toBe(64);
    expect(r.err).toContain(`unknown report format "xml"`);
    expect(r.err).toContain(REPORT_FORMATS.join(", "));
    const f = await cli([...base(), "--format", "xml"]);
    expect(f.code).toBe(64);
    expect(f.err).toContain("Allowed choices are console, json, junit, markdown, csv, gradescope, html");
    const e = await cli([...base(), "--report", "junit:"]);
    expect(e.code).toBe(64);
    expect(e.err).toContain("missing path");
  });

  it("two reports to the same file is a usage error", async () => {
    const p = join(tempDir(), "same.out");
    const r = await cli([...base(), "--report", `json:${p}`, "--report", `csv:${p}`]);
    expect(r.code).toBe(64);
    expect(existsSync(p)).toBe(false);
  });

  it("--format/--output keep working as before", async () => {
    const p = join(tempDir(), "report.json");
    const r = await cli([...base(), "--min-score", "0", "--format", "json", "--output", p]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect((JSON.parse(readFileSync(p, "utf8")) as GradeReport).counts).toEqual(reference.counts);
    const c = await cli([...base(), "--min-score", "0"]);
    expect(c.out).toContain("Score");
    const o = join(tempDir(), "console.txt");
    const both = await cli([...base(), "--min-score", "0", "--output", o, "--report", "markdown"]);
    expect(readFileSync(o, "utf8")).toContain("Score");
    expect(both.out).toContain("| Task | Points | Status |");
  });

  it("the complete world passes (exit 0)", async () => {
    const r = await cli(["glue_hard", "--student", "42", "--replay", snap.complete, "--min-score", "90", "--report", "gradescope"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).score).toBeGreaterThan(0);
  });
});

describe("GitHub Actions", () => {
  function ghEnv() {
    const d = tempDir();
    const summary = join(d, "summary.md");
    const output = join(d, "output.txt");
    writeFileSync(summary, "# earlier step\n");
    return { d, summary, output, env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output } };
  }

  it("appends the Markdown summary and the outputs, annotates each failing criterion after a stop-commands fence", async () => {
    const g = ghEnv();
    const r = await cli([...base(), "--min-score", "100", "--report", `junit:${join(g.d, "j.xml")}`], g.env);
    expect(r.code).toBe(1);
    const summary = readFileSync(g.summary, "utf8");
    expect(summary.startsWith("# earlier step\n## ")).toBe(true);
    expect(summary).toContain("| Task | Points | Status |");
    expect(summary).toContain(`**Score ${reference.score.points} / ${reference.score.maxPoints}`);
    const outputs = Object.fromEntries(readFileSync(g.output, "utf8").trim().split("\n").map((l) => l.split("=") as [string, string]));
    expect(outputs).toMatchObject({ score: String(reference.score.points), percent: String(reference.score.percent), passed: "false" });
    const m = /^::stop-commands::([0-9a-f]{32})\n([\s\S]*?)\n::\1::\n([\s\S]*)$/.exec(r.out)!;
    expect(m).not.toBeNull();
    expect(m[2]).toContain("Score");
    const annotations = m[3]!.trimEnd().split("\n");
    // GitHub shows 10 annotations of a kind per step: 10, then one notice counting the rest
    expect(reference.counts.fail).toBeGreaterThan(10);
    expect(annotations.filter((l) => l.startsWith("::error title="))).toHaveLength(10);
    expect(annotations.filter((l) => l.startsWith("::notice title="))).toEqual([expect.stringContaining(`::${reference.counts.fail + reference.counts.error + reference.counts.warning - 10} more failing`)]);
  });

  it("with a machine-readable report on stdout: stdout stays parseable, annotations go to stderr", async () => {
    const g = ghEnv();
    const r = await cli([...base(), "--min-score", "0", "--report", "json"], g.env);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as GradeReport).counts).toEqual(reference.counts);
    expect(r.err.split("\n").filter((l) => l.startsWith("::error title="))).toHaveLength(10);
    expect(readFileSync(g.output, "utf8")).toContain("passed=true\n");
  });

  it("--no-github and GITHUB_ACTIONS unset turn it off", async () => {
    const g = ghEnv();
    const off = await cli([...base(), "--min-score", "0", "--no-github"], g.env);
    expect(off.code).toBe(0);
    expect(off.out).not.toContain("::");
    expect(readFileSync(g.summary, "utf8")).toBe("# earlier step\n");
    expect(existsSync(g.output)).toBe(false);
    const plain = await cli([...base(), "--min-score", "0"], { GITHUB_STEP_SUMMARY: g.summary });
    expect(plain.out).not.toContain("::");
    expect(readFileSync(g.summary, "utf8")).toBe("# earlier step\n");
  });
});
