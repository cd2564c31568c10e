// The rubric file format, as a zod schema: tasks, criteria, points, names, expectations.
import { z } from "zod";

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** An expectation over facts: an optional path and exactly one matcher. */
export type Expectation = {
  path?: string;
  ignoreCase?: boolean;
  equals?: string | number | boolean | null;
  oneOf?: (string | number | boolean | null)[];
  matches?: string;
  contains?: string;
  atLeast?: number;
  atMost?: number;
  exists?: boolean;
  includesAll?: (string | number | boolean)[];
  some?: Expectation;
  every?: Expectation;
  none?: Expectation;
  length?: Expectation;
  all?: Expectation[];
  any?: Expectation[];
  not?: Expectation;
};

/** The matcher keys; an expectation has exactly one. */
export const MATCHERS = ["equals", "oneOf", "matches", "contains", "atLeast", "atMost", "exists", "includesAll", "some", "every", "none", "length", "all", "any", "not"] as const;

export const expectationSchema: z.ZodType<Expectation> = z.lazy(() =>
  z
    .object({
      path: z.string().min(1).optional(),
      ignoreCase: z.boolean().optional(),
      equals: scalar.optional(),
      oneOf: z.array(scalar).min(1).optional(),
      matches: z.string().refine(isValidRegex, "not a valid regular expression").optional(),
      contains: z.string().optional(),
      atLeast: z.number().optional(),
      atMost: z.number().optional(),
      exists: z.boolean().optional(),
      includesAll: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
      some: expectationSchema.optional(),
      every: expectationSchema.optional(),
      none: expectationSchema.optional(),
      length: expectationSchema.optional(),
      all: z.array(expectationSchema).min(1).optional(),
      any: z.array(expectationSchema).min(1).optional(),
      not: expectationSchema.optional(),
    })
    .strict()
    .superRefine((e, ctx) => {
      const used = MATCHERS.filter((m) => (e as Record<string, unknown>)[m] !== undefined);
      const rangeOnly = used.length === 2 && used.includes("atLeast") && used.includes("atMost");
      if (used.length !== 1 && !rangeOnly) {
        ctx.addIssue({ code: "custom", message: used.length === 0 ? `an expectation needs one matcher (${MATCHERS.join(", ")})` : `an expectation has one matcher, found ${used.join(" + ")}` });
      }
    }),
);

function isValidRegex(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

const id = z.string().regex(/^[a-z0-9][a-z0-9_]*$/, "use lowercase letters, digits and _");

export const criterionSchema = z
  .object({
    id,
    title: z.string().min(1),
    points: z.number().min(0),
    /**
     * `warning`: advisory. Evaluated like any other automatic criterion, but when it does not hold (or cannot be
     * checked) its status is `warning`: shown to the student, never a failure, never points, never an exit code.
     * Needs `points: 0` and `expect`.
     */
    severity: z.enum(["warning"]).optional(),
    /** Instructions for the human grader; makes the criterion manual (never auto-awarded). */
    manual: z.string().min(1).optional(),
    expect: expectationSchema.optional(),
    /** Read facts of another task's check instead of this task's. */
    facts: id.optional(),
    /** What is expected, in words, when the matcher's own wording is not clear enough. */
    expected: z.string().optional(),
    /**
     * What was found, in words, when the graded value is a yes/no or an object: a sentence template over
     * {names} and {$fact.path} (a fact of this criterion's check, rendered: "the bucket uses {$encryption.keyId}").
     */
    found: z.string().min(1).optional(),
    hint: z.string().optional(),
    /** Criteria (here or `task.criterion`) that must pass first; otherwise this one is skipped. */
    requires: z.array(z.string().regex(/^([a-z0-9_]+\.)?[a-z0-9_]+$/)).optional(),
    /**
     * Graded only when this holds (e.g. an opt-in of the run such as --run-queries); otherwise the criterion is
     * skipped and its points leave the maximum, so nobody loses points for what this run did not measure.
     */
    onlyIf: z
      .object({ facts: id.optional(), expect: expectationSchema, reason: z.string().min(1) })
      .strict()
      .optional(),
    /** A fact path holding similarly named resources, shown when this criterion fails. */
    didYouMean: z.string().optional(),
    /** A fact path shown as evidence with --verbose (defaults to the expectation's path). */
    evidence: z.string().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.manual && !c.expect) ctx.addIssue({ code: "custom", message: "a criterion needs `expect` (automatic) or `manual` (a human decides)" });
    if (c.manual && c.expect) ctx.addIssue({ code: "custom", message: "a criterion is either `manual` or has `expect`, not both" });
    if (c.severity === "warning") {
      if (c.points !== 0) ctx.addIssue({ code: "custom", path: ["points"], message: `a \`severity: warning\` criterion never costs points: give it \`points: 0\` (found ${c.points})` });
      if (c.manual) ctx.addIssue({ code: "custom", path: ["severity"], message: "a `severity: warning` criterion is automatic: it needs `expect`, not `manual`" });
    }
  });

export const taskSchema = z
  .object({
    id,
    title: z.string().min(1),
    /** The check module whose facts the criteria read; tasks with only manual criteria need none. */
    check: id.optional(),
    description: z.string().optional(),
    criteria: z.array(criterionSchema).min(1),
  })
  .strict();

/**
 * A resource the rubric reads with a generic reader (readers/): `reader` names it, the other keys are its params,
 * whose strings may hold {placeholders}. A task's `check:` (or a criterion's `facts:`) may name the resource.
 */
export const resourceSchema = z
  .object({
    reader: z.string().regex(/^[a-z0-9]+\.[a-z0-9_]+$/, "a reader id such as s3.bucket (see docs/authoring-an-assessment.md)"),
    description: z.string().optional(),
  })
  .catchall(z.unknown());

export const rubricSchema = z
  .object({
    $schema: z.string().optional(),
    assessment: id,
    title: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    /** The lab text this rubric grades, in one line (shown by `list`). */
    lab: z.string().optional(),
    /** Pass mark, in percent of the automatically graded points. */
    passPercent: z.number().min(0).max(100).default(70),
    /** Points of all criteria must add up to this. */
    totalPoints: z.number().positive().default(100),
    student: z
      .object({ pattern: z.string().refine(isValidRegex, "not a valid regular expression"), description: z.string() })
      .strict()
      .default({ pattern: "^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$", description: "lowercase letters, digits and inner hyphens, at most 32 characters" }),
    /**
     * Deployments named per environment (Terraform's dev/staging/prod): `{env}` in names and texts is the value of
     * `--env`, one of `values` (matched without case, written as declared), else `default`.
     */
    environment: z
      .object({ values: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)).min(1), default: z.string(), description: z.string().optional() })
      .strict()
      .refine((e) => e.values.includes(e.default), { message: "`default` must be one of `values`" })
      .optional(),
    /** Resource names as templates over {student}, {account}, {region}, {env} and other names. */
    names: z.record(z.string(), z.string()).default({}),
    /** Resources read by generic readers, by key: `bucket: { reader: s3.bucket, name: "{bucket}" }`. */
    resources: z.record(id, resourceSchema).default({}),
    tasks: z.array(taskSchema).min(1),
  })
  .strict();

/** A rubric as loaded and validated. */
export type Rubric = z.infer<typeof rubricSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type ResourceSpec = z.infer<typeof resourceSchema>;
