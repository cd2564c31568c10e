// Every client of a graded session speaks HTTP/1.1, so --endpoint-url works with emulators that only speak HTTP/1.1
// (moto, LocalStack); the fake still serves cleartext HTTP/2, which the SDK's default Kinesis client uses.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DescribeStreamSummaryCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { GetDatabasesCommand } from "@aws-sdk/client-glue";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { ListResourcesCommand } from "@aws-sdk/client-lakeformation";
import { AwsSession, type SdkCommand } from "../../src/aws/session.js";
import type { ServiceId } from "../../src/aws/services.js";
import { startFakeAws, TEST_CREDENTIALS, type FakeAws } from "../support/fake-aws/index.js";
import type { HandlerTable, World } from "../support/world/types.js";

const world: World = { account: "123456789012", region: "us-east-1", pageSize: 5 };
const stream = () => ({ StreamDescriptionSummary: { StreamName: "s", StreamStatus: "ACTIVE" } });
const H: HandlerTable = {
  kinesis: { DescribeStreamSummary: stream },
  glue: { GetDatabases: () => ({ DatabaseList: [] }) },
  s3: { ListBuckets: () => ({ Buckets: [] }) },
  iam: { ListRoles: () => ({ Roles: [] }) },
  lakeformation: { ListResources: () => ({ ResourceInfoList: [] }) },
};
/** One read per protocol (AWS JSON, REST-XML, Query, REST-JSON) and Kinesis, the client whose SDK default is HTTP/2. */
const READS: [ServiceId, () => SdkCommand][] = [
  ["kinesis", () => new DescribeStreamSummaryCommand({ StreamName: "s" })],
  ["glue", () => new GetDatabasesCommand({})],
  ["s3", () => new ListBucketsCommand({})],
  ["iam", () => new ListRolesCommand({})],
  ["lakeformation", () => new ListResourcesCommand({})],
];

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("HTTP versions", () => {
  it("the SDK's default Kinesis client speaks cleartext HTTP/2, which the fake serves", async () => {
    fake = await startFakeAws({ world, handlers: H });
    const client = new KinesisClient({ region: "us-east-1", endpoint: fake.url, maxAttempts: 1, credentials: TEST_CREDENTIALS });
    try {
      await client.send(new DescribeStreamSummaryCommand({ StreamName: "s" }));
    } finally {
      client.destroy();
    }
    expect(fake.log.map((c) => [c.operation, c.httpVersion])).toEqual([["DescribeStreamSummary", "2.0"]]);
  });

  it("against an HTTP/1.1-only endpoint that default client fails, and every client of a session works over HTTP/1.1", async () => {
    fake = await startFakeAws({ world, handlers: H, http1Only: true });
    const raw = new KinesisClient({ region: "us-east-1", endpoint: fake.url, maxAttempts: 1, credentials: TEST_CREDENTIALS });
    await expect(raw.send(new DescribeStreamSummaryCommand({ StreamName: "s" }))).rejects.toThrow();
    raw.destroy();
    expect(fake.log).toEqual([]);

    const session = new AwsSession({ region: "us-east-1", endpointUrl: fake.url, maxAttempts: 1, credentials: TEST_CREDENTIALS });
    try {
      for (const [service, command] of READS) await session.send(service, command());
    } finally {
      await session.close();
    }
    expect(fake.log.map((c) => [c.service, c.status, c.httpVersion])).toEqual(READS.map(([service]) => [service, 200, "1.1"]));
  });

  it("a session without --endpoint-url also builds HTTP/1.1 clients (one transport for every service)", async () => {
    fake = await startFakeAws({ world, handlers: H, http1Only: true });
    vi.stubEnv("AWS_ENDPOINT_URL", fake.url);
    const session = new AwsSession({ region: "us-east-1", maxAttempts: 1, credentials: TEST_CREDENTIALS });
    try {
      await session.send("kinesis", new DescribeStreamSummaryCommand({ StreamName: "s" }));
    } finally {
      vi.unstubAllEnvs();
      await session.close();
    }
    expect(fake.log.map((c) => c.httpVersion)).toEqual(["1.1"]);
  });
});
