// A lenient DQDL reader: finds `Rules = [ … ]`, splits it into rules (composites `(a) and (b)` expanded), and gives
// each rule its type, quoted parameters and condition. Student input: bounded in size, never throws.
/** Bounds on student input. */
export const DQDL_LIMITS = { maxChars: 65_536, maxTokens: 20_000, maxRules: 500, maxDepth: 16, maxParamChars: 200 };
/** Rule types of the awslabs/dqdl grammar (rules-config.json). */
export const DQDL_RULE_TYPES = [
    "RowCount", "ColumnCount", "Completeness", "IsComplete", "ColumnExists", "ColumnDataType", "ColumnLength", "ColumnValues",
    "Uniqueness", "IsUnique", "IsPrimaryKey", "Mean", "Sum", "StandardDeviation", "Variance", "Entropy", "DistinctValuesCount",
    "UniqueValueRatio", "ColumnCorrelation", "ColumnNamesMatchPattern", "CustomSql", "DataFreshness", "ReferentialIntegrity",
    "DatasetMatch", "SchemaMatch", "RowCountMatch", "AggregateMatch", "DetectAnomalies", "AllStatistics", "FileMatch",
    "FileUniqueness", "FileFreshness", "FileSize",
];
const CANONICAL = new Map(DQDL_RULE_TYPES.map((t) => [t.toLowerCase(), t]));
class DqdlError extends Error {
}
function tokenize(text) {
    const out = [];
    let i = 0;
    const n = text.length;
    while (i < n) {
        if (out.length > DQDL_LIMITS.maxTokens)
            throw new DqdlError(`more than ${DQDL_LIMITS.maxTokens} tokens`);
        const c = text[i];
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        if (c === "#") {
            while (i < n && text[i] !== "\n")
                i++;
            continue;
        }
        if (c === '"' || c === "'") {
            let s = "";
            let j = i + 1;
            let closed = false;
            while (j < n) {
                const d = text[j];
                if (d === "\\" && j + 1 < n) {
                    const e = text[j + 1];
                    s += e === "n" ? "\n" : e === "t" ? "\t" : e === c || e === "\\" ? e : `\\${e}`;
                    j += 2;
                    continue;
                }
                if (d === c) {
                    closed = true;
                    break;
                }
                s += d;
                j++;
            }
            if (!closed)
                throw new DqdlError(`unterminated string starting at character ${i + 1}`);
            out.push({ kind: "str", text: s });
            i = j + 1;
            continue;
        }
        const word = /^[A-Za-z_$][A-Za-z0-9_$.]*/.exec(text.slice(i, i + 256));
        if (word) {
            out.push({ kind: "word", text: word[0] });
            i += word[0].length;
            continue;
        }
        const num = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
        if (num) {
            out.push({ kind: "num", text: num[0] });
            i += num[0].length;
            continue;
        }
        const op = /^(?:>=|<=|!=|==)/.exec(text.slice(i, i + 2));
        out.push({ kind: "punct", text: op ? op[0] : c });
        i += op ? 2 : 1;
    }
    return out;
}
const OPEN = { "[": "]", "(": ")", "{": "}" };
/** Index of the bracket closing the one at `open`. */
function closing(tokens, open) {
    const stack = [];
    for (let i = open; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.kind !== "punct")
            continue;
        if (OPEN[t.text])
            stack.push(OPEN[t.text]);
        else if (t.text === "]" || t.text === ")" || t.text === "}") {
            if (stack.pop() !== t.text)
                throw new DqdlError(`unbalanced "${t.text}"`);
            if (stack.length === 0)
                return i;
        }
    }
    throw new DqdlError(`unclosed "${tokens[open]?.text}"`);
}
/** Splits tokens at depth-0 separators chosen by `isSep`. */
function splitTop(tokens, isSep) {
    const parts = [[]];
    let depth = 0;
    for (const t of tokens) {
        if (t.kind === "punct" && OPEN[t.text])
            depth++;
        else if (t.kind === "punct" && (t.text === "]" || t.text === ")" || t.text === "}"))
            depth--;
        if (depth === 0 && isSep(t))
            parts.push([]);
        else
            parts[parts.length - 1].push(t);
    }
    return parts;
}
const render = (t) => (t.kind === "str" ? JSON.stringify(t.text) : t.text);
const clip = (s) => (s.length > DQDL_LIMITS.maxParamChars ? `${s.slice(0, DQDL_LIMITS.maxParamChars - 1)}…` : s);
function readRule(tokens, depth, inComposite, out) {
    if (tokens.length === 0)
        return;
    if (depth > DQDL_LIMITS.maxDepth)
        throw new DqdlError(`composite rules nested deeper than ${DQDL_LIMITS.maxDepth}`);
    const first = tokens[0];
    if (first.kind === "punct" && first.text === "(") {
        const parts = splitTop(tokens, (t) => t.kind === "word" && /^(and|or)$/i.test(t.text));
        for (const part of parts) {
            if (part.length === 0)
                throw new DqdlError("an empty operand in a composite rule");
            const inner = part[0].kind === "punct" && part[0].text === "(" && closing(part, 0) === part.length - 1 ? part.slice(1, -1) : part;
            readRule(inner, depth + 1, true, out);
        }
        return;
    }
    if (first.kind !== "word")
        throw new DqdlError(`a rule starts with ${render(first)} instead of a rule type`);
    if (out.length >= DQDL_LIMITS.maxRules)
        throw new DqdlError(`more than ${DQDL_LIMITS.maxRules} rules`);
    let i = 1;
    const params = [];
    while (i < tokens.length && tokens[i].kind === "str")
        params.push(clip(tokens[i++].text));
    const canonical = CANONICAL.get(first.text.toLowerCase());
    const type = canonical ?? first.text;
    const named = type === "CustomSql" ? [] : params;
    out.push({
        type: first.text,
        canonicalType: type,
        known: canonical !== undefined,
        params,
        condition: clip(tokens.slice(i).map(render).join(" ")),
        signature: [type, ...named].join(" "),
        inComposite,
    });
}
/** Parses DQDL text. Never throws; a text without a readable `Rules = [ … ]` comes back with `ok: false`. */
export function parseDqdl(text) {
    const fail = (error) => ({ ok: false, error, rules: [], topLevelRules: 0, signatures: [] });
    if (typeof text !== "string" || text.trim() === "")
        return fail("the ruleset is empty");
    if (text.length > DQDL_LIMITS.maxChars)
        return fail(`the ruleset is ${text.length} characters (limit ${DQDL_LIMITS.maxChars})`);
    try {
        const tokens = tokenize(text);
        let at = -1;
        for (let i = 0; i + 2 < tokens.length; i++) {
            const t = tokens[i];
            if (t.kind === "word" && t.text.toLowerCase() === "rules" && tokens[i + 1].text === "=" && tokens[i + 2].text === "[") {
                at = i + 2;
                break;
            }
            // skip whole blocks (Metadata = { … }, DataSources = { … }) so a "Rules" inside them is not taken
            if (t.kind === "punct" && OPEN[t.text])
                i = closing(tokens, i);
        }
        if (at < 0)
            return fail('no "Rules = [ … ]" block');
        const end = closing(tokens, at);
        const rules = [];
        const top = splitTop(tokens.slice(at + 1, end), (t) => t.kind === "punct" && t.text === ",").filter((p) => p.length > 0);
        for (const r of top)
            readRule(r, 0, false, rules);
        return { ok: true, rules, topLevelRules: top.length, signatures: [...new Set(rules.map((r) => r.signature))] };
    }
    catch (e) {
        if (e instanceof DqdlError)
            return fail(e.message);
        return fail(`unreadable ruleset: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`);
    }
}
