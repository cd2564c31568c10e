// Near-miss names: "enterprise-datalake-0123" or "Enterprise-DataLake-123" when "enterprise-datalake-123" was expected.
import { editDistance } from "../../src/util/edit-distance.js";

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "").replace(/(^|[a-z])0+(?=\d)/g, "$1");
}

function distance(a: string, b: string): number {
  return Math.abs(a.length - b.length) > 2 ? 3 : editDistance(a, b);
}

/** Candidates that differ from `expected` only by case, separators, leading zeros or one typo (at most 5). */
export function similarNames(expected: string, candidates: Iterable<string>): string[] {
  const want = normalise(expected);
  const out: string[] = [];
  for (const c of candidates) {
    if (c === expected) continue;
    const n = normalise(c);
    if (n === want || (want.length >= 8 && distance(n, want) <= 1)) out.push(c);
    if (out.length >= 5) break;
  }
  return out;
}
