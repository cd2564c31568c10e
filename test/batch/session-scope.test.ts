// The session additions the batch relies on: per-student views, releasing their answers, the rate limiter hook.
import { describe, expect, it } from "vitest";
import { GetDatabaseCommand, GetTriggersCommand } from "@aws-sdk/client-glue";
import { AwsSession, type Transport } from "../../src/aws/session.js";

const transport = (calls: string[]): Transport => async ({ operation, input }) => (calls.push(`${operation} ${JSON.stringify(input)}`), { ok: true });

describe("AwsSession.scope / release / rateLimit", () => {
  it("views share the memo and count their own stats into the session's", async () => {
    const calls: string[] = [];
    const acquired: string[] = [];
    const s = new AwsSession({ region: "us-east-1", transport: transport(calls), rateLimit: { acquire: async (c) => void acquired.push(`${c.service}:${c.operation}`) } });
    const a = s.scope();
    const b = s.scope();
    await Promise.all([a.send("glue", new GetTriggersCommand({})), b.send("glue", new GetTriggersCommand({}))]);
    await a.send("glue", new GetDatabaseCommand({ Name: "landing_s1" }));
    await b.send("glue", new GetDatabaseCommand({ Name: "landing_s10" }));
    expect(calls).toHaveLength(3);
    expect(acquired).toEqual(["glue:GetTriggers", "glue:GetDatabase", "glue:GetDatabase"]);
    expect(a.stats).toMatchObject({ calls: 2, memoHits: 0 });
    expect(b.stats).toMatchObject({ calls: 1, memoHits: 1 });
    expect(s.stats).toMatchObject({ calls: 3, memoHits: 1 });
    expect(a.region).toBe("us-east-1");
    expect(s.memoSize).toBe(3);
    // a drops only its own answers that the match selects: landing_s1, not the shared listing or b's s10
    expect(a.release((k) => /(?<![a-z0-9])s1(?![a-z0-9])/.test(k))).toBe(1);
    expect(s.memoSize).toBe(2);
    await b.send("glue", new GetTriggersCommand({}));
    expect(calls).toHaveLength(3);
  });
});
