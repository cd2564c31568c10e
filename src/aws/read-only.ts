// The read-only guard: which operations the tool is allowed to send at all.

/** Operation name prefixes that only read. */
const READ_PREFIXES = ["Get", "List", "Describe", "Head", "BatchGet", "Search"];

/** Reads that would expose secrets or mint credentials: refused even though their names look like reads. */
const NEVER = new Set([
  "secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue", "secretsmanager:GetRandomPassword",
  "sts:GetSessionToken", "sts:GetFederationToken", "glue:GetConnection", "glue:GetConnections", "lambda:GetFunction",
  "iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails", "kms:GetParametersForImport",
]);

/** Not reads by name, but needed: who am I, multi-account role assumption, CloudTrail's event history (a read). */
const ALSO_ALLOWED = new Set(["sts:GetCallerIdentity", "sts:AssumeRole", "cloudtrail:LookupEvents"]);

/** Raised before anything is sent when a check asks for an operation that is not a plain read. */
export class ReadOnlyViolation extends Error {
  override name = "ReadOnlyViolation";
}

/** Throws unless service:operation is a read (or explicitly allowed for this run, e.g. Athena with --run-queries). */
export function assertReadOnly(service: string, operation: string, allowed: ReadonlySet<string> = new Set()): void {
  const id = `${service}:${operation}`;
  if (allowed.has(id) || ALSO_ALLOWED.has(id)) return;
  if (NEVER.has(id)) throw new ReadOnlyViolation(`${id} is never called: it would read a secret or credentials`);
  if (!READ_PREFIXES.some((p) => operation.startsWith(p) && /^[A-Z]/.test(operation.slice(p.length)))) {
    throw new ReadOnlyViolation(`${id} is not a read-only operation; glue-validate only reads`);
  }
}
