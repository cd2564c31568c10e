// Cron expressions in one spelling: "cron( 0  *  * * ?  * )" and "cron(00 * * * ? *)" both read "cron(0 * * * ? *)".
/**
 * Normalises an AWS schedule expression for comparison: trims, collapses whitespace, drops spaces inside the
 * parentheses, strips leading zeros of numeric fields and upper-cases the rest. A bare six-field body is wrapped
 * in `cron(...)`. Returns null for an absent or empty expression; anything else unrecognised comes back trimmed.
 */
export function normaliseCron(expr) {
    if (typeof expr !== "string")
        return null;
    const s = expr.trim().replace(/\s+/g, " ");
    if (!s)
        return null;
    const m = /^cron ?\((.*)\)$/i.exec(s);
    const body = (m ? m[1] : s).trim();
    const fields = body.split(" ").filter(Boolean);
    if (!m && fields.length !== 6)
        return s;
    const norm = fields.map((f) => (/^\d+$/.test(f) ? String(Number(f)) : f.toUpperCase()));
    return `cron(${norm.join(" ")})`;
}
