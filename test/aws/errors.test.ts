// Error causes through the real SDK clients against a local HTTP endpoint: only a real not-found code means
// missing, only AccessDenied-type errors suggest a grant; a bare 404, a 500 or an unreadable answer says what it is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetDatabaseCommand } from "@aws-sdk/client-glue";
import { GetBucketPolicyCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { AwsSession } from "../../src/aws/session.js";
import { CheckContext } from "../../src/grade/check.js";
import { classify, failureSentence, failureSummary, type FailureKind } from "../../src/aws/errors.js";

type Answer = { status: number; body: string; headers?: Record<string, string> };
const ANSWERS: Record<string, Answer> = {
  bare404: { status: 404, body: "<html><body>Not Found</body></html>", headers: { "content-type": "text/html" } },
  server500: { status: 500, body: "Internal Server Error", headers: { "content-type": "text/plain" } },
  garbage200: { status: 200, body: "{not json", headers: { "content-type": "application/x-amz-json-1.1" } },
  realMissing: { status: 400, body: JSON.stringify({ __type: "EntityNotFoundException", message: "Database x not found." }), headers: { "content-type": "application/x-amz-json-1.1" } },
  realDenied: { status: 400, body: JSON.stringify({ __type: "AccessDeniedException", message: "User is not authorized to perform: glue:GetDatabase" }), headers: { "content-type": "application/x-amz-json-1.1" } },
  s3Bare404: { status: 404, body: "", headers: {} },
};

let server: Server;
let endpoint = "";
let current: Answer = ANSWERS.bare404!;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(current.status, current.headers ?? {});
      res.end(req.method === "HEAD" ? undefined : current.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function context(): CheckContext {
  const aws = new AwsSession({ region: "us-east-1", endpointUrl: endpoint, maxAttempts: 1, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" } });
  return new CheckContext(aws, "s1", {}, "123456789012");
}

describe("error causes through the SDK", () => {
  it.each([
    ["a bare HTTP 404 without an AWS error code", "bare404", "endpoint"],
    ["an HTTP 500", "server500", "serverError"],
    ["an unparseable answer", "garbage200", "unreadable"],
    ["a real EntityNotFoundException", "realMissing", "notFound"],
    ["a real AccessDeniedException", "realDenied", "accessDenied"],
  ] as const)("Glue GetDatabase, %s: %s", async (_n, answer, kind) => {
    current = ANSWERS[answer]!;
    const r = await context().read("glue", new GetDatabaseCommand({ Name: "x" }), { missing: ["EntityNotFoundException"] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fact.$error.kind).toBe(kind);
    expect(r.missing).toBe(kind === "notFound");
    const sentence = failureSentence(r.fact.$error);
    expect(sentence).toMatch(/^could not be checked: .*\.$/);
    expect(sentence.includes("grant glue:GetDatabase")).toBe(kind === "accessDenied");
  });

  it("S3: a HEAD 404 is a missing bucket, a GET 404 without a code is not", async () => {
    current = ANSWERS.s3Bare404!;
    const head = await context().read("s3", new HeadBucketCommand({ Bucket: "b" }));
    const get = await context().read("s3", new GetBucketPolicyCommand({ Bucket: "b" }), { missing: ["NoSuchBucketPolicy"] });
    expect(!head.ok && head.fact.$error.kind).toBe("notFound");
    expect(!get.ok && [get.fact.$error.kind, get.missing]).toEqual(["endpoint", false]);
  });
});

describe("failureSentence and failureSummary", () => {
  const f = (kind: FailureKind, action = "glue:GetTable") => ({ action, kind, message: "X (HTTP 500)" });

  it("one sentence per cause, naming the action; a grant only for a denial", () => {
    expect(failureSentence(f("accessDenied"))).toBe("could not be checked: the grading identity is not allowed to call glue:GetTable (X (HTTP 500)): grant glue:GetTable to it and grade again.");
    for (const k of ["serverError", "endpoint", "unreadable"] as const) {
      const s = failureSentence(f(k));
      expect(s).toContain("glue:GetTable");
      expect(s).toContain("not a missing resource nor a permission problem");
      expect(s).not.toMatch(/grant|retry/);
    }
    expect(failureSentence(f("serverError"))).toContain("server error");
    expect(failureSentence(f("unreadable"))).toContain("could not be read");
  });

  it("the summary suggests grants only for denied actions", () => {
    const s = failureSummary([
      { action: "s3:GetBucketPolicy", cause: "accessDenied" },
      { action: "lakeformation:ListPermissions", cause: "serverError" },
      { action: "glue:GetClassifiers", cause: "endpoint" },
    ]);
    expect(s).toBe("3 criteria could not be checked: grant s3:GetBucketPolicy to the grading identity; the endpoint answered lakeformation:ListPermissions and glue:GetClassifiers with an error or an answer unlike AWS's (not a missing resource nor a permission problem).");
    expect(failureSummary([{ action: "glue:GetTable", cause: "serverError" }])).not.toContain("grant");
  });

  it("classify without a status or code stays `other`; a 403 without a code is a denial", () => {
    expect(classify(new Error("boom"))).toBe("other");
    expect(classify({ name: "Unknown", $metadata: { httpStatusCode: 403 } })).toBe("accessDenied");
    expect(classify({ name: "Unknown", $metadata: { httpStatusCode: 404 } })).toBe("endpoint");
  });
});
