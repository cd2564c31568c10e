// Collecting a check's facts from a FakeAws the test scripts itself, held to what collectWith holds them to: the
// declared schema (no undeclared fact either), no unscripted read, reads only.
import type { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import type { Facts } from "../../src/grade/facts.js";
import { onlyReads, type FakeAws } from "./check-tester.js";

/** Paths present in `given` but dropped by the schema's parse (zod strips undeclared keys). */
function undeclared(given: unknown, parsed: unknown, at = ""): string[] {
  if (Array.isArray(given) && Array.isArray(parsed)) return given.flatMap((g, i) => undeclared(g, parsed[i], `${at}.${i}`));
  if (!given || typeof given !== "object" || !parsed || typeof parsed !== "object") return [];
  return Object.entries(given).flatMap(([k, v]) => (v === undefined ? [] : k in parsed ? undeclared(v, (parsed as Record<string, unknown>)[k], `${at}.${k}`) : [`${at}.${k}`.slice(1)]));
}

/** `check.collect(ctx)` over `aws`; throws when the facts break the declared schema, a read was unscripted, or a call was not a read. */
export async function checkedCollect<F extends Facts>(aws: FakeAws, check: CheckModule<F>, ctx: CheckContext, o: { writes?: readonly string[] } = {}): Promise<F> {
  const facts = await check.collect(ctx);
  if (aws.unscripted.length) throw new Error(`${check.id} read what the test did not script: ${[...new Set(aws.unscripted)].join(", ")}`);
  if (!check.facts) throw new Error(`${check.id} declares no facts schema`);
  const r = (check.facts as z.ZodType).safeParse(facts);
  if (!r.success) throw new Error(`the facts of ${check.id} break its declared schema: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const extra = undeclared(facts, r.data);
  if (extra.length) throw new Error(`${check.id} returned undeclared facts: ${extra.slice(0, 5).join(", ")}`);
  const writes = onlyReads(aws).filter((op) => !o.writes?.includes(op));
  if (writes.length) throw new Error(`${check.id} sent calls that are not reads: ${writes.join(", ")}`);
  return facts;
}
