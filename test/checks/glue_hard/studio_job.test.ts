// Task 8 check: visual graph analysis, job settings from a scripted GetJob (FakeAws), and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntityNotFoundException, GetJobCommand, ListJobsCommand, type CodeGenConfigurationNode, type Job } from "@aws-sdk/client-glue";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { studioJob, DERIVED_COLUMNS } from "../../../checks/glue_hard/studio_job.js";
import { analyseGraph } from "../../../checks/shared/visual-graph.js";
import { jobFeatures } from "../../../checks/shared/job-args.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { studioGraph } from "../../support/world/parts/etl.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const glue = aws.client("glue");
const names = { studioJob: "studio-etl-pipeline-7", landingDb: "landing_7", bronzeDb: "bronze_7", silverDb: "silver_7", goldDb: "gold_7" };
const layers = { landing: "landing_7", bronze: "bronze_7", silver: "silver_7", gold: "gold_7" };
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");

beforeEach(() => {
  aws.reset();
});

afterEach(() => {
  // a read the test did not script would stand in the facts as an error: every test scripts what the check reads
  expect(aws.unscripted).toEqual([]);
});

describe("visual graph analysis", () => {
  it("summarises a realistic Studio graph: sources, join keys, filter, aggregate, derived columns, split, targets", () => {
    const g = analyseGraph(studioGraph("7"), layers, DERIVED_COLUMNS);
    expect(g.nodeCount).toBe(11);
    expect(g.edgeCount).toBe(10);
    expect(g.nodeTypes).toEqual({ CatalogSource: 1, S3CatalogSource: 1, ApplyMapping: 1, Join: 1, Filter: 3, Aggregate: 1, SparkSQL: 1, CatalogTarget: 1, S3GlueParquetTarget: 1 });
    expect(g.sourceLayers).toEqual({ landing: 0, bronze: 2, silver: 0, gold: 0 });
    expect(g.catalogSources.map((s) => s.table)).toEqual(["customers", "transactions"]);
    expect(g.joins).toEqual([{ node: "Join", joinType: "equijoin", keys: ["customer_id", "right_customer_id"] }]);
    expect(g.edges).toContainEqual({ from: "Renamed keys for Join", to: "Join" });
    expect(g.filters[0]).toEqual({ node: "Valid transactions", conditions: ["GT(amount, 0)"] });
    expect(g.aggregates).toEqual([{ node: "Total spent per customer", form: "Aggregate", groups: ["customer_id"], aggs: ["sum(amount)"] }]);
    expect(g.derived).toEqual([{ node: "Derived columns", form: "SparkSQL", columns: ["customer_segment", "processing_date", "data_quality_score"] }]);
    expect(g.splits).toEqual([{ form: "Filter branches off Derived columns", nodes: ["High-value customers", "Regular customers"] }]);
    expect(g.targetLayers).toEqual({ landing: 0, bronze: 0, silver: 1, gold: 1 });
    expect(g.catalogTargets).toContainEqual({ node: "Silver regular customers", type: "S3GlueParquetTarget", database: "silver_7", table: "regular_customers", layer: "silver", path: "s3://enterprise-datalake-7/silver/regular_customers/" });
    expect(g.targetDatabases.sort()).toEqual(["gold_7", "silver_7"]);
  });

  const src: Record<string, CodeGenConfigurationNode> = { a: { CatalogSource: { Name: "A", Database: "bronze_7", Table: "t" } } };
  it.each<[string, Record<string, CodeGenConfigurationNode>, string[]]>([
    ["SplitFields", { s: { SplitFields: { Name: "Split", Inputs: ["a"], Paths: [["customer_id"]] } } }, ["SplitFields"]],
    ["Route", { r: { Route: { Name: "Router", Inputs: ["a"], GroupFiltersList: [{ GroupName: "high", LogicalOperator: "AND", Filters: [] }] } } }, ["Route"]],
    [
      "two SelectFromCollection off custom code",
      {
        c: { CustomCode: { Name: "Code", Inputs: ["a"], Code: "return dfc", ClassName: "Split" } },
        x: { SelectFromCollection: { Name: "High", Inputs: ["c"], Index: 0 } },
        y: { SelectFromCollection: { Name: "Regular", Inputs: ["c"], Index: 1 } },
      },
      ["SelectFromCollection branches off Code"],
    ],
    ["a single Filter is no split", { f: { Filter: { Name: "F", Inputs: ["a"], LogicalOperator: "AND", Filters: [] } } }, []],
  ])("split form: %s", (_label, nodes, forms) => {
    expect(analyseGraph({ ...src, ...nodes }, layers).splits.map((s) => s.form)).toEqual(forms);
  });

  it.each<[string, CodeGenConfigurationNode, string[]]>([
    ["ApplyMapping producing customer_segment", { ApplyMapping: { Name: "M", Inputs: ["a"], Mapping: [{ ToKey: "customer_segment", FromPath: ["segment"] }] } }, ["ApplyMapping"]],
    ["ApplyMapping that only renames", { ApplyMapping: { Name: "M", Inputs: ["a"], Mapping: [{ ToKey: "cust", FromPath: ["customer_id"] }] } }, []],
    ["DynamicTransform", { DynamicTransform: { Name: "D", Inputs: ["a"], TransformName: "derive", FunctionName: "derive", Path: "s3://b/t.py" } }, ["DynamicTransform"]],
    ["CustomCode", { CustomCode: { Name: "C", Inputs: ["a"], Code: "df.withColumn('processing_date', current_date())", ClassName: "X" } }, ["CustomCode"]],
  ])("derived-column form: %s", (_label, node, forms) => {
    expect(analyseGraph({ ...src, n: node }, layers, DERIVED_COLUMNS).derived.map((d) => d.form)).toEqual(forms);
  });

  it("tolerates junk in the map (student input) and a SparkSQL GROUP BY counts as an aggregation", () => {
    const junk = { x: null, y: {}, z: { SparkSQL: { Name: "Q", Inputs: "nope", SqlQuery: "SELECT customer_id, sum(amount) FROM t GROUP  BY customer_id", SqlAliases: [] } } } as unknown as Record<string, CodeGenConfigurationNode>;
    const g = analyseGraph(junk, layers);
    expect(g.nodeCount).toBe(1);
    expect(g.edgeCount).toBe(0);
    expect(g.aggregates).toEqual([{ node: "Q", form: "SparkSQL GROUP BY", groups: [], aggs: [] }]);
    expect(analyseGraph(undefined, layers).nodeCount).toBe(0);
  });
});

