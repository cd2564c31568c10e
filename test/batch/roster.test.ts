import { describe, expect, it } from "vitest";
import { Command } from "commander";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseRoster, rosterFromList } from "../../src/batch/roster.js";
import { parseCsv, toCsv } from "../../src/batch/csv.js";
import { fnv1a, inShard, parseShard, shardOf } from "../../src/batch/shard.js";
import { registerBatchCommands } from "../../src/cli/batch-register.js";
import { reportFailure } from "../../src/cli/main.js";
import { memoryIo } from "./class-world.js";

const rule = { pattern: "^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$", description: "lowercase letters, digits and inner hyphens" };

describe("roster parsing", () => {
  it("reads a CSV with a header, quoted fields, carried columns and per-row accounts", () => {
    const text = [
      "Student,Name,Email,Section,role_arn,external_id,region,notes",
      's001,"Doe, Jane",jane@example.edu,A,,,,"x"',
      's002,"Smith ""JJ"" John",john@example.edu,B,arn:aws:iam::210987654321:role/Grader,ext-1234,eu-west-1,',
      "",
      "s003,,,,,,,",
    ].join("\r\n");
    const r = parseRoster(text, rule);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([expect.stringContaining('"notes"')]);
    expect(r.entries).toEqual([
      { student: "s001", line: 2, name: "Doe, Jane", email: "jane@example.edu", section: "A" },
      { student: "s002", line: 3, name: 'Smith "JJ" John', email: "john@example.edu", section: "B", account: "210987654321", roleArn: "arn:aws:iam::210987654321:role/Grader", externalId: "ext-1234", region: "eu-west-1" },
      { student: "s003", line: 5 },
    ]);
  });

  it("reports every bad row with its line number", () => {
    const text = [
      "student,role_arn,account,region,email",
      "s001,,,,",
      "Bad_ID,,,,",
      "s003,arn:aws:iam::12345:role/x,,,",
      "s004,arn:aws:iam::111111111111:role/x,222222222222,,",
      "s005,,,mars-1,",
      "s006,,,,not-an-email",
      "s001,,,,",
      ",,,,",
    ].join("\n");
    const r = parseRoster(text, rule);
    expect(r.problems.map((p) => [p.line, p.message.split(" ").slice(0, 3).join(" ")])).toEqual([
      [3, "invalid student ID"],
      [4, "role_arn is not"],
      [5, "account 222222222222 differs"],
      [6, "region \"mars-1\" is"],
      [7, "email \"not-an-email\" is"],
      [8, "duplicate student ID"],
      [9, "no student ID"],
    ]);
    expect(r.problems.find((p) => p.line === 8)!.message).toMatch(/first on line 2/);
    expect(r.entries.map((e) => e.student)).toEqual(["s001"]);
  });

  it("reads a plain list of IDs (comments and blank lines skipped) and --students", () => {
    const r = parseRoster("# class of 2025\ns001\n\ns002\r\ns003\n", rule);
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([{ student: "s001", line: 2 }, { student: "s002", line: 4 }, { student: "s003", line: 5 }]);
    expect(rosterFromList(["a1", "a1"], rule).problems).toEqual([{ line: 2, message: 'duplicate student ID "a1" (first on line 1)' }]);
  });

  it("refuses a multi-column header without a student column, and an unterminated quote", () => {
    expect(parseRoster("name,email\nx,y\n", rule).problems[0]!.message).toMatch(/no "student" column/);
    expect(parseRoster('student\n"s1\n', rule).problems).toEqual([{ line: 2, message: "a quoted field is never closed" }]);
  });

  it("CSV out: quotes, formula guard, and parse(toCsv(x)) round trips", () => {
    const rows = [["a", 'b"c', "d,e", "=SUM(A1)", "-3", 4, "line\nbreak"]];
    const text = toCsv(rows);
    expect(text).toContain("'=SUM(A1)");
    expect(parseCsv(text)[0]!.fields).toEqual(["a", 'b"c', "d,e", "'=SUM(A1)", "-3", "4", "line\nbreak"]);
  });
});

describe("the batch command refuses a bad roster (exit 64)", () => {
  async function exitOf(args: string[]): Promise<{ code: number; err: string }> {
    const io = memoryIo();
    let pending: Promise<number> = Promise.resolve(0);
    const program = new Command("glue-validate").exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    registerBatchCommands(program, io, (p) => (pending = p));
    try {
      await program.parseAsync(args, { from: "user" });
      return { code: await pending, err: io.stderr() };
    } catch (err) {
      return { code: reportFailure(err, io), err: io.stderr() };
    }
  }

  it("duplicate IDs and invalid rows, with file:line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-roster-"));
    const file = join(dir, "class.csv");
    writeFileSync(file, "student,name\ns001,A\ns002,B\ns001,C\nNOPE,D\n");
    const r = await exitOf(["batch", "glue_hard", "--roster", file, "--out", join(dir, "out")]);
    expect(r.code).toBe(64);
    expect(r.err).toContain(`${file}:4: duplicate student ID "s001" (first on line 2)`);
    expect(r.err).toContain(`${file}:5: invalid student ID "NOPE"`);
    expect(r.err).toMatch(/nothing was graded/);
  });

  it("bad flags", async () => {
    expect((await exitOf(["batch", "glue_hard", "--students", "s1", "--out", "/tmp/x", "--shard", "3/2"])).code).toBe(64);
    expect((await exitOf(["batch", "glue_hard", "--students", "s1", "--out", "/tmp/x", "--concurrency", "0"])).code).toBe(64);
    expect((await exitOf(["batch", "glue_hard", "--students", "s1"])).code).toBe(64);
    expect((await exitOf(["batch", "nope", "--students", "s1", "--out", "/tmp/x"])).code).toBe(64);
  });
});

describe("--shard", () => {
  it("parses i/n and refuses nonsense", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "a/b", "1/0", "2"]) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it("partitions: every student in exactly one shard, stable when students are added, roughly balanced", () => {
    const ids = Array.from({ length: 400 }, (_, i) => `s${i}`);
    const n = 4;
    const owner = new Map(ids.map((id) => [id, shardOf(id, n)]));
    for (const id of ids) expect([1, 2, 3, 4].filter((i) => inShard(id, { index: i, count: n }))).toEqual([owner.get(id)]);
    const more = [...ids, ...Array.from({ length: 100 }, (_, i) => `late-${i}`)];
    for (const id of ids) expect(shardOf(id, n)).toBe(owner.get(id)); // adding students moves no one
    const sizes = [1, 2, 3, 4].map((i) => more.filter((id) => shardOf(id, n) === i).length);
    for (const s of sizes) expect(s).toBeGreaterThan(more.length / n / 2);
    expect(fnv1a("s001")).toBe(fnv1a("s001"));
    expect(fnv1a("")).toBe(0x811c9dc5);
  });
});
