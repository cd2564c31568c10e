// World part for the account itself: STS GetCallerIdentity.
import type { HandlerTable, World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** STS: who am I. */
export const handlers: HandlerTable = {
  sts: {
    GetCallerIdentity: (w: World) => ({ Account: w.account, Arn: `arn:aws:iam::${w.account}:user/grader`, UserId: "AIDAGRADER" }),
  },
};
/** Nothing per student. */
export function complete(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
/** Nothing per student. */
export function partial(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
/** Nothing per student. */
export function other(_w: Base, _student: string): Record<string, unknown> {
  return {};
}
