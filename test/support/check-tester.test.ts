// The check tester itself: scripted answers match as aws-sdk-client-mock's did, unscripted calls fail loudly, and a
// check whose facts break its schema or that writes is caught.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GetCrawlerCommand, GetCrawlersCommand, StartCrawlerCommand } from "@aws-sdk/client-glue";
import type { CheckModule } from "../../src/grade/check.js";
import type { Facts } from "../../src/grade/facts.js";
import { awsError, collectWith, FakeAws } from "./check-tester.js";

const probe = (facts: z.ZodType, write = false): CheckModule => ({
  id: "probe",
  description: "reads one crawler",
  names: [],
  actions: ["glue:GetCrawler"],
  facts: facts as z.ZodType<Facts>,
  async collect(ctx) {
    if (write) await ctx.aws.send("glue", new StartCrawlerCommand({ Name: "c" }));
    const r = await ctx.read("glue", new GetCrawlerCommand({ Name: "c" }), { missing: ["EntityNotFoundException"] });
    return r.ok ? { state: r.value.Crawler?.State ?? null } : { state: r.fact };
  },
});

describe("FakeAws", () => {
  it("answers input-specific scripts before general ones, the newest first, and once-answers before lasting ones", async () => {
    const aws = new FakeAws();
    const glue = aws.client("glue");
    glue.on(GetCrawlersCommand).resolves({ Crawlers: [{ Name: "any" }] });
    glue.on(GetCrawlersCommand, { NextToken: "t1" }).resolves({ Crawlers: [{ Name: "page2" }] });
    glue.on(GetCrawlerCommand).resolves({ Crawler: { Name: "old" } }).on(GetCrawlerCommand).resolvesOnce({ Crawler: { Name: "first" } }).resolves({ Crawler: { Name: "later" } });
    const t = aws.transport;
    const ask = (operation: string, input: object) => t({ service: "glue", region: "us-east-1", operation, input });
    expect(await ask("GetCrawlers", {})).toEqual({ Crawlers: [{ Name: "any" }] });
    expect(await ask("GetCrawlers", { NextToken: "t1" })).toEqual({ Crawlers: [{ Name: "page2" }] });
    expect(await ask("GetCrawler", { Name: "x" })).toEqual({ Crawler: { Name: "first" } });
    expect(await ask("GetCrawler", { Name: "x" })).toEqual({ Crawler: { Name: "later" } });
    expect(glue.commandCalls(GetCrawlersCommand).map((i) => i.NextToken)).toEqual([undefined, "t1"]);
    await expect(ask("GetTable", {})).rejects.toThrow("the test scripted no answer for glue:GetTable");
    await expect(aws.transport({ service: "s3", region: "us-east-1", operation: "GetCrawler", input: {} })).rejects.toThrow("no answer for s3:GetCrawler");
  });

  it("throws scripted AWS errors, which the check context reads as missing or as an error fact", async () => {
    await expect(collectWith(probe(z.object({ state: z.unknown() })), () => undefined, { student: "1" })).rejects.toThrow("probe read what the test did not script: glue:GetCrawler");
    const got = await collectWith(probe(z.object({ state: z.unknown() })), (a) => a.client("glue").on(GetCrawlerCommand).rejects(awsError("EntityNotFoundException")), { student: "1" });
    expect(got.facts.state).toMatchObject({ $error: { kind: "notFound" } });
  });

  it("fails a check whose facts break its declared schema, and one that writes", async () => {
    const given = (a: FakeAws) => void a.client("glue").on(GetCrawlerCommand).resolves({ Crawler: { Name: "c", State: "READY" } }).on(StartCrawlerCommand).resolves({});
    await expect(collectWith(probe(z.object({ state: z.number() })), given, { student: "1" })).rejects.toThrow("break its declared schema: state:");
    await expect(collectWith(probe(z.object({ state: z.string() }), true), given, { student: "1" })).rejects.toThrow(/StartCrawler/);
    expect((await collectWith(probe(z.object({ state: z.string() })), given, { student: "1" })).facts).toEqual({ state: "READY" });
  });

  it("fails a check that returns a fact its schema does not declare (zod would strip it silently)", async () => {
    const aws = new FakeAws();
    aws.client("glue").on(GetCrawlerCommand).resolves({ Crawler: { Name: "c", State: "READY" } });
    await expect(aws.collect(probe(z.object({})), aws.context({ student: "1" }))).rejects.toThrow("undeclared facts state");
    expect(await aws.collect(probe(z.object({ state: z.string() })), aws.context({ student: "1" }))).toEqual({ state: "READY" });
  });
});
