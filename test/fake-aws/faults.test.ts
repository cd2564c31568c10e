// Fault injection, checked through the product's own AwsSession (adaptive retries) and the real SDK clients:
// every service's throttling, 500 and reset are retried by the SDK; AccessDenied and hangs surface as the tool
// classifies them; decisions are reproducible from the seed.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GetDatabaseCommand, GetDatabasesCommand, GlueClient } from "@aws-sdk/client-glue";
import { ListAliasesCommand } from "@aws-sdk/client-kms";
import { ListRulesCommand } from "@aws-sdk/client-eventbridge";
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import { DescribeBudgetsCommand } from "@aws-sdk/client-budgets";
import { ListWorkGroupsCommand } from "@aws-sdk/client-athena";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { ListJobsCommand } from "@aws-sdk/client-databrew";
import { ListResourcesCommand } from "@aws-sdk/client-lakeformation";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { HeadBucketCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { AwsSession, type SdkCommand } from "../../src/aws/session.js";
import { classify } from "../../src/aws/errors.js";
import type { ServiceId } from "../../src/aws/services.js";
import { startFakeAws, TEST_CREDENTIALS, type FakeAws, type FaultOptions } from "../support/fake-aws/index.js";
import type { HandlerTable, World } from "../support/world/types.js";

const world: World = { account: "123456789012", region: "us-east-1", pageSize: 3 };
const ok = () => ({});
const H: HandlerTable = {
  glue: { GetDatabases: ok, GetDatabase: (_w, i: { Name: string }) => ({ Database: { Name: i.Name } }) },
  kms: { ListAliases: ok },
  eventbridge: { ListRules: ok },
  kinesis: { DescribeStreamSummary: () => ({ StreamDescriptionSummary: { StreamName: "s", StreamStatus: "ACTIVE" } }) },
  secretsmanager: { ListSecrets: ok },
  budgets: { DescribeBudgets: ok },
  athena: { ListWorkGroups: ok },
  sfn: { ListStateMachines: () => ({ stateMachines: [] }) },
  cloudwatch: { DescribeAlarms: ok },
  databrew: { ListJobs: () => ({ Jobs: [] }) },
  lakeformation: { ListResources: ok },
  lambda: { ListFunctions: ok },
  s3: { ListBuckets: ok, HeadBucket: () => ({ BucketRegion: "us-east-1" }) },
  iam: { ListRoles: () => ({ Roles: [] }) },
  sns: { ListTopics: ok },
  sts: { GetCallerIdentity: (w) => ({ Account: w.account, Arn: `arn:aws:iam::${w.account}:user/grader`, UserId: "AIDA" }) },
  dynamodb: { ListTables: ok },
  ec2: { DescribeVpcEndpoints: () => ({ VpcEndpoints: [] }) },
};

/** One read per service (the S3 HEAD has no error body: status only). */
const ONE_READ: [ServiceId, () => SdkCommand][] = [
  ["glue", () => new GetDatabasesCommand({})],
  ["kms", () => new ListAliasesCommand({})],
  ["eventbridge", () => new ListRulesCommand({})],
  ["kinesis", () => new DescribeStreamSummaryCommand({ StreamName: "s" })],
  ["secretsmanager", () => new ListSecretsCommand({})],
  ["budgets", () => new DescribeBudgetsCommand({ AccountId: "123456789012" })],
  ["athena", () => new ListWorkGroupsCommand({})],
  ["sfn", () => new ListStateMachinesCommand({})],
  ["cloudwatch", () => new DescribeAlarmsCommand({})],
  ["databrew", () => new ListJobsCommand({})],
  ["lakeformation", () => new ListResourcesCommand({})],
  ["lambda", () => new ListFunctionsCommand({})],
  ["s3", () => new ListBucketsCommand({})],
  ["s3", () => new HeadBucketCommand({ Bucket: "b" })],
  ["iam", () => new ListRolesCommand({})],
  ["sns", () => new ListTopicsCommand({})],
  ["sts", () => new GetCallerIdentityCommand({})],
  ["dynamodb", () => new ListTablesCommand({})],
  ["ec2", () => new DescribeVpcEndpointsCommand({})],
];

let fake: FakeAws | undefined;
const sessions: AwsSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  await fake?.close();
  fake = undefined;
});

