#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli, compiled to dist/ by `npm install` (prepare) or `npm run build`.
import("../dist/src/cli/main.js").then((cli) => cli.main(process.argv)).catch((err) => {
  process.stderr.write(`glue-validate: could not start (${err && err.code === "ERR_MODULE_NOT_FOUND" ? "run `npm install` or `npm run build` first" : String(err)})\n`);
  process.exit(70);
});
