// What the bundle makes a run load. A bare start (`--version`, `--help`, a mistyped flag) loads dist/main.js and the
// chunks it imports statically: every command's implementation, zod, yaml, the SDK and the reporters are behind import().
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";

const main = join("dist", "main.js");
const built = existsSync(main);

/** The bundle files loaded before any code runs: `file` and, transitively, its static `import … from "./x.js"`. */
function staticGraph(file: string, seen = new Map<string, number>()): Map<string, number> {
  if (seen.has(file)) return seen;
  const text = readFileSync(file, "utf8");
  seen.set(file, Buffer.byteLength(text));
  for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) staticGraph(join(dirname(file), m[1]!), seen);
  return seen;
}

it.skipIf(!built)("a bare start loads at most 100 KB of bundled code (skipped until `npm run build`)", () => {
  const graph = staticGraph(main);
  const bytes = [...graph.values()].reduce((a, b) => a + b, 0);
  expect(bytes, [...graph].map(([f, n]) => `${f} ${n}`).join("\n")).toBeLessThan(100 * 1024);
  // The commands themselves are still reachable, each through a dynamic import().
  expect(readFileSync(main, "utf8")).toMatch(/import\("\.\/chunks\/[^"]+\.js"\)/);
});

it.skipIf(!built)("the bundle keeps zod's English messages only (skipped until `npm run build`)", () => {
  const chunks = readdirSync(join("dist", "chunks")).map((f) => readFileSync(join("dist", "chunks", f), "utf8"));
  expect(chunks.some((c) => c.includes("Invalid input: expected"))).toBe(true);
  // German, one of the locales zod ships: the bundle's z.locales holds English alone (scripts/build.mjs).
  expect(chunks.some((c) => c.includes("Eingabe: erwartet"))).toBe(false);
});
