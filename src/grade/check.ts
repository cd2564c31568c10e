// The contract of a check module and the context it runs in: named reads that never throw for AWS errors.
import type { z } from "zod";
import { AwsSession, operationName, type OutputOf, type SdkCommand } from "../aws/session.js";
import { classify, describeError } from "../aws/errors.js";
import { iamAction, type ServiceId } from "../aws/services.js";
import type { ErrorFact, Facts } from "./facts.js";

/** One check module: collects the facts of one task. It decides what is there, never what it is worth. */
export interface CheckModule<F extends Facts = Facts> {
  /** Referred to by a rubric task's `check:`. */
  id: string;
  /** One sentence: what this check looks at. */
  description: string;
  /** Rubric `names:` entries this check needs (e.g. "bucket"). */
  names: readonly string[];
  /** Every IAM action the check may call, for the least-privilege policy. */
  actions: readonly string[];
  /** The declared shape of what `collect` returns (ErrorFact positions with `orError`): `rubric lint` checks paths against it. */
  facts: z.ZodType<F>;
  collect(ctx: CheckContext): Promise<F>;
}

/** The result of one read. */
export type ReadResult<O> =
  | { ok: true; value: O }
  /** `missing`: the resource does not exist; `fact` stands in the facts where the value would have been. */
  | { ok: false; missing: boolean; fact: ErrorFact; error: unknown };

/** Run-level switches a check may honour (set by CLI flags). */
export interface CheckOptions {
  /** --run-queries: checks may run Athena queries (costs money, writes query results). */
  runQueries?: boolean;
  /** --athena-workgroup / --athena-output: where queries run and write. */
  athenaWorkgroup?: string;
  athenaOutput?: string;
}

/** Who the run's credentials belong to: account and partition (from STS). */
export interface Caller {
  account?: string;
  partition: string;
}

/** What a check sees: the student, the rubric's resolved names, and reads through the session. */
export class CheckContext {
  private readonly caller: Promise<Caller>;
  /** Set when the caller's identity could not be had: the run cannot be graded, so no further read is sent. */
  private callerError: unknown;

  /**
   * `account` is the caller's account, or a promise of the whole caller (a live run's STS answer still in flight:
   * reads that do not need the account go out meanwhile, and `partition` is then taken from the promise).
   */
  constructor(
    readonly aws: AwsSession,
    readonly student: string,
    readonly names: Readonly<Record<string, string>>,
    account: string | undefined | Promise<Caller>,
    partition = "aws",
    readonly options: Readonly<CheckOptions> = {},
  ) {
    this.caller = account instanceof Promise ? account : Promise.resolve({ account, partition });
    this.caller.catch((err: unknown) => void (this.callerError = err ?? new Error("unknown caller")));
  }

  /** The caller's account ID (waits for STS on a live run); undefined when STS gave none. */
  async accountId(): Promise<string | undefined> {
    return (await this.caller).account;
  }

  /** The caller's partition ("aws", "aws-cn", …; waits for STS on a live run). */
  async partition(): Promise<string> {
    return (await this.caller).partition;
  }

  /** The same context reading through another session (e.g. a scoped view). */
  withSession(aws: AwsSession): CheckContext {
    return new CheckContext(aws, this.student, this.names, this.caller, undefined, this.options);
  }

  /** Resources found in a region other than the run's (resource name → region), e.g. a bucket HeadBucket located elsewhere. */
  readonly elsewhere = new Map<string, string>();

  /** The run's default region. */
  get region(): string {
    return this.aws.region;
  }

  /** Notes where a named resource of the student really is; only regions other than the run's are kept. */
  noteRegion(resource: string, region: string | null | undefined): void {
    if (region && region !== this.region && this.elsewhere.size < 50) this.elsewhere.set(resource, region);
  }

  /** A resolved rubric name; throws if the rubric does not define it (a rubric bug, reported at load). */
  name(key: string): string {
    const v = this.names[key];
    if (v === undefined) throw new Error(`rubric defines no name "${key}"`);
    return v;
  }

  /** Sends one read. `missing` lists error names that mean "does not exist" for this call. */
  async read<C extends SdkCommand>(service: ServiceId, command: C, opts: { missing?: readonly string[]; region?: string } = {}): Promise<ReadResult<OutputOf<C>>> {
    if (this.callerError !== undefined) {
      const error = this.callerError;
      return { ok: false, missing: false, error, fact: errorFact(service, operationName(command), error) };
    }
    try {
      return { ok: true, value: await this.aws.send(service, command, { region: opts.region }) };
    } catch (error) {
      const operation = operationName(command);
      const kind = classify(error, opts.missing ?? [], { service, operation });
      return { ok: false, missing: kind === "notFound", error, fact: errorFact(service, operation, error, opts.missing) };
    }
  }

  /**
   * Follows a paginated listing to its end. `page(token)` builds the command for one page; `pick` returns its
   * items and the next token. Returns the items, or an ErrorFact if any page failed. A listing still going after
   * `maxPages` (default 1000) is an ErrorFact too — a partial list could turn a present resource into a false
   * "missing" — unless `partialOk` says the caller only samples it.
   */
  async list<C extends SdkCommand, T>(
    service: ServiceId,
    page: (token: string | undefined) => C,
    pick: (out: OutputOf<C>) => { items: readonly T[] | undefined; next: string | undefined },
    opts: { region?: string; maxPages?: number; partialOk?: boolean; missing?: readonly string[] } = {},
  ): Promise<{ ok: true; items: T[]; truncated: boolean } | { ok: false; fact: ErrorFact; missing: boolean }> {
    const items: T[] = [];
    const maxPages = opts.maxPages ?? 1000;
    let token: string | undefined;
    const seen = new Set<string>();
    for (let i = 0; i < maxPages; i++) {
      const command = page(token);
      const r = await this.read(service, command, { region: opts.region, missing: opts.missing });
      if (!r.ok) return { ok: false, missing: r.missing, fact: r.fact };
      const { items: got, next } = pick(r.value);
      items.push(...(got ?? []));
      if (!next || seen.has(next)) return { ok: true, items, truncated: false };
      seen.add(next);
      token = next;
    }
    if (opts.partialOk) return { ok: true, items, truncated: true };
    const operation = operationName(page(token));
    return {
      ok: false,
      missing: false,
      fact: { $error: { action: iamAction(service, operation), kind: "other", message: `the listing has more than ${maxPages} pages; stopped reading rather than judge a partial list` } },
    };
  }
}

/** The ErrorFact for a failed call. */
export function errorFact(service: ServiceId, operation: string, error: unknown, missing: readonly string[] = []): ErrorFact {
  return { $error: { action: iamAction(service, operation), kind: classify(error, missing, { service, operation }), message: describeError(error) } };
}
