// Task 7 — compliant: DataBrew project data-quality-project-{student} uses dataset customer-data-{student} (S3 or Data Catalog input) and recipe clean-customer-data-{student}, whose steps dedupe on customer_id, fill missing emails, validate the email format, retype created_at, drop rows with a null customer_id and flag outliers in amount.
import {
  DescribeDatasetCommand,
  DescribeProjectCommand,
  DescribeRecipeCommand,
  ListDatasetsCommand,
  ListProjectsCommand,
  ListRecipesCommand,
  type DescribeRecipeResponse,
  type RecipeStep,
} from "@aws-sdk/client-databrew";
import { z } from "zod";
import type { CheckContext, CheckModule, ReadResult } from "../../src/grade/check.js";
import { isErrorFact as isErr, orError, type ErrorFact } from "../../src/grade/facts.js";
import { parseJson, stringList } from "../shared/parse-json.js";
import { nearMisses } from "../shared/student-owned.js";

/** Not-found errors of DataBrew Describe* calls (ValidationException only for a recipe with no published version). */
const MISSING = ["ResourceNotFoundException"];
/** At most this many recipe steps are read (DataBrew allows 100). */
const MAX_STEPS = 150;
/** Parameter values are cut to this length in facts. */
const MAX_PARAM = 400;

/** One recipe step, normalised. */
export const stepFactSchema = z.object({
  operation: z.string(),
  /** `sourceColumn`, or the first of `sourceColumns`; null when the step names no column. */
  sourceColumn: z.string().nullable(),
  /** Every column the step reads (`sourceColumn` and `sourceColumns`). */
  columns: z.array(z.string()),
  params: z.record(z.string(), z.string()),
  conditions: z.array(z.object({ condition: z.string(), value: z.string().nullable(), targetColumn: z.string() })).optional(),
  /** The step in words, for messages: "REMOVE_DUPLICATES on email". */
  summary: z.string(),
});
export type StepFact = z.infer<typeof stepFactSchema>;

/** Which lab steps a list of recipe steps performs, and how. */
export const labStepsSchema = z.object({
  removeDuplicates: z.boolean(),
  fillMissingEmails: z.boolean(),
  /** FILL_WITH_CUSTOM on email with exactly "unknown@example.com" (the lab's wording); other FILL_* are accepted. */
  fillEmailsExact: z.boolean(),
  fillEmails: z.object({ operation: z.string(), value: z.string().nullable() }).nullable(),
  validateEmail: z.boolean(),
  emailValidation: z.object({ operation: z.string(), form: z.string() }).nullable(),
  createdAtType: z.boolean(),
  createdAtChange: z.object({ operation: z.string(), columnDataType: z.string().nullable() }).nullable(),
  deleteNullCustomerId: z.boolean(),
  flagOutliers: z.boolean(),
  outliers: z.object({ operation: z.string(), strategy: z.string().nullable(), threshold: z.string().nullable(), zScore3: z.boolean() }).nullable(),
  /** How many of the six lab steps are present. */
  count: z.number(),
});
export type LabSteps = z.infer<typeof labStepsSchema>;

const similarSchema = orError(z.array(z.string())).optional();

/** The DataBrew project: the dataset and recipe it names. */
export const projectFactsSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  datasetName: z.string().nullable().optional(),
  recipeName: z.string().nullable().optional(),
  roleArn: z.string().nullable().optional(),
  similar: similarSchema,
});
export type ProjectFacts = z.infer<typeof projectFactsSchema>;

/** The DataBrew dataset and where its input comes from. */
export const datasetFactsSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  inputType: z.enum(["S3", "DATA_CATALOG", "DATABASE"]).nullable(),
  s3Path: z.string().optional(),
  /** "database.table" of a Data Catalog input. */
  catalogTable: z.string().optional(),
  format: z.string().nullable().optional(),
  similar: similarSchema,
});
export type DatasetFacts = z.infer<typeof datasetFactsSchema>;

/** The recipe: the steps of the version that performs the most lab steps, and what its versions hold. */
export const recipeFactsSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  stepsFrom: z.enum(["LATEST_WORKING", "LATEST_PUBLISHED"]).nullable(),
  publishedVersion: orError(z.string().nullable()).optional(),
  /** ISO date of the latest published version. */
  publishedDate: z.string().nullable().optional(),
  workingStepCount: orError(z.number().nullable()).optional(),
  publishedStepCount: orError(z.number().nullable()).optional(),
  steps: z.array(stepFactSchema),
  similar: similarSchema,
});
export type RecipeFacts = z.infer<typeof recipeFactsSchema>;

