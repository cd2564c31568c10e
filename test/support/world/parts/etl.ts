// STUB — replaced by the part's author.
import type { HandlerTable, World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** Stub. */
export const handlers: HandlerTable = {};
/** Stub. */
export function complete(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
/** Stub. */
export function partial(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
/** Stub. */
export function other(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
