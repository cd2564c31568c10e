// Cron expressions in one spelling: "cron( 0  *  * * ?  * )" and "cron(00 * * * ? *)" both read "cron(0 * * * ? *)".

/**
 * Normalises an AWS schedule expression for comparison: trims, collapses whitespace, drops spaces inside the
 * parentheses, strips leading zeros of numeric fields and upper-cases the rest. A bare six-field body is wrapped
 * in `cron(...)`. Returns null for an absent or empty expression; anything else unrecognised comes back trimmed.
 */
export function normaliseCron(expr: unknown): string | null {
  if (typeof expr !== "string") return null;
  const s = expr.trim().replace(/\s+/g, " ");
  if (!s) return null;
  const m = /^cron ?\((.*)\)$/i.exec(s);
  const body = (m ? m[1]! : s).trim();
  const fields = body.split(" ").filter(Boolean);
  if (!m && fields.length !== 6) return s;
  const norm = fields.map((f) => (/^\d+$/.test(f) ? String(Number(f)) : f.toUpperCase()));
  return `cron(${norm.join(" ")})`;
}

/**
 * True for a schedule expression AWS accepts in shape: `rate(<n> <unit>)`, or `cron(...)` with six fields whose
 * characters fit each field and exactly one of day-of-month / day-of-week being "?". Ranges of values are not
 * checked (a shape check, not a scheduler).
 */
export function isValidSchedule(expr: unknown): boolean {
  if (typeof expr !== "string") return false;
  const s = expr.trim();
  if (/^rate\(\s*[1-9]\d*\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.test(s)) return true;
  const m = /^cron\s*\((.*)\)$/i.exec(s);
  if (!m) return false;
  const f = m[1]!.trim().split(/\s+/);
  if (f.length !== 6) return false;
  const [min, hour, dom, month, dow, year] = f as [string, string, string, string, string, string];
  const ok =
    /^[0-9,*/-]+$/.test(min) &&
    /^[0-9,*/-]+$/.test(hour) &&
    /^([0-9,*/LW-]+|\?)$/i.test(dom) &&
    /^[0-9A-Za-z,*/-]+$/.test(month) &&
    /^([0-9A-Za-z,*/L#-]+|\?)$/.test(dow) &&
    /^[0-9,*/-]+$/.test(year);
  return ok && (dom === "?") !== (dow === "?");
}
