// A scripted account (FakeAws, through the session's transport hook) answering from a workshop world through the
// world's own handlers, so each check test starts from a realistic account and overrides single calls (errors,
// pagination). Every read the world does not simulate fails loudly.
import * as athena from "@aws-sdk/client-athena";
import * as eventbridge from "@aws-sdk/client-eventbridge";
import * as glue from "@aws-sdk/client-glue";
import * as s3 from "@aws-sdk/client-s3";
import * as sfn from "@aws-sdk/client-sfn";
import { afterEach, expect } from "vitest";
import type { CheckContext, CheckModule, CheckOptions } from "../../../src/grade/check.js";
import type { Facts } from "../../../src/grade/facts.js";
import { resolveNames } from "../../../src/rubric/template.js";
import { awsError, FakeAws } from "../../support/check-tester.js";
import { HANDLERS } from "../../support/world/handlers.js";
import { AwsFault, type World } from "../../support/world/types.js";

const MODULES = { athena, eventbridge, glue, s3, sfn } as const;
type Service = keyof typeof MODULES;

/** The scripted account every workshop check test reads. */
export const aws = new FakeAws();

/** The scripted answers per service (`mocks.s3.on(GetObjectCommand).rejects(…)` overrides the world for one command). */
export const mocks = Object.fromEntries(Object.keys(MODULES).map((s) => [s, aws.client(s as Service)])) as { [S in Service]: ReturnType<FakeAws["client"]> };

// A test passes only on reads it scripted (or the world simulates).
afterEach(() => expect(aws.unscripted).toEqual([]));

/** An SDK-shaped error. */
export const sdkError = (name: string, status = 400, message = name) => awsError(name, message, status);

/** Forgets every script and call, and answers each simulated operation from `world`. */
export function mockWorld(world: World): void {
  aws.reset();
  for (const service of Object.keys(MODULES) as Service[]) {
    const mod = MODULES[service] as unknown as Record<string, unknown>;
    for (const [op, handler] of Object.entries(HANDLERS[service] ?? {})) {
      const Command = mod[`${op}Command`];
      if (!Command) continue;
      mocks[service].on(Command as abstract new () => { input: object }).callsFake(async (input: unknown) => {
        try {
          return await handler(world, input ?? {}, { region: world.region });
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

/** A fresh run context over the scripted account (one per test: discovery is memoised per context). */
export const context = (student = "42", options: CheckOptions = {}): CheckContext => aws.context({ student, names: NAMES(student), account: "123456789012", options });

/** A check's facts from the scripted account, held to its declared schema (no undeclared facts) and to reads only. */
export const collect = <F extends Facts>(check: CheckModule<F>, student = "42", options: CheckOptions = {}): Promise<F> => aws.collect(check, context(student, options), options);
