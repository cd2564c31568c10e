// The packed tarball is the product outside a clone: it installs with no registry (no dependencies, no build step,
// no devDependencies) and runs `--version` and a replay of the bundled example from the installed copy.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = process.cwd();
const built = existsSync(join(root, "dist", "main.js"));
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
// An address nothing listens on: any attempt to reach a registry fails at once instead of downloading.
const NO_REGISTRY = "http://127.0.0.1:9/";

describe.skipIf(!built)("npm pack → install into an empty folder → run (skipped until `npm run build`)", () => {
  let dir: string;
  let bin: string;
  let installed: string;
  let files: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gv-pack-"));
    // dist/ is already built by `npm test`; --ignore-scripts keeps `prepare` from building it a second time.
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: root, encoding: "utf8" })) as { filename: string; files: { path: string }[] }[];
    files = packed[0]!.files.map((f) => f.path);
    const app = join(dir, "app");
    execFileSync("mkdir", ["-p", app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--registry", NO_REGISTRY, join(dir, packed[0]!.filename)], { cwd: app, encoding: "utf8", env: { ...process.env, npm_config_cache: join(dir, "cache") } });
    installed = join(app, "node_modules", "glue-validate");
    bin = join(app, "node_modules", ".bin", "glue-validate");
  }, 180_000);

  it("ships the bundle, rubrics and examples, and neither sources nor tests", () => {
    expect(files).toEqual(expect.arrayContaining(["dist/main.js", "bin/glue-validate.js", "rubrics/glue_hard.yaml", "examples/glue_hard/complete.json", "dist/rubric-cache.json"]));
    expect(files.filter((f) => /^(src|test|checks|readers|scripts|bench)\//.test(f))).toEqual([]);
  });

  it("installs nothing else: the installed package declares no dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { dependencies?: object };
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(existsSync(join(installed, "node_modules"))).toBe(false);
  });

  it("--version answers with the package version", () => {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(version);
    expect(r.stderr).toBe("");
  });

  it("grades the bundled complete example from the installed copy (replay: no AWS, no credentials)", () => {
    const example = join(installed, "examples", "glue_hard", "complete.json");
    const r = spawnSync(bin, ["glue_hard", "--student", "demo", "--replay", example, "--report", "json"], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: dir } });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { score: { percent: number; passed: boolean }; rubric: { assessment: string } };
    expect(report.rubric.assessment).toBe("glue_hard");
    expect(report.score.percent).toBe(100);
    expect(r.stderr).not.toMatch(/NodeDeprecationWarning|AWS SDK for JavaScript|node version/i);
  });
});
