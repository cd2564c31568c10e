// AWS_MAX_ATTEMPTS (the SDK's own setting) bounds the attempts per call of a graded session; a bad value is a usage error.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GetDatabaseCommand } from "@aws-sdk/client-glue";
import { openSession } from "../../src/app/session.js";
import { sessionRequest } from "../../src/cli/grade-command.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws/index.js";
import { AwsFault, type HandlerTable } from "../support/world/types.js";
import { cli } from "./helpers.js";

const H: HandlerTable = { glue: { GetDatabase: () => { throw new AwsFault("InternalServiceException", 500, "boom"); } } };
let fake: FakeAws;
beforeAll(async () => {
  // openSession builds a live SDK session whose default credential chain reads the process environment.
  vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
  fake = await startFakeAws({ world: { account: "123456789012", region: "us-east-1", pageSize: 5 }, handlers: H });
});
afterAll(async () => {
  await fake.close();
  vi.unstubAllEnvs();
});

describe("AWS_MAX_ATTEMPTS", () => {
  it("bounds the attempts of one call, retries included", async () => {
    const env = { AWS_MAX_ATTEMPTS: "2" };
    const { session } = await openSession(sessionRequest({ endpointUrl: fake.url }, env), env);
    await expect(session.send("glue", new GetDatabaseCommand({ Name: "d" }))).rejects.toMatchObject({ name: "InternalServiceException" });
    await session.close();
    expect(fake.log.filter((c) => c.operation === "GetDatabase")).toHaveLength(2);
  });

  it("refuses a value that is not a count, with exit 64 and one sentence", async () => {
    const r = await cli(["glue_hard", "--student", "demo", "--endpoint-url", fake.url], { AWS_MAX_ATTEMPTS: "many" });
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/AWS_MAX_ATTEMPTS is the number of attempts per AWS call \(1 or more\), got "many"/);
  });
});
