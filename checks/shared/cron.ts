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

const EVERY_HOUR = /^(\*|0\/1|\*\/1|0-23)$/;
const EVERY_DAY_OF_MONTH = /^(\*|\?|1-31|1\/1|\*\/1)$/;
const EVERY_MONTH = /^(\*|1-12|JAN-DEC|1\/1|\*\/1)$/;
const EVERY_WEEKDAY = /^(\*|\?|1-7|SUN-SAT|MON-SUN)$/;

/**
 * The minute of a cron that fires every hour at one minute, in any of the forms EventBridge accepts for it
 * ("cron(20 * * * ? *)", "cron(20 0/1 * * ? *)", "cron(20 0-23 ? * MON-SUN *)"), else null.
 */
export function hourlyMinute(cron: string | null): string | null {
  const m = /^cron\((\d+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(cron ?? "");
  if (!m) return null;
  const [, minute, hour, dom, month, dow, year] = m as unknown as [string, string, string, string, string, string, string];
  const oneQuestionMark = (dom === "?") !== (dow === "?");
  return EVERY_HOUR.test(hour) && EVERY_DAY_OF_MONTH.test(dom) && EVERY_MONTH.test(month) && EVERY_WEEKDAY.test(dow) && year === "*" && oneQuestionMark ? minute : null;
}

/** A schedule in one spelling: normalised, and every "minute M of every hour" form written cron(M * * * ? *). */
export function canonicalSchedule(expr: unknown): string | null {
  const written = normaliseCron(expr);
  const minute = hourlyMinute(written);
  return minute !== null ? `cron(${minute} * * * ? *)` : written;
}
