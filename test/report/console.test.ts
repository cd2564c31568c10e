// The console reporter keeps stripping terminal control sequences from student text.
import { describe, expect, it } from "vitest";
import { renderConsole } from "../../src/report/console.js";
import { render, REPORT_FORMATS } from "../../src/report/index.js";
import { hostile, realReports } from "./fixtures.js";

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

  it("every format renders the hostile report", async () => {
    const r = hostile((await realReports()).partial);
    for (const f of REPORT_FORMATS) expect(render(f, r).length).toBeGreaterThan(100);
  });
});
