// `npm run build`: the CLI as one esbuild ESM bundle with code splitting (dist/main.js + dist/chunks/). Every
// literal-string dynamic import() (an SDK client per service, an assessment's checks, a reader) becomes its own chunk,
// loaded only when a run needs it. Runtime dependencies are bundled: the packed package installs nothing.
// `--metafile` also writes dist/meta.json (what each chunk holds, for `npx esbuild --analyze`-style inspection).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
rmSync(outdir, { recursive: true, force: true });

/**
 * Checks import command classes from SDK client packages (`import { GetJobCommand } from "@aws-sdk/client-glue"`).
 * In the bundle those imports get light stand-ins (src/aws/lazy-command.ts) that only keep their input, so loading a
 * check loads no SDK package; src/aws/services.ts alone imports the real packages, one chunk per service, and the
 * session swaps in the real command when a call goes to AWS.
 */
const lazySdkCommands = {
  name: "lazy-sdk-commands",
  setup(b) {
    const services = join(root, "src/aws/services.ts");
    const lazy = join(root, "src/aws/lazy-command.ts");
    const used = usedSdkCommands();
    b.onResolve({ filter: /^@aws-sdk\/client-[a-z0-9-]+$/ }, (args) => {
      if (args.namespace === "sdk-subset") return undefined;
      if (args.importer === services) return { path: args.path, namespace: "sdk-subset" };
      return { path: args.path, namespace: "lazy-sdk-commands" };
    });
    // What services.ts loads for a service: its client and only the commands some source file imports, so each
    // service's chunk holds those operations' schemas instead of all of them (Glue: 265 operations).
    b.onLoad({ filter: /.*/, namespace: "sdk-subset" }, (args) => {
      const names = used.get(args.path);
      const client = clientNames().get(args.path);
      if (!names || !client || names === "all") return { contents: `export * from ${JSON.stringify(args.path)};\n`, loader: "js", resolveDir: root };
      return { contents: `export { ${[client, ...[...names].sort()].join(", ")} } from ${JSON.stringify(args.path)};\n`, loader: "js", resolveDir: root };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-sdk-commands" }, (args) => {
      const index = readFileSync(join(root, "node_modules", args.path, "dist-types/commands/index.d.ts"), "utf8");
      const names = [...index.matchAll(/"\.\/(\w+Command)"/g)].map((m) => m[1]);
      const lines = names.map((n) => `export const ${n} = /* @__PURE__ */ lazyCommand(${JSON.stringify(n)});`);
      return { contents: `import { lazyCommand } from ${JSON.stringify(lazy)};\n${lines.join("\n")}\n`, loader: "js", resolveDir: root };
    });
  },
};

/**
 * zod's `z.locales` (and `z.core.locales`) namespace holds the error messages of every language it ships: about 260 KB
 * minified, more than half of zod in the bundle, compiled by every run that grades. Only English is used (zod
 * registers it as the default itself), so in the bundle that namespace holds English alone.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)) return undefined;
      return { path: join(args.resolveDir, "../locales/en.js"), namespace: "zod-english-only" };
    });
    b.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
      loader: "js",
      resolveDir: dirname(args.path),
    }));
  },
};

/** Source files the bundle is built from (tests excluded). */
function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) out.push(p);
    }
  };
  for (const dir of ["src", "checks", "readers"]) if (existsSync(join(root, dir))) walk(join(root, dir));
  return out;
}

/** package → the command classes imported from it anywhere in the sources ("all" when imported as a namespace). */
function usedSdkCommands() {
  const used = new Map();
  for (const file of sourceFiles()) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:import|export)\s+(type\s+)?(\{[^}]*\}|\*(?:\s+as\s+\w+)?)\s+from\s+"(@aws-sdk\/client-[a-z0-9-]+)"/g)) {
      const [, typeOnly, what, pkg] = m;
      if (typeOnly) continue;
      if (what.startsWith("*")) {
        used.set(pkg, "all");
        continue;
      }
      const set = used.get(pkg) ?? new Set();
      if (set === "all") continue;
      for (const part of what.slice(1, -1).split(",")) {
        const name = part.trim().split(/\s+as\s+/)[0].trim();
        if (name && !name.startsWith("type ") && name.endsWith("Command")) set.add(name);
      }
      used.set(pkg, set);
    }
  }
  return used;
}