/** The facts of Task 7. */
export const databrewFactsSchema = z.object({
  project: orError(projectFactsSchema),
  dataset: orError(datasetFactsSchema),
  recipe: orError(recipeFactsSchema),
  steps: orError(labStepsSchema),
});
export type DatabrewFacts = z.infer<typeof databrewFactsSchema>;

const norm = (c: string) => c.toLowerCase().replace(/[^a-z0-9]/g, "");
const isCustomerId = (c: string) => norm(c) === "customerid";
const isEmail = (c: string) => norm(c).includes("email");
const isCreatedAt = (c: string) => norm(c) === "createdat";
const isAmount = (c: string) => norm(c).includes("amount");
const cut = (s: string) => (s.length > MAX_PARAM ? `${s.slice(0, MAX_PARAM)}…` : s);

/** RecipeStep[] (SDK) → StepFact[]; tolerant of missing fields and JSON-array `sourceColumns`. */
export function normaliseSteps(steps: readonly RecipeStep[] | undefined): StepFact[] {
  return (steps ?? []).slice(0, MAX_STEPS).map((s) => {
    const p = s.Action?.Parameters ?? {};
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(p)) if (typeof v === "string") params[k] = cut(v);
    const many = p.sourceColumns ? parseJson(p.sourceColumns, 20_000) : undefined;
    const columns = [...(typeof p.sourceColumn === "string" ? [p.sourceColumn] : []), ...(many?.ok ? stringList(many.value) : [])];
    const conditions = (s.ConditionExpressions ?? []).map((c) => ({ condition: c.Condition ?? "", value: c.Value === undefined ? null : cut(c.Value), targetColumn: c.TargetColumn ?? "" }));
    return {
      operation: (s.Action?.Operation ?? "").toUpperCase(),
      sourceColumn: columns[0] ?? null,
      columns,
      params,
      ...(conditions.length ? { conditions } : {}),
      summary: `${(s.Action?.Operation ?? "").toUpperCase() || "(no operation)"}${columns.length ? ` on ${columns.join(", ")}` : ""}`,
    };
  });
}

const onColumn = (s: StepFact, test: (c: string) => boolean) => s.columns.some(test);
const param = (s: StepFact, name: string): string | null => {
  const key = Object.keys(s.params).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : s.params[key]!;
};

function emailValidationForm(s: StepFact): string | null {
  const adv = param(s, "advancedDataType") ?? "";
  const colType = param(s, "columnDataType") ?? "";
  if (/^ADVANCED_DATATYPE_(FLAG|FILTER)$/.test(s.operation) && /e-?mail/i.test(adv)) return `${s.operation} advancedDataType=${adv}`;
  if (s.operation === "REMOVE_INVALID" && onColumn(s, isEmail) && (/e-?mail/i.test(adv) || /e-?mail/i.test(colType))) return `REMOVE_INVALID ${adv || colType}`;
  const pattern = Object.entries(s.params).find(([k, v]) => /pattern|regex/i.test(k) && v.includes("@"));
  if (pattern && onColumn(s, isEmail)) return `${s.operation} ${pattern[0]}=${pattern[1]}`;
  const cond = s.conditions?.find((c) => isEmail(c.targetColumn) && (c.value ?? "").includes("@"));
  if (cond) return `${s.operation} if ${cond.condition} ${cond.value ?? ""}`.trim();
  return null;
}

