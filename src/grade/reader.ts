// The contract of a generic resource reader (implemented in readers/): a rubric names it under `resources:` with templated params.
import type { z } from "zod";
import type { CheckContext } from "./check.js";
import type { Facts } from "./facts.js";

/** One reader: reads one kind of AWS resource and returns its facts; never throws for AWS errors. */
export interface Reader<P = unknown> {
  /** Referred to by a rubric resource's `reader:` ("s3.bucket"). */
  id: string;
  /** One sentence: what it reads. */
  description: string;
  /** The params a rubric resource gives it (strings may hold {placeholders}, filled before `read`). */
  params: z.ZodType<P>;
  /** The declared shape of what `read` returns: rubric `path:`s are checked against it. */
  facts: z.ZodType;
  /** Every IAM action `read` may call, for the grader's least-privilege policy. */
  actions: readonly string[];
  read(ctx: CheckContext, params: P): Promise<Facts>;
}

/** Reader id → a lazy import of its module (handed to the core by the composition root). */
export type ReaderMap = Readonly<Record<string, () => Promise<{ reader: Reader<unknown> }>>>;
