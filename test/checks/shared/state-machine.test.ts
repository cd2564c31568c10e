// The ASL analysis shared by the workshop and the CDK assessment: task kinds, .sync, Retry/Catch, crawler polling loops,
// Fail states, main-path order; defensive parsing (malformed JSON, wrong shapes, JSONata, nested branches).
import { describe, expect, it } from "vitest";
import { analyseStateMachine, classifyResource } from "../../../checks/shared/state-machine.js";
import { completeDefinition, partialDefinition, workshopNames } from "../../support/world/assessments/workshop.js";

const n = workshopNames("42", true);
const def = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ StartAt: Object.keys(states)[0], States: states, ...extra });

describe("classifyResource", () => {
  it.each([
    ["arn:aws:states:::glue:startJobRun.sync", "glueJob", true],
    ["arn:aws:states:::glue:startJobRun", "glueJob", false],
    ["arn:aws-us-gov:states:::glue:startJobRun.sync", "glueJob", true],
    ["arn:aws:states:::aws-sdk:glue:startJobRun", "glueJob", false],
    ["arn:aws:states:::aws-sdk:glue:startCrawler", "glueStartCrawler", false],
    ["arn:aws:states:::aws-sdk:glue:getCrawler", "glueGetCrawler", false],
    ["arn:aws:states:::athena:startQueryExecution.sync", "athenaQuery", true],
    ["arn:aws:states:::athena:startQueryExecution", "athenaQuery", false],
    ["arn:aws:states:::aws-sdk:athena:startQueryExecution", "athenaQuery", false],
    ["arn:aws:states:::sns:publish", "snsPublish", false],
    ["arn:aws:states:::lambda:invoke", "lambda", false],
    ["arn:aws:lambda:us-east-1:123456789012:function:f", "lambda", false],
    ["arn:aws:states:::glue:startJobRun.waitForTaskToken", "glueJob", false],
    ["not an arn", "other", false],
  ])("%s → %s (sync %s)", (resource, kind, sync) => {
    expect(classifyResource(resource)).toEqual({ kind, sync });
  });
});

