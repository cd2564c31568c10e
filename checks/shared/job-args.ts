// Glue job arguments in one shape: the feature switches a rubric grades (bookmarks, Spark UI, logging, metrics…).
import type { Job } from "@aws-sdk/client-glue";
import { z } from "zod";

/** The features a job's arguments switch on, normalised for matching. */
export const jobFeaturesSchema = z.object({
  /** `--job-bookmark-option` (job-bookmark-enable | job-bookmark-disable | job-bookmark-pause), null when unset (Glue's default: disabled). */
  bookmarks: z.string().nullable(),
  /** `--enable-spark-ui` is "true". */
  sparkUi: z.boolean(),
  /** `--spark-event-logs-path` with one trailing slash, null when unset. */
  sparkUiLogsPath: z.string().nullable(),
  /** `--enable-continuous-cloudwatch-log` is "true". */
  continuousLogging: z.boolean(),
  /** `--enable-metrics` is present and not "false" (the docs say only the key matters). */
  metrics: z.boolean(),
  /** `--enable-observability-metrics` is "true". */
  observabilityMetrics: z.boolean(),
  /** `--enable-auto-scaling` is "true". */
  autoScaling: z.boolean(),
  /** `--enable-job-insights` is not "false" (on by default for Glue 2.0+ when unset). */
  jobInsights: z.boolean(),
  /** `--job-language`, null when unset. */
  language: z.string().nullable(),
  /** `--TempDir`, null when unset. */
  tempDir: z.string().nullable(),
});
export type JobFeatures = z.infer<typeof jobFeaturesSchema>;

const isTrue = (v: string | undefined): boolean => typeof v === "string" && v.trim().toLowerCase() === "true";
const isSetNotFalse = (v: string | undefined): boolean => v !== undefined && v.trim().toLowerCase() !== "false";

/** DefaultArguments overlaid with NonOverridableArguments (both apply to every run). */
export function effectiveArguments(job: Pick<Job, "DefaultArguments" | "NonOverridableArguments">): Record<string, string> {
  return { ...(job.DefaultArguments ?? {}), ...(job.NonOverridableArguments ?? {}) };
}

/** The feature switches of a job (or of a plain argument map). */
export function jobFeatures(args: Readonly<Record<string, string>>): JobFeatures {
  const get = (k: string): string | undefined => (Object.prototype.hasOwnProperty.call(args, k) ? args[k] : undefined);
  const path = get("--spark-event-logs-path")?.trim();
  return {
    bookmarks: get("--job-bookmark-option")?.trim() || null,
    sparkUi: isTrue(get("--enable-spark-ui")),
    sparkUiLogsPath: path ? path.replace(/\/+$/, "") + "/" : null,
    continuousLogging: isTrue(get("--enable-continuous-cloudwatch-log")),
    metrics: isSetNotFalse(get("--enable-metrics")),
    observabilityMetrics: isTrue(get("--enable-observability-metrics")),
    autoScaling: isTrue(get("--enable-auto-scaling")),
    jobInsights: get("--enable-job-insights") === undefined || isSetNotFalse(get("--enable-job-insights")),
    language: get("--job-language")?.trim() || null,
    tempDir: get("--TempDir")?.trim() || null,
  };
}
