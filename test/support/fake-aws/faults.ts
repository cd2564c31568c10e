// Fault injection for the fake endpoint: latency, throttling (random and per-operation token buckets), 500s,
// connection resets, hung responses, AccessDenied — each with the service's real error, reproducible from a seed.
import type { ServiceId } from "../../../src/aws/services.js";
import type { ServiceModel } from "./sdk-models.js";
import type { FaultSpec } from "./protocols.js";

/**
 * What to inject. Operations are named "service:Operation" (our service ids: "glue:GetTags", "s3:HeadBucket"),
 * "Operation" (any service) or "service:*".
 */
export interface FaultOptions {
  /** Seed of every random decision (default 1). Decisions depend on the call and its attempt number, not on timing. */
  seed?: number;
  /** Added before every response, in ms. */
  latencyMs?: number;
  /** Fraction of requests answered with the service's throttling error. */
  throttle?: number;
  /** Fraction of requests answered 500 InternalFailure (S3: InternalError). */
  internalError?: number;
  /** Fraction of requests whose connection is reset (socket destroyed, no response). */
  reset?: number;
  /** Fraction of requests accepted and never answered. */
  hang?: number;
  /** Operations that are always accepted and never answered. */
  hangOperations?: readonly string[];
  /** Operations always refused with the service's AccessDenied error. */
  accessDenied?: readonly string[];
  /** Token bucket per operation: sustained requests per second (burst = the same number); more are throttled. */
  tps?: number | Readonly<Record<string, number>>;
  /** Random faults (throttle, 500, reset, hang fraction) given to one call at most this many times; later attempts pass. */
  maxFaultsPerCall?: number;
  /** Operations never given random faults. */
  exempt?: readonly string[];
}

/** The kinds of faults counted in the log. */
export type FaultKind = "throttle" | "tokenBucket" | "internalError" | "reset" | "hang" | "accessDenied" | "unmapped" | "noHandler" | "handlerError";

/** What to do with one request. */
export type Decision =
  | { kind: "answer" }
  | { kind: "hang"; fault: "hang" }
  | { kind: "reset"; fault: "reset" }
  | { kind: "error"; fault: FaultKind; error: FaultSpec };

/** Does "glue:GetTags" / "GetTags" / "glue:*" name this call? */
export function matches(patterns: readonly string[] | undefined, service: string, operation: string): boolean {
  return (patterns ?? []).some((p) => p === `${service}:${operation}` || p === operation || p === `${service}:*` || p === "*");
}

/** FNV-1a, then mulberry32: a uniform number in [0, 1) for a string. */
export function uniform(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The service's throttling error: its modelled throttling shape if it has one, else the protocol's usual code. */
export function throttlingError(model: ServiceModel): FaultSpec {
  for (const name of ["ThrottlingException", "ThrottledException", "TooManyRequestsException"]) {
    const e = model.errors.get(name);
    if (e) return { code: e.name, status: e.status ?? (model.protocol === "restJson1" ? 429 : 400), message: "Rate exceeded" };
  }
  if (model.protocol === "restXml") return { code: "SlowDown", status: 503, message: "Please reduce your request rate." };
  if (model.protocol === "ec2Query") return { code: "RequestLimitExceeded", status: 503, message: "Request limit exceeded." };
  if (model.protocol === "awsQuery" || model.queryCompatible) return { code: "Throttling", status: 400, message: "Rate exceeded" };
  return { code: "ThrottlingException", status: 400, message: "Rate exceeded" };
}

/** The service's AccessDenied error for an IAM action. */
export function accessDeniedError(model: ServiceModel, action: string, account: string): FaultSpec {
  const message = `User: arn:aws:iam::${account}:user/grader is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  for (const name of ["AccessDeniedException", "AccessDenied", "AuthorizationErrorException"]) {
    const e = model.errors.get(name);
    if (e) return { code: e.name, status: e.status ?? (model.protocol === "restJson1" ? 403 : 400), message };
  }
  if (model.protocol === "ec2Query") return { code: "UnauthorizedOperation", status: 403, message: `You are not authorized to perform this operation. User: arn:aws:iam::${account}:user/grader is not authorized to perform: ${action}` };
  if (model.protocol === "restXml" || model.protocol === "awsQuery" || model.queryCompatible) return { code: "AccessDenied", status: 403, message };
  return { code: "AccessDeniedException", status: model.protocol === "restJson1" ? 403 : 400, message };
}

/** 500 as the service sends it. */
export function internalError(model: ServiceModel): FaultSpec {
  return model.protocol === "restXml"
    ? { code: "InternalError", status: 500, message: "We encountered an internal error. Please try again." }
    : { code: "InternalFailure", status: 500, message: "The request processing has failed because of an unknown error, exception or failure." };
}

/** Decides, per request, which fault (if any) to inject. */
export class FaultInjector {
  private readonly seed: number;
  private readonly attempts = new Map<string, number>();
  private readonly faulted = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly options: FaultOptions = {}, private readonly now: () => number = () => performance.now()) {
    this.seed = options.seed ?? 1;
  }

  /** The decision for one request; `callKey` identifies the call (service, region, operation, input). */
  decide(model: ServiceModel, service: ServiceId, operation: string, callKey: string, iamAction: string, account: string): Decision {
    const o = this.options;
    const attempt = (this.attempts.get(callKey) ?? 0) + 1;
    this.attempts.set(callKey, attempt);
    const draw = (kind: string) => uniform(`${this.seed}|${kind}|${callKey}|${attempt}`);

    if (matches(o.hangOperations, service, operation)) return { kind: "hang", fault: "hang" };
    if (matches(o.accessDenied, service, operation)) return { kind: "error", fault: "accessDenied", error: accessDeniedError(model, iamAction, account) };
    if (this.overRate(service, operation)) return { kind: "error", fault: "tokenBucket", error: throttlingError(model) };

    const random = !matches(o.exempt, service, operation) && (this.faulted.get(callKey) ?? 0) < (o.maxFaultsPerCall ?? Infinity);
    if (random) {
      const note = () => this.faulted.set(callKey, (this.faulted.get(callKey) ?? 0) + 1);
      if (o.hang && draw("hang") < o.hang) return note(), { kind: "hang", fault: "hang" };
      if (o.reset && draw("reset") < o.reset) return note(), { kind: "reset", fault: "reset" };
      if (o.throttle && draw("throttle") < o.throttle) return note(), { kind: "error", fault: "throttle", error: throttlingError(model) };
      if (o.internalError && draw("internal") < o.internalError) return note(), { kind: "error", fault: "internalError", error: internalError(model) };
    }
    return { kind: "answer" };
  }

  private overRate(service: string, operation: string): boolean {
    const tps = typeof this.options.tps === "number" ? this.options.tps : (this.options.tps?.[`${service}:${operation}`] ?? this.options.tps?.[operation]);
    if (!tps || tps <= 0) return false;
    const key = `${service}:${operation}`;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: tps, at: t };
    b.tokens = Math.min(tps, b.tokens + ((t - b.at) / 1000) * tps);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens < 1) return true;
    b.tokens -= 1;
    return false;
  }
}
