// The contract of a check module and the context it runs in: named reads that never throw for AWS errors.
import { operationName } from "../aws/session.js";
import { classify, describeError } from "../aws/errors.js";
import { iamAction } from "../aws/services.js";
/** What a check sees: the student, the rubric's resolved names, and reads through the session. */
export class CheckContext {
    aws;
    student;
    names;
    account;
    partition;
    options;
    constructor(aws, student, names, account, partition = "aws", options = {}) {
        this.aws = aws;
        this.student = student;
        this.names = names;
        this.account = account;
        this.partition = partition;
        this.options = options;
    }
    /** The run's default region. */
    get region() {
        return this.aws.region;
    }
    /** A resolved rubric name; throws if the rubric does not define it (a rubric bug, reported at load). */
    name(key) {
        const v = this.names[key];
        if (v === undefined)
            throw new Error(`rubric defines no name "${key}"`);
        return v;
    }
    /** Sends one read. `missing` lists error names that mean "does not exist" for this call. */
    async read(service, command, opts = {}) {
        try {
            return { ok: true, value: await this.aws.send(service, command, { region: opts.region }) };
        }
        catch (error) {
            const kind = classify(error, opts.missing ?? []);
            return { ok: false, missing: kind === "notFound", error, fact: errorFact(service, operationName(command), error) };
        }
    }
    /**
     * Follows a paginated listing to its end. `page(token)` builds the command for one page; `pick` returns its
     * items and the next token. Returns the items, or an ErrorFact if any page failed.
     */
    async list(service, page, pick, opts = {}) {
        const items = [];
        let token;
        const seen = new Set();
        for (let i = 0; i < (opts.maxPages ?? 1000); i++) {
            const command = page(token);
            const r = await this.read(service, command, { region: opts.region });
            if (!r.ok)
                return { ok: false, missing: r.missing, fact: r.fact };
            const { items: got, next } = pick(r.value);
            items.push(...(got ?? []));
            if (!next || seen.has(next))
                break;
            seen.add(next);
            token = next;
        }
        return { ok: true, items };
    }
}
/** The ErrorFact for a failed call. */
export function errorFact(service, operation, error) {
    return { $error: { action: iamAction(service, operation), kind: classify(error), message: describeError(error) } };
}
