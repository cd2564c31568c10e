// Client mocks (aws-sdk-client-mock) answering from a workshop world through the world's own handlers, so each
// check test starts from a realistic account and overrides single calls (errors, streams, pagination).
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import * as athena from "@aws-sdk/client-athena";
import * as eventbridge from "@aws-sdk/client-eventbridge";
import * as glue from "@aws-sdk/client-glue";
import * as s3 from "@aws-sdk/client-s3";
import * as sfn from "@aws-sdk/client-sfn";
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext, type CheckOptions } from "../../../src/grade/check.js";
import { resolveNames } from "../../../src/rubric/template.js";
import { HANDLERS } from "../../support/world/handlers.js";
import { AwsFault, type World } from "../../support/world/types.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStub = AwsStub<any, any, any>;
const MODULES = { athena, eventbridge, glue, s3, sfn } as const;
const CLIENTS = { athena: athena.AthenaClient, eventbridge: eventbridge.EventBridgeClient, glue: glue.GlueClient, s3: s3.S3Client, sfn: sfn.SFNClient } as const;

/** One mock per client class (created once: mockClient patches the class prototype). */
export const mocks = Object.fromEntries(Object.entries(CLIENTS).map(([k, C]) => [k, mockClient(C as never)])) as unknown as Record<keyof typeof CLIENTS, AnyStub>;

/** An SDK-shaped error. */
export const sdkError = (name: string, status = 400, message = name) => Object.assign(new Error(message), { name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status } });

/** Resets every mock and answers each simulated operation from `world`. */
export function mockWorld(world: World): void {
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  for (const [service, stub] of Object.entries(mocks) as [keyof typeof CLIENTS, AnyStub][]) {
    stub.reset();
    const mod = MODULES[service] as unknown as Record<string, unknown>;
    for (const [op, handler] of Object.entries(HANDLERS[service] ?? {})) {
      const Command = mod[`${op}Command`];
      if (!Command) continue;
      stub.on(Command as never).callsFake(async (input: unknown) => {
        try {
          return structuredClone(await handler(world, input ?? {}, { region: world.region }));
        } catch (e) {
          if (e instanceof AwsFault) throw Object.assign(sdkError(e.code, e.status, e.message), { $response: { statusCode: e.status, headers: e.headers } });
          throw e;
        }
      });
    }
  }
}

/** The rubric's names for the workshop, resolved for `student`. */
export const NAMES = (student: string) =>
  resolveNames(
    { rawDb: "workshop_raw", rawDbSuffixed: "workshop_raw_{student}", processedDb: "workshop_processed", processedDbSuffixed: "workshop_processed_{student}", rawPrefix: "raw/", processedPrefix: "processed/" },
    { student, account: "123456789012", region: "us-east-1" },
  );

/** A fresh run context (one per test: discovery is memoised per context). */
export const context = (student = "42", options: CheckOptions = {}) =>
  new CheckContext(new AwsSession({ region: "us-east-1", maxAttempts: 1 }), student, NAMES(student), "123456789012", "aws", options);
