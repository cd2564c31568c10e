// CSV in and out (RFC 4180): quoted fields with commas, quotes and newlines; a BOM and CRLF line ends accepted.
/** Parses CSV text into records; blank lines are skipped. Throws on an unterminated quote, naming its line. */
export function parseCsv(text) {
    const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const records = [];
    let fields = [];
    let field = "";
    let line = 1;
    let startLine = 1;
    let quoted = false;
    let sawQuote = false;
    const endRecord = () => {
        fields.push(field);
        if (!(fields.length === 1 && fields[0].trim() === "" && !sawQuote))
            records.push({ line: startLine, fields });
        fields = [];
        field = "";
        sawQuote = false;
    };
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        if (quoted) {
            if (ch === '"') {
                if (s[i + 1] === '"') {
                    field += '"';
                    i++;
                }
                else
                    quoted = false;
            }
            else {
                if (ch === "\n")
                    line++;
                field += ch;
            }
            continue;
        }
        if (ch === '"' && field.trim() === "") {
            quoted = true;
            sawQuote = true;
            field = "";
        }
        else if (ch === ",") {
            fields.push(field);
            field = "";
        }
        else if (ch === "\n" || ch === "\r") {
            if (ch === "\r" && s[i + 1] === "\n")
                i++;
            endRecord();
            line++;
            startLine = line;
        }
        else
            field += ch;
    }
    if (quoted)
        throw new Error(`line ${startLine}: a quoted field is never closed`);
    if (field !== "" || fields.length > 0 || sawQuote)
        endRecord();
    return records;
}
/**
 * One CSV field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe; numbers are written as they are.
 */
export function csvField(v) {
    if (v === undefined || v === null)
        return "";
    if (typeof v === "number" || typeof v === "boolean")
        return String(v);
    let t = v;
    if (/^[=+\-@\t\r]/.test(t) && !/^[+-]?\d+(\.\d+)?$/.test(t))
        t = `'${t}`;
    return /[",\r\n]/.test(t) || t !== t.trim() ? `"${t.replace(/"/g, '""')}"` : t;
}
/** Rows as CSV text with CRLF line ends (what spreadsheet imports expect). */
export function toCsv(rows) {
    return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
