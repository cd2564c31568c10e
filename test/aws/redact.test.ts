// Redaction: Lambda environment variable values never reach a check, the memo, or a --record snapshot.
import { describe, expect, it } from "vitest";
import { GetFunctionConfigurationCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { GetDatabaseCommand } from "@aws-sdk/client-glue";
import { AwsSession, type Transport } from "../../src/aws/session.js";
import { REDACTED, redactArguments, redactOutput } from "../../src/aws/redact.js";

const SECRET = "s3cr3t-p4ssw0rd-value";
const config = (name: string) => ({
  FunctionName: name,
  FunctionArn: `arn:aws:lambda:us-east-1:111122223333:function:${name}`,
  Runtime: "python3.10",
  Environment: { Variables: { DB_PASSWORD: SECRET, SNS_TOPIC_ARN: `arn:aws:sns:us-east-1:111122223333:${SECRET}-topic` } },
});

describe("redaction of Lambda environment variables", () => {
  it("keeps the variable names, replaces every value, leaves other outputs untouched", () => {
    expect(redactOutput("lambda", "GetFunctionConfiguration", config("f"))).toMatchObject({ FunctionName: "f", Environment: { Variables: { DB_PASSWORD: REDACTED, SNS_TOPIC_ARN: REDACTED } } });
    const listed = redactOutput("lambda", "ListFunctions", { Functions: [config("a"), { FunctionName: "b" }], NextMarker: "m" }) as { Functions: unknown[]; NextMarker: string };
    expect(listed.Functions).toEqual([{ ...config("a"), Environment: { Variables: { DB_PASSWORD: REDACTED, SNS_TOPIC_ARN: REDACTED } } }, { FunctionName: "b" }]);
    expect(listed.NextMarker).toBe("m");
    expect(redactOutput("lambda", "GetFunction", { Configuration: config("g") })).toMatchObject({ Configuration: { Environment: { Variables: { DB_PASSWORD: REDACTED } } } });
    const glue = { Database: { Name: "x", Parameters: { Environment: SECRET } } };
    expect(redactOutput("glue", "GetDatabase", glue)).toEqual(glue);
    // An Environment without variables (or with an error) is left as it is.
    expect(redactOutput("lambda", "GetFunctionConfiguration", { FunctionName: "h", Environment: { Error: { ErrorCode: "KMSAccessDenied" } } })).toEqual({ FunctionName: "h", Environment: { Error: { ErrorCode: "KMSAccessDenied" } } });
  });

  it("a recorded snapshot (and what a check receives, memoised or not) holds no value", async () => {
    let calls = 0;
    const transport: Transport = async ({ operation }) => {
      calls++;
      return operation === "ListFunctions" ? { Functions: [config("listed")] } : config("f");
    };
    const s = new AwsSession({ region: "us-east-1", transport, record: true });
    const first = await s.send("lambda", new GetFunctionConfigurationCommand({ FunctionName: "f" }));
    const again = await s.send("lambda", new GetFunctionConfigurationCommand({ FunctionName: "f" }));
    await s.send("lambda", new ListFunctionsCommand({}));
    expect(calls).toBe(2);
    expect(first.Environment?.Variables).toEqual({ DB_PASSWORD: REDACTED, SNS_TOPIC_ARN: REDACTED });
    expect(again).toEqual(first);
    const text = JSON.stringify(s.toSnapshot({ account: "111122223333" }));
    expect(text).not.toContain(SECRET);
    expect(text).toContain("DB_PASSWORD");

    // Replaying that snapshot answers the same redacted configuration.
    const replay = new AwsSession({ region: "us-east-1", replay: JSON.parse(text) });
    const replayed = await replay.send("lambda", new GetFunctionConfigurationCommand({ FunctionName: "f" }));
    expect(replayed.Environment?.Variables).toEqual({ DB_PASSWORD: REDACTED, SNS_TOPIC_ARN: REDACTED });
  });

  it("a snapshot recorded before redaction existed is redacted when replayed", async () => {
    const old = {
      format: "glue-validate-snapshot" as const,
      version: 1 as const,
      recordedAt: "2026-11-01T00:00:00Z",
      region: "us-east-1",
      calls: [{ service: "lambda" as const, region: "us-east-1", operation: "GetFunctionConfiguration", input: { FunctionName: "f" }, output: config("f") }],
    };
    const s = new AwsSession({ region: "us-east-1", replay: old });
    const out = await s.send("lambda", new GetFunctionConfigurationCommand({ FunctionName: "f" }));
    expect(JSON.stringify(out)).not.toContain(SECRET);
    // Unrelated reads pass through unchanged.
    await expect(s.send("glue", new GetDatabaseCommand({ Name: "x" }))).rejects.toMatchObject({ name: "NotInSnapshot" });
  });
});

describe("masking of SNS subscription endpoints", () => {
  const subs = {
    Subscriptions: [
      { Protocol: "email", Endpoint: "ada.lovelace@example.edu", SubscriptionArn: "arn:aws:sns:us-east-1:1:t:1", TopicArn: "arn:aws:sns:us-east-1:1:t" },
      { Protocol: "sms", Endpoint: "+15551234567" },
      { Protocol: "https", Endpoint: "https://hooks.example.com/services/T000/B000/XXXXSECRETTOKEN?x=1" },
      { Protocol: "lambda", Endpoint: "arn:aws:lambda:us-east-1:1:function:f" },
      { Protocol: "email", SubscriptionArn: "PendingConfirmation" },
    ],
    NextToken: "n",
  };

  it.each([
    ["ListSubscriptionsByTopic"],
    ["ListSubscriptions"],
  ])("%s: addresses masked, phone numbers and URLs cut down, ARNs kept", (operation) => {
    const out = redactOutput("sns", operation, subs) as typeof subs;
    expect(out.Subscriptions.map((s) => s.Endpoint)).toEqual(["a***@e***.edu", "***67", "https://hooks.example.com/***", "arn:aws:lambda:us-east-1:1:function:f", undefined]);
    expect(out.NextToken).toBe("n");
    expect(JSON.stringify(out)).not.toMatch(/lovelace|1234567|SECRETTOKEN/);
  });

  it("a recorded snapshot holds no address", async () => {
    const { ListSubscriptionsByTopicCommand } = await import("@aws-sdk/client-sns");
    const transport: Transport = async () => subs;
    const s = new AwsSession({ region: "us-east-1", transport, record: true });
    const got = await s.send("sns", new ListSubscriptionsByTopicCommand({ TopicArn: "arn:aws:sns:us-east-1:1:t" }));
    expect(got.Subscriptions?.[0]?.Endpoint).toBe("a***@e***.edu");
    expect(JSON.stringify(s.toSnapshot({ account: "1", description: "t" }))).not.toMatch(/lovelace|1234567|SECRETTOKEN/);
  });
});

describe("redaction of Glue job arguments", () => {
  const args = { "--db-password": "hunter2", "--api_key": "k-123", "--TempDir": "s3://t/" };
  it.each([
    ["GetJob", { Job: { Name: "j", DefaultArguments: args, NonOverridableArguments: { "--secret-token": "t0k" } } }],
    ["GetJobs", { Jobs: [{ Name: "j", DefaultArguments: args }], NextToken: "n" }],
    ["BatchGetJobs", { Jobs: [{ Name: "j", DefaultArguments: args }], JobsNotFound: [] }],
    ["GetJobRun", { JobRun: { Id: "jr", Arguments: args } }],
    ["GetJobRuns", { JobRuns: [{ Id: "jr", Arguments: args }] }],
  ])("%s: secret-looking values replaced, other arguments kept", (operation, output) => {
    const text = JSON.stringify(redactOutput("glue", operation, output));
    expect(text).not.toMatch(/hunter2|k-123|t0k/);
    expect(text).toContain("s3://t/");
    expect(text).toContain(REDACTED);
  });
});

describe("secret-looking arguments everywhere Glue returns argument maps", () => {
  it.each([
    ["GetTriggers", { Triggers: [{ Name: "t", Actions: [{ JobName: "j", Arguments: { "--db_password": "hunter2" } }] }] }],
    ["GetWorkflow", { Workflow: { Name: "w", DefaultRunProperties: { api_key: "k-123" }, Graph: { Nodes: [{ Type: "TRIGGER", TriggerDetails: { Trigger: { Actions: [{ Arguments: { "--secret-token": "t0k" } }] } } }, { Type: "JOB", JobDetails: { JobRuns: [{ Id: "jr", Arguments: { "--db-password": "hunter2" } }] } }] } } }],
    ["GetWorkflowRuns", { Runs: [{ WorkflowRunId: "wr", WorkflowRunProperties: { password: "hunter2" }, StartedOn: new Date(0) }] }],
  ])("%s", (operation, output) => {
    const out = redactOutput("glue", operation, output);
    expect(JSON.stringify(out)).not.toMatch(/hunter2|k-123|t0k/);
    expect(JSON.stringify(out)).toContain(REDACTED);
  });

  it.each([
    ["--passthrough", "yes", "yes"],
    ["--tokenizer", "bpe", "bpe"],
    ["--compass_bucket", "b", "b"],
    ["--DB_PASSWORD", "x", REDACTED],
    ["--aws-secret-access-key", "x", REDACTED],
    ["--apikey", "x", REDACTED],
    ["--conf", "spark.hadoop.fs.s3a.secret.key=ABC123 --conf spark.sql.adaptive.enabled=true", `spark.hadoop.fs.s3a.secret.key=${REDACTED} --conf spark.sql.adaptive.enabled=true`],
    ["--jdbc", "user=a,password=hunter2", `user=a,password=${REDACTED}`],
    ["--TempDir", "s3://t/", "s3://t/"],
  ])("%s=%s → %s", (key, value, want) => {
    expect(redactArguments({ [key]: value })[key]).toBe(want);
  });

  it("dates in Glue answers stay dates", () => {
    const out = redactOutput("glue", "GetJobRuns", { JobRuns: [{ Id: "jr", StartedOn: new Date(5) }] }) as { JobRuns: { StartedOn: Date }[] };
    expect(out.JobRuns[0]!.StartedOn).toBeInstanceOf(Date);
  });
});
