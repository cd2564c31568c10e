// Rosters from LMS exports (Canvas gradebook, Moodle grades and participants) with column-mapping flags.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseRoster } from "../../src/batch/roster.js";
import { parseCsv } from "../../src/batch/csv.js";
import { runBatchCommand } from "../../src/cli/batch-command.js";
import { classWorld, identifyWorld, memoryIo, worldSessions } from "./class-world.js";
import type { CallLog } from "../support/world/transport.js";

const rule = { pattern: "^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$", description: "lowercase letters, digits and inner hyphens" };

/** A Canvas "Export Entire Gradebook" file: a Points Possible row, a posting-policy row, the Test Student, read-only score columns. */
const CANVAS = [
  "Student,ID,SIS User ID,SIS Login ID,Integration ID,Section,Glue Lab (88123),Current Score,Unposted Current Score,Final Score,Unposted Final Score",
  "    Points Possible,,,,,,100.00,(read only),(read only),(read only),(read only)",
  ",,,,,,Manual Posting,,,,",
  '"Doe, Jane",40021,s0001,jane.doe@example.edu,,Section A,,0.00,0.00,0.00,0.00',
  '"Smith, John",40022,s0002,jsmith,,Section B,,0.00,0.00,0.00,0.00',
  '"Student, Test",49999,,,,"Section A, Section B",,,,,',
].join("\r\n");

/** A Moodle "Export grades → Plain text file" with the default identity fields. */
const MOODLE_GRADES = [
  "First name,Last name,ID number,Institution,Department,Email address,Assignment: Glue lab (Real),Last downloaded from this course",
  "Jane,Doe,s0001,Example University,Data,jane.doe@example.edu,-,1765000000",
  "John,Smith,s0002,Example University,Data,john.smith@example.edu,42.00,1765000000",
].join("\n");

/** Moodle "Participants → Download table data as CSV": no ID number unless the site shows it. */
const MOODLE_PARTICIPANTS = ['"First name","Last name","Email address",Roles,Groups,"Last access to course"', "Jane,Doe,s0001@example.edu,Student,Group 1,Never"].join("\n");

describe("LMS rosters", () => {
  it("reads a Canvas gradebook export: IDs from SIS User ID, names and sections carried, meta rows and the Test Student skipped", () => {
    const r = parseRoster(CANVAS, rule);
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([
      { student: "s0001", line: 4, name: "Doe, Jane", email: "jane.doe@example.edu", section: "Section A" },
      { student: "s0002", line: 5, name: "Smith, John", section: "Section B" },
    ]);
    expect(r.warnings).toEqual(["line 6: Canvas's Test Student is not graded"]);
  });

  it("reads a Moodle grades export: IDs from ID number, full names, e-mails", () => {
    const r = parseRoster(MOODLE_GRADES, rule);
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([
      { student: "s0001", line: 2, name: "Jane Doe", email: "jane.doe@example.edu" },
      { student: "s0002", line: 3, name: "John Smith", email: "john.smith@example.edu" },
    ]);
  });

  it("a Moodle participants export without ID number asks for --id-column; with it, the named column holds the IDs", () => {
    const bare = parseRoster(MOODLE_PARTICIPANTS, rule);
    expect(bare.entries).toEqual([]);
    expect(bare.problems).toEqual([{ line: 1, message: expect.stringMatching(/^this Moodle export has no "ID number" column; name the column that holds student IDs with --id-column/) }]);
    const withEmails = parseRoster(MOODLE_PARTICIPANTS, { pattern: "^[a-z0-9@.]+$", description: "an e-mail" }, { idColumn: "Email address" });
    expect(withEmails.entries).toEqual([{ student: "s0001@example.edu", line: 2, name: "Jane Doe", email: "s0001@example.edu", section: "Group 1" }]);
  });

  it("--id-column overrides the LMS default; a column that does not exist is named with the nearest one", () => {
    const byLogin = parseRoster(CANVAS.replace("jane.doe@example.edu", "s0101").replace("jsmith", "s0102"), rule, { idColumn: "SIS Login ID" });
    expect(byLogin.entries.map((e) => e.student)).toEqual(["s0101", "s0102"]);
    const typo = parseRoster(CANVAS, rule, { idColumn: "SIS UserID" });
    expect(typo.problems).toEqual([{ line: 1, message: expect.stringContaining('--id-column: the roster has no column "SIS UserID" (did you mean "SIS User ID"?)') }]);
  });

  it("rows of an LMS export get the same line-numbered problems as any roster", () => {
    const text = [
      "Student,ID,SIS User ID,SIS Login ID,Section",
      "    Points Possible,,,,",
      '"Doe, Jane",1,S0001,jd,A', // upper case: not a valid ID for this rubric
      '"Roe, Rick",2,,rr,A', // no SIS ID
      '"Poe, Pat",3,s0003,pp,A',
      '"Poe, Pat",3,s0003,pp,A', // twice
    ].join("\n");
    const r = parseRoster(text, rule);
    expect(r.problems).toEqual([
      { line: 3, message: 'invalid student ID "S0001": expected lowercase letters, digits and inner hyphens' },
      { line: 4, message: 'no student ID in column "SIS User ID" (Roe, Rick); fill it in, or read IDs from another column with --id-column' },
      { line: 6, message: 'duplicate student ID "s0003" (first on line 5)' },
    ]);
  });

  it("--roster-format forces a layout, and our own CSV can name its ID column", () => {
    const ours = parseRoster("login,Full Name\ns0001,Jane\n", rule, { idColumn: "login", nameColumn: "Full Name" });
    expect(ours.problems).toEqual([]);
    expect(ours.entries).toEqual([{ student: "s0001", line: 2, name: "Jane" }]);
    expect(ours.warnings).toEqual([]);
    const forced = parseRoster("Student,SIS User ID\nJane,s0001\n", rule, { format: "moodle", idColumn: "SIS User ID" });
    expect(forced.entries).toEqual([{ student: "s0001", line: 2 }]);
  });

  it("batch grades a class straight from a Canvas export and writes the Canvas gradebook for the same students", async () => {
    const students = [{ id: "s0001", kind: "complete" as const }, { id: "s0002", kind: "partial" as const }];
    const world = classWorld(students);
    const log: CallLog = { calls: [] };
    const dir = mkdtempSync(join(tmpdir(), "gv-lms-"));
    const roster = join(dir, "canvas.csv");
    writeFileSync(roster, CANVAS);
    const io = memoryIo();
    const out = join(dir, "out");
    const code = await runBatchCommand("glue_hard", { roster, out, quiet: true, gradebook: "canvas" }, io, { identify: identifyWorld(world), sessionFactory: worldSessions(world, log) });
    expect(io.stderr()).toContain("Canvas's Test Student is not graded");
    expect(code).toBe(0);
    const rows = parseCsv(readFileSync(join(out, "gradebook-canvas.csv"), "utf8")).map((r) => r.fields);
    expect(rows.slice(2).map((r) => [r[0], r[2], r[4]])).toEqual([
      ["Doe, Jane", "s0001", "Section A"],
      ["Smith, John", "s0002", "Section B"],
    ]);
  });

  it("a roster problem in an LMS export stops the batch with file:line before anything is graded", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-lms-"));
    const roster = join(dir, "moodle.csv");
    writeFileSync(roster, MOODLE_PARTICIPANTS);
    await expect(runBatchCommand("glue_hard", { roster, out: join(dir, "out"), quiet: true }, memoryIo())).rejects.toThrow(`${roster}:1: this Moodle export has no "ID number" column`);
  });
});
