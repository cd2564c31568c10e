// A Glue security configuration as facts: the encryption mode of each target (S3, CloudWatch, job bookmarks, data quality).
import { GetSecurityConfigurationCommand, GetSecurityConfigurationsCommand } from "@aws-sdk/client-glue";
import type { CheckContext } from "../../src/grade/check.js";
import type { Json } from "../../src/grade/facts.js";
import { nearMisses } from "./student-owned.js";

/**
 * The facts of the security configuration `name`: its modes as wire strings ("SSE-KMS", "CSE-KMS", not the SDK enum
 * member names), an absent block read as DISABLED, and the KMS key of each. Missing: near-miss names from
 * GetSecurityConfigurations. Any other failure: the ErrorFact.
 */
export async function securityConfigFacts(ctx: CheckContext, name: string): Promise<Json> {
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