describe("job arguments", () => {
  it.each<[Record<string, string>, Partial<ReturnType<typeof jobFeatures>>]>([
    [{ "--enable-metrics": "" }, { metrics: true }],
    [{ "--enable-metrics": "false" }, { metrics: false }],
    [{}, { metrics: false, bookmarks: null, sparkUi: false, sparkUiLogsPath: null }],
    [{ "--enable-spark-ui": "TRUE", "--spark-event-logs-path": "s3://b/logs" }, { sparkUi: true, sparkUiLogsPath: "s3://b/logs/" }],
    [{ "--job-bookmark-option": " job-bookmark-enable " }, { bookmarks: "job-bookmark-enable" }],
  ])("%j", (args, want) => {
    expect(jobFeatures(args)).toMatchObject(want);
  });
});

describe("studio_job check (client mock)", () => {
  const visual: Job = {
    Name: "studio-etl-pipeline-7",
    JobMode: "VISUAL",
    Command: { Name: "glueetl", ScriptLocation: "s3://assets/scripts/studio.py" },
    GlueVersion: "4.0",
    WorkerType: "G.2X",
    NumberOfWorkers: 10,
    ExecutionClass: "FLEX",
    ExecutionProperty: { MaxConcurrentRuns: 5 },
    SecurityConfiguration: "enterprise-security-config-7",
    DefaultArguments: { "--job-bookmark-option": "job-bookmark-disable", "--enable-metrics": "", "--db_password": "hunter2" },
    NonOverridableArguments: { "--job-bookmark-option": "job-bookmark-enable" },
    CodeGenConfigurationNodes: studioGraph("7"),
  };

  it("reads the job with GetJob and exposes executionClass, arguments, workers and the graph", async () => {
    glue.on(GetJobCommand).resolves({ Job: visual });
    const f = await aws.collect(studioJob, ctx());
    expect(f.job).toMatchObject({
      exists: true,
      visual: true,
      jobMode: "VISUAL",
      glueVersion: "4.0",
      workerType: "G.2X",
      numberOfWorkers: 10,
      executionClass: "FLEX",
      maxConcurrentRuns: 5,
      arguments: { "--job-bookmark-option": "job-bookmark-disable", "--enable-metrics": "", "--db_password": "<redacted>" },
      features: { bookmarks: "job-bookmark-enable", metrics: true },
    });
    expect(f.graph).toMatchObject({ nodeCount: 11, sourceLayers: { bronze: 2 }, targetLayers: { gold: 1, silver: 1 } });
    expect(JSON.stringify(f)).not.toContain("hunter2");
    expect(glue.commandCalls(GetJobCommand)[0]!).toEqual({ JobName: "studio-etl-pipeline-7" });
  });

  it("a script job (no JobMode, no diagram) is not visual and its graph is empty", async () => {
    glue.on(GetJobCommand).resolves({ Job: { Name: "studio-etl-pipeline-7", Command: { Name: "glueetl" }, GlueVersion: "4.0", MaxCapacity: 10 } });
    const f = await aws.collect(studioJob, ctx());
    expect(f.job).toMatchObject({ visual: false, jobMode: "SCRIPT", executionClass: "STANDARD", maxConcurrentRuns: 1, workerType: null, maxCapacity: 10 });
    expect(f.graph).toMatchObject({ nodeCount: 0, joins: [], splits: [] });
  });

  it("a missing job lists near-miss names from every page of ListJobs, not other students' copies", async () => {
    glue.on(GetJobCommand).rejects(new EntityNotFoundException({ message: "Job not found", $metadata: { httpStatusCode: 400 } }));
    glue.on(ListJobsCommand, { NextToken: undefined }).resolves({ JobNames: ["a"], NextToken: "t" });
    glue.on(ListJobsCommand, { NextToken: "t" }).resolves({ JobNames: ["studio-etl-pipeline-07", "studio-etl-pipeline-77", "studio-etl-pipeline-s001"] });
    const f = await aws.collect(studioJob, ctx());
    expect(f.job).toEqual({ name: "studio-etl-pipeline-7", exists: false, similar: ["studio-etl-pipeline-07"] });
    expect(f.graph).toBeUndefined();
  });

  it("AccessDenied on GetJob becomes an error fact for the job and its graph", async () => {
    glue.on(GetJobCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    const f = await aws.collect(studioJob, ctx());
    expect(f.job).toMatchObject({ $error: { action: "glue:GetJob", kind: "accessDenied" } });
    expect(f.graph).toEqual(f.job);
  });
});

describe("studio_job task graded from worlds", () => {
  it("a complete world passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["studio_job"] });
    expect(Object.values(statuses(r))).toEqual(Array(18).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails exactly the planted mistakes (2 × G.1X, STANDARD, no Aggregate node)", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["studio_job"] });
    const failing = Object.fromEntries(Object.entries(statuses(r)).filter(([, v]) => v !== "pass"));
    expect(failing).toEqual({ "studio_job.workers": "fail", "studio_job.flex": "fail", "studio_job.aggregate": "fail" });
    const c = (id: string) => r.tasks[0]!.criteria.find((x) => x.id === id)!;
    expect(c("workers").message).toContain("found worker type: G.1X");
    expect(c("flex").message).toContain("found STANDARD");
    expect(c("aggregate").message).toContain("an Aggregate node");
  });

  it("a script job in place of the visual one: visual fails, graph criteria are skipped, settings still graded", async () => {
    const w = completeWorld("42");
    w.jobs = (w.jobs as Job[]).map((j) => (j.Name === "studio-etl-pipeline-42" ? { ...j, JobMode: "SCRIPT" as const, CodeGenConfigurationNodes: undefined } : j));
    const s = statuses(await gradeWorld("glue_hard", w, "42", { only: ["studio_job"] }));
    expect(s["studio_job.visual"]).toBe("fail");
    for (const id of ["catalog_sources", "join", "filter", "aggregate", "derived_columns", "split", "targets"]) expect(s[`studio_job.${id}`]).toBe("skipped");
    expect(s["studio_job.workers"]).toBe("pass");
  });
});
