// Test-only workarounds for the pinned SDK, installed before any @aws-sdk client is loaded (import this module first).
//
// 1. @aws-sdk/client-sts@3.1048.0 (dist-cjs/index.js, line 15) requires "@aws-sdk/region-config-resolver", which it
//    does not declare as a dependency, so it is not installed: loading client-sts (and so src/cli/grade-command.ts,
//    which imports GetCallerIdentityCommand) fails with "Cannot find module '@aws-sdk/region-config-resolver'".
//    The only function it uses, stsRegionDefaultResolver, now lives in @aws-sdk/core/client. When (and only when)
//    the package cannot be resolved, the request is redirected there. The real fix belongs in package.json (declare
//    @aws-sdk/region-config-resolver as a dependency); then this shim does nothing.
// 2. The SDK's NodeVersionSupportWarning (Node 20) is dropped, as bin/glue-validate.js does for users.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const MISSING = "@aws-sdk/region-config-resolver";

/** True when the shim had to redirect the missing package (reported once by the tests that care). */
export let stsShimActive = false;

function resolvable(id: string): boolean {
  try {
    require.resolve(id);
    return true;
  } catch {
    return false;
  }
}

if (!resolvable(MISSING)) {
  const Module = require("node:module") as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const target = require.resolve("@aws-sdk/core/client");
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]): string {
    if (request === MISSING) return target;
    return original.call(this, request, ...rest);
  };
  stsShimActive = true;
}

const emitWarning = process.emitWarning;
process.emitWarning = function (warning: string | Error, ...rest: unknown[]): void {
  if (String(warning).startsWith("NodeVersionSupportWarning")) return;
  return (emitWarning as (...a: unknown[]) => void).call(process, warning, ...rest);
} as typeof process.emitWarning;
