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

/** A secret-looking word in an argument name, between separators: `--db-password`, `--api_key`, `--secret-token` (not `--passthrough`, `--tokenizer`). */
const SECRET_KEY = /(^|[-_.])(pass(word|wd)?|secret|token|credentials?|api[-_]?key|access[-_]?key|private[-_]?key)([-_.]|$)/i;
/** `…secret.key=VALUE`, `password=VALUE` inside a value (e.g. `--conf spark.hadoop.fs.s3a.secret.key=…`). */
const SECRET_ASSIGNMENT = /((?:^|[\s,;.])(?:[\w.-]*?)(?:pass(?:word|wd)?|secret(?:[._-]?(?:access[._-]?)?key)?|token|credentials?|api[._-]?key|access[._-]?key|private[._-]?key)\s*=\s*)[^\s,;]+/gi;

/** Job arguments with the values of secret-looking keys (password, token, api-key…) replaced, and secrets assigned inside other values too. */
export function redactArguments(args: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(args ?? {}).map(([k, v]) => [k, SECRET_KEY.test(k.replace(/^-+/, "")) ? REDACTED : typeof v === "string" ? v.replace(SECRET_ASSIGNMENT, `$1${REDACTED}`) : v]),
  );
}

/** Glue fields that hold argument or property maps: jobs, job runs, trigger actions, workflow (run) properties. */
const ARGUMENT_MAPS = new Set(["DefaultArguments", "NonOverridableArguments", "Arguments", "DefaultRunProperties", "WorkflowRunProperties", "RunProperties"]);

/** Every argument map inside a Glue answer redacted, however deep (a workflow graph holds triggers and job runs). */
function glueAnswer(v: unknown, depth = 0): unknown {
  if (depth > 12 || !v || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => glueAnswer(x, depth + 1));
  if (v instanceof Date || v instanceof Uint8Array) return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, x]) => [
      k,
      ARGUMENT_MAPS.has(k) && x && typeof x === "object" && !Array.isArray(x) ? redactArguments(x as Record<string, string>) : glueAnswer(x, depth + 1),
    ]),
  );
}

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
 * The output of service:operation with secret-bearing values removed: every Glue argument or run-property map (jobs,
 * job runs, trigger actions, workflow graphs and runs) loses the values of secret-looking keys and secrets assigned
 * inside values; SNS subscription endpoints masked
 * (ListSubscriptionsByTopic, ListSubscriptions: personal addresses); Lambda environment variable values
 * (GetFunctionConfiguration, ListFunctions' Functions[], and GetFunction's Configuration, should it ever be sent).
 * Outputs of other services come back unchanged (the same object).
 */
export function redactOutput(service: string, operation: string, output: unknown): unknown {
  if (!output || typeof output !== "object") return output;
  if (service === "sns" && (operation === "ListSubscriptionsByTopic" || operation === "ListSubscriptions")) return subscriptions(output as { Subscriptions?: unknown });
  if (service === "glue") return glueAnswer(output);
  if (service !== "lambda") return output;
  const o = output as { Functions?: unknown; Configuration?: unknown };
  if (operation === "GetFunctionConfiguration") return lambdaConfig(output);
  if (operation === "ListFunctions" && Array.isArray(o.Functions)) return { ...o, Functions: o.Functions.map(lambdaConfig) };
  if (operation === "GetFunction" && o.Configuration) return { ...o, Configuration: lambdaConfig(o.Configuration) };
  return output;
}
