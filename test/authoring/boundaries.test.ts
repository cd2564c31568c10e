// The layering of docs/ARCHITECTURE.md, checked on the import statements: the core never imports an assessment's
// code (checks/, readers/) except through the one composition root, and checks and readers never reach into the CLI,
// the application layer, reports or batch.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** Every relative module a file imports (static and dynamic), as a path from the project root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
  return specs.map((s) => relative(root, resolve(root, dirname(file), s)));
}

const COMPOSITION_ROOT = "src/app/assessments.ts";

describe("import boundaries", () => {
  it("no core module imports checks/ or readers/ except the composition root", () => {
    const offenders = filesUnder("src")
      .filter((f) => f !== COMPOSITION_ROOT)
      .flatMap((f) => importsOf(f).filter((i) => /^(checks|readers)\//.test(i)).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
    // The root itself does reach them (so the rule above is about something real).
    expect(importsOf(COMPOSITION_ROOT).some((i) => /^(checks|readers)\//.test(i))).toBe(true);
  });

  it("checks and readers depend on the grading core only, never on the CLI, the application layer, reports or batch", () => {
    const offenders = [...filesUnder("checks"), ...filesUnder("readers")].flatMap((f) => importsOf(f).filter((i) => /^src\/(cli|app|report|batch)\//.test(i)).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it("one assessment's checks do not import another's (shared code lives in checks/shared)", () => {
    const offenders = filesUnder("checks")
      .filter((f) => !f.startsWith("checks/shared/") && f !== "checks/index.ts")
      .flatMap((f) => {
        const own = f.split("/")[1];
        return importsOf(f).filter((i) => i.startsWith("checks/") && !i.startsWith(`checks/${own}/`) && !i.startsWith("checks/shared/")).map((i) => `${f} → ${i}`);
      });
    expect(offenders).toEqual([]);
  });
});
