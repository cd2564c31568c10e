// The JSON Schema of rubric files (a full rubric, or one that `extends` another), generated from the zod schemas
// so editors can validate and autocomplete (`# yaml-language-server: $schema=../docs/rubric.schema.json`).
import { z } from "zod";
import type { Reader } from "../grade/reader.js";
import { rubricOverrideSchema } from "./extends.js";
import { MATCHERS, resourceSchema, rubricSchema } from "./schema.js";

/** Descriptions shown by editors, by property name (the same meaning wherever the name appears). */
const DESCRIPTIONS: Record<string, string> = {
  assessment: "The assessment id. A bundled one is rubrics/<assessment>.yaml; TypeScript checks, if any, are registered under that id in checks/index.ts.",
  lab: "The lab text this rubric grades, in one line (shown by `glue-validate list`).",
  resources: "Resources read by generic readers, by key: { reader: s3.bucket, name: \"{bucket}\" }. A task's check (or a criterion's facts) may name a resource key.",
  reader: "The generic reader (docs/authoring-an-assessment.md lists them); the other keys are its params, whose strings may hold {placeholders}.",
  extends: "Base rubric: a bundled assessment id (glue_hard) or a path to a rubric file, relative to this file.",
  passPercent: "Pass mark, in percent of the automatically graded points (default 70).",
  totalPoints: "The points of all criteria must add up to this (default 100).",
  names: "Resource names as templates over {student}, {account}, {region} and other names; checks read them by key.",
  tasks: "The tasks; each names the check module whose facts its criteria read.",
  check: "The resource (a key of resources:) or TypeScript check module whose facts this task's criteria read.",
  criteria: "The criteria of the task.",
  points: "Points of this criterion.",
  severity: "warning: advisory. When the expectation does not hold (or cannot be checked) the status is `warning`: shown, never a failure, never points, never an exit code. Needs points: 0 and expect.",
  manual: "Instructions for the human grader; makes the criterion manual (never awarded automatically).",
  expect: "The expectation: an optional fact path and exactly one matcher.",
  facts: "Read the facts of another check instead of this task's.",
  expected: "What is expected, in words, when the matcher's own wording is unclear.",
  found: "What was found, in words, when the graded value is a yes/no or an object: a template over {names} and {$fact.path} (a fact of this criterion's check, rendered as words: lists as \"a, b and c\", nothing as \"none\"). Example: \"the bucket uses key {$encryption.keyId}\".",
  hint: "How to fix it, shown when the criterion fails.",
  requires: "Criteria (id here, or task.criterion) that must pass first; otherwise this one is skipped.",
  didYouMean: "A fact path holding similarly named resources, shown when this criterion fails.",
  evidence: "A fact path shown as evidence with --verbose (default: the expectation's path).",
  path: "Dotted fact path; through an array it maps over the items (rules.prefix).",
  ignoreCase: "Compare strings ignoring case (equals, oneOf, contains, matches, includesAll).",
  equals: "The value equals this (numbers and numeric strings compare as numbers).",
  oneOf: "The value equals one of these.",
  matches: "The string matches this regular expression.",
  contains: "The string contains this text.",
  atLeast: "The number is at least this (with atMost: a range).",
  atMost: "The number is at most this.",
  exists: "true: the value is present (not null); false: absent.",
  includesAll: "The array contains every one of these values.",
  some: "At least one item of the array meets this expectation.",
  every: "The array is not empty and every item meets this expectation.",
  none: "No item of the array meets this expectation.",
  length: "The length of the array/string (or key count of an object) meets this expectation.",
  all: "The value meets every one of these expectations.",
  any: "The value meets at least one of these expectations.",
  not: "The value does not meet this expectation.",
  removeTasks: "Task ids of the base to drop.",
  overrides: 'Changes to base criteria ("task.criterion": { points, hint, title, expected, found, expect, requires, disabled: true }) or tasks ("task": { title, description, disabled: true }).',
  disabled: "true: drop this criterion (or task); requires that pointed to it are dropped too.",
  add: "New tasks, or criteria for an existing task (same id, only criteria).",
};

function describeProperties(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(describeProperties);
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  const props = o.properties as Record<string, Record<string, unknown>> | undefined;
  if (props) for (const [k, v] of Object.entries(props)) if (DESCRIPTIONS[k] && v && typeof v === "object" && !v.description) v.description = DESCRIPTIONS[k];
  for (const v of Object.values(o)) describeProperties(v);
}

/** A resource as one of the readers with its own params (editors then check and complete each reader's params). */
function resourceOf(readers: readonly Reader<unknown>[]): z.ZodType {
  if (!readers.length) return resourceSchema;
  const forms = readers.map((r) => (r.params as unknown as z.ZodObject).extend({ reader: z.literal(r.id).describe(r.description), description: z.string().optional() }));
  return z.union(forms as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
}

/** The JSON Schema (draft 2020-12) of a rubric file; with `readers`, each resource is checked against its reader's params. */
export function rubricJsonSchema(readers: readonly Reader<unknown>[] = []): Record<string, unknown> {
  const resource = resourceOf([...readers].sort((a, b) => a.id.localeCompare(b.id)));
  const idKey = z.string().regex(/^[a-z0-9][a-z0-9_]*$/);
  const file = z.union([rubricSchema.extend({ resources: z.record(idKey, resource).optional() }), rubricOverrideSchema.extend({ resources: z.record(idKey, resource).optional() })]);
  const schema = z.toJSONSchema(file, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  let text = JSON.stringify(schema).replace(/__schema0/g, "expectation");
  const out = JSON.parse(text) as Record<string, unknown>;
  describeProperties(out);
  text = JSON.stringify(out);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "glue-validate rubric",
    description: `A glue-validate rubric (see docs/rubric-format.md): a full rubric, or one that extends another. Matchers: ${MATCHERS.join(", ")}.`,
    ...JSON.parse(text),
  };
}

/** The schema file's text, as committed in docs/rubric.schema.json. */
export function rubricJsonSchemaText(readers: readonly Reader<unknown>[] = []): string {
  return `${JSON.stringify(rubricJsonSchema(readers), null, 2)}\n`;
}
