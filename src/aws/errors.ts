// How an AWS SDK error is classified (missing resource, denied, throttled, endpoint error, unreadable answer…) and
// the one sentence that tells a student or teacher what happened.

/** Every kind of failure, in the terms a grade needs. */
export const FAILURE_KINDS = [
  "notFound", "accessDenied", "throttled", "timeout", "network", "credentials", "notInSnapshot", "readOnly",
  "serverError", "endpoint", "unreadable", "other",
] as const;

/**
 * What went wrong with one call. `serverError`: an HTTP 5xx from the service; `endpoint`: an HTTP error without any
 * AWS error code (an endpoint that lacks the route); `unreadable`: an answer that could not be parsed, or a broken
 * HTTP exchange (protocol error).
 */
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** The parts of an SDK error the tool relies on (all optional: anything can be thrown). */
export interface SdkErrorLike {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/** The call an error came from, when known: lets a synthesised code be told from a real one. */
export interface CallContext {
  service?: string;
  operation?: string;
}

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
/** Names the SDK gives an error answer that carried no AWS error code (its fallbacks). */
const NO_CODE = new Set(["Unknown", "UnknownError", "Error", ""]);
/** The SDK's own note on an answer it could not parse, and the parsers' errors. */
const UNPARSEABLE = /Deserialization error|Unexpected token|is not valid JSON|Unexpected end of JSON|Expected .* in JSON|XML parse|Invalid XML|char '.' is not expected/i;

/** True when the SDK made the name up from the HTTP status alone (no AWS error code in the answer). */
function codeless(name: string, code: string, ctx: CallContext): boolean {
  if (code && !NO_CODE.has(code)) return false;
  if (NO_CODE.has(name) || /^\d{3}$/.test(name)) return true;
  // S3 (REST-XML) names any 404 without a body "NotFound": a real answer only for HEAD requests, which have no body.
  return name === "NotFound" && ctx.service === "s3" && !!ctx.operation && !/^Head/.test(ctx.operation);
}

/** Classifies any thrown value; `missing` adds service-specific not-found names (e.g. NoSuchBucketPolicy). */
export function classify(err: unknown, missing: readonly string[] = [], ctx: CallContext = {}): FailureKind {
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? "";
  const code = e.Code ?? e.code ?? "";
  const status = e.$metadata?.httpStatusCode;
  if (name === "ReadOnlyViolation") return "readOnly";
  if (name === "NotInSnapshot") return "notInSnapshot";
  if (name === "CredentialsProviderError" || /could not load credentials|credential is missing|Could not resolve credentials/i.test(e.message ?? "")) return "credentials";
  const unparseable = name === "SyntaxError" || UNPARSEABLE.test(e.message ?? "");
  // an error status whose body is not AWS's (HTML, plain text, empty) carries no error code: the status is all there is
  if (status !== undefined && status >= 400 && (unparseable || codeless(name, code, ctx))) {
    if (status === 429 || status === 503) return "throttled";
    if (status === 403) return "accessDenied";
    return status >= 500 ? "serverError" : "endpoint";
  }
  if (unparseable) return "unreadable";
  if (typeof code === "string" && /^(ERR_HTTP2|HPE_|ERR_INVALID_HTTP|ERR_STREAM_PREMATURE_CLOSE)/.test(code)) return "unreadable";
  if (missing.includes(name) || missing.includes(code)) return "notFound";
  if (DENIED.has(name) || DENIED.has(code)) return "accessDenied";
  if (THROTTLED.has(name) || THROTTLED.has(code)) return "throttled";
  if (TIMEOUT.has(name) || TIMEOUT.has(code)) return "timeout";
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name)) return "network";
  if (NOT_FOUND.has(name) || NOT_FOUND.has(code) || name.startsWith("NoSuch")) return "notFound";
  if (status === 403) return "accessDenied";
  if (status === 429 || status === 503) return "throttled";
  if (status !== undefined && status >= 500) return "serverError";
  return "other";
}

/** One readable line for an error, without stack or request ids. */
export function describeError(err: unknown): string {
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name && e.name !== "Error" ? e.name : e.code ?? "Error";
  const status = e.$metadata?.httpStatusCode;
  const message = (e.message ?? String(err)).split("\n")[0]!.slice(0, 300);
  const shown = message && message !== name && message !== "UnknownError" ? `: ${message}` : "";
  return `${name}${status ? ` (HTTP ${status})` : ""}${shown}`;
}

