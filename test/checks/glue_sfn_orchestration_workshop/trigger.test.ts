// Task 8 check (scripted account): rules targeting the state machine (ListRuleNamesByTarget, no paginator), DescribeRule, S3 patterns, bucket notifications.
import { beforeEach, describe, expect, it } from "vitest";
import { ListRuleNamesByTargetCommand } from "@aws-sdk/client-eventbridge";
import { GetBucketNotificationConfigurationCommand } from "@aws-sdk/client-s3";
import { s3PatternFacts, trigger } from "../../../checks/glue_sfn_orchestration_workshop/trigger.js";
import { completeWorld, partialWorld } from "../../support/world/assessments/workshop.js";
import { collect, mockWorld, mocks, sdkError } from "./mock-world.js";

describe("trigger check", () => {
  beforeEach(() => mockWorld(completeWorld("42")));

  it("an ENABLED S3 Object Created rule, and the bucket's EventBridge notifications", async () => {
    const f = await collect(trigger);
    expect(mocks.eventbridge.commandCalls(ListRuleNamesByTargetCommand)[0]!).toMatchObject({ TargetArn: "arn:aws:states:us-east-1:123456789012:stateMachine:DataPipeline", Limit: 100 });
    expect(f.rules).toEqual([{ name: "RunPipelineOnUpload", state: "ENABLED", schedule: null, scheduled: false, s3Event: "objectCreated", buckets: ["orchestration-lab-data-42"] }]);
    expect(f.notifications).toEqual({ needed: true, bucket: "orchestration-lab-data-42", eventBridgeEnabled: true });
  });

  it("a DISABLED scheduled rule: reported with its state; notifications not needed", async () => {
    mockWorld(partialWorld("42"));
    const f = await collect(trigger);
    expect(f.rules).toEqual([{ name: "RunPipelineOnUpload", state: "DISABLED", schedule: "cron(0 2 * * ? *)", scheduled: true, s3Event: null, buckets: [] }]);
    expect(f.notifications).toEqual({ needed: false });
    expect(mocks.s3.commandCalls(GetBucketNotificationConfigurationCommand)).toHaveLength(0);
  });

  it("notifications off → eventBridgeEnabled false; rule listing paginated by hand", async () => {
    mocks.s3.on(GetBucketNotificationConfigurationCommand).resolves({});
    mocks.eventbridge.on(ListRuleNamesByTargetCommand).resolvesOnce({ RuleNames: [], NextToken: "n1" }).resolves({ RuleNames: ["RunPipelineOnUpload"] });
    const f = await collect(trigger);
    expect(mocks.eventbridge.commandCalls(ListRuleNamesByTargetCommand)).toHaveLength(2);
    expect(f.notifications).toMatchObject({ eventBridgeEnabled: false });
  });

  it("ListRuleNamesByTarget denied → rules ErrorFact", async () => {
    mocks.eventbridge.on(ListRuleNamesByTargetCommand).rejects(sdkError("AccessDeniedException"));
    const f = await collect(trigger);
    expect(f.rules).toMatchObject({ $error: { action: "events:ListRuleNamesByTarget" } });
  });

  it.each([
    [undefined, { s3Event: null, buckets: [] }],
    ['{"source":["aws.s3"],"detail-type":["Object Created"],"detail":{"bucket":{"name":["b"]}}}', { s3Event: "objectCreated", buckets: ["b"] }],
    ['{"source":["aws.s3"]}', { s3Event: "objectCreated", buckets: [] }],
    ['{"source":["aws.s3"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"requestParameters":{"bucketName":["b"]}}}', { s3Event: "cloudtrail", buckets: ["b"] }],
    ['{"source":["aws.s3"],"detail-type":["Object Deleted"]}', { s3Event: "other (Object Deleted)", buckets: [] }],
    ['{"source":["aws.glue"]}', { s3Event: null, buckets: [] }],
    ["{not json", { s3Event: null, buckets: [], patternError: expect.stringMatching(/invalid JSON/) }],
  ])("s3PatternFacts(%s)", (pattern, want) => {
    expect(s3PatternFacts(pattern)).toEqual(want);
  });
});
