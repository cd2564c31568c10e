// --min-score as people write it: "70", "70%", "72.5 %".
import { UsageError } from "./exit.js";

/** The percentage a flag gives, or a UsageError naming the flag; undefined when the flag is absent. */
export function parsePercent(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const digits = v.trim().replace(/\s*%$/, "");
  const n = /^\d+(\.\d+)?$/.test(digits) ? Number(digits) : NaN;
  if (!(n >= 0 && n <= 100)) throw new UsageError(`${flag} takes a percentage from 0 to 100 (e.g. 70 or 70%), got "${v}"`);
  return n;
}
