// The world parts: each owns some sections and the handlers that read them.
import type { HandlerTable, World } from "../types.js";
import * as account from "./account.js";
import * as catalogFormats from "./catalog-formats.js";
import * as databases from "./databases.js";
import * as dynamodb from "./dynamodb.js";
import * as etl from "./etl.js";
import * as functions from "./functions.js";
import * as lakehouse from "./lakehouse.js";
import * as ops from "./ops.js";
import * as orchestration from "./orchestration.js";
import * as stacks from "./stacks.js";
import * as storage from "./storage.js";
import * as trail from "./trail.js";

type Base = Pick<World, "region" | "account">;

/** What every part provides. */
export interface WorldPart {
  handlers: HandlerTable;
  /** A correct solution for a student. */
  complete(w: Base, student: string): Record<string, unknown>;
  /** The same with planted mistakes. */
  partial(w: Base, student: string): Record<string, unknown>;
  /** Another student's resources (noise in a shared account); account-wide settings excluded. */
  other(w: Base, student: string): Record<string, unknown>;
}

/** All parts, in no particular order. */
export const PARTS: WorldPart[] = [account, storage, databases, catalogFormats, etl, ops, orchestration, lakehouse, dynamodb, functions, stacks, trail];