let clients;
/** package → its client class name, as src/aws/services.ts names it. */
function clientNames() {
  clients ??= new Map([...readFileSync(join(root, "src/aws/services.ts"), "utf8").matchAll(/import\("(@aws-sdk\/client-[a-z0-9-]+)"\)\s*,\s*"(\w+)"/g)].map((m) => [m[1], m[2]]));
  return clients;
}

const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "src/cli/main.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  // ES module builds first (the SDK ships both): tree-shaken, and a dynamic import() of a package gives its named exports.
  mainFields: ["module", "main"],
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  // Bundled CommonJS dependencies may require() Node built-ins: give ESM chunks a real require.
  banner: { js: 'import { createRequire as __gvCreateRequire } from "node:module"; const require = __gvCreateRequire(import.meta.url);' },
  legalComments: "none",
  // Minified: about 15% less to parse at every start. Nothing depends on a class's name (SDK command stand-ins carry
  // theirs explicitly); readable stack traces come from the sources (vitest, tsx).
  minify: true,
  keepNames: false,
  sourcemap: false,
  metafile: true,
  // The bundle takes shipped rubrics as validated by this build (dist/rubric-cache.json); sources always validate.
  define: { __GV_BUNDLE__: "true" },
  plugins: [lazySdkCommands, zodEnglishOnly],
  logLevel: "warning",
});
if (process.argv.includes("--metafile")) writeFileSync(join(outdir, "meta.json"), JSON.stringify(result.metafile));
const outputs = Object.keys(result.metafile.outputs);
const mainBytes = result.metafile.outputs["dist/main.js"]?.bytes ?? 0;
console.log(`built dist/: ${outputs.length} files, main.js ${(mainBytes / 1024).toFixed(0)} KB`);

/** The rubric schema (src/rubric/schema.ts, bundled on the fly), to validate the shipped rubrics now. */
async function loadRubricSchema() {
  const out = await build({ absWorkingDir: root, entryPoints: ["src/rubric/schema.ts"], bundle: true, format: "esm", platform: "node", mainFields: ["module", "main"], write: false, logLevel: "warning" });
  return (await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`)).rubricSchema;
}

/**
 * dist/rubric-cache.json (src/rubric/yaml-cache.ts), keyed by the sha-256 of a file's text: `yaml`, every shipped YAML
 * file (any .yaml under rubrics/) parsed now, so a run does not parse YAML; `rubrics`, those that are valid rubrics as
 * the schema returns them, so the bundle (built with that same schema) does not run zod on a shipped rubric: a run's
 * first validation costs more than the rest of its rubric work. Only what survives JSON unchanged is kept.
 */
async function rubricCache() {
  const cache = { yaml: {}, rubrics: {} };
  const rubricSchema = await loadRubricSchema();
  const sameAsJson = (v) => isDeepStrictEqual(v, JSON.parse(JSON.stringify(v)));
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const text = readFileSync(p, "utf8");
        const doc = parseDocument(text, { prettyErrors: false });
        if (doc.errors.length) continue;
        const data = doc.toJS();
        if (!sameAsJson(data)) continue;
        const key = createHash("sha256").update(text).digest("base64url");
        cache.yaml[key] = data;
        const checked = rubricSchema.safeParse(structuredClone(data));
        if (checked.success && sameAsJson(checked.data)) cache.rubrics[key] = checked.data;
      }
    }
  };
  walk(join(root, "rubrics"));
  return cache;
}
const cache = await rubricCache();
writeFileSync(join(outdir, "rubric-cache.json"), JSON.stringify(cache));
console.log(`dist/rubric-cache.json: ${Object.keys(cache.yaml).length} YAML files, ${Object.keys(cache.rubrics).length} of them valid rubrics`);
