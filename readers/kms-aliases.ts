// The KMS aliases of the account and region, optionally only those starting with a prefix, and the key each points to.
import { z } from "zod";
import { ListAliasesCommand } from "@aws-sdk/client-kms";
import type { Facts } from "../src/grade/facts.js";
import { defineReader, errorFactSchema } from "./reader.js";

/** Lists aliases (customer aliases only: "alias/aws/…" are left out). */
export const reader = defineReader({
  id: "kms.aliases",
  description: "The KMS aliases of the account (AWS-managed \"alias/aws/…\" left out), optionally only those starting with `prefix`, and the key ID each points to.",
  params: z.object({ prefix: z.string().default("alias/") }).strict(),
  facts: z.union([z.object({ names: z.array(z.string()), aliases: z.array(z.object({ name: z.string(), targetKeyId: z.string().nullable() })) }), errorFactSchema]),
  actions: ["kms:ListAliases"],
  async read(ctx, { prefix }) {
    const r = await ctx.list("kms", (t) => new ListAliasesCommand({ Marker: t }), (o) => ({ items: o.Aliases, next: o.Truncated ? o.NextMarker : undefined }));
    if (!r.ok) return r.fact as unknown as Facts;
    const mine = r.items.filter((a) => a.AliasName && !a.AliasName.startsWith("alias/aws/") && a.AliasName.startsWith(prefix)).slice(0, 200);
    return { names: mine.map((a) => a.AliasName!), aliases: mine.map((a) => ({ name: a.AliasName!, targetKeyId: a.TargetKeyId ?? null })) };
  },
});
