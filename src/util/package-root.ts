// Where the installed package is: the nearest folder above this module holding package.json.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let found: string | undefined;

/** The package root (package.json, rubrics/, examples/, dist/), from src/, dist/ or dist/chunks/. */
export function packageRoot(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the glue-validate package root");
    dir = up;
  }
  return (found = dir);
}
