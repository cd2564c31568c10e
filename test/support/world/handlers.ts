// All handler tables of the world parts, merged by service.
import type { HandlerTable } from "./types.js";
import { PARTS } from "./parts/index.js";

function merge(tables: HandlerTable[]): HandlerTable {
  const out: HandlerTable = {};
  for (const t of tables) {
    for (const [service, ops] of Object.entries(t) as [keyof HandlerTable, Record<string, never>][]) {
      const target = (out[service] ??= {});
      for (const [op, h] of Object.entries(ops)) {
        if (target[op]) throw new Error(`two world parts define ${service}:${op}`);
        target[op] = h;
      }
    }
  }
  return out;
}

/** Every simulated operation. */
export const HANDLERS: HandlerTable = merge(PARTS.map((p) => p.handlers));
