// What the Glue readers share: a resource's tags, read by ARN.
import { GetTagsCommand } from "@aws-sdk/client-glue";
import type { CheckContext } from "../src/grade/check.js";
import type { ErrorFact } from "../src/grade/facts.js";
import { glueArn } from "../checks/shared/arn.js";

/** The tags of a Glue resource (`kind` as in its ARN: database, crawler, job, trigger, workflow…), or why they could not be read. */
export async function glueTags(ctx: CheckContext, kind: string, name: string): Promise<Record<string, string> | ErrorFact> {
  const r = await ctx.read("glue", new GetTagsCommand({ ResourceArn: await glueArn(ctx, kind, name) }), { missing: ["EntityNotFoundException"] });
  return r.ok ? { ...(r.value.Tags ?? {}) } : r.missing ? {} : r.fact;
}

