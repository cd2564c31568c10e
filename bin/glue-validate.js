#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli, bundled into dist/ by `npm run build` (also run by `npm install` in a clone
// and by `npm pack`; an installed package ships dist/ prebuilt).

// A batch keeps one process for a whole class: V8 would let its heap grow lazily far beyond what grading needs
// (measured: 455 MB peak RSS for 1,000 students uncapped, 269 MB with this cap), so it runs with a capped heap.
const BATCH_HEAP_MB = 160;
const capped = process.execArgv.some((a) => a.startsWith("--max-old-space-size")) || /max-old-space-size/.test(process.env.NODE_OPTIONS ?? "");
if (process.argv[2] === "batch" && !capped) {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [`--max-old-space-size=${BATCH_HEAP_MB}`, ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  // Ctrl-C reaches the child too (same process group): it stops cleanly and its exit code is ours.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 1)));
} else {
  // Node 22.1+ keeps the bundle's compiled code between runs (a cache in the temp folder); Node 20 has no such API.
  const { enableCompileCache } = await import("node:module");
  enableCompileCache?.();
  import("../dist/main.js")
    .then((cli) => cli.main(process.argv))
    .catch((err) => {
      const missing = err && err.code === "ERR_MODULE_NOT_FOUND";
      process.stderr.write(`glue-validate: could not start (${missing ? "run `npm install` or `npm run build` first" : String(err)})\n`);
      process.exit(70);
    });
}
