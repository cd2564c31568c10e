// Worlds for glue_etl_pipeline_tf: one student's Terraform deployment among other students' deployments in one
// account. The glue side (storage, catalog, jobs, run evidence) and the ops side (workflow, security, state,
// monitoring) are built by their own files; this one composes them.
import { compose, type WorldOptions } from "../../index.js";
import type { World } from "../../types.js";
import { glueSide } from "./glue-side.js";
import { opsSide } from "./ops-side.js";
import { tfNames } from "./names.js";

export { tfNames, type TfNames } from "./names.js";

type Kind = "complete" | "partial" | "other";

function deployment(base: Pick<World, "region" | "account">, student: string, env: string, kind: Kind): Record<string, unknown>[] {
  const n = tfNames(student, env);
  return [glueSide(base, n, kind), opsSide(base, n, kind)];
}

/** The Terraform worlds' options: the environment graded, and (instead of s001, s002 …) the other students' ids. */
export type TfWorldOptions = WorldOptions & { env?: string; otherStudents?: string[] };

function build(student: string, kind: Kind | "empty", o: TfWorldOptions = {}): World {
  const base = { account: o.account ?? "123456789012", region: o.region ?? "us-east-1", pageSize: o.pageSize ?? 3 };
  const env = o.env ?? "dev";
  const noise = (o.otherStudents ?? Array.from({ length: o.others ?? 3 }, (_, i) => `s${String(i + 1).padStart(3, "0")}`)).filter((s) => s !== student);
  // Another student's dev deployment, and this student's own staging copy (same project, other environment).
  const fragments = noise.flatMap((s) => deployment(base, s, "dev", "other"));
  if (kind !== "empty") fragments.push(...deployment(base, student, env === "staging" ? "dev" : "staging", "other"), ...deployment(base, student, env, kind));
  return compose(base, fragments);
}

/** A world where `student` deployed the whole template correctly in `env` (default dev). */
export function completeWorld(student: string, o: TfWorldOptions = {}): World {
  return build(student, "complete", o);
}

/** A world with the planted mistakes of both sides (see glue-side.ts and ops-side.ts). */
export function partialWorld(student: string, o: TfWorldOptions = {}): World {
  return build(student, "partial", o);
}

/** A world where `student` deployed nothing (only other students' deployments). */
export function emptyWorld(student: string, o: TfWorldOptions = {}): World {
  return build(student, "empty", o);
}