async function start(faults: FaultOptions): Promise<FakeAws> {
  fake = await startFakeAws({ world, handlers: H, faults });
  return fake;
}
function session(url: string, o: Partial<ConstructorParameters<typeof AwsSession>[0]> = {}): AwsSession {
  const s = new AwsSession({ region: "us-east-1", endpointUrl: url, credentials: TEST_CREDENTIALS, ...o });
  sessions.push(s);
  return s;
}
async function outcome(p: Promise<unknown>): Promise<{ ok: true; attempts: number } | { ok: false; kind: string; name: string; status?: number }> {
  try {
    const out = (await p) as { $metadata?: { attempts?: number } };
    return { ok: true, attempts: out.$metadata?.attempts ?? 1 };
  } catch (err) {
    const e = err as { name: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, kind: classify(err), name: e.name, status: e.$metadata?.httpStatusCode };
  }
}

describe("each service's real faults, as the SDK and the tool see them", () => {
  it("throttling: classified 'throttled' and retried by the SDK", async () => {
    const { url } = await start({ throttle: 1, maxFaultsPerCall: 1 });
    const once = await Promise.all(ONE_READ.map(([svc, cmd]) => outcome(session(url, { maxAttempts: 1 }).send(svc, cmd()))));
    const names = Object.fromEntries(ONE_READ.map(([svc], i) => [`${svc}:${i}`, once[i]]));
    for (const [k, o] of Object.entries(names)) expect(o, k).toMatchObject({ ok: false, kind: "throttled" });
    expect(once.map((o) => (o.ok ? "" : `${o.name}/${o.status}`))).toEqual([
      "ThrottlingException/400", "ThrottlingException/400", "ThrottlingException/400", "ThrottlingException/400", "ThrottlingException/400",
      "ThrottlingException/400", "TooManyRequestsException/400", "ThrottlingException/400", "Throttling/400", "ThrottlingException/400",
      "ThrottledException/429", "TooManyRequestsException/429", "SlowDown/503", "Unknown/503", "Throttling/400", "ThrottledException/429",
      "Throttling/400", "ThrottlingException/400", "RequestLimitExceeded/503",
    ]);
    // The same calls again (each call's first attempt was its one fault): now they pass first time.
    const again = await Promise.all(ONE_READ.map(([svc, cmd]) => outcome(session(url, { maxAttempts: 1 }).send(svc, cmd()))));
    expect(again.every((o) => o.ok)).toBe(true);
  });

  it("throttling, 500 and connection resets are retried until they pass (adaptive mode, as the session configures it)", async () => {
    for (const faults of [{ throttle: 1 }, { internalError: 1 }, { reset: 1 }] as FaultOptions[]) {
      const { url, faults: counts } = await start({ ...faults, maxFaultsPerCall: 1 });
      const results = await Promise.all(ONE_READ.map(([svc, cmd]) => outcome(session(url, { maxAttempts: 3 }).send(svc, cmd()))));
      expect(results, JSON.stringify(faults)).toEqual(ONE_READ.map(() => ({ ok: true, attempts: 2 })));
      expect(counts.throttle + counts.internalError + counts.reset).toBe(ONE_READ.length);
      await fake!.close();
      fake = undefined;
    }
  });

  it("AccessDenied: each service's code, classified 'accessDenied' (S3 HEAD: 403 with no body)", async () => {
    const { url, faults: counts } = await start({ accessDenied: ["*"] });
    const results = await Promise.all(ONE_READ.map(([svc, cmd]) => outcome(session(url, { maxAttempts: 3 }).send(svc, cmd()))));
    for (const r of results) expect(r).toMatchObject({ ok: false, kind: "accessDenied" });
    expect(results.map((o) => (o.ok ? "" : `${o.name}/${o.status}`))).toEqual([
      "AccessDeniedException/400", "AccessDeniedException/400", "AccessDeniedException/400", "AccessDeniedException/400", "AccessDeniedException/400",
      "AccessDeniedException/403", "AccessDeniedException/400", "AccessDeniedException/400", "AccessDenied/403", "AccessDeniedException/403",
      "AccessDeniedException/403", "AccessDeniedException/403", "AccessDenied/403", "Unknown/403", "AccessDenied/403", "AuthorizationErrorException/403",
      "AccessDenied/403", "AccessDeniedException/400", "UnauthorizedOperation/403",
    ]);
    expect(counts.accessDenied).toBe(ONE_READ.length); // not retried
  });

  it("a hung operation ends as a timeout within the call deadline; the rest of the session is unaffected", async () => {
    const { url, faults: counts } = await start({ hangOperations: ["glue:GetDatabase"] });
    const s = session(url, { callTimeoutMs: 600, requestTimeoutMs: 600 });
    const t0 = Date.now();
    const [hung, fine] = await Promise.all([outcome(s.send("glue", new GetDatabaseCommand({ Name: "x" }))), outcome(s.send("glue", new GetDatabasesCommand({})))]);
    expect(hung).toMatchObject({ ok: false, kind: "timeout" });
    expect(fine).toMatchObject({ ok: true });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(counts.hang).toBeGreaterThanOrEqual(1);
  });

  it("a token bucket per operation throttles what exceeds its rate (burst = rate), other operations are unaffected", async () => {
    const { url, faults: counts } = await start({ tps: { "glue:GetDatabase": 5 } });
    const glue = new GlueClient({ region: "us-east-1", endpoint: url, maxAttempts: 1, credentials: TEST_CREDENTIALS });
    try {
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => outcome(glue.send(new GetDatabaseCommand({ Name: `db${i}` })))));
      const passed = burst.filter((r) => r.ok).length;
      expect(passed).toBeGreaterThanOrEqual(5); // the burst; a 6th only if the 8 requests took over 200 ms to arrive
      expect(passed).toBeLessThanOrEqual(6);
      for (const r of burst.filter((x) => !x.ok)) expect(r).toMatchObject({ kind: "throttled", name: "ThrottlingException" });
      expect(counts.tokenBucket).toBe(8 - passed);
      expect(await outcome(glue.send(new GetDatabasesCommand({})))).toMatchObject({ ok: true });
      await new Promise((r) => setTimeout(r, 450)); // 5 tps: two tokens back
      const later = await Promise.all([0, 1].map((i) => outcome(glue.send(new GetDatabaseCommand({ Name: `later${i}` })))));
      expect(later.every((r) => r.ok)).toBe(true);
    } finally {
      glue.destroy();
    }
  });

  it("latency is added to every response", async () => {
    const { url } = await start({ latencyMs: 150 });
    const t0 = Date.now();
    await session(url).send("sts", new GetCallerIdentityCommand({}));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("decisions depend on the seed and the call, not on arrival order", async () => {
    const run = async (seed: number, reverse: boolean) => {
      const f = await start({ seed, throttle: 0.5, internalError: 0.1 });
      const client = new GlueClient({ region: "us-east-1", endpoint: f.url, maxAttempts: 1, credentials: TEST_CREDENTIALS });
      const names = Array.from({ length: 30 }, (_, i) => `db${i}`);
      for (const n of reverse ? names.reverse() : names) await client.send(new GetDatabaseCommand({ Name: n })).catch(() => undefined);
      client.destroy();
      const pattern = f.log.map((c) => `${(c.input as { Name: string }).Name}:${c.fault ?? "ok"}`).sort();
      await f.close();
      fake = undefined;
      return pattern;
    };
    const a = await run(7, false);
    expect(await run(7, true)).toEqual(a);
    expect(await run(8, false)).not.toEqual(a);
    expect(a.filter((x) => x.endsWith(":throttle")).length).toBeGreaterThan(5);
  });
});
