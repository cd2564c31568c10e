// AwsSession: memo of identical calls, record → replay round trip, read-only guard, error classification.
import { describe, expect, it } from "vitest";
import { GetDatabaseCommand, DeleteDatabaseCommand, GetJobRunsCommand } from "@aws-sdk/client-glue";
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { GetObjectCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { AwsSession, bodyLimit, readAtMost, type Transport } from "../../src/aws/session.js";
import { classify, describeError, errorHeader } from "../../src/aws/errors.js";
import { iamAction } from "../../src/aws/services.js";
import { assertReadOnly } from "../../src/aws/read-only.js";

function counting(answer: (op: string, input: unknown) => unknown): { transport: Transport; count: () => number } {
  let n = 0;
  return {
    transport: async ({ operation, input }) => {
      n++;
      await new Promise((r) => setTimeout(r, 5));
      return answer(operation, input);
    },
    count: () => n,
  };
}

describe("AwsSession", () => {
  it("identical concurrent calls share one request", async () => {
    const t = counting(() => ({ Database: { Name: "x" } }));
    const s = new AwsSession({ region: "us-east-1", transport: t.transport });
    const [a, b] = await Promise.all([s.send("glue", new GetDatabaseCommand({ Name: "x" })), s.send("glue", new GetDatabaseCommand({ Name: "x" }))]);
    await s.send("glue", new GetDatabaseCommand({ Name: "y" }));
    expect(a).toEqual(b);
    expect(t.count()).toBe(2);
    expect(s.stats).toMatchObject({ calls: 2, memoHits: 1 });
  });

  it("records calls and replays them with Dates and errors intact, without a network", async () => {
    const started = new Date("2026-11-01T10:00:00Z");
    const t = counting((op) => {
      if (op === "HeadBucket") throw Object.assign(new Error("UnknownError"), { name: "Unknown", $metadata: { httpStatusCode: 301 }, $response: { headers: { "x-amz-bucket-region": "eu-west-1", "x-amz-request-id": "r" } } });
      return { JobRuns: [{ Id: "jr_1", StartedOn: started, JobRunState: "SUCCEEDED" }] };
    });
    const live = new AwsSession({ region: "us-east-1", transport: t.transport, record: true });
    await live.send("glue", new GetJobRunsCommand({ JobName: "j" }));
    await expect(live.send("s3", new HeadBucketCommand({ Bucket: "b" }))).rejects.toMatchObject({ name: "Unknown" });
    const snapshot = JSON.parse(JSON.stringify(live.toSnapshot({ account: "1" })));
    expect(JSON.stringify(snapshot)).not.toContain("x-amz-request-id");

    const replay = new AwsSession({ region: "us-east-1", replay: snapshot });
    const runs = await replay.send("glue", new GetJobRunsCommand({ JobName: "j" }));
    expect(runs.JobRuns?.[0]?.StartedOn).toEqual(started);
    const err = await replay.send("s3", new HeadBucketCommand({ Bucket: "b" })).catch((e: unknown) => e);
    expect(classify(err)).toBe("other");
    expect(errorHeader(err, "x-amz-bucket-region")).toBe("eu-west-1");
    await expect(replay.send("glue", new GetJobRunsCommand({ JobName: "other" }))).rejects.toMatchObject({ name: "NotInSnapshot" });
  });

  it("refuses writes and secret reads before anything is sent", async () => {
    const t = counting(() => ({}));
    const s = new AwsSession({ region: "us-east-1", transport: t.transport });
    expect(() => s.send("glue", new DeleteDatabaseCommand({ Name: "x" }))).toThrow(/not a read-only operation/);
    expect(() => s.send("secretsmanager", new GetSecretValueCommand({ SecretId: "x" }))).toThrow(/never called/);
    expect(t.count()).toBe(0);
  });

  it("allows a write only when the run opted in", () => {
    expect(() => assertReadOnly("athena", "StartQueryExecution")).toThrow();
    expect(() => assertReadOnly("athena", "StartQueryExecution", new Set(["athena:StartQueryExecution"]))).not.toThrow();
    expect(() => assertReadOnly("glue", "GetDatabase")).not.toThrow();
    expect(() => assertReadOnly("glue", "Getaway")).toThrow();
  });
});

describe("errors", () => {
  it.each([
    [{ name: "EntityNotFoundException", $metadata: { httpStatusCode: 400 } }, [], "notFound"],
    [{ name: "NoSuchBucketPolicy", $metadata: { httpStatusCode: 404 } }, [], "notFound"],
    [{ name: "Unknown", $metadata: { httpStatusCode: 403 } }, [], "accessDenied"],
    [{ name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }, [], "accessDenied"],
    [{ name: "ThrottlingException", $metadata: { httpStatusCode: 400 } }, [], "throttled"],
    [{ name: "SlowDown", $metadata: { httpStatusCode: 503 } }, [], "throttled"],
    [{ name: "TimeoutError" }, [], "timeout"],
    [{ name: "Error", code: "ECONNREFUSED" }, [], "network"],
    [{ name: "CredentialsProviderError", message: "Could not load credentials from any providers" }, [], "credentials"],
    [{ name: "InvalidInputException", $metadata: { httpStatusCode: 400 } }, ["InvalidInputException"], "notFound"],
  ] as const)("%j is %s", (e, missing, kind) => {
    expect(classify(e, missing)).toBe(kind);
  });

  it("describes errors in one line", () => {
    expect(describeError({ name: "AccessDeniedException", message: "User x is not authorized\nstack", $metadata: { httpStatusCode: 400 } })).toBe("AccessDeniedException (HTTP 400): User x is not authorized");
    expect(describeError({ name: "Unknown", message: "UnknownError", $metadata: { httpStatusCode: 403 } })).toBe("Unknown (HTTP 403)");
  });

  it.each([
    ["s3", "HeadBucket", "s3:ListBucket"],
    ["s3", "GetBucketCors", "s3:GetBucketCORS"],
    ["eventbridge", "ListRules", "events:ListRules"],
    ["sfn", "DescribeStateMachine", "states:DescribeStateMachine"],
    ["budgets", "DescribeBudgets", "budgets:ViewBudget"],
    ["glue", "GetCrawler", "glue:GetCrawler"],
  ] as const)("%s:%s needs %s", (svc, op, action) => {
    expect(iamAction(svc, op)).toBe(action);
  });
});

describe("streamed bodies are read only as far as asked", () => {
  /** A 64 MiB body in 64 KiB chunks that counts what was pulled from it; transformToByteArray would read it all. */
  function hugeBody() {
    let pulled = 0;
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 1024; i++) {
          pulled++;
          yield new Uint8Array(64 * 1024).fill(i === 0 ? 0x50 : 0x41);
        }
      })(),
    );
    return { body: Object.assign(stream, { transformToByteArray: async () => { throw new Error("read the whole body"); } }), pulled: () => pulled };
  }

  it.each([
    ["bytes=0-3", 4],
    ["bytes=10-19", 10],
    [undefined, 1 << 20],
    ["bytes=0-", 1 << 20],
    ["bytes=0-999999999", 1 << 20],
    ["bytes=5-2", 1 << 20],
  ] as const)("Range %s → at most %d bytes", (range, limit) => {
    expect(bodyLimit(new GetObjectCommand({ Bucket: "b", Key: "k", ...(range ? { Range: range } : {}) }))).toBe(limit);
  });

  it("an endpoint that ignores Range: 4 bytes are read, the stream is stopped after its first chunk", async () => {
    const { body, pulled } = hugeBody();
    const bytes = await readAtMost(body, 4);
    expect([...bytes]).toEqual([0x50, 0x50, 0x50, 0x50]);
    expect(pulled()).toBeLessThanOrEqual(2);
    expect(body.destroyed).toBe(true);
  });

  it("a body shorter than the limit comes back whole", async () => {
    const body = Object.assign(Readable.from([new Uint8Array([1, 2]), new Uint8Array([3])]), { transformToByteArray: async () => new Uint8Array() });
    expect([...(await readAtMost(body, 10))]).toEqual([1, 2, 3]);
  });
});
