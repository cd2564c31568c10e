// Task 6 check (scripted account): the student's state machine by StudentID tag (camelCase Step Functions shapes) or name, analysed.
import { beforeEach, describe, expect, it } from "vitest";
import { DescribeStateMachineCommand, ListStateMachinesCommand, ListTagsForResourceCommand } from "@aws-sdk/client-sfn";
import { stateMachine } from "../../../checks/glue_sfn_orchestration_workshop/state_machine.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/workshop.js";
import { collect, mockWorld, mocks, sdkError } from "./mock-world.js";

const ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:DataPipeline";

describe("state_machine check", () => {
  beforeEach(() => mockWorld(completeWorld("42")));

  it("finds the tagged state machine among other students' (paginated, nextToken) and analyses it", async () => {
    const f = await collect(stateMachine);
    expect(f.stateMachine).toMatchObject({ exists: true, name: "DataPipeline", arn: ARN, foundBy: "tag", type: "STANDARD", definitionOk: true });
    expect(mocks.sfn.commandCalls(ListStateMachinesCommand).map((c) => c.nextToken)).toEqual([undefined, "p3"]);
    expect(f).toMatchObject({
      jobTasksWithoutErrorHandling: [],
      jobTasksNotWaited: [],
      polling: { loops: 2, unpolledCrawlerStarts: [] },
      failStates: ["PipelineFailed"],
      order: "job → crawler → job → crawler → athena",
    });
    expect(f.jobTasks).toEqual([
      { state: "IngestRawData", jobName: "raw-ingest-job", sync: true, resource: "arn:aws:states:::glue:startJobRun.sync", retriers: 1, catchers: 1 },
      { state: "TransformData", jobName: "raw-to-processed-etl", sync: true, resource: "arn:aws:states:::glue:startJobRun.sync", retriers: 0, catchers: 1 },
    ]);
  });

  it("names the planted mistakes of the partial definition", async () => {
    mockWorld(partialWorld("42"));
    const f = await collect(stateMachine);
    expect(f).toMatchObject({ jobTasksWithoutErrorHandling: ["TransformData"], jobTasksNotWaited: ["TransformData"], polling: { loops: 0 }, order: "crawler → job → job → crawler → athena" });
  });

  it("untagged and unnamed → exists false, listing the account's state machines", async () => {
    mocks.sfn.on(ListTagsForResourceCommand).resolves({ tags: [] });
    const f = await collect(stateMachine);
    expect(f.stateMachine).toEqual({ exists: false, untaggedStateMachines: ["DataPipeline-s001", "DataPipeline-s002", "DataPipeline-s003", "DataPipeline"] });
    expect(f.jobTasks).toBeUndefined();
  });

  it("found by the student ID in its name when the tag is missing", async () => {
    mocks.sfn.on(ListTagsForResourceCommand).resolves({ tags: [] });
    const f = await collect(stateMachine, "s002");
    expect(f.stateMachine).toMatchObject({ exists: true, name: "DataPipeline-s002", foundBy: "name" });
  });

  it("a malformed definition is a fact (definitionOk false), not a crash", async () => {
    mocks.sfn.on(DescribeStateMachineCommand).resolves({ stateMachineArn: ARN, name: "DataPipeline", definition: '{"StartAt": "A", "States": {', type: "STANDARD" } as never);
    const f = await collect(stateMachine);
    expect(f.stateMachine).toMatchObject({ exists: true, definitionOk: false, parseError: expect.stringMatching(/invalid JSON/) });
    expect(f.jobTasks).toEqual([]);
  });

  it("ListStateMachines denied → ErrorFact naming states:ListStateMachines", async () => {
    mocks.sfn.on(ListStateMachinesCommand).rejects(sdkError("AccessDeniedException"));
    const f = await collect(stateMachine);
    expect(f.stateMachine).toMatchObject({ $error: { action: "states:ListStateMachines", kind: "accessDenied" } });
  });
});
