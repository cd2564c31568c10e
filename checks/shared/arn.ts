// ARNs of Glue resources, for GetTags and comparisons.
import type { CheckContext } from "../../src/grade/check.js";

/** arn:{partition}:glue:{region}:{account}:{kind}/{name} for the run's account and region (waits for the account). */
export async function glueArn(ctx: CheckContext, kind: string, name: string): Promise<string> {
  return `arn:${await ctx.partition()}:glue:${ctx.region}:${(await ctx.accountId()) ?? ""}:${kind}/${name}`;
}

/** "s3://bucket/prefix" → "s3://bucket/prefix/" (one trailing slash), for comparisons. */
export function withSlash(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  return uri.replace(/\/+$/, "") + "/";
}
