// The simulated AWS account ("world") behind the in-process transport and the wire-level fake endpoint.
import type { ServiceId } from "../../../src/aws/services.js";

/**
 * A world: account-level settings plus resource sections. Each part file (parts/*.ts) owns the sections it
 * declares (e.g. `databases`, `crawlers`), holding resources in the SDK's own output shapes.
 */
export interface World {
  account: string;
  region: string;
  /** Items per page for every paginated listing (small, so pagination is exercised). */
  pageSize: number;
  [section: string]: unknown;
}

/** Context of one simulated call. */
export interface CallContext {
  region: string;
}

/** Answers one operation from the world, or throws an AwsFault. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler<I = any> = (world: World, input: I, ctx: CallContext) => unknown;

/** Handlers by service and operation name. */
export type HandlerTable = Partial<Record<ServiceId, Record<string, Handler>>>;

/** An error as AWS would return it: the error code (SDK `name`), HTTP status, message, extra headers. */
export class AwsFault extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** One page of a listing: items from the token's offset, and the next token if more remain. */
export function page<T>(items: readonly T[], token: string | undefined, pageSize: number, max?: number): { items: T[]; next?: string } {
  const start = token ? Number(token.replace(/^p/, "")) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsFault("InvalidInputException", 400, `invalid pagination token ${token}`);
  const size = Math.max(1, Math.min(pageSize, max ?? pageSize));
  const slice = items.slice(start, start + size);
  const nextAt = start + slice.length;
  return nextAt < items.length ? { items: slice, next: `p${nextAt}` } : { items: slice };
}

/** The section of a world, typed by its owner; an empty default if absent. */
export function section<T>(world: World, key: string, empty: T): T {
  return (world[key] as T | undefined) ?? empty;
}
