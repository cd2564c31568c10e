// The S3 locations registered with Lake Formation, and the role each is registered with.
import { z } from "zod";
import { ListResourcesCommand } from "@aws-sdk/client-lakeformation";
import type { Facts } from "../src/grade/facts.js";
import { defineReader, errorFactSchema } from "./reader.js";

/** Lists registered locations (ARNs like arn:aws:s3:::bucket/prefix). */
export const reader = defineReader({
  id: "lakeformation.resources",
  description: "The S3 locations registered with Lake Formation: each location's ARN, the S3 URI it stands for, and the role it is registered with.",
  params: z.object({}).strict(),
  facts: z.union([z.object({ locations: z.array(z.object({ arn: z.string(), s3: z.string(), roleArn: z.string().nullable() })), s3: z.array(z.string()) }), errorFactSchema]),
  actions: ["lakeformation:ListResources"],
  async read(ctx) {
    const r = await ctx.list("lakeformation", (t) => new ListResourcesCommand({ NextToken: t }), (o) => ({ items: o.ResourceInfoList, next: o.NextToken }));
    if (!r.ok) return r.fact as unknown as Facts;
    const locations = r.items.slice(0, 500).map((x) => {
      const arn = x.ResourceArn ?? "";
      return { arn, s3: `s3://${arn.replace(/^arn:[^:]+:s3:::/, "").replace(/\/+$/, "")}/`, roleArn: x.RoleArn ?? null };
    });
    return { locations, s3: locations.map((l) => l.s3) };
  },
});
