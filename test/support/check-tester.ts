// Testing checks through the session's transport hook: scripted AWS answers per service (no SDK client is built, no
// credentials are read, no global mock is installed), and a RuleTester-style table runner that also holds every result
// to the check's declared facts schema.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AwsSession, type Transport } from "../../src/aws/session.js";
import type { ServiceId } from "../../src/aws/services.js";
import { CheckContext, type CheckModule, type CheckOptions } from "../../src/grade/check.js";
import type { Facts } from "../../src/grade/facts.js";

/** A command class, as imported from an @aws-sdk/client-* package (only its name is used). */
type CommandClass = abstract new (...args: never[]) => { input: object };
type InputOf<C extends CommandClass> = InstanceType<C>["input"];
type Answer = unknown | ((input: never, call: { region: string }) => unknown | Promise<unknown>);

/** One call the transport answered. */
export interface RecordedCall {
  service: ServiceId;
  region: string;
  operation: string;
  input: Record<string, unknown>;
}

interface Behaviour {
  operation: string;
  match?: Record<string, unknown>;
  steps: { answer: Answer; error: boolean; once: boolean }[];
}

/** The scripted answers of one service, in the manner of aws-sdk-client-mock's `mockClient(GlueClient)`. */
export class ServiceAnswers {
  private behaviours: Behaviour[] = [];

  constructor(private readonly owner: FakeAws, readonly service: ServiceId) {}

  /** Answers for one command; with `input`, only for calls whose input holds those fields (the newest match wins). */
  on<C extends CommandClass>(command: C, input?: Partial<InputOf<C>>): Responder<C> {
    const b: Behaviour = { operation: operationOf(command), ...(input ? { match: input as Record<string, unknown> } : {}), steps: [] };
    this.behaviours.push(b);
    return new Responder<C>(b, this);
  }

  /** Forgets every scripted answer of this service (and its recorded calls). */
  reset(): this {
    this.behaviours = [];
    this.owner.forget(this.service);
    return this;
  }

  /** The calls sent to this service, oldest first. */
  calls(): RecordedCall[] {
    return this.owner.log.filter((c) => c.service === this.service);
  }

  /** The inputs of the calls of one command, oldest first. */
  commandCalls<C extends CommandClass>(command: C): InputOf<C>[] {
    const op = operationOf(command);
    return this.calls().filter((c) => c.operation === op).map((c) => c.input as InputOf<C>);
  }

  /** The answer to one call, or undefined when nothing scripted matches. */
  answer(operation: string, input: Record<string, unknown>): { step: Behaviour["steps"][number] } | undefined {
    const matching = this.behaviours.filter((b) => b.operation === operation && b.steps.length && (!b.match || holds(input, b.match)));
    // Input-specific answers before general ones; the newest of each first.
    const b = matching.filter((x) => x.match).at(-1) ?? matching.filter((x) => !x.match).at(-1);
    if (!b) return undefined;
    const step = b.steps.find((s) => s.once) ?? b.steps[b.steps.length - 1]!;
    if (step.once) b.steps.splice(b.steps.indexOf(step), 1);
    return { step };
  }
}

/** Sets what one scripted command answers. */
export class Responder<C extends CommandClass> {
  constructor(
    private readonly b: Behaviour,
    private readonly parent: ServiceAnswers,
  ) {}

  private add(answer: Answer, error: boolean, once: boolean): this {
    if (!once) this.b.steps = this.b.steps.filter((s) => s.once);
    this.b.steps.push({ answer, error, once });
    return this;
  }

  /** Always answers `output`. */
  resolves(output: unknown): this {
    return this.add(output, false, false);
  }

  /** Answers `output` once, before the lasting answer. */
  resolvesOnce(output: unknown): this {
    return this.add(output, false, true);
  }

  /** Always fails with `error` (an SDK exception, or an Error with the AWS error name). */
  rejects(error: Error | string): this {
    return this.add(typeof error === "string" ? new Error(error) : error, true, false);
  }

  /** Fails once with `error`, before the lasting answer. */
  rejectsOnce(error: Error | string): this {
    return this.add(typeof error === "string" ? new Error(error) : error, true, true);
  }

  /** Answers from the input (and the region the call went to): returns the output, or throws an AWS error. */
  callsFake(fn: (input: InputOf<C>, call: { region: string }) => unknown): this {
    return this.add(fn, false, false);
  }

  /** Scripts another command of the same service. */
  on<D extends CommandClass>(command: D, input?: Partial<InputOf<D>>): Responder<D> {
    return this.parent.on(command, input);
  }
}

/** A fake AWS account answered from scripts, through the session's transport hook. */
export class FakeAws {
  readonly log: RecordedCall[] = [];
  /** Calls nothing was scripted for ("glue:GetTable"). */
  readonly unscripted: string[] = [];
  private readonly services = new Map<ServiceId, ServiceAnswers>();

  /** The scripted answers of one service (created on first use). */
  client(service: ServiceId): ServiceAnswers {
    let s = this.services.get(service);
    if (!s) this.services.set(service, (s = new ServiceAnswers(this, service)));
    return s;
  }

  /** Forgets the recorded calls of one service. */
  forget(service: ServiceId): void {
    for (let i = this.log.length - 1; i >= 0; i--) if (this.log[i]!.service === service) this.log.splice(i, 1);
  }

  /** Forgets every script and every recorded call. */
  reset(): void {
    for (const s of this.services.values()) s.reset();
    this.log.length = 0;
    this.unscripted.length = 0;
  }

