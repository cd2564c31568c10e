// Credentials for multi-account rows: STS AssumeRole, cached per (role, external ID), refreshed before expiry.

/** Credentials as the SDK takes them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
/** A provider the SDK clients call whenever they need credentials. */
export type CredentialProvider = () => Promise<Credentials>;

/** Fetches fresh credentials for a role (STS AssumeRole); injectable for tests. */
export type AssumeRole = (role: { roleArn: string; externalId?: string; region: string }) => Promise<Credentials>;

/** Refresh this long before the credentials expire. */
export const REFRESH_MS = 5 * 60_000;

/** STS AssumeRole with the caller's credentials (default chain, or --profile), at --endpoint-url when given. */
export function stsAssumeRole(o: { profile?: string; endpointUrl?: string; sessionName?: string; durationSeconds?: number }): AssumeRole {
  return async ({ roleArn, externalId, region }) => {
    // Loaded on the first AssumeRole only: the CLI starts without the credential providers (its own bundle chunk).
    const { fromIni, fromTemporaryCredentials } = await import("@aws-sdk/credential-providers");
    return (await fromTemporaryCredentials({
      params: { RoleArn: roleArn, RoleSessionName: o.sessionName ?? "glue-validate-batch", DurationSeconds: o.durationSeconds ?? 3600, ...(externalId ? { ExternalId: externalId } : {}) },
      ...(o.profile ? { masterCredentials: fromIni({ profile: o.profile }) } : {}),
      clientConfig: { region, ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}) },
    })()) as Credentials;
  };
}

/**
 * One provider per role for the whole batch: every client of every session of that role shares one AssumeRole
 * answer, fetched again when it is within REFRESH_MS of expiring. Concurrent requests share one STS call.
 */
export class RoleCredentialCache {
  private readonly providers = new Map<string, CredentialProvider>();
  /** STS AssumeRole calls made (for the batch summary and tests). */
  assumed = 0;

  constructor(private readonly assume: AssumeRole, private readonly now: () => number = Date.now) {}

  provider(roleArn: string, externalId: string | undefined, region: string): CredentialProvider {
    const key = `${roleArn}|${externalId ?? ""}`;
    let p = this.providers.get(key);
    if (!p) {
      let current: Promise<Credentials> | undefined;
      let expires = 0;
      p = () => {
        if (!current || this.now() >= expires - REFRESH_MS) {
          this.assumed++;
          const pending = this.assume({ roleArn, ...(externalId ? { externalId } : {}), region });
          current = pending;
          expires = Infinity;
          pending.then(
            (c) => {
              if (current === pending) expires = c.expiration ? c.expiration.getTime() : Infinity;
            },
            () => {
              if (current === pending) current = undefined;
            },
          );
        }
        return current;
      };
      this.providers.set(key, p);
    }
    return p;
  }
}
