// The HTML report in real headless Chromium (skipped when /usr/bin/chromium is missing): our hashed script runs under
// the CSP, nothing hostile becomes an element, and a screenshot renders.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { renderHtml } from "../../src/report/html.js";
import { hostile, realReports } from "./fixtures.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-extensions", "--no-first-run"];

describe.skipIf(!existsSync(CHROMIUM))("html report in headless Chromium", () => {
  it("runs the page script under the CSP, injects nothing, and takes a screenshot", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gv-html-"));
    const file = join(dir, "hostile.html");
    const r = hostile((await realReports()).partial);
    writeFileSync(file, renderHtml(r));
    const dom = execFileSync(CHROMIUM, [...FLAGS, `--user-data-dir=${join(dir, "profile")}`, "--dump-dom", `file://${file}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000 });
    const doc = parseHTML(dom).document;
    expect(doc.documentElement.className).toContain("js");
    expect([...doc.querySelectorAll("img")].length).toBe(0);
    expect([...doc.querySelectorAll("script")].length).toBe(1);
    expect([...doc.querySelectorAll("details.c")].length).toBe(r.tasks.flatMap((t) => t.criteria).length);
    const png = join(dir, "shot.png");
    execFileSync(CHROMIUM, [...FLAGS, `--user-data-dir=${join(dir, "profile2")}`, "--hide-scrollbars", "--window-size=1100,1600", `--screenshot=${png}`, `file://${file}`], { stdio: "ignore", timeout: 60_000 });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });
});
