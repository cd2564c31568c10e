// Credentials for multi-account rows: STS AssumeRole, cached per (role, external ID), refreshed before expiry.
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
/** Refresh this long before the credentials expire. */
export const REFRESH_MS = 5 * 60_000;
/** STS AssumeRole with the caller's credentials (default chain, or --profile), at --endpoint-url when given. */
export function stsAssumeRole(o) {
    return ({ roleArn, externalId, region }) => fromTemporaryCredentials({
        params: { RoleArn: roleArn, RoleSessionName: o.sessionName ?? "glue-validate-batch", DurationSeconds: o.durationSeconds ?? 3600, ...(externalId ? { ExternalId: externalId } : {}) },
        ...(o.profile ? { masterCredentials: fromIni({ profile: o.profile }) } : {}),
        clientConfig: { region, ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}) },
    })();
}
/**
 * One provider per role for the whole batch: every client of every session of that role shares one AssumeRole
 * answer, fetched again when it is within REFRESH_MS of expiring. Concurrent requests share one STS call.
 */
export class RoleCredentialCache {
    assume;
    now;
    providers = new Map();
    /** STS AssumeRole calls made (for the batch summary and tests). */
    assumed = 0;
    constructor(assume, now = Date.now) {
        this.assume = assume;
        this.now = now;
    }
    provider(roleArn, externalId, region) {
        const key = `${roleArn}|${externalId ?? ""}`;
        let p = this.providers.get(key);
        if (!p) {
            let current;
            let expires = 0;
            p = () => {
                if (!current || this.now() >= expires - REFRESH_MS) {
                    this.assumed++;
                    const pending = this.assume({ roleArn, ...(externalId ? { externalId } : {}), region });
                    current = pending;
                    expires = Infinity;
                    pending.then((c) => {
                        if (current === pending)
                            expires = c.expiration ? c.expiration.getTime() : Infinity;
                    }, () => {
                        if (current === pending)
                            current = undefined;
                    });
                }
                return current;
            };
            this.providers.set(key, p);
        }
        return p;
    }
}