/** A failed read as the facts keep it: the IAM action, the kind of failure, and the error in one line. */
export interface FailureFacts {
  action: string;
  kind: FailureKind;
  message: string;
}

/** Why a read failed, as a clause (no leading capital, no full stop): what happened and what to do. */
function cause(f: FailureFacts): string {
  const a = f.action;
  const m = f.message;
  switch (f.kind) {
    case "accessDenied":
      return `the grading identity is not allowed to call ${a} (${m}): grant ${a} to it and grade again`;
    case "throttled":
      return `AWS throttled ${a} (${m}): grade again in a few minutes`;
    case "timeout":
      return `${a} timed out (${m}): grade again`;
    case "network":
      return `the endpoint for ${a} could not be reached (${m}): check the network or --endpoint-url and grade again`;
    case "credentials":
      return `no AWS credentials were found for ${a} (${m}): set a profile or credentials and grade again`;
    case "notInSnapshot":
      return `the replayed snapshot holds no answer for ${a}: record the snapshot again with this version`;
    case "readOnly":
      return `${a} is not a read and the grader never sends it`;
    case "serverError":
      return `the endpoint answered ${a} with a server error (${m}): this is not a missing resource nor a permission problem; grade again later`;
    case "endpoint":
      return `the endpoint answered ${a} with an HTTP error and no AWS error code (${m}): it may not support this call (check --endpoint-url); this is not a missing resource nor a permission problem`;
    case "unreadable":
      return `the answer to ${a} could not be read (${m}): the endpoint did not answer like AWS (check --endpoint-url and the HTTP protocol); this is not a missing resource nor a permission problem`;
    case "notFound":
      return `${a} reported a missing resource (${m})`;
    case "other":
      return `${a} failed (${m})`;
  }
}

/** The one sentence for a criterion that could not be checked (evaluate.ts, the console, the HTML banner, every report). */
export function failureSentence(f: FailureFacts): string {
  return `could not be checked: ${cause(f)}.`;
}

/**
 * The summary line under a report for its `error` criteria: grants are suggested only for denied actions; other
 * causes are named as what they are.
 */
export function failureSummary(errors: readonly { action?: string; cause?: FailureKind }[]): string {
  const n = errors.length;
  const head = `${n} ${n === 1 ? "criterion" : "criteria"} could not be checked`;
  if (n === 0) return "";
  const of = (k: FailureKind[]) => [...new Set(errors.filter((e) => e.cause && k.includes(e.cause)).map((e) => e.action ?? "?"))];
  const parts: string[] = [];
  const denied = of(["accessDenied"]);
  if (denied.length) parts.push(`grant ${list(denied)} to the grading identity`);
  const transient = of(["throttled", "timeout", "network"]);
  if (transient.length) parts.push(`grade again (${list(transient)} throttled, timed out or unreachable)`);
  const endpoint = of(["serverError", "endpoint", "unreadable"]);
  if (endpoint.length) parts.push(`the endpoint answered ${list(endpoint)} with an error or an answer unlike AWS's (not a missing resource nor a permission problem)`);
  const snapshot = of(["notInSnapshot"]);
  if (snapshot.length) parts.push(`the snapshot has no answer for ${list(snapshot)}`);
  const credentials = of(["credentials"]);
  if (credentials.length) parts.push("no AWS credentials were found");
  if (parts.length === 0) return `${head}: see each criterion for the cause.`;
  return `${head}: ${parts.join("; ")}.`;
}

const list = (xs: string[]): string => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** The HTTP status an error carried, if any. */
export function httpStatus(err: unknown): number | undefined {
  return (err as SdkErrorLike | undefined)?.$metadata?.httpStatusCode;
}

/** A response header of a failed call (e.g. x-amz-bucket-region on an S3 301). */
export function errorHeader(err: unknown, header: string): string | undefined {
  const headers = (err as SdkErrorLike | undefined)?.$response?.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === header.toLowerCase());
  return key ? headers[key] : undefined;
}
