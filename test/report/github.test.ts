// GitHub workflow commands: one annotation per failing/unchecked criterion, escaped so student text cannot start another command.
import { describe, expect, it } from "vitest";
import { githubAnnotations, githubOutputs, githubQuiet } from "../../src/report/github.js";
import { ghData, ghProperty } from "../../src/report/escape.js";
import { hostile, realReports, WARNING_PAYLOADS, withErrors, withWarnings } from "./fixtures.js";

/** Parses workflow-command lines the way the runner does: `::cmd key=value,key=value::data`, with the escapes undone. */
function parseCommands(text: string) {
  const undo = (s: string) => s.replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%");
  return text.split("\n").filter((l) => l.startsWith("::")).map((l) => {
    const m = /^::(\w[\w-]*)(?: ([^:]*))?::(.*)$/.exec(l);
    if (!m) throw new Error(`not a workflow command: ${l}`);
    const props = Object.fromEntries((m[2] ?? "").split(",").filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), undo(kv.slice(kv.indexOf("=") + 1))]));
    return { command: m[1]!, props, data: undo(m[3]!) };
  });
}

describe("github annotations", () => {
  it("escape rules", () => {
    expect(ghData("50% done\r\nnext: a, b")).toBe("50%25 done%0D%0Anext: a, b");
    expect(ghProperty("50% done\r\nnext: a, b")).toBe("50%25 done%0D%0Anext%3A a%2C b");
  });

  it("the partial world with errors: ::error per failing criterion, ::warning per unchecked one", async () => {
    const r = withErrors((await realReports()).partial);
    const text = githubAnnotations(r, 1000);
    const cmds = parseCommands(text);
    expect(text.trimEnd().split("\n")).toHaveLength(cmds.length);
    expect(cmds.filter((c) => c.command === "error")).toHaveLength(r.counts.fail);
    expect(cmds.filter((c) => c.command === "warning")).toHaveLength(r.counts.error + (r.counts.warning ?? 0));
    const fails = r.tasks.flatMap((t) => t.criteria.filter((c) => c.status === "fail").map((c) => ({ t, c })));
    const errs = cmds.filter((c) => c.command === "error");
    fails.forEach(({ t, c }, i) => {
      expect(errs[i]!.props.title).toBe(`${t.title}: ${c.title}`);
      expect(errs[i]!.data.startsWith(c.message)).toBe(true);
    });
    const unchecked = cmds.find((c) => c.command === "warning")!.data;
    expect(unchecked).toMatch(/^could not be checked: /);
    expect(unchecked).not.toContain("could not be checked: could not be checked");
    expect(unchecked).toContain("AWS action: s3:GetBucketPolicy");
  });

  it("at most 10 annotations by default (GitHub shows no more), then one notice that counts the rest", async () => {
    const r = withErrors((await realReports()).partial);
    const all = r.counts.fail + r.counts.error + (r.counts.warning ?? 0);
    expect(all).toBeGreaterThan(10);
    const cmds = parseCommands(githubAnnotations(r));
    expect(cmds).toHaveLength(11);
    expect(cmds.slice(0, 10).every((c) => c.command !== "notice")).toBe(true);
    expect(cmds[10]).toMatchObject({ command: "notice", data: expect.stringContaining(`${all - 10} more failing, unchecked or warning criteria are not annotated`) });
  });

  it("caps the number of annotations with a notice", async () => {
    const r = (await realReports()).partial;
    const cmds = parseCommands(githubAnnotations(r, 5));
    expect(cmds).toHaveLength(6);
    expect(cmds[5]!.command).toBe("notice");
  });

  it("a hostile report: one command per line, nothing injected, payloads round-trip", async () => {
    const r = hostile((await realReports()).partial);
    const text = githubAnnotations(r, 1000);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(r.counts.fail + r.counts.error + (r.counts.warning ?? 0));
    for (const l of lines) expect(l).toMatch(/^::(error|warning) title=[^:,\r\n]*::[^\r\n]*$/);
    expect(text).toContain("%250A::error::");
    expect(text).not.toMatch(/[\u0000\u001b\r]/);
    const cmds = parseCommands(text);
    expect(cmds.some((c) => c.props.title!.includes("x\n::error title=spoof::injected"))).toBe(true);
  });

  it("warnings: one ::warning each, after every ::error, escaped so a hostile message starts no command", async () => {
    const r = withWarnings(withErrors((await realReports()).partial));
    const text = githubAnnotations(r, 1000);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(r.counts.fail + r.counts.error + r.counts.warning);
    for (const l of lines) expect(l).toMatch(/^::(error|warning) title=[^:,\r\n]*::[^\r\n]*$/);
    expect(text).toContain("%250A::error::x");
    expect(text).not.toMatch(/[\u0000\u001b\r]/);
    const cmds = parseCommands(text);
    const advice = cmds.filter((c) => c.data.startsWith("warning (advisory, no points lost): "));
    expect(advice).toHaveLength(WARNING_PAYLOADS.length);
    expect(advice.every((c) => c.command === "warning")).toBe(true);
    expect(cmds.slice(-advice.length)).toEqual(advice);
    expect(advice.map((c) => c.data.split(" expected")[0])).toEqual(WARNING_PAYLOADS.map((p) => `warning (advisory, no points lost): ${p.replace("\u001b", "")}`));
    expect(advice[0]!.data).toContain("\nhint: </script><img src=x onerror=alert(1)> hint");
    expect(githubOutputs(r)).toContain(`warnings=${WARNING_PAYLOADS.length}\n`);
    expect(githubOutputs(r)).toContain(`errors=${r.counts.error}\n`);
  });

  it("outputs and the stop-commands fence", async () => {
    const r = (await realReports()).partial;
    const out = githubOutputs(r);
    expect(out).toContain(`score=${r.score.points}\n`);
    expect(out).toContain(`percent=${r.score.percent}\n`);
    expect(out).toContain(`passed=${r.score.passed}\n`);
    const fenced = githubQuiet("a\n::error::x\n", "tok");
    expect(fenced).toBe("::stop-commands::tok\na\n::error::x\n::tok::\n");
    expect(githubQuiet("a")).toMatch(/^::stop-commands::([0-9a-f]{32})\na\n::\1::\n$/);
  });
});
