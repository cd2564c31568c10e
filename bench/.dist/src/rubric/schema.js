// The rubric file format, as a zod schema: tasks, criteria, points, names, expectations.
import { z } from "zod";
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** The matcher keys; an expectation has exactly one. */
export const MATCHERS = ["equals", "oneOf", "matches", "contains", "atLeast", "atMost", "exists", "includesAll", "some", "every", "none", "length", "all", "any", "not"];
export const expectationSchema = z.lazy(() => z
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
    const used = MATCHERS.filter((m) => e[m] !== undefined);
    const rangeOnly = used.length === 2 && used.includes("atLeast") && used.includes("atMost");
    if (used.length !== 1 && !rangeOnly) {
        ctx.addIssue({ code: "custom", message: used.length === 0 ? `an expectation needs one matcher (${MATCHERS.join(", ")})` : `an expectation has one matcher, found ${used.join(" + ")}` });
    }
}));
function isValidRegex(s) {
    try {
        new RegExp(s);
        return true;
    }
    catch {
        return false;
    }
}
const id = z.string().regex(/^[a-z0-9][a-z0-9_]*$/, "use lowercase letters, digits and _");
export const criterionSchema = z
    .object({
    id,
    title: z.string().min(1),
    points: z.number().min(0),
    /** Instructions for the human grader; makes the criterion manual (never auto-awarded). */
    manual: z.string().min(1).optional(),
    expect: expectationSchema.optional(),
    /** Read facts of another task's check instead of this task's. */
    facts: id.optional(),
    /** What is expected, in words, when the matcher's own wording is not clear enough. */
    expected: z.string().optional(),
    hint: z.string().optional(),
    /** Criteria (here or `task.criterion`) that must pass first; otherwise this one is skipped. */
    requires: z.array(z.string().regex(/^([a-z0-9_]+\.)?[a-z0-9_]+$/)).optional(),
    /** A fact path holding similarly named resources, shown when this criterion fails. */
    didYouMean: z.string().optional(),
    /** A fact path shown as evidence with --verbose (defaults to the expectation's path). */
    evidence: z.string().optional(),
})
    .strict()
    .superRefine((c, ctx) => {
    if (!c.manual && !c.expect)
        ctx.addIssue({ code: "custom", message: "a criterion needs `expect` (automatic) or `manual` (a human decides)" });
    if (c.manual && c.expect)
        ctx.addIssue({ code: "custom", message: "a criterion is either `manual` or has `expect`, not both" });
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
export const rubricSchema = z
    .object({
    $schema: z.string().optional(),
    assessment: id,
    title: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    /** Pass mark, in percent of the automatically graded points. */
    passPercent: z.number().min(0).max(100).default(70),
    /** Points of all criteria must add up to this. */
    totalPoints: z.number().positive().default(100),
    student: z
        .object({ pattern: z.string().refine(isValidRegex, "not a valid regular expression"), description: z.string() })
        .strict()
        .default({ pattern: "^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$", description: "lowercase letters, digits and inner hyphens, at most 32 characters" }),
    /** Resource names as templates over {student}, {account}, {region} and other names. */
    names: z.record(z.string(), z.string()).default({}),
    tasks: z.array(taskSchema).min(1),
})
    .strict();
