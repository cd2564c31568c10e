// A Glue security configuration as facts: the encryption mode of each target (S3, CloudWatch, job bookmarks, data quality).
import { GetSecurityConfigurationCommand, GetSecurityConfigurationsCommand } from "@aws-sdk/client-glue";
import type { CheckContext } from "../../src/grade/check.js";
import { z } from "zod";
import { orError } from "../../src/grade/facts.js";
import { nearMisses } from "./student-owned.js";

/** A security configuration as facts: `exists` and near-miss names, or its encryption modes and keys. */
export const securityConfigFactsSchema = orError(
  z.union([
    z.object({ name: z.string(), exists: z.literal(false), similar: orError(z.array(z.string())) }),
    z.object({
      name: z.string(),
      exists: z.literal(true),
      s3Modes: z.array(z.string()),
      s3KmsKey: z.string().nullable(),
      cloudWatchMode: z.string(),
      cloudWatchKmsKey: z.string().nullable(),
      jobBookmarksMode: z.string(),
      jobBookmarksKmsKey: z.string().nullable(),
      dataQualityMode: z.string(),
    }),
  ]),
);
export type SecurityConfigFacts = z.infer<typeof securityConfigFactsSchema>;

/**
 * The facts of the security configuration `name`: its modes as wire strings ("SSE-KMS", "CSE-KMS", not the SDK enum
 * member names), an absent block read as DISABLED, and the KMS key of each. Missing: near-miss names from
 * GetSecurityConfigurations. Any other failure: the ErrorFact.
 */
export async function securityConfigFacts(ctx: CheckContext, name: string): Promise<SecurityConfigFacts> {
  const r = await ctx.read("glue", new GetSecurityConfigurationCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
  if (!r.ok) {
    if (!r.missing) return r.fact;
    const all = await ctx.list("glue", (t) => new GetSecurityConfigurationsCommand({ NextToken: t }), (o) => ({ items: o.SecurityConfigurations, next: o.NextToken }));
    return { name, exists: false, similar: all.ok ? nearMisses(name, all.items.map((c) => c.Name ?? ""), ctx.student) : all.fact };
  }
  const enc = r.value.SecurityConfiguration?.EncryptionConfiguration;
  const s3 = enc?.S3Encryption ?? [];
  return {
    name,
    exists: true,
    s3Modes: s3.map((e) => e.S3EncryptionMode ?? "DISABLED"),
    s3KmsKey: s3.find((e) => e.KmsKeyArn)?.KmsKeyArn ?? null,
    cloudWatchMode: enc?.CloudWatchEncryption?.CloudWatchEncryptionMode ?? "DISABLED",
    cloudWatchKmsKey: enc?.CloudWatchEncryption?.KmsKeyArn ?? null,
    jobBookmarksMode: enc?.JobBookmarksEncryption?.JobBookmarksEncryptionMode ?? "DISABLED",
    jobBookmarksKmsKey: enc?.JobBookmarksEncryption?.KmsKeyArn ?? null,
    dataQualityMode: enc?.DataQualityEncryption?.DataQualityEncryptionMode ?? "DISABLED",
  };
}