/** Which of the six lab steps `steps` performs (fair readings of each, see the rubric hints). */
export function labSteps(steps: readonly StepFact[]): LabSteps {
  const find = <T>(f: (s: StepFact) => T | null | false | undefined): T | null => {
    for (const s of steps) {
      const r = f(s);
      if (r) return r;
    }
    return null;
  };
  const removeDuplicates = steps.some((s) => (s.operation === "REMOVE_DUPLICATES" && onColumn(s, isCustomerId)) || s.operation === "DELETE_DUPLICATE_ROWS");
  const fillSteps = steps.filter((s) => s.operation.startsWith("FILL_WITH_") && onColumn(s, isEmail));
  const exact = fillSteps.find((s) => s.operation === "FILL_WITH_CUSTOM" && (param(s, "value") ?? "").trim().toLowerCase() === "unknown@example.com");
  const fill = exact ?? fillSteps[0];
  const email = find((s) => {
    const form = emailValidationForm(s);
    return form ? { operation: s.operation, form } : null;
  });
  const created = find((s) => (/^(CHANGE_DATA_TYPE|FORMAT_DATE|DATE_FORMAT|TO_DATE|TO_TIMESTAMP)$/.test(s.operation) && onColumn(s, isCreatedAt) ? { operation: s.operation, columnDataType: param(s, "columnDataType") } : null));
  const deleteNull = steps.some(
    (s) =>
      (s.operation === "REMOVE_MISSING" && onColumn(s, isCustomerId)) ||
      (/^(REMOVE|DELETE)_/.test(s.operation) && (s.conditions ?? []).some((c) => isCustomerId(c.targetColumn) && /MISSING|NULL|EMPTY/.test(c.condition) && !/NOT/.test(c.condition))),
  );
  const outliers = find((s) => {
    if (!/^(FLAG|REMOVE|REPLACE|RESCALE)_OUTLIERS/.test(s.operation) || !onColumn(s, isAmount)) return null;
    const strategy = param(s, "outlierStrategy");
    const threshold = param(s, "threshold");
    return { operation: s.operation, strategy, threshold, zScore3: (strategy ?? "").toUpperCase() === "Z_SCORE" && Number(threshold ?? "3") === 3 };
  });
  const flags = [removeDuplicates, fill !== undefined, email !== null, created !== null, deleteNull, outliers !== null];
  return {
    removeDuplicates,
    fillMissingEmails: fill !== undefined,
    fillEmailsExact: exact !== undefined,
    fillEmails: fill ? { operation: fill.operation, value: param(fill, "value") } : null,
    validateEmail: email !== null,
    emailValidation: email,
    createdAtType: created !== null,
    createdAtChange: created,
    deleteNullCustomerId: deleteNull,
    flagOutliers: outliers !== null,
    outliers,
    count: flags.filter(Boolean).length,
  };
}

type VersionRead = { steps: StepFact[]; version: string | null; publishedDate: string | null } | null | ErrorFact;

function versionOf(r: ReadResult<DescribeRecipeResponse>): VersionRead {
  if (!r.ok) return r.missing ? null : r.fact;
  return { steps: normaliseSteps(r.value.Steps), version: r.value.RecipeVersion ?? null, publishedDate: r.value.PublishedDate ? new Date(r.value.PublishedDate).toISOString() : null };
}

async function readRecipe(ctx: CheckContext, name: string, allNames: () => Promise<string[] | ErrorFact>): Promise<{ recipe: RecipeFacts | ErrorFact; lab: LabSteps | ErrorFact }> {
  const [working, published] = await Promise.all([
    ctx.read("databrew", new DescribeRecipeCommand({ Name: name, RecipeVersion: "LATEST_WORKING" }), { missing: MISSING }),
    // Without RecipeVersion: the latest published version. A never-published recipe answers not-found (or, UNCONFIRMED, ValidationException).
    ctx.read("databrew", new DescribeRecipeCommand({ Name: name }), { missing: [...MISSING, "ValidationException"] }),
  ]);
  const w = versionOf(working);
  const p = versionOf(published);
  if (isErr(w) && (isErr(p) || p === null)) return { recipe: w, lab: w };
  if (isErr(p) && w === null) return { recipe: p, lab: p };
  if (w === null && p === null) {
    const all = await allNames();
    return { recipe: { name, exists: false, stepsFrom: null, steps: [], similar: isErr(all) ? all : nearMisses(name, all, ctx.student) }, lab: labSteps([]) };
  }
  const candidates: { from: "LATEST_WORKING" | "LATEST_PUBLISHED"; steps: StepFact[]; lab: LabSteps }[] = [];
  if (p && !isErr(p)) candidates.push({ from: "LATEST_PUBLISHED", steps: p.steps, lab: labSteps(p.steps) });
  if (w && !isErr(w)) candidates.push({ from: "LATEST_WORKING", steps: w.steps, lab: labSteps(w.steps) });
  // The version that performs the most lab steps; on a tie the one with more steps; then the published one.
  const withSteps = candidates.filter((c) => c.steps.length > 0);
  const best = withSteps.sort((a, b) => b.lab.count - a.lab.count || b.steps.length - a.steps.length)[0];
  const recipe: RecipeFacts = {
    name,
    exists: true,
    stepsFrom: best?.from ?? null,
    publishedVersion: p === null ? null : isErr(p) ? p : p.version,
    publishedDate: p && !isErr(p) ? p.publishedDate : null,
    workingStepCount: w === null ? null : isErr(w) ? w : w.steps.length,
    publishedStepCount: p === null ? null : isErr(p) ? p : p.steps.length,
    steps: best?.steps ?? [],
  };
  return { recipe, lab: best?.lab ?? labSteps([]) };
}

