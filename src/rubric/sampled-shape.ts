// A facts schema inferred from recorded facts, for checks that declare none yet: what the values were in the bundled
// cases, so `rubric lint` can still tell a message that would show yes/no or an object from one that reads as words.
import { z } from "zod";
import { isErrorFact } from "../grade/facts.js";

/**
 * The zod schema of every value seen (ErrorFacts and absent values skipped): objects merge their keys (each
 * optional), lists merge their items, differing kinds become a union; nothing seen is `unknown`.
 */
export function schemaFromSamples(samples: readonly unknown[]): z.ZodType {
  const seen = samples.filter((v) => v !== undefined && !isErrorFact(v));
  const kinds: z.ZodType[] = [];
  if (seen.some((v) => typeof v === "string")) kinds.push(z.string());
  if (seen.some((v) => typeof v === "number")) kinds.push(z.number());
  if (seen.some((v) => typeof v === "boolean")) kinds.push(z.boolean());
  const lists = seen.filter(Array.isArray);
  if (lists.length) kinds.push(z.array(schemaFromSamples(lists.flat())));
  const objects = seen.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v));
  if (objects.length) {
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    const values = objects.flatMap((o) => Object.values(o)).filter((v) => v !== undefined && v !== null && !isErrorFact(v));
    // Every value a string (or every one a number): a per-resource map ({ raw: "aws:kms", temp: "AES256" }), which
    // a message renders as "raw: aws:kms, temp: AES256".
    const scalar = values.length > 0 && (values.every((v) => typeof v === "string") || values.every((v) => typeof v === "number"));
    kinds.push(scalar ? z.record(z.string(), typeof values[0] === "string" ? z.string() : z.number()) : z.object(Object.fromEntries(keys.map((k) => [k, schemaFromSamples(objects.map((o) => o[k])).optional()]))));
  }
  const nullable = seen.some((v) => v === null);
  if (!kinds.length) return nullable ? z.null() : z.unknown();
  const one = kinds.length === 1 ? kinds[0]! : z.union(kinds as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  return nullable ? one.nullable() : one;
}
