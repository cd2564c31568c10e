// S3 objects under a prefix: a bounded listing (keys, folders, file extensions) and the first four bytes of one sample (Parquet or not).
import { z } from "zod";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { Facts } from "../src/grade/facts.js";
import { normalisePrefix } from "../checks/shared/s3-buckets.js";
import { NOT_DATA, prefixFacts } from "../checks/shared/s3-objects.js";
import { defineReader, errorFactSchema, orError } from "./reader.js";

const MAX_KEYS = 200;

/** Lists the data objects under `prefix` (at most 10 pages) and samples one. */
export const reader = defineReader({
  id: "s3.objects",
  description: "The objects under a prefix of a bucket: data keys, the folders they imply, their file extensions, and whether a sample object is Parquet (a four-byte ranged read).",
  params: z.object({ bucket: z.string().min(1), prefix: z.string().default("") }).strict(),
  facts: z.union([
    z.object({
      bucket: z.string(),
      prefix: z.string(),
      bucketExists: z.boolean(),
      count: z.number(),
      keys: z.array(z.string()),
      folders: z.array(z.string()),
      extensions: z.array(z.string()),
      parquetObjects: z.number(),
      sample: orError(z.object({ key: z.string(), size: z.number(), magic: z.string(), parquet: z.boolean() })).nullable(),
    }),
    errorFactSchema,
  ]),
  actions: ["s3:ListBucket", "s3:GetObject"],
  async read(ctx, { bucket, prefix: raw }) {
    const prefix = normalisePrefix(raw);
    // The same ListObjectsV2 input as prefixFacts: the session answers both from one call.
    const [listed, sampled] = await Promise.all([
      ctx.list("s3", (t) => new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: t }), (o) => ({ items: o.Contents, next: o.IsTruncated ? o.NextContinuationToken : undefined }), { maxPages: 10, partialOk: true }),
      prefixFacts(ctx, bucket, prefix),
    ]);
    if (!listed.ok) return listed.missing ? { bucket, prefix, bucketExists: false, count: 0, keys: [], folders: [], extensions: [], parquetObjects: 0, sample: null } : (listed.fact as unknown as Facts);
    const all = listed.items.map((o) => o.Key ?? "").filter(Boolean);
    const data = listed.items.filter((o) => o.Key && !NOT_DATA.test(o.Key) && (o.Size ?? 0) > 0).map((o) => o.Key!);
    const folders = new Set<string>();
    for (const key of all) {
      const parts = key.split("/");
      for (let i = 1; i < parts.length; i++) folders.add(`${parts.slice(0, i).join("/")}/`);
    }
    const extensions = new Set(data.map((k) => /\.([a-z0-9]+)(\.(gz|bz2|snappy|zst))?$/i.exec(k.split("/").pop() ?? "")?.[1]?.toLowerCase()).filter((x): x is string => !!x));
    const s = "sample" in sampled ? sampled : undefined;
    return {
      bucket,
      prefix,
      bucketExists: true,
      count: data.length,
      keys: data.slice(0, MAX_KEYS),
      folders: [...folders].sort().slice(0, MAX_KEYS),
      extensions: [...extensions].sort(),
      parquetObjects: typeof s?.parquetObjects === "number" ? s.parquetObjects : 0,
      sample: s ? (s.sample ?? null) : (sampled as unknown as Facts),
    } as Facts;
  },
});
