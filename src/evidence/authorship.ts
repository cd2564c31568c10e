// Who created each graded resource, judged from CloudTrail's write events: a pure function of (events, names, options).
import type { Event } from "@aws-sdk/client-cloudtrail";
import type { AuthorshipEvidence, AuthorshipRecord } from "../grade/result.js";

/** What authorship is judged against. */
export interface AuthorshipOptions {
  /** The student's expected principal, `{student}` already filled (an IAM user name, a role session name, an ARN; `*` matches anything). */
  principal?: string;
  /** Resources created after this are flagged. */
  deadline?: Date;
}

/** Who made a call, as CloudTrail records it: a display name and every name a principal pattern may match. */
export interface Principal {
  name: string;
  aliases: string[];
}

const MAX_EVENT_JSON = 256 * 1024;

/** The `userIdentity` and `requestParameters` of an event's JSON, parsed defensively (student-controlled text inside). */
function detail(e: Event): { identity?: Record<string, unknown>; request?: unknown } {
  const raw = e.CloudTrailEvent;
  if (typeof raw !== "string" || raw.length > MAX_EVENT_JSON) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    const o = v as Record<string, unknown>;
    const identity = o.userIdentity && typeof o.userIdentity === "object" ? (o.userIdentity as Record<string, unknown>) : undefined;
    return { ...(identity ? { identity } : {}), request: o.requestParameters };
  } catch {
    return {};
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** The principal of an event: IAM user name, assumed-role session (and role), root, or the event's Username. */
export function principalOf(e: Event): Principal {
  const { identity } = detail(e);
  const aliases = new Set<string>();
  const add = (v: unknown) => str(v) && aliases.add(str(v)!);
  add(e.Username);
  add(identity?.userName);
  const arn = str(identity?.arn);
  add(arn);
  const assumed = arn && /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  if (assumed) aliases.add(assumed[1]!).add(assumed[2]!);
  if (identity?.type === "Root") aliases.add("root");
  const name = str(e.Username) ?? (assumed ? `${assumed[1]}/${assumed[2]}` : undefined) ?? str(identity?.userName) ?? arn ?? str(identity?.invokedBy) ?? "an unknown principal";
  return { name, aliases: [...aliases] };
}

/** Whether a principal matches the expected pattern (case-insensitive, whole name, `*` any run of characters). */
export function matchesPrincipal(p: Principal, pattern: string): boolean {
  const re = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return p.aliases.some((a) => re.test(a));
}

/** Whether an event names the resource: in its Resources list, or as a value of its request parameters. */
export function namesResource(e: Event, name: string): boolean {
  for (const r of e.Resources ?? []) {
    const n = r.ResourceName;
    if (n && (n === name || n.endsWith(`/${name}`) || n.endsWith(`:${name}`))) return true;
  }
  let budget = 500;
  const walk = (v: unknown, depth: number): boolean => {
    if (budget-- <= 0 || depth > 6) return false;
    if (typeof v === "string") return v === name;
    if (Array.isArray(v)) return v.some((x) => walk(x, depth + 1));
    if (v && typeof v === "object") return Object.values(v).some((x) => walk(x, depth + 1));
    return false;
  };
  return walk(detail(e).request, 0);
}

const time = (e: Event): number => (e.EventTime instanceof Date ? e.EventTime.getTime() : new Date(String(e.EventTime)).getTime());

/**
 * Attributes each named resource: its creation event (the earliest Create* call naming it, else the earliest Put*:
 * alarms, dashboards and rules are created by Put), who made it and when; flags a creator other than the student's
 * principal and a creation after the deadline; lists other principals that wrote to it.
 */
export function attribute(events: readonly Event[], resources: readonly { key: string; name: string }[], o: AuthorshipOptions): AuthorshipRecord[] {
  const sorted = [...events].filter((e) => Number.isFinite(time(e))).sort((a, b) => time(a) - time(b));
  return resources.map(({ key, name }) => {
    const about = sorted.filter((e) => namesResource(e, name));
    const created = about.find((e) => /^Create/.test(e.EventName ?? "")) ?? about.find((e) => /^Put/.test(e.EventName ?? ""));
    if (!created) return { key, name, flags: [] };
    const by = principalOf(created);
    const at = new Date(time(created));
    const flags: AuthorshipRecord["flags"] = [];
    if (o.principal && !matchesPrincipal(by, o.principal)) flags.push("other-principal");
    if (o.deadline && at.getTime() > o.deadline.getTime()) flags.push("after-deadline");
    const others = o.principal ? [...new Set(about.map(principalOf).filter((p) => !matchesPrincipal(p, o.principal!)).map((p) => p.name))].filter((n) => n !== by.name) : [];
    return { key, name, createdBy: by.name, createdAt: at.toISOString(), event: created.EventName ?? "", ...(others.length ? { otherWriters: others.slice(0, 5) } : {}), flags };
  });
}

/** The evidence section of a report from what was read. */
export function authorshipEvidence(read: { events: readonly Event[]; truncated?: boolean } | { error: string }, resources: readonly { key: string; name: string }[], window: { start: Date; end: Date }, o: AuthorshipOptions): AuthorshipEvidence {
  const base = {
    source: "cloudtrail" as const,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    ...(o.principal ? { principal: o.principal } : {}),
    ...(o.deadline ? { deadline: o.deadline.toISOString() } : {}),
  };
  if ("error" in read) return { ...base, events: 0, resources: [], error: read.error };
  return { ...base, events: read.events.length, ...(read.truncated ? { truncated: true } : {}), resources: attribute(read.events, resources, o) };
}
