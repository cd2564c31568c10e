// STUB — replaced by its author: handlers for operations no other part defines; glue_hard fixtures stay empty.
import type { HandlerTable, World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** Stub. */
export const handlers: HandlerTable = {};
/** Nothing for glue_hard. */
export function complete(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
/** Nothing for glue_hard. */
export function partial(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
/** Nothing for glue_hard. */
export function other(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
