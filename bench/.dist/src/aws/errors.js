// How an AWS SDK error is classified: missing resource, denied, throttled, timed out, unreachable, no credentials.
const NOT_FOUND = new Set([
    "EntityNotFoundException", "NoSuchEntityException", "NoSuchEntity", "ResourceNotFoundException", "NotFoundException",
    "NotFound", "NoSuchBucket", "NoSuchKey", "ResourceNotFound", "StateMachineDoesNotExist", "DashboardNotFoundError",
]);
const DENIED = new Set([
    "AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException", "UnauthorizedOperation",
    "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
    "InvalidAccessKeyId", "AccessDeniedFault",
]);
const THROTTLED = new Set([
    "ThrottlingException", "Throttling", "TooManyRequestsException", "SlowDown", "RequestLimitExceeded",
    "ProvisionedThroughputExceededException", "LimitExceededException", "RequestThrottledException", "ThrottledException",
]);
const TIMEOUT = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "AbortError"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ETIMEDOUT", "ECONNABORTED"]);
/** Classifies any thrown value; `missing` adds service-specific not-found names (e.g. NoSuchBucketPolicy). */
export function classify(err, missing = []) {
    const e = (err ?? {});
    const name = e.name ?? "";
    const code = e.Code ?? e.code ?? "";
    if (name === "ReadOnlyViolation")
        return "readOnly";
    if (name === "NotInSnapshot")
        return "notInSnapshot";
    if (missing.includes(name) || missing.includes(code))
        return "notFound";
    if (name === "CredentialsProviderError" || /could not load credentials|credential is missing|Could not resolve credentials/i.test(e.message ?? ""))
        return "credentials";
    if (DENIED.has(name) || DENIED.has(code))
        return "accessDenied";
    if (THROTTLED.has(name) || THROTTLED.has(code))
        return "throttled";
    if (TIMEOUT.has(name) || TIMEOUT.has(code))
        return "timeout";
    if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name))
        return "network";
    if (NOT_FOUND.has(name) || NOT_FOUND.has(code) || name.startsWith("NoSuch"))
        return "notFound";
    const status = e.$metadata?.httpStatusCode;
    if (status === 403)
        return "accessDenied";
    if (status === 404)
        return "notFound";
    if (status === 429 || status === 503)
        return "throttled";
    return "other";
}
/** One readable line for an error, without stack or request ids. */
export function describeError(err) {
    const e = (err ?? {});
    const name = e.name && e.name !== "Error" ? e.name : e.code ?? "Error";
    const status = e.$metadata?.httpStatusCode;
    const message = (e.message ?? String(err)).split("\n")[0].slice(0, 300);
    const shown = message && message !== name && message !== "UnknownError" ? `: ${message}` : "";
    return `${name}${status ? ` (HTTP ${status})` : ""}${shown}`;
}
/** The HTTP status an error carried, if any. */
export function httpStatus(err) {
    return err?.$metadata?.httpStatusCode;
}
/** A response header of a failed call (e.g. x-amz-bucket-region on an S3 301). */
export function errorHeader(err, header) {
    const headers = err?.$response?.headers ?? {};
    const key = Object.keys(headers).find((k) => k.toLowerCase() === header.toLowerCase());
    return key ? headers[key] : undefined;
}
