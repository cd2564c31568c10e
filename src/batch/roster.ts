// The roster: a CSV with a header (`student` required; name, email, section carried through; account, role_arn,
// external_id, region optional per row), an LMS export (Canvas gradebook, Moodle grades or participants), or a plain
// list of IDs, one per line. Every bad row is reported with its line.
import { parseCsv } from "./csv.js";
import { editDistance } from "../util/edit-distance.js";
import { ROSTER_FORMATS, type RosterFormat } from "./formats.js";

export { ROSTER_FORMATS, type RosterFormat };

/** One student to grade. */
export interface RosterEntry {
  student: string;
  /** Line in the roster file (1-based), or position in --students; orders the gradebook. */
  line: number;
  name?: string;
  email?: string;
  section?: string;
  /** The 12-digit account the student's resources are in (default: the caller's, or the role's). */
  account?: string;
  /** Assume this role to grade the student (multi-account classes). */
  roleArn?: string;
  externalId?: string;
  region?: string;
}

/** A roster problem at a line. */
export interface RosterProblem {
  line: number;
  message: string;
}

/** The parsed roster. */
export interface Roster {
  entries: RosterEntry[];
  /** Errors: the batch does not start while there are any. */
  problems: RosterProblem[];
  /** Notes that do not stop the batch (e.g. an unknown column, ignored). */
  warnings: string[];
}

/** How student IDs are validated (the rubric's `student` section). */
export interface StudentRule {
  pattern: string;
  description: string;
}

const COLUMNS = ["student", "name", "email", "section", "account", "role_arn", "external_id", "region"] as const;
type Column = (typeof COLUMNS)[number];
const ALIASES: Record<string, Column> = { student_id: "student", id: "student", rolearn: "role_arn", role: "role_arn", externalid: "external_id", account_id: "account" };

/** How to read a roster: its layout (default: recognised from the header) and which columns hold what. */
export interface RosterMapping {
  format?: RosterFormat;
  /** Header of the column holding the student ID (e.g. "SIS User ID", "ID number", "Email address"). */
  idColumn?: string;
  nameColumn?: string;
  emailColumn?: string;
  sectionColumn?: string;
}

export const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@\/-]{1,512}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const EXTERNAL_ID = /^[\w+=,.@:\/-]{2,1224}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function column(header: string): Column | undefined {
  const k = header.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return (COLUMNS as readonly string[]).includes(k) ? (k as Column) : ALIASES[k];
}

type Values = Partial<Record<Column, string>>;
type Row = { line: number; values: Values };
type Reader = (fields: readonly string[]) => string | undefined;

/** Parses roster text: our CSV (a `student` header), an LMS export, or one ID per line (`#` starts a comment line). */
export function parseRoster(text: string, rule: StudentRule, mapping: RosterMapping = {}): Roster {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    const m = /^line (\d+): (.*)$/.exec((err as Error).message);
    return { entries: [], problems: [{ line: m ? Number(m[1]) : 1, message: m ? m[2]! : (err as Error).message }], warnings: [] };
  }
  const first = records[0];
  if (!first) return { entries: [], problems: [{ line: 1, message: "the roster is empty" }], warnings: [] };
  const format = mapping.format && mapping.format !== "auto" ? mapping.format : detectFormat(first.fields, mapping);
  if (format === "canvas" || format === "moodle") return fromLms(format, records.slice(1), first.fields, rule, mapping);
  if (format === "csv") return fromCsv(records.slice(1), first.fields, rule, mapping);
  // A plain list: every record is one ID.
  const rows = records.filter((r) => !r.fields[0]!.trim().startsWith("#")).map((r) => ({ line: r.line, values: { student: r.fields.join(",") } }));
  return validate(rows, rule, []);
}

const norm = (h: string) => h.trim().toLowerCase();

/** Recognises a layout from the header row. */
function detectFormat(header: readonly string[], mapping: RosterMapping): RosterFormat {
  const h = new Set(header.map(norm));
  if (h.has("sis user id") && h.has("student")) return "canvas";
  if (header.map(column).includes("student")) return "csv";
  if (h.has("id number") || (h.has("first name") && h.has("last name")) || h.has("email address")) return "moodle";
  return mapping.idColumn || header.length > 1 ? "csv" : "plain";
}

/** `--students a,b,c` as a roster (positions stand in for lines). */
export function rosterFromList(ids: readonly string[], rule: StudentRule): Roster {
  return validate(ids.map((id, i) => ({ line: i + 1, values: { student: id } })), rule, []);
}

