// The browser helper itself: it must see what the page tests rely on it to see (a CSP violation, a request, a dialog).
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describeWithChromium, launchChromium, watchPage, type TestBrowser } from "./browser.js";

describeWithChromium("browser helper", () => {
  let browser: TestBrowser;
  beforeAll(async () => void (browser = await launchChromium()), 60_000);
  afterAll(async () => browser?.close());

  it("reports a CSP violation, an outside request and a dialog; a clean page reports nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-helper-"));
    const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:">`;
    writeFileSync(join(dir, "bad.html"), `<!DOCTYPE html><html><head>${csp}</head><body><script>alert(1)</script><img src="https://example.invalid/x.png"></body></html>`);
    writeFileSync(join(dir, "open.html"), `<!DOCTYPE html><html><body><script>alert("hi")</script><img src="https://example.invalid/x.png"></body></html>`);
    writeFileSync(join(dir, "good.html"), `<!DOCTYPE html><html><head>${csp}</head><body><p>fine</p></body></html>`);
    const visit = async (f: string) => {
      const page = await browser.context.newPage();
      const w = watchPage(page);
      await page.goto(pathToFileURL(join(dir, f)).href);
      await page.waitForLoadState("load");
      await page.close();
      return w;
    };
    const bad = await visit("bad.html");
    expect(bad.errors.join("\n")).toMatch(/Content Security Policy/);
    expect(bad.dialogs).toEqual([]);
    const open = await visit("open.html");
    expect(open.dialogs).toEqual(["alert: hi"]);
    expect(open.requests).toEqual(["https://example.invalid/x.png"]);
    const good = await visit("good.html");
    expect(good).toEqual({ errors: [], requests: [], dialogs: [] });
  });
});
