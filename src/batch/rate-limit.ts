// Client-side pacing: one token bucket per (account, region, service:operation), below AWS's published limits.
import type { RateLimiter } from "../aws/session.js";
import type { ServiceId } from "../aws/services.js";

/**
 * Sustained calls per second per account, region and operation. `service:Operation` beats `service:*` beats `*`.
 * Where AWS publishes a per-API quota the default stays below it; elsewhere (Glue, Lake Formation, DataBrew, IAM
 * publish no per-API read quota) 10/s is conservative, and an account's own traffic shares the same quotas.
 */
export const DEFAULT_TPS: Readonly<Record<string, number>> = {
  "*": 10,
  "cloudwatch:DescribeAlarms": 5, // CloudWatch API quota: DescribeAlarms 9 TPS
  "cloudwatch:GetDashboard": 5, // CloudWatch API quota: GetDashboard 10 TPS
  "kinesis:DescribeStreamSummary": 10, // Kinesis: 20 per second per account
  "s3:*": 50, // S3: 5,500 GET/HEAD per second per prefix; bucket-configuration reads share a lower, unpublished limit
  "kms:*": 50, // KMS: DescribeKey shares the account's read quota (thousands per second)
  "budgets:*": 5,
  "sts:*": 10,
  "cloudtrail:LookupEvents": 2, // CloudTrail: LookupEvents 2 per second per account and region
};

/** The rate for one call: the most specific entry of `table`, capped by `maxTps`. */
export function rateFor(table: Readonly<Record<string, number>>, service: string, operation: string, maxTps?: number): number {
  const r = table[`${service}:${operation}`] ?? table[`${service}:*`] ?? table["*"] ?? 10;
  return maxTps !== undefined ? Math.min(r, maxTps) : r;
}

/**
 * Token buckets (GCRA): each call reserves the next slot of its bucket, so waiters go in arrival order and the rate
 * never exceeds `rate` per second with bursts of at most `burst`. One instance per account; keys by region and operation.
 * Adaptive per operation: a throttled attempt cuts that operation's rate by 30% (down to a quarter of its default);
 * every 5 s without a throttle it recovers 10% of the default.
 */
export class TokenBuckets implements RateLimiter {
  private readonly tat = new Map<string, number>();
  private readonly factor = new Map<string, { f: number; at: number }>();
  /** Calls that had to wait, and the total wait in ms; throttles reported back. */
  readonly waits = { calls: 0, ms: 0, throttled: 0 };

  constructor(
    private readonly options: { table?: Readonly<Record<string, number>>; maxTps?: number; burst?: number; now?: () => number } = {},
  ) {}

  private now(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  throttled(call: { service: ServiceId; region: string; operation: string }): void {
    const key = `${call.region}|${call.service}:${call.operation}`;
    const cur = this.factor.get(key)?.f ?? 1;
    this.factor.set(key, { f: Math.max(0.25, cur * 0.7), at: this.now() });
    this.waits.throttled++;
  }

  acquire(call: { service: ServiceId; region: string; operation: string }): Promise<void> {
    const base = rateFor(this.options.table ?? DEFAULT_TPS, call.service, call.operation, this.options.maxTps);
    if (!(base > 0) || !Number.isFinite(base)) return Promise.resolve();
    const now = this.now();
    const key = `${call.region}|${call.service}:${call.operation}`;
    const adj = this.factor.get(key);
    if (adj && now - adj.at >= 5000) {
      adj.f = Math.min(1, adj.f + 0.1);
      adj.at = now;
      if (adj.f >= 1) this.factor.delete(key);
    }
    const rate = base * (adj?.f ?? 1);
    const interval = 1000 / rate;
    const tolerance = (Math.max(1, this.options.burst ?? 1) - 1) * interval;
    const tat = Math.max(this.tat.get(key) ?? now, now);
    const at = tat - tolerance;
    this.tat.set(key, tat + interval);
    const wait = at - now;
    if (wait <= 0) return Promise.resolve();
    this.waits.calls++;
    this.waits.ms += wait;
    return new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
  }
}
