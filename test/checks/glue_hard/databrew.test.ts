// Task 7 check: facts from scripted DataBrew answers (FakeAws), recipe step forms, and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DescribeDatasetCommand,
  DescribeProjectCommand,
  DescribeRecipeCommand,
  ListProjectsCommand,
  ListRecipesCommand,
  ResourceNotFoundException,
  type DescribeRecipeRequest,
  type RecipeStep,
} from "@aws-sdk/client-databrew";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { databrew, databrewFactsSchema, labSteps, normaliseSteps } from "../../../checks/glue_hard/databrew.js";
import { LAB_STEPS } from "../../support/world/parts/ops.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const brew = aws.client("databrew");
const names = { databrewProject: "data-quality-project-7", databrewDataset: "customer-data-7", databrewRecipe: "clean-customer-data-7" };
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");
/** The facts collected from the scripted account, held to the declared schema. */
const collect = async (c = ctx()) => {
  const f = await databrew.collect(c);
  databrewFactsSchema.parse(f);
  return f;
};
const notFound = (what: string) => new ResourceNotFoundException({ message: `${what} wasn't found.`, $metadata: { httpStatusCode: 404 } });
const denied = () => Object.assign(new Error("User is not authorized to perform: databrew:DescribeRecipe"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
const step = (Operation: string, Parameters: Record<string, string> = {}, ConditionExpressions?: RecipeStep["ConditionExpressions"]): RecipeStep => ({ Action: { Operation, Parameters }, ...(ConditionExpressions ? { ConditionExpressions } : {}) });

function projectAndDataset() {
  brew.on(DescribeProjectCommand).resolves({ Name: names.databrewProject, DatasetName: names.databrewDataset, RecipeName: names.databrewRecipe, RoleArn: "arn:aws:iam::111122223333:role/DataBrewServiceRole-7" });
  brew.on(DescribeDatasetCommand).resolves({ Name: names.databrewDataset, Input: { S3InputDefinition: { Bucket: "enterprise-datalake-7", Key: "landing/customers.csv" } }, Format: "CSV" });
}

beforeEach(() => {
  aws.reset();
});

// a read the test did not script would pass silently as an ErrorFact
afterEach(() => {
  expect(aws.unscripted).toEqual([]);
});

describe("databrew check (scripted answers)", () => {
  it("grades a recipe that exists only as LATEST_WORKING (never published)", async () => {
    projectAndDataset();
    brew.on(DescribeRecipeCommand).callsFake((i: DescribeRecipeRequest) => {
      if (i.RecipeVersion === "LATEST_WORKING") return { Name: i.Name, RecipeVersion: "LATEST_WORKING", Steps: LAB_STEPS };
      throw notFound("Recipe");
    });
    const f = await collect();
    expect(f.recipe).toMatchObject({ name: "clean-customer-data-7", exists: true, stepsFrom: "LATEST_WORKING", publishedVersion: null, workingStepCount: 7 });
    expect(f.steps).toMatchObject({
      removeDuplicates: true,
      fillMissingEmails: true,
      fillEmailsExact: true,
      fillEmails: { operation: "FILL_WITH_CUSTOM", value: "unknown@example.com" },
      validateEmail: true,
      createdAtType: true,
      createdAtChange: { operation: "CHANGE_DATA_TYPE", columnDataType: "timestamp" },
      deleteNullCustomerId: true,
      flagOutliers: true,
      outliers: { operation: "FLAG_OUTLIERS", strategy: "Z_SCORE", threshold: "3", zScore3: true },
      count: 6,
    });
    expect((f.recipe as { steps: unknown[] }).steps[0]).toEqual({ operation: "REMOVE_DUPLICATES", sourceColumn: "customer_id", columns: ["customer_id"], params: { sourceColumn: "customer_id" }, summary: "REMOVE_DUPLICATES on customer_id" });
    expect(f.project).toEqual({ name: "data-quality-project-7", exists: true, datasetName: "customer-data-7", recipeName: "clean-customer-data-7", roleArn: "arn:aws:iam::111122223333:role/DataBrewServiceRole-7" });
    expect(f.dataset).toMatchObject({ exists: true, inputType: "S3", s3Path: "s3://enterprise-datalake-7/landing/customers.csv" });
    const versions = brew.commandCalls(DescribeRecipeCommand).map((i) => i.RecipeVersion ?? "(published)");
    expect(versions.sort()).toEqual(["(published)", "LATEST_WORKING"]);
  });

  it("uses the published version when it has more of the lab's steps than the working copy", async () => {
    projectAndDataset();
    brew.on(DescribeRecipeCommand).callsFake((i: DescribeRecipeRequest) =>
      i.RecipeVersion === "LATEST_WORKING" ? { Name: i.Name, RecipeVersion: "LATEST_WORKING", Steps: [LAB_STEPS[0]!] } : { Name: i.Name, RecipeVersion: "2.0", Steps: LAB_STEPS, PublishedDate: new Date("2026-11-02T10:00:00Z") },
    );
    const f = await collect();
    expect(f.recipe).toMatchObject({ stepsFrom: "LATEST_PUBLISHED", publishedVersion: "2.0", publishedDate: "2026-11-02T10:00:00.000Z", workingStepCount: 1, publishedStepCount: 7 });
    expect(f.steps).toMatchObject({ count: 6 });
  });

  it("a missing project lists near-miss names across pages, leaving out other students' copies", async () => {
    brew.on(DescribeProjectCommand).rejects(notFound("Project"));
    brew.on(DescribeDatasetCommand).resolves({ Name: names.databrewDataset, Input: { DataCatalogInputDefinition: { DatabaseName: "landing_7", TableName: "customers" } } });
    brew.on(DescribeRecipeCommand).rejects(notFound("Recipe"));
    brew.on(ListProjectsCommand, { NextToken: undefined }).resolves({ Projects: [{ Name: "data-quality-project-s001", RecipeName: "r" }], NextToken: "t1" });
    brew.on(ListProjectsCommand, { NextToken: "t1" }).resolves({ Projects: [{ Name: "Data-Quality-Project-7", RecipeName: "r" }, { Name: "data-quality-project-8", RecipeName: "r" }] });
    brew.on(ListRecipesCommand).resolves({ Recipes: [{ Name: "clean-customer-data-07" }] });
    const f = await collect();
    expect(f.project).toEqual({ name: "data-quality-project-7", exists: false, similar: ["Data-Quality-Project-7"] });
    expect(f.dataset).toMatchObject({ exists: true, inputType: "DATA_CATALOG", catalogTable: "landing_7.customers" });
    expect(f.recipe).toMatchObject({ exists: false, similar: ["clean-customer-data-07"] });
    expect(brew.commandCalls(ListProjectsCommand)).toHaveLength(2);
    expect(brew.commandCalls(ListRecipesCommand)[0]!.RecipeVersion).toBe("LATEST_WORKING");
  });

  it("AccessDenied on DescribeRecipe becomes an error fact for the recipe and its steps, not a missing recipe", async () => {
    projectAndDataset();
    brew.on(DescribeRecipeCommand).rejects(denied());
    const f = await collect();
    expect(f.recipe).toMatchObject({ $error: { action: "databrew:DescribeRecipe", kind: "accessDenied" } });
    expect(f.steps).toMatchObject({ $error: { action: "databrew:DescribeRecipe" } });
    expect(f.project).toMatchObject({ exists: true });
  });

  it("a denied published read does not hide a readable working version", async () => {
    projectAndDataset();
    brew.on(DescribeRecipeCommand).callsFake((i: DescribeRecipeRequest) => {
      if (i.RecipeVersion === "LATEST_WORKING") return { Name: i.Name, RecipeVersion: "LATEST_WORKING", Steps: LAB_STEPS };
      throw denied();
    });
    const f = await collect();
    expect(f.recipe).toMatchObject({ exists: true, stepsFrom: "LATEST_WORKING", publishedVersion: { $error: { kind: "accessDenied" } } });
    expect(f.steps).toMatchObject({ count: 6 });
  });
});

describe("recipe step forms", () => {
  const lab = (...steps: RecipeStep[]) => labSteps(normaliseSteps(steps));
  it.each([
    ["DELETE_DUPLICATE_ROWS (whole-row duplicates)", [step("DELETE_DUPLICATE_ROWS")], "removeDuplicates", true],
    ["REMOVE_DUPLICATES on the wrong column", [step("REMOVE_DUPLICATES", { sourceColumn: "email" })], "removeDuplicates", false],
    ["FLAG_DUPLICATE_ROWS only flags", [step("FLAG_DUPLICATE_ROWS")], "removeDuplicates", false],
    ["REMOVE_DUPLICATES with sourceColumns as a JSON array", [step("REMOVE_DUPLICATES", { sourceColumns: '["Customer_ID"]' })], "removeDuplicates", true],
    ["FILL_WITH_MOST_FREQUENT on email", [step("FILL_WITH_MOST_FREQUENT", { sourceColumn: "email" })], "fillMissingEmails", true],
    ["FILL_WITH_CUSTOM on another column", [step("FILL_WITH_CUSTOM", { sourceColumn: "name", value: "unknown@example.com" })], "fillMissingEmails", false],
    ["ADVANCED_DATATYPE_FLAG Email", [step("ADVANCED_DATATYPE_FLAG", { sourceColumn: "email", advancedDataType: "Email", targetColumn: "ok" })], "validateEmail", true],
    ["REMOVE_INVALID with an email type", [step("REMOVE_INVALID", { sourceColumn: "email", columnDataType: "string", advancedDataType: "EMAIL" })], "validateEmail", true],
    ["a condition on email with the regex", [step("DELETE_ROWS", {}, [{ Condition: "NOT_MATCHES", Value: "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$", TargetColumn: "email" }])], "validateEmail", true],
    ["the fill value alone is not a validation", [step("FILL_WITH_CUSTOM", { sourceColumn: "email", value: "unknown@example.com" })], "validateEmail", false],
    ["FORMAT_DATE on created_at", [step("FORMAT_DATE", { sourceColumn: "created_at", targetDateFormat: "yyyy-mm-dd" })], "createdAtType", true],
    ["CHANGE_DATA_TYPE on another column", [step("CHANGE_DATA_TYPE", { sourceColumn: "updated_at", columnDataType: "date" })], "createdAtType", false],
    ["REMOVE_VALUES with IS_MISSING on customer_id", [step("REMOVE_VALUES", { sourceColumn: "customer_id" }, [{ Condition: "IS_MISSING", TargetColumn: "customer_id" }])], "deleteNullCustomerId", true],
    ["REMOVE_VALUES with IS_NOT_MISSING keeps the wrong rows", [step("REMOVE_VALUES", { sourceColumn: "customer_id" }, [{ Condition: "IS_NOT_MISSING", TargetColumn: "customer_id" }])], "deleteNullCustomerId", false],
    ["REMOVE_MISSING on email", [step("REMOVE_MISSING", { sourceColumn: "email" })], "deleteNullCustomerId", false],
    ["REMOVE_OUTLIERS (IQR) on amount", [step("REMOVE_OUTLIERS", { sourceColumn: "amount", outlierStrategy: "IQR", threshold: "1.5", removeType: "DELETE_ROWS" })], "flagOutliers", true],
    ["FLAG_OUTLIERS on another column", [step("FLAG_OUTLIERS", { sourceColumn: "quantity", outlierStrategy: "Z_SCORE" })], "flagOutliers", false],
  ])("%s", (_label, steps, key, want) => {
    expect(lab(...steps)[key as keyof ReturnType<typeof labSteps>]).toBe(want);
  });

  it("records how the lab step was done (fill value, outlier strategy, default threshold 3)", () => {
    const r = lab(step("FILL_WITH_EMPTY", { sourceColumn: "email" }), step("FLAG_OUTLIERS", { sourceColumn: "amount", outlierStrategy: "Z_SCORE", targetColumn: "o" }));
    expect(r.fillEmails).toEqual({ operation: "FILL_WITH_EMPTY", value: null });
    expect(r.fillEmailsExact).toBe(false);
    expect(r.outliers).toEqual({ operation: "FLAG_OUTLIERS", strategy: "Z_SCORE", threshold: null, zScore3: true });
  });

  it("tolerates malformed steps: no Action, no Parameters, sourceColumns that is not JSON", () => {
    const steps = normaliseSteps([{} as RecipeStep, { Action: { Operation: "remove_duplicates" } } as RecipeStep, step("REMOVE_DUPLICATES", { sourceColumns: "[customer_id" })]);
    expect(steps.map((s) => s.operation)).toEqual(["", "REMOVE_DUPLICATES", "REMOVE_DUPLICATES"]);
    expect(steps[2]).toMatchObject({ sourceColumn: null, columns: [] });
    expect(labSteps(steps).count).toBe(0);
  });
});

describe("databrew task graded from worlds", () => {
  it("a complete world passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["databrew"] });
    expect(Object.values(statuses(r))).toEqual(Array(11).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails exactly the planted mistakes", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["databrew"] });
    const s = statuses(r);
    const failed = Object.entries(s).filter(([, v]) => v !== "pass").map(([k, v]) => `${k}=${v}`);
    expect(failed).toEqual(["databrew.project_links=fail", "databrew.remove_duplicates=fail", "databrew.flag_outliers=fail"]);
    const links = r.tasks[0]!.criteria.find((c) => c.id === "project_links")!;
    expect(links.message).toContain("found recipe name: data-quality-project-42-recipe");
    // Unpublished recipe (LATEST_WORKING only) and REMOVE_VALUES + IS_MISSING are accepted forms.
    expect(s["databrew.delete_null_customer_id"]).toBe("pass");
    expect(s["databrew.recipe_exists"]).toBe("pass");
  });
});
