// Values the tool must not keep even though a read returns them: they are replaced before an answer is memoised,
// handed to a check, or written to a --record snapshot.

/** The placeholder that stands where a value was removed. */
export const REDACTED = "<redacted>";

/** `{ KEY: value }` → `{ KEY: "<redacted>" }`: the names stay (they tell what is configured), the values go. */
function keysOnly(vars: unknown): unknown {
  if (!vars || typeof vars !== "object" || Array.isArray(vars)) return vars;
  return Object.fromEntries(Object.keys(vars).map((k) => [k, REDACTED]));
}

/** A Lambda function configuration without its environment variable values (they often hold credentials). */
function lambdaConfig(f: unknown): unknown {
  if (!f || typeof f !== "object") return f;
  const c = f as { Environment?: { Variables?: unknown } };
  if (!c.Environment || typeof c.Environment !== "object" || c.Environment.Variables === undefined) return f;
  return { ...c, Environment: { ...c.Environment, Variables: keysOnly(c.Environment.Variables) } };
}

const SECRET_KEY = /pass(word|wd)?|secret|token|credential|api[-_]?key|access[-_]?key|private[-_]?key/i;

/** Job arguments with the values of secret-looking keys (password, token, api-key…) replaced; other values kept. */
export function redactArguments(args: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(args ?? {}).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : v]));
}

/** A Glue job (or job run) with its argument maps redacted. */
function glueJob(j: unknown): unknown {
  if (!j || typeof j !== "object") return j;
  const job = j as { DefaultArguments?: Record<string, string>; NonOverridableArguments?: Record<string, string>; Arguments?: Record<string, string> };
  return {
    ...job,
    ...(job.DefaultArguments ? { DefaultArguments: redactArguments(job.DefaultArguments) } : {}),
    ...(job.NonOverridableArguments ? { NonOverridableArguments: redactArguments(job.NonOverridableArguments) } : {}),
    ...(job.Arguments ? { Arguments: redactArguments(job.Arguments) } : {}),
  };
}

/** Glue job outputs whose argument maps may hold a password: one job, a list of jobs, one run, a list of runs. */
const GLUE_JOB_FIELDS: Record<string, "Job" | "Jobs" | "JobRun" | "JobRuns"> = { GetJob: "Job", GetJobs: "Jobs", BatchGetJobs: "Jobs", GetJobRun: "JobRun", GetJobRuns: "JobRuns" };

/** "admin@example.com" → "a***@e***.com": enough to recognise one's own address, never the whole of it (idempotent). */
export function maskEmail(address: string | undefined): string {
  const at = (address ?? "").lastIndexOf("@");
  if (at <= 0) return "***";
  const local = address!.slice(0, at);
  const domain = address!.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const tld = dot > 0 ? domain.slice(dot) : "";
  return `${local[0]}***@${domain[0] ?? ""}***${tld}`;
}

/**
 * An SNS subscription endpoint as it may be kept: email addresses masked, phone numbers reduced to their last two
 * digits, HTTP(S) endpoints to their origin (a path or query may carry a token); ARNs (Lambda, SQS, Firehose) stay.
 */
export function maskEndpoint(protocol: string | undefined, endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  const p = (protocol ?? "").toLowerCase();
  if (p === "email" || p === "email-json") return maskEmail(endpoint);
  if (p === "sms") return `***${endpoint.replace(/\D/g, "").slice(-2)}`;
  if (p === "http" || p === "https") {
    try {
      return `${new URL(endpoint).origin}/***`;
    } catch {
      return "***";
    }
  }
  return endpoint;
}

function subscriptions(o: { Subscriptions?: unknown }): unknown {
  if (!Array.isArray(o.Subscriptions)) return o;
  return {
    ...o,
    Subscriptions: o.Subscriptions.map((s: unknown) => {
      if (!s || typeof s !== "object") return s;
      const sub = s as { Protocol?: string; Endpoint?: string };
      return sub.Endpoint === undefined ? s : { ...sub, Endpoint: maskEndpoint(sub.Protocol, sub.Endpoint) };
    }),
  };
}

/**
 * The output of service:operation with secret-bearing values removed: Glue job and job-run arguments whose key
 * looks like a secret (`--db-password`…); SNS subscription endpoints masked
 * (ListSubscriptionsByTopic, ListSubscriptions: personal addresses); Lambda environment variable values
 * (GetFunctionConfiguration, ListFunctions' Functions[], and GetFunction's Configuration, should it ever be sent).
 * Other outputs come back unchanged (the same object).
 */
export function redactOutput(service: string, operation: string, output: unknown): unknown {
  if (!output || typeof output !== "object") return output;
  if (service === "sns" && (operation === "ListSubscriptionsByTopic" || operation === "ListSubscriptions")) return subscriptions(output as { Subscriptions?: unknown });
  const field = service === "glue" ? GLUE_JOB_FIELDS[operation] : undefined;
  if (field) {
    const o = output as Record<string, unknown>;
    const v = o[field];
    return v === undefined ? output : { ...o, [field]: Array.isArray(v) ? v.map(glueJob) : glueJob(v) };
  }
  if (service !== "lambda") return output;
  const o = output as { Functions?: unknown; Configuration?: unknown };
  if (operation === "GetFunctionConfiguration") return lambdaConfig(output);
  if (operation === "ListFunctions" && Array.isArray(o.Functions)) return { ...o, Functions: o.Functions.map(lambdaConfig) };
  if (operation === "GetFunction" && o.Configuration) return { ...o, Configuration: lambdaConfig(o.Configuration) };
  return output;
}