/** The index of a header named by a flag, or a problem that lists the columns (and the nearest one). */
function named(header: readonly string[], wanted: string, flag: string): number | RosterProblem {
  const i = header.findIndex((h) => norm(h) === norm(wanted));
  if (i >= 0) return i;
  const nearest = [...header].sort((a, b) => editDistance(norm(a), norm(wanted)) - editDistance(norm(b), norm(wanted)))[0];
  const hint = nearest && editDistance(norm(nearest), norm(wanted)) <= Math.max(2, wanted.length / 3) ? ` (did you mean "${nearest.trim()}"?)` : "";
  return { line: 1, message: `${flag}: the roster has no column "${wanted}"${hint}; its columns: ${header.map((f) => f.trim()).join(", ")}` };
}

/** Readers for the columns a mapping's flags name; problems for the ones that do not exist. */
function flagged(header: readonly string[], mapping: RosterMapping): { readers: Partial<Record<Column, Reader>>; problems: RosterProblem[] } {
  const readers: Partial<Record<Column, Reader>> = {};
  const problems: RosterProblem[] = [];
  const flags: [Column, string | undefined, string][] = [
    ["student", mapping.idColumn, "--id-column"], ["name", mapping.nameColumn, "--name-column"],
    ["email", mapping.emailColumn, "--email-column"], ["section", mapping.sectionColumn, "--section-column"],
  ];
  for (const [col, wanted, flag] of flags) {
    if (wanted === undefined) continue;
    const i = named(header, wanted, flag);
    if (typeof i === "number") readers[col] = (f) => f[i];
    else problems.push(i);
  }
  return { readers, problems };
}

function fromCsv(rows: { line: number; fields: string[] }[], raw: string[], rule: StudentRule, mapping: RosterMapping): Roster {
  const warnings: string[] = [];
  const { readers, problems } = flagged(raw, mapping);
  const seen = new Map<Column, number>();
  raw.map(column).forEach((h, i) => {
    if (!h) {
      if (!Object.values(mapping).includes(raw[i]!.trim())) warnings.push(`column "${raw[i]!.trim()}" is not used (known: ${COLUMNS.join(", ")})`);
    } else if (seen.has(h)) problems.push({ line: 1, message: `column "${h}" appears twice` });
    else seen.set(h, i);
  });
  for (const [col, i] of seen) readers[col] ??= (f) => f[i];
  if (!readers.student) problems.push({ line: 1, message: `the header has no "student" column (columns: ${raw.map((f) => f.trim()).join(", ")}); name the ID column with --id-column` });
  if (problems.length) return { entries: [], problems, warnings };
  return readRows(rows, raw.length, readers, rule, warnings);
}

/**
 * An LMS export. Canvas gradebook: Student ("Last, First"), ID (Canvas's own number), SIS User ID (the default
 * student ID), SIS Login ID, Section, then assignments; a "Points Possible" row and rows of posting notes are not
 * students, nor is Canvas's "Test Student". Moodle grade export or participants: First name, Last name, ID number
 * (the default student ID), Email address, Groups.
 */
function fromLms(format: "canvas" | "moodle", rows: { line: number; fields: string[] }[], raw: string[], rule: StudentRule, mapping: RosterMapping): Roster {
  const { readers, problems } = flagged(raw, mapping);
  const at = (name: string): Reader | undefined => {
    const i = raw.findIndex((h) => norm(h) === name);
    return i < 0 ? undefined : (f) => f[i];
  };
  const warnings: string[] = [];
  if (format === "canvas") {
    readers.student ??= at("sis user id");
    readers.name ??= at("student");
    readers.section ??= at("section");
    const login = at("sis login id");
    readers.email ??= login && ((f) => (EMAIL.test(login(f)?.trim() ?? "") ? login(f) : undefined));
  } else {
    readers.student ??= at("id number");
    const full = at("full name");
    const first = at("first name");
    const last = at("last name");
    readers.name ??= full ?? ((f) => [first?.(f), last?.(f)].map((s) => s?.trim()).filter(Boolean).join(" ") || undefined);
    readers.email ??= at("email address");
    readers.section ??= at("groups");
  }
  if (!readers.student) {
    const usual = format === "canvas" ? "SIS User ID" : "ID number";
    problems.push({ line: 1, message: `this ${format === "canvas" ? "Canvas" : "Moodle"} export has no "${usual}" column; name the column that holds student IDs with --id-column (columns: ${raw.map((f) => f.trim()).join(", ")})` });
  }
  if (problems.length) return { entries: [], problems, warnings };
  const name = readers.name;
  const students = rows.filter((r) => {
    const label = (name?.(r.fields) ?? r.fields[0] ?? "").trim();
    if (format !== "canvas") return true;
    // "Points Possible" and posting-policy rows: an indented or empty Student cell and no SIS ID.
    if (/^points possible$/i.test(label) || (r.fields[0] ?? "").startsWith(" ") || (!label && !readers.student!(r.fields)?.trim())) return false;
    if (/^student,\s*test$/i.test(label) || /^test student$/i.test(label)) {
      warnings.push(`line ${r.line}: Canvas's Test Student is not graded`);
      return false;
    }
    return true;
  });
  const idHeader = mapping.idColumn ?? (format === "canvas" ? "SIS User ID" : "ID number");
  return readRows(students, raw.length, readers, rule, warnings, idHeader);
}

