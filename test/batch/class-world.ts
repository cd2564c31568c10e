// A class in one world: every student's resources (complete, partial or none) in one shared account.
import { compose } from "../support/world/index.js";
import { PARTS } from "../support/world/parts/index.js";
import type { World } from "../support/world/types.js";
import { AwsSession, type Transport } from "../../src/aws/session.js";
import type { SessionFactory, Identify } from "../../src/batch/run.js";
import { worldTransport, type CallLog } from "../support/world/transport.js";
import type { CliIo } from "../../src/cli/io.js";
import { whoAmI } from "../../src/app/session.js";

export type Kind = "complete" | "partial" | "empty";

/** Student IDs s0001… with kinds cycling complete, partial, complete, empty (or as given). */
export function classOf(n: number, kinds: readonly Kind[] = ["complete", "partial", "complete", "empty"]): { id: string; kind: Kind }[] {
  return Array.from({ length: n }, (_, i) => ({ id: `s${String(i + 1).padStart(4, "0")}`, kind: kinds[i % kinds.length]! }));
}

/** One world with every student's resources; students of kind "empty" leave only some noise. */
export function classWorld(students: readonly { id: string; kind: Kind }[], o: { account?: string; region?: string; pageSize?: number } = {}): World {
  const base = { account: o.account ?? "123456789012", region: o.region ?? "us-east-1", pageSize: o.pageSize ?? 50 };
  const fragments: Record<string, unknown>[] = [];
  for (const s of students) {
    if (s.kind === "empty") fragments.push(...PARTS.map((p) => p.other(base, `x${s.id}`)));
    else fragments.push(...PARTS.map((p) => p[s.kind as "complete" | "partial"](base, s.id)));
  }
  return compose(base, fragments);
}

/** Sessions over the in-process world transport (credentials ignored); `wrap` may inject faults. */
export function worldSessions(world: World, log: CallLog, wrap?: (t: Transport) => Transport): SessionFactory {
  const t = worldTransport(world, log);
  return (o) => new AwsSession({ ...o, transport: wrap ? wrap(t) : t });
}

/** GetCallerIdentity through the session, as the CLI does. */
export const identifyWorld = (_world: World): Identify => (session) => whoAmI(session, undefined, undefined);

/** A CliIo that keeps what was written. */
export function memoryIo(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false, env: {}, stdout: () => out, stderr: () => err };
}

/** Counts calls per "service:Operation". */
export function countOps(log: CallLog): Record<string, number> {
  const m: Record<string, number> = {};
  for (const c of log.calls) m[`${c.service}:${c.operation}`] = (m[`${c.service}:${c.operation}`] ?? 0) + 1;
  return m;
}

/** A transport wrapper failing `operation` with AccessDenied for calls whose input mentions `student`. */
export const denyFor = (student: string, operation: string) => (t: Transport): Transport => async (call) => {
  if (call.operation === operation && JSON.stringify(call.input).includes(student)) {
    throw Object.assign(new Error("not authorized"), { name: "AccessDeniedException", $fault: "client", $metadata: { httpStatusCode: 400 } });
  }
  return t(call);
};
