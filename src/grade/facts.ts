// Facts: the plain JSON a check returns. A read that failed stands in the facts as an ErrorFact.
import type { FailureKind } from "../aws/errors.js";

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