/** Reads every row through the column readers, then validates. */
function readRows(rows: { line: number; fields: string[] }[], width: number, readers: Partial<Record<Column, Reader>>, rule: StudentRule, warnings: string[], idHeader?: string): Roster {
  const problems: RosterProblem[] = [];
  const out: Row[] = [];
  for (const r of rows) {
    if (r.fields.length > width) {
      problems.push({ line: r.line, message: `more fields than the header has columns (${width})` });
      continue;
    }
    const values: Values = {};
    for (const [col, read] of Object.entries(readers) as [Column, Reader | undefined][]) {
      const v = read?.(r.fields)?.trim();
      if (v) values[col] = v;
    }
    if (!values.student && idHeader) {
      problems.push({ line: r.line, message: `no student ID in column "${idHeader}"${values.name ? ` (${values.name})` : ""}; fill it in, or read IDs from another column with --id-column` });
      continue;
    }
    out.push({ line: r.line, values });
  }
  const result = validate(out, rule, warnings);
  result.problems.unshift(...problems);
  result.problems.sort((a, b) => a.line - b.line);
  return result;
}

function validate(rows: Row[], rule: StudentRule, warnings: string[]): Roster {
  const pattern = new RegExp(rule.pattern);
  const entries: RosterEntry[] = [];
  const problems: RosterProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values: v } of rows) {
    const bad = (message: string) => problems.push({ line, message });
    const student = v.student?.trim() ?? "";
    let ok = true;
    if (!student) {
      bad("no student ID");
      continue;
    }
    if (!pattern.test(student)) {
      bad(`invalid student ID ${JSON.stringify(student.slice(0, 40))}: expected ${rule.description}`);
      ok = false;
    }
    const dup = firstLine.get(student);
    if (dup !== undefined) {
      bad(`duplicate student ID "${student}" (first on line ${dup})`);
      continue;
    }
    firstLine.set(student, line);
    let account = v.account;
    if (account !== undefined && !ACCOUNT.test(account)) {
      bad(`account must be 12 digits, got ${JSON.stringify(account.slice(0, 40))}`);
      ok = false;
    }
    if (v.role_arn !== undefined) {
      const m = ROLE_ARN.exec(v.role_arn);
      if (!m) {
        bad(`role_arn is not an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>), got ${JSON.stringify(v.role_arn.slice(0, 80))}`);
        ok = false;
      } else if (account !== undefined && account !== m[1]) {
        bad(`account ${account} differs from the account of role_arn (${m[1]})`);
        ok = false;
      } else account = m[1];
    }
    if (v.external_id !== undefined && v.role_arn === undefined) {
      bad("external_id is given without role_arn");
      ok = false;
    }
    if (v.external_id !== undefined && !EXTERNAL_ID.test(v.external_id)) {
      bad("external_id must be 2 to 1224 characters of letters, digits and +=,.@:/-");
      ok = false;
    }
    if (v.region !== undefined && !REGION.test(v.region)) {
      bad(`region ${JSON.stringify(v.region.slice(0, 40))} is not an AWS region name (e.g. us-east-1)`);
      ok = false;
    }
    if (v.email !== undefined && !EMAIL.test(v.email)) {
      bad(`email ${JSON.stringify(v.email.slice(0, 80))} is not an e-mail address`);
      ok = false;
    }
    if (!ok) continue;
    entries.push({
      student,
      line,
      ...(v.name ? { name: v.name } : {}),
      ...(v.email ? { email: v.email } : {}),
      ...(v.section ? { section: v.section } : {}),
      ...(account ? { account } : {}),
      ...(v.role_arn ? { roleArn: v.role_arn } : {}),
      ...(v.external_id ? { externalId: v.external_id } : {}),
      ...(v.region ? { region: v.region } : {}),
    });
  }
  return { entries, problems, warnings };
}