describe("analyseStateMachine", () => {
  it("reads the lab's pipeline: kinds, .sync, Retry/Catch, two polling loops, Fail state and the order", () => {
    const a = analyseStateMachine(completeDefinition(n));
    expect(a.parseError).toBeUndefined();
    expect(a.order).toBe("job → crawler → job → crawler → athena");
    expect(a.tasks.filter((t) => t.kind === "glueJob").map((t) => [t.state, t.jobName, t.sync, t.retry.length, t.catch.length])).toEqual([
      ["IngestRawData", "raw-ingest-job", true, 1, 1],
      ["TransformData", "raw-to-processed-etl", true, 0, 1],
    ]);
    expect(a.tasks.find((t) => t.kind === "athenaQuery")).toMatchObject({ sync: true, queryString: "SELECT COUNT(*) FROM workshop_processed.customers_clean", workGroup: "primary" });
    expect(a.crawlerChoices).toEqual(["IsRawCrawlerDone", "IsProcessedCrawlerDone"]);
    expect(a.pollingLoops).toEqual([
      { choice: "IsRawCrawlerDone", waits: ["WaitForRawCrawler"], getCrawler: ["GetRawCrawler"] },
      { choice: "IsProcessedCrawlerDone", waits: ["WaitForProcessedCrawler"], getCrawler: ["GetProcessedCrawler"] },
    ]);
    expect(a.unpolledCrawlerStarts).toEqual([]);
    expect(a.failStates).toEqual(["PipelineFailed"]);
    expect(a.unreachable).toEqual([]);
    expect(a.mainPath).not.toContain("NotifyFailure"); // Catch targets are not the main path
  });

  it("finds the planted mistakes: wrong order, a non-.sync start without Catch or Retry, no polling", () => {
    const a = analyseStateMachine(partialDefinition(n));
    expect(a.order).toBe("crawler → job → job → crawler → athena");
    const transform = a.tasks.find((t) => t.state === "TransformData")!;
    expect(transform).toMatchObject({ kind: "glueJob", sync: false, retry: [], catch: [] });
    expect(a.pollingLoops).toEqual([]);
    expect(a.unpolledCrawlerStarts).toEqual(["StartRawCrawler", "StartProcessedCrawler"]);
    expect(a.failStates).toEqual(["PipelineFailed"]);
  });

  it("a job task missing its Catch is reported with no catchers (the other keeps its Catch)", () => {
    const parsed = JSON.parse(completeDefinition(n));
    delete parsed.States.TransformData.Catch;
    const a = analyseStateMachine(JSON.stringify(parsed));
    expect(a.tasks.filter((t) => t.kind === "glueJob" && t.catch.length === 0 && t.retry.length === 0).map((t) => t.state)).toEqual(["TransformData"]);
    expect(a.order).toBe("job → crawler → job → crawler → athena");
  });

  it("a Choice that loops back before going forward (RUNNING → Wait first) still follows the forward branch", () => {
    const a = analyseStateMachine(
      def({
        Crawl: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:startCrawler", Parameters: { Name: "c" }, Next: "Get" },
        Get: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:getCrawler", Parameters: { Name: "c" }, Next: "Check" },
        Check: { Type: "Choice", Choices: [{ Not: { Variable: "$.Crawler.State", StringEquals: "READY" }, Next: "Pause" }], Default: "Job" },
        Pause: { Type: "Wait", Seconds: 20, Next: "Get" },
        Job: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun.sync", Parameters: { JobName: "j" }, End: true },
      }),
    );
    expect(a.order).toBe("crawler → job");
    expect(a.pollingLoops).toEqual([{ choice: "Check", waits: ["Pause"], getCrawler: ["Get"] }]);
    expect(a.unpolledCrawlerStarts).toEqual([]);
  });

  it("JSONata: Arguments, Conditions on Crawler.State, dynamic JobName", () => {
    const a = analyseStateMachine(
      def(
        {
          Ingest: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun.sync", Arguments: { JobName: "ingest" }, Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 3 }], Next: "Crawl" },
          Crawl: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:startCrawler", Arguments: { Name: "raw" }, Next: "Wait" },
          Wait: { Type: "Wait", Seconds: 30, Next: "Get" },
          Get: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:getCrawler", Arguments: { Name: "raw" }, Output: "{% $states.result %}", Next: "Done?" },
          "Done?": { Type: "Choice", Choices: [{ Condition: "{% $states.input.Crawler.State = 'READY' %}", Next: "Transform" }], Default: "Wait" },
          Transform: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun.sync", Arguments: { JobName: "{% $states.input.job %}" }, End: true },
        },
        { QueryLanguage: "JSONata" },
      ),
    );
    expect(a.queryLanguage).toBe("JSONata");
    expect(a.tasks.map((t) => [t.state, t.jobName ?? t.crawlerName, t.dynamic])).toEqual([
      ["Ingest", "ingest", []],
      ["Crawl", "raw", []],
      ["Get", "raw", []],
      ["Transform", "{% $states.input.job %}", ["JobName"]],
    ]);
    expect(a.tasks[0]!.retry).toEqual([{ errors: ["States.ALL"], maxAttempts: 3, intervalSeconds: null, backoffRate: null }]);
    expect(a.pollingLoops).toHaveLength(1);
    expect(a.order).toBe("job → crawler → job");
  });

  it("JSONPath dynamic parameters (Key.$) and polling on a nested result path", () => {
    const a = analyseStateMachine(
      def({
        Job: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun", Parameters: { "JobName.$": "$.jobName" }, Next: "Poll" },
        Poll: { Type: "Choice", Choices: [{ Variable: "$.run.JobRun.JobRunState", StringEquals: "SUCCEEDED", Next: "Ok" }], Default: "Ok" },
        Ok: { Type: "Succeed" },
      }),
    );
    expect(a.tasks[0]).toMatchObject({ jobName: "$.jobName", dynamic: ["JobName"], sync: false });
    expect(a.jobRunChoices).toEqual(["Poll"]);
  });

  it("walks Parallel branches and Map processors (qualified names) and reports unreachable states", () => {
    const a = analyseStateMachine(
      def({
        Both: {
          Type: "Parallel",
          Branches: [
            { StartAt: "A", States: { A: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun.sync", Parameters: { JobName: "a" }, End: true } } },
            { StartAt: "B", States: { B: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:glue:startCrawler", Parameters: { Name: "b" }, End: true } } },
          ],
          Next: "Each",
        },
        Each: { Type: "Map", ItemProcessor: { StartAt: "Q", States: { Q: { Type: "Task", Resource: "arn:aws:states:::athena:startQueryExecution", Parameters: { QueryString: "SELECT 1" }, End: true } } }, End: true },
        Orphan: { Type: "Fail" },
      }),
    );
    expect(a.mainPath).toEqual(["Both", "Both[0]/A", "Both[1]/B", "Each", "Each[map]/Q"]);
    expect(a.order).toBe("job → crawler → athena");
    expect(a.unreachable).toEqual(["Orphan"]);
    expect(a.failStates).toEqual([]); // unreachable Fail states do not count
    expect(a.stateTypes).toEqual({ Parallel: 1, Task: 3, Map: 1, Fail: 1 });
  });

  it.each([
    ["malformed JSON", '{"StartAt": "A", "States": {', /invalid JSON/],
    ["empty", "", /empty/],
    ["not a string", 42, /empty/],
    ["an array", "[1,2]", /not a JSON object/],
    ["no States", '{"StartAt": "A"}', /no "States"/],
    ["too large", `{"Comment": "${"x".repeat(1_200_000)}", "States": {}}`, /too large/],
  ])("never throws on %s", (_label, input, error) => {
    const a = analyseStateMachine(input);
    expect(a.parseError).toMatch(error);
    expect(a).toMatchObject({ tasks: [], order: "", mainPath: [], pollingLoops: [] });
  });

  it("tolerates odd shapes: states that are not objects, Next to nowhere, cycles without work", () => {
    const a = analyseStateMachine(def({ A: { Type: "Pass", Next: "B" }, B: { Type: "Choice", Choices: "nope", Default: "A" }, C: 7, D: { Type: "Task", Next: "Missing" } }));
    expect(a.parseError).toBeUndefined();
    expect(a.mainPath).toEqual(["A", "B"]);
    expect(a.tasks).toEqual([expect.objectContaining({ state: "D", kind: "other", resource: "" })]);
  });
});