function lister<T>(fetch: () => Promise<{ ok: true; items: T[] } | { ok: false; fact: ErrorFact }>, nameOf: (t: T) => string | undefined): () => Promise<string[] | ErrorFact> {
  let p: Promise<string[] | ErrorFact> | undefined;
  return () => (p ??= fetch().then((r) => (r.ok ? r.items.map((i) => nameOf(i) ?? "").filter(Boolean) : r.fact)));
}

/** Task 7: the DataBrew project, dataset and recipe with its steps. */
export const databrew: CheckModule<DatabrewFacts> = {
  id: "databrew",
  description: "DataBrew project, dataset (input source) and recipe: which of the lab's six cleaning steps the recipe performs (latest published or working version).",
  names: ["databrewProject", "databrewDataset", "databrewRecipe"],
  actions: ["databrew:DescribeProject", "databrew:DescribeDataset", "databrew:DescribeRecipe", "databrew:ListProjects", "databrew:ListDatasets", "databrew:ListRecipes"],
  facts: databrewFactsSchema,
  async collect(ctx) {
    const projectName = ctx.name("databrewProject");
    const datasetName = ctx.name("databrewDataset");
    const recipeName = ctx.name("databrewRecipe");
    const projects = lister(() => ctx.list("databrew", (t) => new ListProjectsCommand({ NextToken: t }), (o) => ({ items: o.Projects, next: o.NextToken })), (x) => x.Name);
    const datasets = lister(() => ctx.list("databrew", (t) => new ListDatasetsCommand({ NextToken: t }), (o) => ({ items: o.Datasets, next: o.NextToken })), (x) => x.Name);
    const recipes = lister(
      () => ctx.list("databrew", (t) => new ListRecipesCommand({ NextToken: t, RecipeVersion: "LATEST_WORKING" }), (o) => ({ items: o.Recipes, next: o.NextToken })),
      (x) => x.Name,
    );

    const [project, dataset, recipe] = await Promise.all([
      ctx.read("databrew", new DescribeProjectCommand({ Name: projectName }), { missing: MISSING }).then(async (r): Promise<ProjectFacts | ErrorFact> => {
        if (r.ok) {
          const v = r.value;
          return { name: projectName, exists: true, datasetName: v.DatasetName ?? null, recipeName: v.RecipeName ?? null, roleArn: v.RoleArn ?? null };
        }
        if (!r.missing) return r.fact;
        const all = await projects();
        return { name: projectName, exists: false, similar: isErr(all) ? all : nearMisses(projectName, all, ctx.student) };
      }),
      ctx.read("databrew", new DescribeDatasetCommand({ Name: datasetName }), { missing: MISSING }).then(async (r): Promise<DatasetFacts | ErrorFact> => {
        if (r.ok) {
          const input = r.value.Input;
          const s3 = input?.S3InputDefinition;
          const cat = input?.DataCatalogInputDefinition;
          const inputType = s3 ? "S3" : cat ? "DATA_CATALOG" : input?.DatabaseInputDefinition ? "DATABASE" : null;
          return {
            name: datasetName,
            exists: true,
            inputType,
            ...(s3 ? { s3Path: `s3://${s3.Bucket ?? ""}/${s3.Key ?? ""}` } : {}),
            ...(cat ? { catalogTable: `${cat.DatabaseName ?? ""}.${cat.TableName ?? ""}` } : {}),
            format: r.value.Format ?? null,
          };
        }
        if (!r.missing) return r.fact;
        const all = await datasets();
        return { name: datasetName, exists: false, inputType: null, similar: isErr(all) ? all : nearMisses(datasetName, all, ctx.student) };
      }),
      readRecipe(ctx, recipeName, recipes),
    ]);
    return { project, dataset, recipe: recipe.recipe, steps: recipe.lab };
  },
};
