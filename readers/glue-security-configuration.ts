// A Glue security configuration: the encryption mode and KMS key of S3, CloudWatch, job bookmarks and data quality.
import type { Facts } from "../src/grade/facts.js";
import { securityConfigFacts, securityConfigFactsSchema } from "../checks/shared/security-config.js";
import { byName, defineReader } from "./reader.js";

/** Reads one security configuration by name. */
export const reader = defineReader({
  id: "glue.security_configuration",
  description: "A Glue security configuration: the encryption mode (SSE-KMS, SSE-S3, CSE-KMS, DISABLED) and KMS key of S3 data, CloudWatch logs, job bookmarks and data quality results.",
  params: byName,
  facts: securityConfigFactsSchema,
  actions: ["glue:GetSecurityConfiguration", "glue:GetSecurityConfigurations"],
  async read(ctx, { name }) {
    return (await securityConfigFacts(ctx, name)) as Facts;
  },
});
