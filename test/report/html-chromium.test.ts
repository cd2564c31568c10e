// The HTML report in real headless Chromium (playwright-core driving /usr/bin/chromium; skipped only when it is
// missing): our hashed script runs under the CSP, nothing hostile becomes an element, long values wrap, and the
// page never scrolls sideways, at 400 px as on a desktop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { renderHtml } from "../../src/report/html.js";
import type { GradeReport } from "../../src/grade/result.js";
import { clone, hostile, realReports, withErrors } from "./fixtures.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The partial report with long unbroken values everywhere a student's text can go (names, messages, hints, evidence). */
function longValues(r: GradeReport): GradeReport {
  const out = clone(r);
  const long = `enterprise-datalake-${"x".repeat(180)}`;
  out.student = `s${"9".repeat(120)}`;
  out.tasks[0]!.title = `Task 1: ${long}`;
  for (const c of out.tasks.flatMap((t) => t.criteria).slice(0, 12)) {
    c.title = `Bucket ${long} exists`;
    c.message = `expected the bucket ${long}, found arn:aws:s3:::${long}/${"y".repeat(200)}`;
    c.hint = `Create s3://${long}/bronze/${"z".repeat(150)}`;
    c.evidence = { bucket: long, policy: "p".repeat(400), list: Array.from({ length: 5 }, () => long) };
  }
  return out;
}

describe.skipIf(!existsSync(CHROMIUM))("html report in headless Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "gv-html-"));
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, html: string, width: number) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const blocked: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && blocked.push(m.text())));
    await page.goto(`file://${file}`);
    return { page, blocked };
  }

  it("runs the page script under the CSP and injects nothing from a hostile report", async () => {
    const r = hostile((await realReports()).partial);
    const { page, blocked } = await open("hostile", renderHtml(r), 1100);
    expect(await page.locator("html").getAttribute("class")).toContain("js");
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("details.c").count()).toBe(r.tasks.flatMap((t) => t.criteria).length);
    // the script works: collapse all closes every criterion
    await page.click("#collapse");
    expect(await page.locator("details.c[open]").count()).toBe(0);
    expect(blocked.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    const png = await page.screenshot({ fullPage: false });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    await page.close();
  }, 60_000);

  it.each([400, 1100])("at %i px wide the page does not scroll sideways and long values wrap inside their boxes", async (width) => {
    const r = longValues(withErrors((await realReports()).partial));
    const { page } = await open(`long-${width}`, renderHtml(r), width);
    await page.click("#expand");
    // run in the page (a string: this project's TypeScript has no DOM types)
    const m = (await page.evaluate(`(() => {
      const doc = document.documentElement;
      const overflowing = [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1)
        .map((e) => e.tagName.toLowerCase() + "." + e.className);
      const scrolling = [...document.querySelectorAll("pre, dd, td, summary")]
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.tagName.toLowerCase() + " " + e.scrollWidth + ">" + e.clientWidth + ": " + (e.textContent || "").slice(0, 60));
      return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, overflowing: overflowing.slice(0, 5), scrolling: scrolling.slice(0, 5) };
    })()`)) as { scrollWidth: number; clientWidth: number; overflowing: string[]; scrolling: string[] };
    expect(m.clientWidth).toBe(width);
    expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth);
    expect(m.overflowing).toEqual([]);
    expect(m.scrolling).toEqual([]);
    await page.close();
  }, 60_000);
});
