// IAM trust policies (student input): which services, AWS principals and accounts an Allow statement trusts.
import { z } from "zod";
import { isObject, parsePolicyDocument, policyStatements, stringList } from "./parse-json.js";

/** What a trust policy lets assume the role. */
export const trustFactsSchema = z.object({ services: z.array(z.string()), awsPrincipals: z.array(z.string()), accounts: z.array(z.string()), everyone: z.boolean(), parseError: z.string().optional() });
export type TrustFacts = z.infer<typeof trustFactsSchema>;

/** Reads a trust policy (URL-encoded or plain JSON): Allow statements' principals. Never throws. */
export function trustOf(doc: string | undefined): TrustFacts {
  const out: TrustFacts = { services: [], awsPrincipals: [], accounts: [], everyone: false };
  const parsed = parsePolicyDocument(doc);
  if (!parsed.ok) return { ...out, parseError: parsed.error };
  if (!isObject(parsed.value)) return { ...out, parseError: "not a JSON object" };
  const statements = policyStatements(parsed.value).slice(0, 100);
  for (const s of statements) {
    if (s.Effect !== "Allow") continue;
    const p = s.Principal;
    if (p === "*") out.everyone = true;
    if (!isObject(p)) continue;
    out.services.push(...stringList(p.Service).map((x) => x.toLowerCase()));
    for (const a of stringList(p.AWS)) {
      if (a === "*") out.everyone = true;
      else out.awsPrincipals.push(a);
      const acct = /^\d{12}$/.test(a) ? a : /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(a)?.[1];
      if (acct) out.accounts.push(acct);
    }
  }
  out.services = [...new Set(out.services)];
  out.accounts = [...new Set(out.accounts)];
  return out;
}
