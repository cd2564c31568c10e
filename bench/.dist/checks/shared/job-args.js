const isTrue = (v) => typeof v === "string" && v.trim().toLowerCase() === "true";
const isSetNotFalse = (v) => v !== undefined && v.trim().toLowerCase() !== "false";
/** DefaultArguments overlaid with NonOverridableArguments (both apply to every run). */
export function effectiveArguments(job) {
    return { ...(job.DefaultArguments ?? {}), ...(job.NonOverridableArguments ?? {}) };
}
/** The feature switches of a job (or of a plain argument map). */
export function jobFeatures(args) {
    const get = (k) => (Object.prototype.hasOwnProperty.call(args, k) ? args[k] : undefined);
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
const SECRET_KEY = /pass(word|wd)?|secret|token|credential|api[-_]?key|access[-_]?key|private[-_]?key/i;
/** Job arguments for facts: values of secret-looking keys (password, token, api-key…) replaced, so reports never carry them. */
export function redactArguments(args) {
    return Object.fromEntries(Object.entries(args ?? {}).map(([k, v]) => [k, SECRET_KEY.test(k) ? "(redacted)" : v]));
}
