// One way to drive Debian's headless Chromium from a test (playwright-core): launch with a fresh profile, watch a page
// for console errors, CSP violations and network requests, and skip with one clear line where Chromium is missing.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** The Chromium binary the browser tests drive (CHROMIUM overrides it). */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Flags for a quiet, offline, sandbox-less headless run (containers have no user namespaces). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

/**
 * Why the browser tests cannot run here, or undefined when they can. When GV_REQUIRE_CHROMIUM is set (CI sets it
 * after installing Chromium) a missing browser is not a reason to skip: the tests run and fail.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM) || process.env.GV_REQUIRE_CHROMIUM) return undefined;
  return `browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium, or set CHROMIUM=/path/to/chromium)`;
}

let announced = false;

/** `describe` for tests that need Chromium: skipped, with one line on stderr, where it is missing. */
export function describeWithChromium(name: string, fn: () => void): void {
  const why = chromiumMissing();
  if (why && !announced) {
    announced = true;
    process.stderr.write(`${why}\n`);
  }
  describe.skipIf(Boolean(why))(name, fn);
}

/** A running browser with its own fresh profile; `close` ends it and deletes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh user-data-dir. */
export async function launchChromium(o: { width?: number; height?: number } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "gv-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: o.width ?? 1280, height: o.height ?? 900 },
      offline: true,
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that a self-contained, CSP-clean page must not: errors on its console or in its scripts, and requests. */
export interface PageWatch {
  /** Console errors (CSP violations appear here) and uncaught exceptions. */
  errors: string[];
  /** URLs requested other than the page itself and data: URLs. */
  requests: string[];
  /** Dialogs opened (alert, confirm, prompt): an injected script would show here. */
  dialogs: string[];
}

/** Starts watching a page; call before `goto`. */
export function watchPage(page: Page): PageWatch {
  const w: PageWatch = { errors: [], requests: [], dialogs: [] };
  page.on("console", (m) => {
    if (m.type() === "error") w.errors.push(m.text());
  });
  page.on("pageerror", (e) => w.errors.push(`uncaught: ${e.message}`));
  let opened = false;
  page.on("request", (r) => {
    if (!opened && r.isNavigationRequest() && r.frame() === page.mainFrame()) opened = true; // the page itself
    else if (!r.url().startsWith("data:")) w.requests.push(r.url());
  });
  page.on("dialog", (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return w;
}
