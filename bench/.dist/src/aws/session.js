// AwsSession: the only way checks reach AWS. One client per service and region, memo, record/replay, read-only guard.
import { callKey, decodeValue, encodeValue } from "./snapshot.js";
import { SERVICES } from "./services.js";
import { assertReadOnly } from "./read-only.js";
import { classify } from "./errors.js";
const DEFAULTS = { maxAttempts: 8, connectTimeoutMs: 3000, requestTimeoutMs: 10_000, callTimeoutMs: 45_000 };
/** One AWS session: clients, memo, recorder, read-only guard. */
export class AwsSession {
    options;
    region;
    stats = { calls: 0, memoHits: 0, retries: 0, errors: 0 };
    clients = new Map();
    memo = new Map();
    recordedCalls = [];
    replayIndex;
    allowed;
    /** Throttling errors seen on single attempts, whether the SDK then retried them or not (live calls only). */
    throttled = 0;
    /** Set on a view made by `scope()`: the session it counts into, and the memo keys it used. */
    root;
    touched;
    constructor(options) {
        this.options = options;
        this.region = options.region;
        this.allowed = new Set(options.allowedWrites ?? []);
        if (options.replay) {
            this.replayIndex = new Map(options.replay.calls.map((c) => [callKey(c.service, c.region, c.operation, c.input), c]));
        }
    }
    /** True when answering from a snapshot. */
    get replaying() {
        return this.replayIndex !== undefined;
    }
    /** Sends a read; identical calls in this session share one answer (and one in-flight request). */
    send(service, command, opts = {}) {
        const operation = operationName(command);
        assertReadOnly(SERVICES[service].iamPrefix, operation, this.allowed);
        const region = opts.region ?? this.region;
        const input = encodeValue(command.input);
        const key = callKey(service, region, operation, input);
        this.touched?.add(key);
        const cached = this.memo.get(key);
        if (cached) {
            this.count("memoHits");
            return cached;
        }
        const pending = this.dispatch(service, region, operation, input, command, key);
        this.memo.set(key, pending);
        pending.catch((err) => {
            const kind = classify(err);
            if (kind === "throttled" || kind === "timeout" || kind === "network")
                this.memo.delete(key);
        });
        return pending;
    }
    /**
     * A view of this session for one unit of work (one student of a batch): the same clients, memo, limiter and
     * recorder, with its own `stats` (also counted into this session's) and a note of the memo keys it used, so that
     * `release` can drop the answers nobody else needs. Do not `close()` a view.
     */
    scope() {
        const root = this.root ?? this;
        const view = Object.create(root);
        Object.defineProperties(view, {
            stats: { value: { calls: 0, memoHits: 0, retries: 0, errors: 0 }, enumerable: true },
            root: { value: root },
            touched: { value: new Set() },
        });
        return view;
    }
    /** On a view: drops from the shared memo the answers this view used that `match` (given the memo key) selects; returns how many. */
    release(match) {
        let n = 0;
        for (const key of this.touched ?? [])
            if (match(key) && this.memo.delete(key))
                n++;
        this.touched?.clear();
        return n;
    }
    /** Answers held in the memo (settled or in flight). */
    get memoSize() {
        return this.memo.size;
    }
    /** Every call made so far (only with `record: true`). */
    recorded() {
        return this.recordedCalls;
    }
    /** The recorded calls as a snapshot file body. */
    toSnapshot(meta = {}) {
        return { format: "glue-validate-snapshot", version: 1, recordedAt: new Date().toISOString(), region: this.region, ...meta, calls: this.recordedCalls };
    }
    /** Closes the sockets of every client created. */
    async close() {
        for (const c of this.clients.values())
            (await c.catch(() => undefined))?.destroy();
        this.clients.clear();
    }
    /** Counts into this session's stats and, on a view, into the session it came from. */
    count(field, n = 1) {
        this.stats[field] += n;
        if (this.root)
            this.root.stats[field] += n;
    }
    async dispatch(service, region, operation, input, command, key) {
        this.count("calls");
        try {
            if (!this.replayIndex && this.options.rateLimit)
                await this.options.rateLimit.acquire({ service, region, operation });
            const output = this.replayIndex
                ? this.fromSnapshot(key, service, operation, input)
                : this.options.transport
                    ? await this.options.transport({ service, region, operation, input: decodeValue(input) })
                    : await this.live(service, region, command);
            if (this.options.record)
                this.recordedCalls.push({ service, region, operation, input, output: encodeValue(output) });
            return output;
        }
        catch (err) {
            this.count("errors");
            if (this.options.record && classify(err) !== "readOnly")
                this.recordedCalls.push({ service, region, operation, input, error: recordError(err) });
            throw err;
        }
    }
    fromSnapshot(key, service, operation, input) {
        const hit = this.replayIndex.get(key);
        if (!hit) {
            throw Object.assign(new Error(`the snapshot has no answer for ${service}:${operation} ${JSON.stringify(input).slice(0, 200)}`), { name: "NotInSnapshot" });
        }
        if (hit.error)
            throw rebuildError(hit.error);
        return decodeValue(hit.output ?? {});
    }
    async live(service, region, command) {
        const client = await this.client(service, region);
        const abort = new AbortController();
        const ms = this.options.callTimeoutMs ?? DEFAULTS.callTimeoutMs;
        const timer = setTimeout(() => abort.abort(), ms);
        try {
            const out = (await client.send(command, { abortSignal: abort.signal }));
            this.count("retries", Math.max(0, (out.$metadata?.attempts ?? 1) - 1));
            return out;
        }
        catch (err) {
            if (abort.signal.aborted) {
                throw Object.assign(new Error(`no answer within ${ms} ms (retries included)`), { name: "TimeoutError" });
            }
            const attempts = err.$metadata?.attempts;
            this.count("retries", Math.max(0, (attempts ?? 1) - 1));
            throw err;
        }
        finally {
            clearTimeout(timer);
        }
    }
    client(service, region) {
        const id = `${service}|${region}`;
        let c = this.clients.get(id);
        if (!c) {
            c = SERVICES[service].load().then((Client) => this.countThrottles(new Client(this.clientConfig(service, region)), service, region));
            this.clients.set(id, c);
        }
        return c;
    }
    /** Counts throttling errors per attempt: a middleware inside the retry loop sees each attempt's error. */
    countThrottles(client, service, region) {
        const stack = client.middlewareStack;
        const root = this.root ?? this;
        const limiter = this.options.rateLimit;
        stack?.add((next, context) => async (args) => {
            try {
                return await next(args);
            }
            catch (err) {
                if (classify(err) === "throttled") {
                    root.throttled++;
                    limiter?.throttled?.({ service, region, operation: (context.commandName ?? "").replace(/Command$/, "") });
                }
                throw err;
            }
        }, { step: "deserialize", priority: "high", name: "glueValidateThrottleCounter", override: true });
        return client;
    }
    clientConfig(service, region) {
        const o = this.options;
        const config = {
            region,
            maxAttempts: o.maxAttempts ?? DEFAULTS.maxAttempts,
            retryMode: o.retryMode ?? "adaptive",
            requestHandler: { connectionTimeout: o.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs, requestTimeout: o.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs },
        };
        if (o.profile)
            config.profile = o.profile;
        if (o.credentials)
            config.credentials = o.credentials;
        if (o.endpointUrl)
            config.endpoint = o.endpointUrl;
        if (service === "s3") {
            config.followRegionRedirects = true;
            if (o.endpointUrl)
                config.forcePathStyle = true;
        }
        return config;
    }
}
/** "GetDatabaseCommand" → "GetDatabase". */
export function operationName(command) {
    return command.constructor.name.replace(/Command$/, "");
}
function recordError(err) {
    const e = (err ?? {});
    const headers = {};
    for (const [k, v] of Object.entries(e.$response?.headers ?? {}))
        if (typeof v === "string" && k.toLowerCase().startsWith("x-amz-bucket-region"))
            headers[k.toLowerCase()] = v;
    return {
        name: e.name ?? "Error",
        message: e.message ?? "",
        ...(e.$metadata?.httpStatusCode !== undefined ? { status: e.$metadata.httpStatusCode } : {}),
        ...(e.$fault ? { fault: e.$fault } : {}),
        ...(e.Code ? { code: e.Code } : {}),
        ...(Object.keys(headers).length ? { headers } : {}),
    };
}
function rebuildError(r) {
    return Object.assign(new Error(r.message), {
        name: r.name,
        $fault: r.fault ?? "client",
        $metadata: { httpStatusCode: r.status },
        $response: { statusCode: r.status, headers: r.headers ?? {} },
        ...(r.code ? { Code: r.code } : {}),
    });
}
