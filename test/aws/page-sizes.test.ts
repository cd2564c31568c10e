// Listings ask for the largest page the API allows unless the check chose a page size: fewer sequential calls.
import { GetJobRunsCommand, GetTablesCommand } from "@aws-sdk/client-glue";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { AwsSession, type Transport } from "../../src/aws/session.js";
import { withLargestPage } from "../../src/aws/page-sizes.js";

function recordingSession() {
  const sent: { operation: string; input: unknown }[] = [];
  const transport: Transport = async ({ operation, input }) => {
    sent.push({ operation, input });
    return {};
  };
  return { session: new AwsSession({ region: "us-east-1", transport }), sent };
}

describe("largest page sizes", () => {
  it("adds the API's largest page size to a listing that names none (IAM MaxItems 1000, Glue GetTables 100)", async () => {
    const { session, sent } = recordingSession();
    await session.send("iam", new ListRolesCommand({}));
    await session.send("glue", new GetTablesCommand({ DatabaseName: "gold_1" }));
    expect(sent).toEqual([
      { operation: "ListRoles", input: { MaxItems: 1000 } },
      { operation: "GetTables", input: { DatabaseName: "gold_1", MaxResults: 100 } },
    ]);
  });

  it("keeps a page size the check chose (the latest job run only) and leaves other operations alone", async () => {
    const { session, sent } = recordingSession();
    await session.send("glue", new GetJobRunsCommand({ JobName: "etl", MaxResults: 1 }));
    await session.send("sts", new GetCallerIdentityCommand({}));
    expect(sent.map((s) => s.input)).toEqual([{ JobName: "etl", MaxResults: 1 }, {}]);
  });

  it("memoises on the input actually sent: the same listing asked twice is one call", async () => {
    const { session, sent } = recordingSession();
    await Promise.all([session.send("iam", new ListRolesCommand({})), session.send("iam", new ListRolesCommand({ MaxItems: 1000 }))]);
    expect(sent).toHaveLength(1);
    expect(session.stats.memoHits).toBe(1);
  });

  it("returns the very input object when nothing is added", () => {
    const input = { JobName: "etl", MaxResults: 5 };
    expect(withLargestPage("glue", "GetJobRuns", input)).toBe(input);
  });
});

describe("warming clients", () => {
  it("sends nothing and builds no client when answering from a transport or a snapshot", async () => {
    const { session, sent } = recordingSession();
    session.warm(["glue", "s3"]);
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toEqual([]);
    const replay = new AwsSession({ region: "us-east-1", replay: { format: "glue-validate-snapshot", version: 1, recordedAt: "", region: "us-east-1", calls: [] } });
    replay.warm(["glue"]);
    await replay.close();
  });
});
