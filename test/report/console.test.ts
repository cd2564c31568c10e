// The console reporter keeps stripping terminal control sequences from student text.
import { describe, expect, it } from "vitest";
import { renderConsole } from "../../src/report/console.js";
import { render, REPORT_FORMATS } from "../../src/report/index.js";
import { hostile, realReports, WARNING_PAYLOADS, withWarnings } from "./fixtures.js";

describe("console reporter", () => {
  it("a hostile report prints no raw ESC, NUL or C1 control, with or without colour", async () => {
    const r = hostile((await realReports()).partial);
    const plain = renderConsole(r, { color: false, verbose: true });
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(plain).toContain("</script><img src=x onerror=alert(1)>");
    const colored = renderConsole(r, { color: true, verbose: true });
    // the only escape sequences are chalk's SGR colours
    expect(colored.replace(/\u001b\[\d+(?:;\d+)*m/g, "")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(colored).not.toContain("\u001b[2J");
  });

  it("--verbose shows a criterion's evidence in words, never as JSON", async () => {
    const r = structuredClone((await realReports()).partial);
    const failing = r.tasks.flatMap((t) => t.criteria).find((c) => c.status === "fail")!;
    failing.evidence = { keyMatchesAlias: false, keyArn: "arn:aws:kms:us-east-1:123456789012:key/beef", rules: [{ id: "r1", days: 30 }] };
    const plain = renderConsole(r, { color: false, verbose: true });
    expect(plain).toContain("evidence: key matches alias: no, key arn: arn:aws:kms:us-east-1:123456789012:key/beef, rules:");
    expect(plain).not.toMatch(/evidence: [{[]/);
  });

  it("warnings: a yellow `warn` marker without --verbose, message and hint, a summary count; hostile text neutralised", async () => {
    const r = withWarnings((await realReports()).partial);
    expect(r.counts.warning).toBe(WARNING_PAYLOADS.length);
    const plain = renderConsole(r, { color: false, verbose: false });
    const lines = plain.split("\n");
    const marks = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith("    warn "));
    expect(marks).toHaveLength(WARNING_PAYLOADS.length);
    for (const [l, i] of marks) {
      expect(l).toMatch(/\(advisory, no points\)$/);
      expect(lines[i + 1]).toMatch(/^ {8}\S.* expected the pattern to name deployed jobs, found "data-ingestion"$/);
      expect(lines[i + 2]).toMatch(/^ {8}hint: /);
    }
    expect(plain).toContain(`${WARNING_PAYLOADS.length} warnings: advice only`);
    expect(plain).toContain("</script><img src=x onerror=alert(1)> expected");
    expect(plain).toContain("%0A::error::x expected");
    expect(plain).toContain("�red expected");
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const colored = renderConsole(r, { color: true, verbose: false });
    expect(colored).toContain("\u001b[33mwarn\u001b[39m");
    expect(colored).not.toContain("\u001b[31mred");
  });

  it("every format renders the hostile report", async () => {
    const r = hostile((await realReports()).partial);
    for (const f of REPORT_FORMATS) expect(render(f, r).length).toBeGreaterThan(100);
  });
});
