// S3 objects under a prefix, read sparingly: a bounded listing and the first four bytes of one sample (ranged GET),
// enough to tell Parquet (magic "PAR1") from CSV or JSON without downloading data.
import { GetObjectCommand, ListObjectsV2Command, type _Object } from "@aws-sdk/client-s3";
import type { CheckContext } from "../../src/grade/check.js";
import { z } from "zod";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { withSlash } from "./arn.js";

/** "s3://bucket/a/b" → { bucket, prefix: "a/b/" }. */
export function parseS3(uri: string | null | undefined): { bucket: string; prefix: string } | null {
  const m = /^s3a?:\/\/([^/]+)\/?(.*)$/i.exec(uri?.trim() ?? "");
  if (!m) return null;
  const prefix = m[2]!.replace(/^\/+/, "");
  return { bucket: m[1]!, prefix: prefix ? withSlash(prefix)! : "" };
}



/** The first bytes of an S3 GetObject Body: an SDK stream (transformToByteArray), or bytes (in-process world, replay). */
const bodyBytes = new WeakMap<object, Promise<Uint8Array>>();
export function readBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return Promise.resolve(body);
  if (typeof body === "string") return Promise.resolve(new TextEncoder().encode(body));
  if (body && typeof body === "object" && typeof (body as { transformToByteArray?: unknown }).transformToByteArray === "function") {
    // A stream can be consumed once; memoised session answers share it, so the bytes are shared too.
    let p = bodyBytes.get(body);
    if (!p) bodyBytes.set(body, (p = (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()));
    return p;
  }
  return Promise.reject(new Error("GetObject returned no readable Body"));
}

/** Four bytes as text when printable ("PAR1"), with \xNN escapes otherwise. */
export function showBytes(b: Uint8Array): string {
  return [...b].map((x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : `\\x${x.toString(16).padStart(2, "0")}`)).join("");
}

const PARQUET_NAME = /\.parquet$/i;
export const NOT_DATA = /(^|\/)(_SUCCESS|_temporary\/|_committed_|_started_|\.spark-staging|[^/]*\$folder\$)|\/$/;

/** The first four bytes of one sampled object. */
export const objectSampleSchema = z.object({ key: z.string(), size: z.number(), magic: z.string(), parquet: z.boolean(), readError: z.string().optional() });
export type ObjectSample = z.infer<typeof objectSampleSchema>;

/** What prefixFacts returns: the data objects under a prefix and one sample (null when there is none). */
export const prefixFactsSchema = z.object({
  location: z.string(),
  bucketExists: z.boolean(),
  objects: z.number(),
  parquetObjects: z.number(),
  otherKeys: z.array(z.string()),
  sample: orError(objectSampleSchema).nullable(),
});
export type PrefixFacts = z.infer<typeof prefixFactsSchema>;

/** Objects under a prefix (at most 10 pages) and the first 4 bytes of one sample (a .parquet key first), read with a ranged GET. */
export async function prefixFacts(ctx: CheckContext, bucket: string, prefix: string, region?: string | null): Promise<PrefixFacts | ErrorFact> {
  const listed = await ctx.list(
    "s3",
    (t) => new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: t }),
    (o) => ({ items: o.Contents, next: o.IsTruncated ? o.NextContinuationToken : undefined }),
    { maxPages: 10, partialOk: true, region: region ?? undefined },
  );
  // A bucket that does not exist is the student's mistake, not something the tool could not check.
  if (!listed.ok) return listed.missing ? { location: `s3://${bucket}/${prefix}`, bucketExists: false, objects: 0, parquetObjects: 0, otherKeys: [], sample: null } : listed.fact;
  const data = listed.items.filter((o): o is _Object & { Key: string } => !!o.Key && !NOT_DATA.test(o.Key) && (o.Size ?? 0) > 0);
  const parquet = data.filter((o) => PARQUET_NAME.test(o.Key));
  const chosen = parquet[0] ?? data[0];
  let sample: ObjectSample | ErrorFact | null = null;
  if (chosen) {
    if ((chosen.Size ?? 0) < 4) sample = { key: chosen.Key, size: chosen.Size ?? 0, magic: "", parquet: false };
    else {
      const got = await ctx.read("s3", new GetObjectCommand({ Bucket: bucket, Key: chosen.Key, Range: "bytes=0-3" }), { region: region ?? undefined });
      if (!got.ok) sample = got.fact;
      else {
        try {
          const bytes = (await readBody(got.value.Body)).slice(0, 4);
          const magic = showBytes(bytes);
          sample = { key: chosen.Key, size: chosen.Size ?? 0, magic, parquet: magic === "PAR1" };
        } catch (e) {
          sample = { key: chosen.Key, size: chosen.Size ?? 0, magic: "", parquet: false, readError: e instanceof Error ? e.message.slice(0, 200) : String(e) };
        }
      }
    }
  }
  return {
    location: `s3://${bucket}/${prefix}`,
    bucketExists: true,
    objects: data.length,
    parquetObjects: parquet.length,
    otherKeys: data.filter((o) => !PARQUET_NAME.test(o.Key)).slice(0, 3).map((o) => o.Key),
    sample,
  };
}

