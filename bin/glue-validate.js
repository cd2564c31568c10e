#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli, compiled to dist/ by `npm install` (prepare) or `npm run build`.

// The pinned AWS SDK supports Node 20; its notice about future SDK releases needing Node 22 is not for our users.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  if (String(warning).startsWith("NodeVersionSupportWarning")) return;
  return emitWarning.call(process, warning, ...rest);
};

import("../dist/src/cli/main.js")
  .then((cli) => cli.main(process.argv))
  .catch((err) => {
    const missing = err && err.code === "ERR_MODULE_NOT_FOUND";
    process.stderr.write(`glue-validate: could not start (${missing ? "run `npm install` or `npm run build` first" : String(err)})\n`);
    process.exit(70);
  });
