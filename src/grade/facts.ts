// Facts: the plain JSON a check returns. A read that failed stands in the facts as an ErrorFact.
import { z } from "zod";
import { FAILURE_KINDS, type FailureKind } from "../aws/errors.js";

/** JSON data, as checks return it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** Marks a fact that could not be read: evaluation turns any criterion that needs it into `error`. */
export type ErrorFact = {
  $error: {
    /** The IAM action that failed, e.g. "s3:GetBucketPolicy". */
    action: string;
    kind: FailureKind;
    message: string;
  };
};

/** The facts one check module returns. */
export type Facts = { [key: string]: Json | undefined };

/** True for an ErrorFact. */
export function isErrorFact(v: unknown): v is ErrorFact {
  return typeof v === "object" && v !== null && "$error" in v && typeof (v as ErrorFact).$error === "object";
}

/** The zod form of an ErrorFact: `{ $error: { action, kind, message } }`. */
export const errorFactSchema = z.object({
  $error: z.object({
    action: z.string(),
    kind: z.enum(FAILURE_KINDS),
    message: z.string(),
  }),
});

// the schema and the ErrorFact type describe the same value
const _sameErrorFact: [ErrorFact, z.infer<typeof errorFactSchema>] extends [z.infer<typeof errorFactSchema>, ErrorFact] ? true : never = true;
void _sameErrorFact;

/** A declared fact that a failed read may replace with an ErrorFact. */
export function orError<T extends z.ZodType>(schema: T): z.ZodUnion<[T, typeof errorFactSchema]> {
  return z.union([schema, errorFactSchema]);
}

/** Any JSON value: for facts whose shape is open (raw policy documents, tags). */
export const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonSchema), z.record(z.string(), jsonSchema.optional())]),
);
