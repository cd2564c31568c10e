// Tags in one shape: whatever list or map AWS returns, facts hold a { key: value } map.
import { z } from "zod";

/** Tags as facts hold them: tag key → value. */
export const tagMapSchema = z.record(z.string(), z.string());
export type TagMap = z.infer<typeof tagMapSchema>;

/** [{Key, Value}] (S3, IAM, Secrets Manager…) or a Record (Glue, DataBrew) → a plain map. */
export function tagMap(tags: readonly { Key?: string; Value?: string }[] | Record<string, string> | undefined): Record<string, string> {
  if (!tags) return {};
  if (Array.isArray(tags)) return Object.fromEntries(tags.filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? ""]));
  return { ...(tags as Record<string, string>) };
}
