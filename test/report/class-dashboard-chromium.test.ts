// The class dashboard of a 200-student batch in real headless Chromium: rendered by `batch report` from stored
// results, it runs its one hashed script under the CSP with no console error or request, shows its charts, sorts and
// filters the student table, keeps hostile roster values inert, prints without the toolbar, and leaves a screenshot
// in docs/class-dashboard.png for the README.
import { afterAll, beforeAll, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { runBatchReportCommand } from "../../src/cli/batch-command.js";
import { classFolder, HOSTILE } from "../batch/class-folder.js";
import { memoryIo } from "../batch/class-world.js";
import { describeWithChromium, launchChromium, watchPage, type TestBrowser, type PageWatch } from "../support/browser.js";

const SCREENSHOT = fileURLToPath(new URL("../../docs/class-dashboard.png", import.meta.url));
const N = 200;

/** The sort keys of one column of the student table, top to bottom (visible rows only). */
const column = async (page: Page, header: string) =>
  (await page.evaluate(`(() => {
    const t = document.getElementById("students");
    const i = [...t.tHead.rows[0].cells].findIndex((c) => c.textContent.trim().startsWith(${JSON.stringify(header)}));
    return [...t.tBodies[0].rows].filter((r) => !r.hidden).map((r) => r.cells[i].getAttribute("data-k"));
  })()`)) as (string | null)[];

describeWithChromium("class dashboard in headless Chromium", () => {
  let browser: TestBrowser;
  let page: Page;
  let watch: PageWatch;
  let out: string;

  beforeAll(async () => {
    out = await classFolder(N);
    const io = memoryIo();
    expect(await runBatchReportCommand(out, { report: ["html"] }, io)).toBe(0);
    browser = await launchChromium({ width: 1280, height: 1900 });
    page = await browser.context.newPage();
    watch = watchPage(page);
    await page.goto(pathToFileURL(join(out, "class.html")).href);
    await page.waitForLoadState("load");
  }, 120_000);
  afterAll(async () => browser?.close());

  it("runs its script under the CSP: no console error, no request, no dialog", async () => {
    expect(await page.evaluate("document.documentElement.className")).toContain("js");
    expect(watch).toEqual({ errors: [], requests: [], dialogs: [] });
  });

  it("shows the score distribution, the heat map and the most common mistakes", async () => {
    const bars = await page.$$eval("#histogram rect.hb", (rs) => rs.map((r) => Number(r.getAttribute("height"))));
    expect(bars).toHaveLength(10);
    expect(bars.filter((h) => h > 0).length).toBeGreaterThan(3);
    const box = await page.locator("#histogram").boundingBox();
    expect(box!.width).toBeGreaterThan(500);
    const rates = await page.$$eval("#heat .cell", (cs) => cs.map((c) => c.getAttribute("data-rate")));
    expect(rates.length).toBeGreaterThan(30);
    expect(new Set(rates).size).toBeGreaterThan(5);
    const mistakes = await page.$$eval("#mistake-list > li", (ls) => ls.map((l) => ({ count: Number(/\d+/.exec(l.querySelector(".count")!.textContent!)![0]), who: l.querySelectorAll("details a").length })));
    expect(mistakes.length).toBe(12);
    expect(mistakes[0]!.count).toBeGreaterThanOrEqual(mistakes.at(-1)!.count);
    // every student who made the mistake is listed, each linked to their report
    for (const m of mistakes) expect(m.who).toBe(m.count);
  });

  it("lists every student with a link to a report that exists, and sorts and filters the table", async () => {
    const links = await page.$$eval("#students tbody tr td:first-child a", (as) => as.map((a) => a.getAttribute("href")!));
    expect(links).toHaveLength(N - 2); // the two students not graded have no report
    for (const l of links.slice(0, 5)) expect(existsSync(join(out, decodeURIComponent(l)))).toBe(true);
    const num = (ks: (string | null)[]) => ks.filter((k) => k !== null).map(Number);
    await page.click("#students th:has-text('Percent') button");
    const asc = await column(page, "Percent");
    expect(num(asc)).toEqual([...num(asc)].sort((a, b) => a - b));
    expect(asc.slice(-2)).toEqual([null, null]); // not graded: last either way
    await page.click("#students th:has-text('Percent') button");
    const desc = await column(page, "Percent");
    expect(num(desc)).toEqual([...num(desc)].sort((a, b) => b - a));
    expect(await page.getAttribute("#students th:has-text('Percent')", "aria-sort")).toBe("descending");
    await page.click("#students th:has-text('Student') button");
    const ids = await column(page, "Student");
    expect(ids).toEqual([...ids].sort());
    await page.fill("#filter", "s0042");
    expect(await column(page, "Student")).toEqual(["s0042"]);
    await page.fill("#filter", "");
    expect(await column(page, "Student")).toHaveLength(N);
  });

  it("keeps hostile roster values and failure reasons inert text", async () => {
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("b[onmouseover]").count()).toBe(0);
    const row = page.locator("#students tbody tr", { hasText: "s0005" });
    expect(await row.locator("td").nth(1).textContent()).toBe(HOSTILE.name);
    expect(await row.locator("td").nth(2).textContent()).toBe(HOSTILE.section);
    expect(await page.locator("#incomplete + p + ul").textContent()).toContain(`AccessDenied: <b onmouseover=alert(3)>role</b> "quoted" & `);
    expect(watch.dialogs).toEqual([]);
  });

  it("fits a laptop screen: nothing scrolls sideways at 1366 or 1024 pixels", async () => {
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), `${width}px`).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 1900 });
  });

  it("prints without the toolbar and with the table heading in flow", async () => {
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".toolbar").isVisible()).toBe(false);
    expect(await page.evaluate(`getComputedStyle(document.querySelector("#students thead th")).position`)).toBe("static");
    await page.emulateMedia({ media: "screen" });
  });

  it("writes the screenshot the README shows", async () => {
    await page.click("#students th:has-text('Student') button"); // back to ID order, ascending
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: SCREENSHOT, clip: { x: 0, y: 0, width: 1280, height: 1900 } });
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.length).toBeGreaterThan(50_000);
  });
});
