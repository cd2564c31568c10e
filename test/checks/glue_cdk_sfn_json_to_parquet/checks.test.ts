// glue_cdk_sfn_json_to_parquet check modules against a scripted account (FakeAws, answers in the SDK's shapes): how
// resources are found, the stack fallback that never turns into an error, errors naming the IAM action, and the rules
// that read policies and the state machine's error handling (as tables). Facts are held to the declared schemas.
import { describe, expect, it } from "vitest";
import { ListStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { DescribeStateMachineCommand, ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { GetJobCommand, ListJobsCommand } from "@aws-sdk/client-glue";
import { DescribeRuleCommand, ListRuleNamesByTargetCommand, ListRulesCommand, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { ListObjectsV2Command, S3ServiceException } from "@aws-sdk/client-s3";
import type { CheckModule } from "../../../src/grade/check.js";
import type { Facts } from "../../../src/grade/facts.js";
import { collectWith, FakeAws } from "../../support/check-tester.js";
import { pickName } from "../../../checks/glue_cdk_sfn_json_to_parquet/discover.js";
import { stateMachine, jobTaskFacts } from "../../../checks/glue_cdk_sfn_json_to_parquet/state_machine.js";
import { hourlyMinute, schedule } from "../../../checks/glue_cdk_sfn_json_to_parquet/schedule.js";
import { policyShortName } from "../../../checks/glue_cdk_sfn_json_to_parquet/iam.js";
import { allows, policyGrants } from "../../../checks/shared/iam-role.js";
import { prefixFacts } from "../../../checks/shared/s3-objects.js";
import { analyseStateMachine } from "../../../checks/shared/state-machine.js";

const ACCT = "111122223333";
const names = {
  stack: "GlueCdkExampleStack-7",
  jobPrefix: "json-to-pq-",
  stateMachinePrefix: "STF-Glue-json-to-pq-",
  rulePrefix: "STF-Hourly-Rule-",
  job: `json-to-pq-${ACCT}-us-east-1-DEV-7`,
  stateMachine: `STF-Glue-json-to-pq-${ACCT}-us-east-1-DEV-7`,
  rule: `STF-Hourly-Rule-${ACCT}-us-east-1-DEV-7`,
};
const fault = (name: string, status: number, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const arnOf = (n: string) => `arn:aws:states:us-east-1:${ACCT}:stateMachine:${n}`;
const definition = (o: { jobName?: string; dynamic?: boolean } = {}) =>
  JSON.stringify({
    StartAt: "Run",
    TimeoutSeconds: 7200,
    States: {
      Run: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun.sync", Parameters: o.dynamic ? { "JobName.$": "$.job" } : { JobName: o.jobName ?? names.job }, Next: "Ok" },
      Ok: { Type: "Succeed" },
    },
  });

/** No stack, and the student's job by its expected name. */
const base = (aws: FakeAws) => {
  aws.client("cloudformation").on(ListStackResourcesCommand).rejects(fault("ValidationError", 400, "Stack with id GlueCdkExampleStack-7 does not exist"));
  aws.client("glue").on(ListJobsCommand).resolves({ JobNames: [names.job] }).on(GetJobCommand).resolves({ Job: { Name: names.job, Command: { Name: "glueetl" }, GlueVersion: "5.0" } });
};

/** The student's state machine by its expected name, with `definition()`. */
const ownStateMachine = (aws: FakeAws) =>
  aws
    .client("sfn")
    .on(ListStateMachinesCommand)
    .resolves({ stateMachines: [{ name: names.stateMachine, stateMachineArn: arnOf(names.stateMachine), type: "STANDARD", creationDate: new Date() }] })
    .on(DescribeStateMachineCommand)
    .resolves({ name: names.stateMachine, stateMachineArn: arnOf(names.stateMachine), type: "STANDARD", definition: definition(), roleArn: "r", creationDate: new Date() });

/** A check's facts from the base account plus `given`: held to the check's schema, reads only, nothing unscripted. */
const collect = async <F extends Facts>(check: CheckModule<F>, given: (aws: FakeAws) => void): Promise<F> =>
  (
    await collectWith(
      check,
      (aws) => {
        base(aws);
        given(aws);
      },
      { student: "7", names, account: ACCT },
    )
  ).facts;

describe("pickName", () => {
  const other = `STF-Glue-json-to-pq-${ACCT}-us-east-1-DEV-alice`;
  const cases: [string, string, string[], string | null, string | null][] = [
    ["the expected name first", "7", [`STF-Glue-json-to-pq-1-eu-west-1-DEV-7`, names.stateMachine], names.stateMachine, "name"],
    ["another account/region/environment, this student's suffix", "7", [`STF-Glue-json-to-pq-${ACCT}-eu-west-1-PROD-7`], `STF-Glue-json-to-pq-${ACCT}-eu-west-1-PROD-7`, "suffix"],
    ["GovCloud-style regions too", "7", [`STF-Glue-json-to-pq-${ACCT}-us-gov-west-1-DEV-7`], `STF-Glue-json-to-pq-${ACCT}-us-gov-west-1-DEV-7`, "suffix"],
    ["the student part as written: s1 is not S1", "s1", [`STF-Glue-json-to-pq-${ACCT}-us-east-1-DEV-S1`], null, null],
    ["a hyphenated student ID", "a-b", [`STF-Glue-json-to-pq-${ACCT}-us-east-1-DEV-a-b`], `STF-Glue-json-to-pq-${ACCT}-us-east-1-DEV-a-b`, "suffix"],
    ["not another student's suffix", "7", [`STF-Glue-json-to-pq-${ACCT}-us-east-1-DEV-17`, `STF-Glue-json-to-pq-${ACCT}-us-east-1-DEV-s007`], null, null],
    ["student b never takes a-b's", "b", [`STF-Glue-json-to-pq-${ACCT}-us-east-1-DEV-a-b`], null, null],
    ["student 1 never takes a name for its region's digit", "1", [other], null, null],
    ["student us never takes a name for its region", "us", [other], null, null],
    ["student east never takes a name for its region", "east", [other], null, null],
    ["student dev never takes a name for its environment", "dev", [other], null, null],
    ["student 111122223333 never takes a name for its account", ACCT, [other], null, null],
    ["the ID elsewhere in a name that is not the template's", "7", [`STF-Glue-json-to-pq-7-${ACCT}`, "my-pipeline-7"], null, null],
  ];
  it.each(cases)("%s", (_, student, all, name, foundBy) => {
    const got = pickName(all, names.stateMachine, names.stateMachinePrefix, student);
    expect(got?.name ?? null).toBe(name);
    expect(got?.foundBy ?? null).toBe(foundBy);
  });
});

describe("state_machine check", () => {
  it("finds the state machine across pages and reads its definition", async () => {
    const f = await collect(stateMachine, (aws) => {
      const sfn = aws.client("sfn");
      sfn.on(ListStateMachinesCommand, { nextToken: undefined }).resolves({ stateMachines: [{ name: "other-1", stateMachineArn: arnOf("other-1"), type: "STANDARD", creationDate: new Date() }], nextToken: "t1" });
      sfn.on(ListStateMachinesCommand, { nextToken: "t1" }).resolves({ stateMachines: [{ name: names.stateMachine, stateMachineArn: arnOf(names.stateMachine), type: "STANDARD", creationDate: new Date() }] });
      sfn.on(DescribeStateMachineCommand).resolves({ name: names.stateMachine, stateMachineArn: arnOf(names.stateMachine), type: "STANDARD", definition: definition(), roleArn: "r", creationDate: new Date() });
    });
    expect(f.stateMachine).toMatchObject({ exists: true, foundBy: "name", type: "STANDARD", timeoutSeconds: 7200 });
    expect(f.jobTask).toMatchObject({ exists: true, sync: true, runsTheJob: true, onSuccess: "Succeed" });
  });

  it("a missing stack is only a missing fallback: the state machine is missing, not an error", async () => {
    const f = await collect(stateMachine, (aws) => aws.client("sfn").on(ListStateMachinesCommand).resolves({ stateMachines: [] }));
    expect(f.stateMachine).toEqual({ exists: false, expected: names.stateMachine, similar: [] });
  });

  it("the stack names a state machine whose name has no suffix", async () => {
    const legacy = `STF-Glue-json-to-pq-${ACCT}-us-east-1`;
    const f = await collect(stateMachine, (aws) => {
      aws.client("sfn").on(ListStateMachinesCommand).resolves({ stateMachines: [{ name: legacy, stateMachineArn: arnOf(legacy), type: "STANDARD", creationDate: new Date() }] });
      aws.client("cloudformation").on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [{ LogicalResourceId: "SM", ResourceType: "AWS::StepFunctions::StateMachine", PhysicalResourceId: arnOf(legacy), ResourceStatus: "CREATE_COMPLETE", LastUpdatedTimestamp: new Date() }] });
      aws.client("sfn").on(DescribeStateMachineCommand).resolves({ name: legacy, stateMachineArn: arnOf(legacy), type: "STANDARD", definition: definition(), roleArn: "r", creationDate: new Date() });
    });
    expect(f.stateMachine).toMatchObject({ exists: true, name: legacy, foundBy: "stack" });
  });

  it("AccessDenied on ListStateMachines is an error fact naming states:ListStateMachines", async () => {
    const f = await collect(stateMachine, (aws) => aws.client("sfn").on(ListStateMachinesCommand).rejects(fault("AccessDeniedException", 400, "not authorized")));
    expect(f.stateMachine).toMatchObject({ $error: { action: "states:ListStateMachines", kind: "accessDenied" } });
  });

  it("a JobName computed at run time does not run 'the job': the job is still found by its name", async () => {
    const f = await collect(stateMachine, (aws) =>
      ownStateMachine(aws).resolves({ name: names.stateMachine, stateMachineArn: arnOf(names.stateMachine), type: "EXPRESS", definition: definition({ dynamic: true }), roleArn: "r", creationDate: new Date() }),
    );
    expect(f.stateMachine).toMatchObject({ type: "EXPRESS" });
    expect(f.jobTask).toMatchObject({ dynamicJobName: true, runsTheJob: false });
  });
});

describe("the Glue task's error handling (jobTaskFacts)", () => {
  const task = (extra: Record<string, unknown>, states: Record<string, unknown> = {}) => {
    const a = analyseStateMachine(JSON.stringify({ StartAt: "Run", States: { Run: { Type: "Task", Resource: "arn:aws:states:::glue:startJobRun.sync", Parameters: { JobName: "j" }, ...extra }, Ok: { Type: "Succeed" }, Bad: { Type: "Fail" }, ...states } }));
    return jobTaskFacts(a, a.tasks[0]!, "j");
  };
  const notify = (next: Record<string, unknown>) => ({ Notify: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Parameters: { TopicArn: "arn:aws:sns:us-east-1:1:t", Subject: "Glue Job Status", Message: "x" }, ...next } });
  const cases: [string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][] = [
    ["catch → sns → Fail, Next → Succeed", { Next: "Ok", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Notify" }] }, notify({ Next: "Bad" }), { catchToKind: "snsPublish", afterNotify: "Fail", notifySubject: "Glue Job Status", onSuccess: "Succeed" }],
    ["catch → sns that ends the execution", { Next: "Ok", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Notify" }] }, notify({ End: true }), { catchToKind: "snsPublish", afterNotify: "End" }],
    ["catch straight to Fail (no notification)", { End: true, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Bad" }] }, {}, { catchToKind: "Fail", afterNotify: null, onSuccess: "End" }],
    ["no catch, no retry", { Next: "Ok" }, {}, { catchToKind: null, retry: null }],
    ["retry defaults as Step Functions applies them", { Next: "Ok", Retry: [{ ErrorEquals: ["States.ALL"] }] }, {}, { retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, errors: ["States.ALL"] } }],
  ];
  it.each(cases)("%s", (_, extra, states, want) => {
    expect(task(extra, states)).toMatchObject(want);
  });
});

describe("IAM policy reading", () => {
  const job = `arn:aws:glue:us-east-1:${ACCT}:job/json-to-pq-x`;
  const doc = (statements: unknown[]) => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: statements }));
  const cases: [string, unknown[], string, boolean][] = [
    ["exact action and resource", [{ Effect: "Allow", Action: ["glue:StartJobRun"], Resource: job }], "glue:StartJobRun", true],
    ["action wildcard, resource wildcard", [{ Effect: "Allow", Action: "glue:*", Resource: `arn:aws:glue:us-east-1:${ACCT}:job/*` }], "glue:BatchStopJobRun", true],
    ["actions compare without case", [{ Effect: "Allow", Action: "GLUE:startjobrun", Resource: "*" }], "glue:StartJobRun", true],
    ["another job's ARN", [{ Effect: "Allow", Action: "glue:StartJobRun", Resource: `arn:aws:glue:us-east-1:${ACCT}:job/other` }], "glue:StartJobRun", false],
    ["an explicit Deny wins", [{ Effect: "Allow", Action: "glue:*", Resource: "*" }, { Effect: "Deny", Action: "glue:BatchStopJobRun", Resource: "*" }], "glue:BatchStopJobRun", false],
    ["a conditional Allow is not counted", [{ Effect: "Allow", Action: "glue:StartJobRun", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }], "glue:StartJobRun", false],
  ];
  it.each(cases)("%s", (_, statements, action, want) => {
    expect(allows(policyGrants(doc(statements)).grants, action, job)).toBe(want);
  });

  it("an unreadable policy yields no grants and says why", () => {
    expect(policyGrants("%7B%22Statement")).toMatchObject({ grants: [], parseError: expect.stringMatching(/invalid JSON/) });
    expect(policyGrants("%E0%A4%A")).toMatchObject({ grants: [], parseError: "not valid URL encoding" });
  });

  it("managed policy ARNs read as their short names", () => {
    expect(policyShortName("arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole")).toBe("service-role/AWSGlueServiceRole");
    expect(policyShortName(`arn:aws:iam::${ACCT}:policy/Mine`)).toBe("Mine");
  });
});

describe("hourlyMinute", () => {
  it.each([
    ["cron(20 * * * ? *)", "20"],
    ["cron(0/20 * * * ? *)", null],
    ["cron(20 1 * * ? *)", null],
    // every form EventBridge accepts for "minute 20 of every hour" (fair-reading audit)
    ["cron(20 0/1 * * ? *)", "20"],
    ["cron(20 */1 * * ? *)", "20"],
    ["cron(20 0-23 * * ? *)", "20"],
    ["cron(20 * ? * * *)", "20"],
    ["cron(20 * ? * MON-SUN *)", "20"],
    ["cron(20 * * * * *)", null],
    ["cron(20 * * * ? 2027)", null],
    ["rate(1 hour)", null],
    [null, null],
  ])("%s → %s", (expr, want) => expect(hourlyMinute(expr)).toBe(want));
});

describe("schedule check: finding the rule", () => {
  it("when ListRuleNamesByTarget fails, the rule is still found by name; when both fail, the first error is kept", async () => {
    const byName = (aws: FakeAws) => {
      ownStateMachine(aws);
      aws
        .client("eventbridge")
        .on(ListRuleNamesByTargetCommand)
        .rejects(fault("AccessDeniedException", 400, "not authorized"))
        .on(ListRulesCommand)
        .resolves({ Rules: [{ Name: names.rule }] })
        .on(DescribeRuleCommand)
        .resolves({ Name: names.rule, State: "ENABLED", ScheduleExpression: "cron(20 * * * ? *)" })
        .on(ListTargetsByRuleCommand)
        .resolves({ Targets: [{ Id: "t", Arn: arnOf(names.stateMachine) }] });
    };
    expect((await collect(schedule, byName)).rule).toMatchObject({ exists: true, foundBy: "name", minute: "20", targetsStateMachine: true });
    // By-target unreadable and no rule by name: a differently named rule may target the machine — could not check.
    const otherName = (aws: FakeAws) => {
      byName(aws);
      aws.client("eventbridge").on(ListRulesCommand).resolves({ Rules: [{ Name: `STF-Hourly-Rule-${ACCT}-us-east-1-DEV-8` }] });
    };
    expect((await collect(schedule, otherName)).rule).toMatchObject({ $error: { action: "events:ListRuleNamesByTarget" } });
    const neither = (aws: FakeAws) => {
      byName(aws);
      aws.client("eventbridge").on(ListRulesCommand).rejects(fault("InternalException", 500, "boom"));
    };
    expect((await collect(schedule, neither)).rule).toMatchObject({ $error: { action: "events:ListRuleNamesByTarget", kind: "accessDenied" } });
  });
});

describe("objects under --outputpath (prefixFacts)", () => {
  it("a bucket that does not exist is a fact (the student's mistake), an AccessDenied an error naming s3:ListBucket", async () => {
    const aws = new FakeAws();
    const s3 = aws.client("s3");
    const ctx = () => aws.context({ student: "7", names, account: ACCT });
    const s3Fault = (name: string, status: number) => new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: name });
    s3.on(ListObjectsV2Command).rejects(s3Fault("NoSuchBucket", 404));
    expect(await prefixFacts(ctx(), "gone-bucket", "out/")).toEqual({ location: "s3://gone-bucket/out/", bucketExists: false, objects: 0, parquetObjects: 0, otherKeys: [], sample: null });
    s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
    expect(await prefixFacts(ctx(), "empty-bucket", "out/")).toMatchObject({ bucketExists: true, objects: 0, sample: null });
    s3.on(ListObjectsV2Command).rejects(s3Fault("AccessDenied", 403));
    expect(await prefixFacts(ctx(), "theirs", "out/")).toMatchObject({ $error: { action: "s3:ListBucket", kind: "accessDenied" } });
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.Bucket)).toEqual(["gone-bucket", "empty-bucket", "theirs"]);
  });
});

describe("schedule check: targets that cannot be listed", () => {
  it("the rule is still read (state, schedule); only the target facts are an error naming events:ListTargetsByRule", async () => {
    const f = await collect(schedule, (aws) => {
      ownStateMachine(aws);
      aws
        .client("eventbridge")
        .on(ListRuleNamesByTargetCommand)
        .resolves({ RuleNames: [names.rule] })
        .on(DescribeRuleCommand)
        .resolves({ Name: names.rule, State: "ENABLED", ScheduleExpression: "cron(20 * * * ? *)" })
        .on(ListTargetsByRuleCommand)
        .rejects(fault("AccessDeniedException", 400, "not authorized"));
    });
    expect(f.rule).toMatchObject({ exists: true, state: "ENABLED", minute: "20", targetsStateMachine: { $error: { action: "events:ListTargetsByRule", kind: "accessDenied" } } });
  });
});
