// The roster: a CSV with a header (`student` required; name, email, section carried through; account, role_arn,
// external_id, region optional per row) or a plain list of IDs, one per line. Every bad row is reported with its line.
import { parseCsv } from "./csv.js";
const COLUMNS = ["student", "name", "email", "section", "account", "role_arn", "external_id", "region"];
const ALIASES = { student_id: "student", id: "student", rolearn: "role_arn", role: "role_arn", externalid: "external_id", account_id: "account" };
export const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@\/-]{1,512}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const EXTERNAL_ID = /^[\w+=,.@:\/-]{2,1224}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
function column(header) {
    const k = header.trim().toLowerCase().replace(/[\s-]+/g, "_");
    return COLUMNS.includes(k) ? k : ALIASES[k];
}
/** Parses roster text (CSV with a `student` header, or one ID per line; `#` starts a comment line in a plain list). */
export function parseRoster(text, rule) {
    let records;
    try {
        records = parseCsv(text);
    }
    catch (err) {
        const m = /^line (\d+): (.*)$/.exec(err.message);
        return { entries: [], problems: [{ line: m ? Number(m[1]) : 1, message: m ? m[2] : err.message }], warnings: [] };
    }
    const first = records[0];
    if (!first)
        return { entries: [], problems: [{ line: 1, message: "the roster is empty" }], warnings: [] };
    const headers = first.fields.map(column);
    if (headers.includes("student"))
        return fromCsv(records.slice(1), first.fields, headers, rule);
    if (first.fields.length > 1) {
        return { entries: [], problems: [{ line: first.line, message: `the header has no "student" column (columns: ${first.fields.map((f) => f.trim()).join(", ")})` }], warnings: [] };
    }
    // A plain list: every record is one ID.
    const rows = records
        .filter((r) => !r.fields[0].trim().startsWith("#"))
        .map((r) => ({ line: r.line, values: { student: r.fields.join(",") } }));
    return validate(rows, rule, []);
}
/** `--students a,b,c` as a roster (positions stand in for lines). */
export function rosterFromList(ids, rule) {
    return validate(ids.map((id, i) => ({ line: i + 1, values: { student: id } })), rule, []);
}
function fromCsv(rows, raw, headers, rule) {
    const warnings = [];
    const problems = [];
    const seen = new Map();
    headers.forEach((h, i) => {
        if (!h)
            warnings.push(`column "${raw[i].trim()}" is not used (known: ${COLUMNS.join(", ")})`);
        else if (seen.has(h))
            problems.push({ line: 1, message: `column "${h}" appears twice` });
        else
            seen.set(h, i);
    });
    if (problems.length)
        return { entries: [], problems, warnings };
    const out = rows.map((r) => {
        const values = {};
        for (const [col, i] of seen) {
            const v = r.fields[i]?.trim();
            if (v)
                values[col] = v;
        }
        return { line: r.line, values, extra: r.fields.length > raw.length };
    });
    for (const r of out)
        if (r.extra)
            problems.push({ line: r.line, message: `more fields than the header has columns (${raw.length})` });
    const result = validate(out, rule, warnings);
    result.problems.unshift(...problems);
    result.problems.sort((a, b) => a.line - b.line);
    return result;
}
function validate(rows, rule, warnings) {
    const pattern = new RegExp(rule.pattern);
    const entries = [];
    const problems = [];
    const firstLine = new Map();
    for (const { line, values: v } of rows) {
        const bad = (message) => problems.push({ line, message });
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
            }
            else if (account !== undefined && account !== m[1]) {
                bad(`account ${account} differs from the account of role_arn (${m[1]})`);
                ok = false;
            }
            else
                account = m[1];
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
        if (!ok)
            continue;
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
