// Where a generated CI job installs glue-validate from (`init-ci --install`): a tarball of this very package committed
// next to the workflow (the default: needs no registry), an exact registry version, or a git URL pinned to a commit.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { packageRoot } from "../util/package-root.js";
import { tarGz, type TarEntry } from "../util/tar.js";
import { UsageError } from "./exit.js";

/** How the job gets the tool. `spec` is what `npx --package=` is given. */
export type InstallSource =
  | { kind: "tarball"; spec: string; /** write this package's tarball here (absolute path) */ write?: string }
  | { kind: "registry"; spec: string }
  | { kind: "git"; spec: string };

const GIT = /^(github:|gitlab:|bitbucket:|git\+(https?|ssh|file):|git:\/\/|https?:\/\/\S+\.git(#|$))/;
const COMMIT = /#[0-9a-f]{7,40}$/i;
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The file name npm gives this package's tarball. */
export function tarballName(version: string): string {
  return `glue-validate-${version}.tgz`;
}

/**
 * Reads `--install`: undefined or "tarball" → this package's tarball, written into `tarballDir`; "registry" →
 * glue-validate@<version>; glue-validate@<x.y.z>; a git URL ending in #<commit>; or the path of a committed .tgz.
 * `repoRoot` is the lab repository's root (the job's working directory), `tarballDir` an absolute folder in it.
 */
export function parseInstallSource(value: string | undefined, version: string, repoRoot: string, tarballDir: string): InstallSource {
  const v = value?.trim() ?? "tarball";
  if (v === "tarball") {
    const write = join(tarballDir, tarballName(version));
    return { kind: "tarball", spec: `./${relative(repoRoot, write).split("\\").join("/")}`, write };
  }
  if (v === "registry") return { kind: "registry", spec: `glue-validate@${version}` };
  if (v.startsWith("glue-validate@")) {
    if (!EXACT_VERSION.test(v.slice("glue-validate@".length))) throw new UsageError(`--install ${v}: name an exact version (glue-validate@${version}), so a later release cannot change a grade`);
    return { kind: "registry", spec: v };
  }
  if (GIT.test(v)) {
    if (!COMMIT.test(v)) throw new UsageError(`--install ${v}: pin the git URL to a commit (…#<commit sha>), so the job runs exactly the code you reviewed`);
    return { kind: "git", spec: v };
  }
  if (/\.tgz$/.test(v)) {
    const file = join(repoRoot, v);
    if (!existsSync(file)) throw new UsageError(`--install ${v}: no such file; commit the tarball (npm pack) there first, or leave --install out to have init-ci write one`);
    return { kind: "tarball", spec: `./${relative(repoRoot, file).split("\\").join("/")}` };
  }
  throw new UsageError(`--install ${v}: give "tarball" (default), "registry", glue-validate@<version>, a git URL pinned to a commit (github:OWNER/REPO#<sha>) or the path of a .tgz in the repository`);
}

/** This installed package as the tarball `npm pack` would make of it: package.json's "files", package.json, README. */
export function packageTarball(): Buffer {
  const root = packageRoot();
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files?: string[] };
  if (!existsSync(join(root, "dist", "main.js"))) throw new UsageError("this copy of glue-validate is not built (npm run build), so it cannot write its tarball; choose another --install source");
  const paths = new Set<string>(["package.json"]);
  for (const extra of readdirSync(root)) if (/^(readme|license|licence)(\.|$)/i.test(extra)) paths.add(extra);
  const walk = (rel: string): void => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) for (const name of readdirSync(abs)) walk(`${rel}/${name}`);
    else paths.add(rel);
  };
  for (const f of manifest.files ?? []) walk(f.replace(/\/+$/, ""));
  const entries: TarEntry[] = [...paths].sort().map((p) => ({ path: `package/${p}`, data: readFileSync(join(root, p)), mode: p.startsWith("bin/") ? 0o755 : 0o644 }));
  return tarGz(entries);
}