  /** The transport: an unscripted call fails loudly, so a test never passes on a read it did not expect. */
  readonly transport: Transport = async ({ service, region, operation, input }) => {
    const given = (input ?? {}) as Record<string, unknown>;
    this.log.push({ service, region, operation, input: given });
    const hit = this.services.get(service)?.answer(operation, given);
    if (!hit) this.unscripted.push(`${service}:${operation}`);
    if (!hit) throw Object.assign(new Error(`the test scripted no answer for ${service}:${operation}`), { name: "UnscriptedCall", $metadata: { httpStatusCode: 501 } });
    const { answer, error } = hit.step;
    if (error) throw answer;
    const out = typeof answer === "function" ? await (answer as (i: unknown, call: { region: string }) => unknown)(given, { region }) : answer;
    return structuredClone(out ?? {});
  };

  /** A session over this account (fresh memo each time). */
  session(region = "us-east-1"): AwsSession {
    return new AwsSession({ region, transport: this.transport });
  }

  /**
   * Runs `check` in `ctx` (a context over this account): its facts must hold to the declared schema, with no fact the
   * schema does not declare, every call it sent must be a read (with `runQueries`, Athena's StartQueryExecution too),
   * and none may have gone unscripted. Throws naming the first problem.
   */
  async collect<F extends Facts>(check: CheckModule<F>, ctx: CheckContext, options: CheckOptions = {}): Promise<F> {
    const facts = await check.collect(ctx);
    if (this.unscripted.length) throw new Error(`${check.id} read what the test did not script: ${[...new Set(this.unscripted)].join(", ")}`);
    const broken = schemaProblem(check.facts as z.ZodType, facts);
    if (broken) throw new Error(`the facts of ${check.id} break its declared schema: ${broken}`);
    const writes = onlyReads(this).filter((op) => !(options.runQueries && op === "StartQueryExecution"));
    if (writes.length) throw new Error(`${check.id} sent calls that are not reads: ${writes.join(", ")}`);
    return facts;
  }

  /** A check context over this account. */
  context(o: { student: string; names?: Record<string, string>; account?: string; region?: string; options?: CheckOptions }): CheckContext {
    return new CheckContext(this.session(o.region), o.student, o.names ?? {}, o.account ?? "111122223333", "aws", o.options ?? {});
  }
}

/** An AWS error as the SDK throws it (name, fault, HTTP status). */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status } });
}

/** Every recorded call was a read (Get/List/Describe/Batch-get/Head/Lookup/Search), as the tool promises. */
export function onlyReads(aws: FakeAws): string[] {
  return aws.log.map((c) => c.operation).filter((op) => !/^(Get|List|Describe|BatchGet|Head|Lookup|Search)/.test(op));
}

/** One case of a check test: scripted answers and the facts expected (a subset, as toMatchObject). */
export interface CheckCase {
  name: string;
  /** Scripts the account: `aws.client("glue").on(GetCrawlerCommand).resolves(...)`. */
  given: (aws: FakeAws) => void;
  /** Expected facts (a subset), or a function that asserts on them. */
  facts: Record<string, unknown> | ((facts: Facts, aws: FakeAws) => void);
  student?: string;
  names?: Record<string, string>;
  options?: CheckOptions;
}

/** The facts a check collects from a scripted account, checked against its declared schema and for reads only. */
export async function collectWith<F extends Facts>(check: CheckModule<F>, given: (aws: FakeAws) => void, o: { student: string; names?: Record<string, string>; account?: string; options?: CheckOptions }): Promise<{ facts: F; aws: FakeAws }> {
  const aws = new FakeAws();
  given(aws);
  const facts = await aws.collect(check, aws.context(o), o.options);
  return { facts, aws };
}

/** A table-driven test of one check, as ESLint's RuleTester: each case scripts an account and states the facts expected. */
export function testCheck<F extends Facts>(check: CheckModule<F>, defaults: { student: string; names?: Record<string, string>; account?: string }, cases: CheckCase[]): void {
  describe(`check ${check.id}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      const { facts, aws } = await collectWith(check, c.given, { ...defaults, ...(c.student ? { student: c.student } : {}), ...(c.names ? { names: { ...defaults.names, ...c.names } } : {}), ...(c.options ? { options: c.options } : {}) });
      if (typeof c.facts === "function") c.facts(facts, aws);
      else expect(facts).toMatchObject(c.facts);
    });
  });
}

/** Where `value` breaks `schema`, in words, or a fact the schema does not declare (zod strips it); undefined when it holds. */
export function schemaProblem(schema: z.ZodType, value: unknown): string | undefined {
  const r = schema.safeParse(value);
  if (!r.success) return r.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ");
  const extra = undeclared(value, r.data);
  return extra.length ? `undeclared facts ${extra.slice(0, 5).join(", ")}` : undefined;
}

/** Paths present in `given` (with a value) but dropped from `parsed`. */
function undeclared(given: unknown, parsed: unknown, at = ""): string[] {
  if (Array.isArray(given) && Array.isArray(parsed)) return given.flatMap((g, i) => undeclared(g, parsed[i], `${at}.${i}`));
  if (!given || typeof given !== "object" || !parsed || typeof parsed !== "object" || given instanceof Date) return [];
  return Object.entries(given).flatMap(([k, v]) => (v === undefined ? [] : k in parsed ? undeclared(v, (parsed as Record<string, unknown>)[k], `${at}.${k}`) : [`${at}.${k}`.slice(1)]));
}

function operationOf(command: CommandClass): string {
  return command.name.replace(/Command$/, "");
}

/** `input` holds every field of `want` (deeply equal; an absent field equals undefined). */
function holds(input: Record<string, unknown>, want: Record<string, unknown>): boolean {
  return Object.entries(want).every(([k, v]) => deepEqual(input[k], v));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
