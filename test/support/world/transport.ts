// The in-process transport: answers AwsSession calls from a world through the handler table, with SDK-shaped errors.
import type { Transport } from "../../../src/aws/session.js";
import { AwsFault, type World } from "./types.js";
import { HANDLERS } from "./handlers.js";

/** Every call the transport answered, for assertions (e.g. read-only, calls per student). */
export interface CallLog {
  calls: { service: string; operation: string; input: unknown }[];
}

/** A Transport over a world; unknown operations fail loudly so a check never silently reads nothing. */
export function worldTransport(world: World, log?: CallLog): Transport {
  return async ({ service, region, operation, input }) => {
    log?.calls.push({ service, operation, input });
    const handler = HANDLERS[service]?.[operation];
    if (!handler) throw Object.assign(new Error(`the test world has no handler for ${service}:${operation}`), { name: "UnsupportedOperation", $metadata: { httpStatusCode: 501 } });
    try {
      return structuredClone(await handler(world, input ?? {}, { region }));
    } catch (err) {
      if (err instanceof AwsFault) {
        throw Object.assign(new Error(err.message), {
          name: err.code,
          $fault: err.status >= 500 ? "server" : "client",
          $metadata: { httpStatusCode: err.status },
          $response: { statusCode: err.status, headers: err.headers },
        });
      }
      throw err;
    }
  };
}
