// A Secrets Manager secret's metadata only (DescribeSecret; the value is never read): KMS key, rotation and tags.
import { z } from "zod";
import { DescribeSecretCommand, ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import type { Facts } from "../src/grade/facts.js";
import { tagMap } from "../checks/shared/tags.js";
import { byName, defineReader, missing, namedFacts, similarFrom, stringMap } from "./reader.js";

/** Reads one secret's metadata. GetSecretValue is never called (the session refuses it too). */
export const reader = defineReader({
  id: "secretsmanager.secret",
  description: "A Secrets Manager secret's metadata (never its value): ARN, description, KMS key, whether rotation is on and its interval, whether it is scheduled for deletion, and its tags.",
  params: byName,
  facts: namedFacts({ arn: z.string().nullable(), description: z.string().nullable(), kmsKeyId: z.string().nullable(), rotationEnabled: z.boolean(), rotationDays: z.number().nullable(), scheduledForDeletion: z.boolean(), tags: stringMap }),
  actions: ["secretsmanager:DescribeSecret", "secretsmanager:ListSecrets"],
  async read(ctx, { name }) {
    const r = await ctx.read("secretsmanager", new DescribeSecretCommand({ SecretId: name }), { missing: ["ResourceNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("secretsmanager", (t) => new ListSecretsCommand({ NextToken: t }), (o) => ({ items: o.SecretList?.map((s) => s.Name ?? ""), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const s = r.value;
    return { name, exists: true, arn: s.ARN ?? null, description: s.Description ?? null, kmsKeyId: s.KmsKeyId ?? null, rotationEnabled: s.RotationEnabled === true, rotationDays: s.RotationRules?.AutomaticallyAfterDays ?? null, scheduledForDeletion: !!s.DeletedDate, tags: tagMap(s.Tags) };
  },
});
