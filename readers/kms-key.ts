// A KMS key, named by key ID, key ARN, alias name or alias ARN: state, usage, spec, manager and whether rotation is on.
import { z } from "zod";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand, type KeyMetadata } from "@aws-sdk/client-kms";
import type { ErrorFact, Facts, Json } from "../src/grade/facts.js";
import { defineReader, missing, namedFacts, orError, similarFrom } from "./reader.js";

/** Reads one key (an alias is resolved by DescribeKey). */
export const reader = defineReader({
  id: "kms.key",
  description: "A KMS key, by key ID, key ARN or alias (\"alias/glue-key-{student}\"): its ARN, state, whether it is enabled, usage, key spec, who manages it (CUSTOMER or AWS), and whether automatic rotation is on.",
  params: z.object({ name: z.string().min(1) }).strict(),
  facts: namedFacts({
    arn: z.string().nullable(),
    keyId: z.string().nullable(),
    state: z.string().nullable(),
    enabled: z.boolean(),
    usage: z.string().nullable(),
    keySpec: z.string().nullable(),
    manager: z.string().nullable(),
    rotationEnabled: orError(z.boolean().nullable()),
  }),
  actions: ["kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListAliases"],
  async read(ctx, { name }) {
    const r = await ctx.read("kms", new DescribeKeyCommand({ KeyId: name }), { missing: ["NotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      if (!name.startsWith("alias/")) return missing(name, []);
      const all = await ctx.list("kms", (t) => new ListAliasesCommand({ Marker: t }), (o) => ({ items: o.Aliases?.map((a) => a.AliasName ?? ""), next: o.Truncated ? o.NextMarker : undefined }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const k: KeyMetadata = r.value.KeyMetadata ?? { KeyId: undefined };
    let rotationEnabled: Json | ErrorFact = null;
    if (k.KeyManager === "CUSTOMER" && k.KeySpec === "SYMMETRIC_DEFAULT" && k.KeyId) {
      const rot = await ctx.read("kms", new GetKeyRotationStatusCommand({ KeyId: k.KeyId }), { missing: ["NotFoundException"] });
      rotationEnabled = rot.ok ? rot.value.KeyRotationEnabled === true : rot.missing ? null : rot.fact;
    }
    return { name, exists: true, arn: k.Arn ?? null, keyId: k.KeyId ?? null, state: k.KeyState ?? null, enabled: k.Enabled === true, usage: k.KeyUsage ?? null, keySpec: k.KeySpec ?? null, manager: k.KeyManager ?? null, rotationEnabled } as Facts;
  },
});
