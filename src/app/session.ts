// The AWS session of a run (live, at an endpoint, or replayed from a snapshot) and who the caller is.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { AwsSession } from "../aws/session.js";
import { classify, describeError } from "../aws/errors.js";
import { readSnapshot, SnapshotError, type Snapshot } from "../aws/snapshot.js";
import { profileNames, sharedFiles } from "../aws/profiles.js";
import { editDistance } from "../util/edit-distance.js";
import type { Caller } from "../grade/check.js";
import { AwsConfigError, CannotGradeError, SignInError, UsageError } from "./errors.js";

/** Where a run reads AWS, as the CLI parsed it. */
export interface SessionRequest {
  /** --region, else the environment's, else us-east-1 (a replay defaults to the snapshot's). */
  region?: string;
  profile?: string;
  /** A validated http(s) URL (--endpoint-url or AWS_ENDPOINT_URL). */
  endpointUrl?: string;
  /** --timeout in seconds (> 0). */
  timeoutSeconds?: number;
  /** --replay: the snapshot file to answer from. */
  replay?: string;
  /** --record: keep every call for a snapshot. */
  record?: boolean;
  /** --run-queries: Athena's StartQueryExecution is the one write allowed. */
  runQueries?: boolean;
}

export type { Caller } from "../grade/check.js";

/** Creates the session for a run: replay from a snapshot, or live AWS (optionally at an endpoint). */
export async function openSession(req: SessionRequest, env: NodeJS.ProcessEnv): Promise<{ session: AwsSession; snapshot?: Snapshot }> {
  const allowedWrites = req.runQueries ? { allowedWrites: ["athena:StartQueryExecution"] } : {};
  if (req.replay) {
    let snapshot: Snapshot;
    try {
      snapshot = readSnapshot(req.replay);
    } catch (err) {
      if (err instanceof SnapshotError) throw new UsageError(err.message);
      throw err;
    }
    // With --run-queries a replay answers the recorded Athena queries (nothing is sent).
    return { snapshot, session: new AwsSession({ region: req.region ?? snapshot.region, replay: snapshot, record: Boolean(req.record), ...allowedWrites }) };
  }
  const region = req.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  await checkAwsConfig(req, region, env);
  const timeout = req.timeoutSeconds;
  const attempts = maxAttemptsOf(env);
  return {
    session: new AwsSession({
      region,
      profile: req.profile,
      ...(attempts ? { maxAttempts: attempts } : {}),
      endpointUrl: req.endpointUrl,
      record: Boolean(req.record),
      ...allowedWrites,
      ...(timeout ? { callTimeoutMs: timeout * 1000, requestTimeoutMs: Math.min(10_000, timeout * 1000) } : {}),
    }),
  };
}

/** AWS_MAX_ATTEMPTS (the SDK's setting: attempts per call, retries included), when set. */
function maxAttemptsOf(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.AWS_MAX_ATTEMPTS?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`AWS_MAX_ATTEMPTS is the number of attempts per AWS call (1 or more), got "${raw.slice(0, 20)}"`);
  return Number(raw);
}

/** The profile a live run signs in with: --profile, else AWS_PROFILE unless access keys in the environment take precedence. */
export function profileOf(req: Pick<SessionRequest, "profile">, env: NodeJS.ProcessEnv): string | undefined {
  return req.profile ?? (env.AWS_ACCESS_KEY_ID ? undefined : env.AWS_PROFILE || undefined);
}

/**
 * Before any call: the profile must exist in the shared config/credentials files (only their section names are
 * read) and, against AWS itself (no --endpoint-url), the region must be one the SDK knows (its partition data comes
 * with the SDK's core, loaded here only for such a run).
 */
export async function checkAwsConfig(req: SessionRequest, region: string, env: NodeJS.ProcessEnv): Promise<void> {
  const profile = profileOf(req, env);
  if (profile) {
    const names = profileNames(env);
    if (!names.includes(profile)) {
      const files = sharedFiles(env);
      const from = req.profile ? "--profile" : "AWS_PROFILE";
      const close = names.map((n) => [n, editDistance(profile.toLowerCase(), n.toLowerCase())] as const).sort((a, b) => a[1] - b[1])[0];
      const meant = close && close[1] <= Math.max(2, Math.floor(profile.length / 3)) ? ` (did you mean ${close[0]}?)` : "";
      const have = names.length ? `the profiles there are ${names.join(", ")}` : "they define no profile";
      throw new AwsConfigError(`unknown AWS profile "${profile}" (${from})${meant}: it is not in ${files.config} or ${files.credentials}, and ${have}; use one of them, or create it with \`aws configure --profile ${profile}\` (or \`aws configure sso\`)`);
    }
  }
  if (req.endpointUrl) return;
  const { closestRegion, isKnownRegion } = await import("../aws/regions.js");
  if (!isKnownRegion(region)) {
    const from = req.region ? "--region" : env.AWS_REGION ? "AWS_REGION" : "AWS_DEFAULT_REGION";
    const closest = closestRegion(region);
    throw new AwsConfigError(`unknown AWS region "${region}" (${from})${closest ? `: did you mean ${closest}?` : ""}; regions are written like us-east-1 or eu-west-1`);
  }
}

/** Whether an error says the profile's AWS SSO session expired, is invalid or was never started. */
export function ssoSignInNeeded(err: unknown): boolean {
  const messages: string[] = [];
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) messages.push(String((e as Error).message ?? e));
  return messages.some((m) => /aws sso login|SSO session|SSO Token|Token is expired/i.test(m));
}

/** Who is asking: account and partition, or a CannotGradeError in one sentence. */
export async function whoAmI(session: AwsSession, snapshot: Snapshot | undefined, endpoint: string | undefined, profile?: string): Promise<Caller> {
  try {
    const id = await session.send("sts", new GetCallerIdentityCommand({}));
    return { account: id.Account, partition: id.Arn?.split(":")[1] || "aws" };
  } catch (err) {
    if (snapshot) return { account: snapshot.account, partition: "aws" };
    const kind = classify(err);
    const where = endpoint ? `the endpoint ${endpoint}` : "AWS";
    if (ssoSignInNeeded(err)) {
      const p = profile ?? "default";
      throw new SignInError(`the AWS SSO session of profile "${p}" has expired or was never started: run \`aws sso login --profile ${p}\`, then grade again`);
    }
    if (kind === "credentials") throw new CannotGradeError("no AWS credentials found: set AWS_PROFILE (or use --profile) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; to grade offline, use --replay <snapshot>");
    if (kind === "network" || kind === "timeout") throw new CannotGradeError(`cannot reach ${where}: ${describeError(err)}`);
    if (kind === "accessDenied") throw new CannotGradeError(`${where} rejected the credentials: ${describeError(err)}`);
    throw new CannotGradeError(`cannot identify the AWS account at ${where}: ${describeError(err)}`);
  }
}
