// Grok → JavaScript RegExp: resolves %{NAME:field:type} against Glue's built-ins and a classifier's custom patterns, and
// translates the Oniguruma/Java syntax JavaScript lacks (atomic groups, possessive quantifiers, inline flags, \A \z \Z \h
// \R \Q…\E \p{Alpha} [[:alpha:]] {,n}). Never throws: a pattern that cannot be compiled comes back as { ok: false, error }.
import { GLUE_BUILTIN_PATTERNS, LOGSTASH_EXTRA_PATTERNS } from "./patterns.js";
/** Bounds on student input and on the expansion. */
export const GROK_LIMITS = {
    maxPatternChars: 20_000,
    maxCustomPatternChars: 64_000,
    maxCustomPatterns: 1_000,
    maxDepth: 40,
    maxOutputChars: 500_000,
};
/** Glue's field types for `%{PATTERN:field:type}`. */
export const GROK_FIELD_TYPES = ["byte", "boolean", "double", "short", "int", "long", "float"];
class GrokError extends Error {
}
const H_SPACE = String.raw ` \t\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000`;
const LINE_BREAK = String.raw `(?:\r\n|[\n\x0B\f\r\x85\u2028\u2029])`;
/** POSIX / Java property classes, as the content of a JS character class. */
const CLASS_NAMES = {
    alpha: "a-zA-Z", digit: "0-9", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", space: String.raw ` \t\n\x0B\f\r`,
    blank: String.raw ` \t`, punct: String.raw `!-\/:-@\[-\x60{-~`, graph: String.raw `!-~`, print: String.raw ` -~`, cntrl: String.raw `\x00-\x1F\x7F`,
    xdigit: "0-9A-Fa-f", word: String.raw `\w`, ascii: String.raw `\x00-\x7F`,
    // Java spellings
    isalphabetic: "a-zA-Z", isletter: "a-zA-Z", isdigit: "0-9", isuppercase: "A-Z", islowercase: "a-z", iswhite_space: String.raw `\s`,
    l: String.raw `a-zA-Z\u00C0-\u024F`, lu: String.raw `A-Z\u00C0-\u00DE`, ll: String.raw `a-z\u00DF-\u00FF`, n: "0-9", nd: "0-9",
};
const isLetter = (c) => c.toLowerCase() !== c.toUpperCase() && c.length === 1;
const swapCase = (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
const escapeClassChar = (c) => (/[\\\]\[^-]/.test(c) ? `\\${c}` : c);
const escapeLiteral = (c) => (/[\\^$.*+?()[\]{}|\/]/.test(c) ? `\\${c}` : c);
class Translator {
    src;
    st;
    where;
    pos = 0;
    constructor(src, st, where) {
        this.src = src;
        this.st = st;
        this.where = where;
    }
    fail(msg) {
        throw new GrokError(`${msg} (${this.where}, at character ${this.pos + 1})`);
    }
    /** Translates the whole source. */
    all(flags) {
        const out = this.alternation({ ...flags }, false);
        if (this.pos < this.src.length)
            this.fail("unbalanced )");
        return out;
    }
    alternation(flags, inGroup) {
        const alts = [];
        let items = [];
        const s = this.src;
        while (this.pos < s.length) {
            const c = s[this.pos];
            if (c === ")") {
                if (!inGroup)
                    this.fail("unbalanced )");
                this.pos++;
                alts.push(items.join(""));
                return alts.join("|");
            }
            if (c === "|") {
                alts.push(items.join(""));
                items = [];
                this.pos++;
                continue;
            }
            if (flags.extended && /\s/.test(c)) {
                this.pos++;
                continue;
            }
            if (flags.extended && c === "#") {
                while (this.pos < s.length && s[this.pos] !== "\n")
                    this.pos++;
                continue;
            }
            const q = this.quantifier();
            if (q) {
                if (items.length === 0)
                    this.fail("a quantifier with nothing to repeat");
                const last = items.pop() + q.text;
                items.push(q.possessive ? this.atomic(last) : last);
                continue;
            }
            const atom = this.atom(flags);
            if (atom !== null)
                items.push(atom);
        }
        if (inGroup)
            this.fail("missing )");
        alts.push(items.join(""));
        return alts.join("|");
    }
    /** A quantifier at the cursor (`*`, `+?`, `{2,}`, `{,3}+`…), or null. */
    quantifier() {
        const s = this.src;
        const c = s[this.pos];
        let text;
        if (c === "*" || c === "+" || c === "?") {
            text = c;
            this.pos++;
        }
        else if (c === "{") {
            const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(s.slice(this.pos, this.pos + 24));
            if (!m || (m[1] === "" && (m[3] ?? "") === ""))
                return null;
            if (m[1] !== "" && m[3] && Number(m[3]) < Number(m[1]))
                this.fail("a {min,max} quantifier with max < min");
            text = `{${m[1] || "0"}${m[2] ? `,${m[3] ?? ""}` : ""}}`;
            this.pos += m[0].length;
        }
        else
            return null;
        if (s[this.pos] === "?") {
            this.pos++;
            return { text: text + "?", possessive: false };
        }
        if (s[this.pos] === "+") {
            this.pos++;
            return { text, possessive: true };
        }
        return { text, possessive: false };
    }
    /** An atomic group, emulated with a capturing lookahead and a backreference: (?=(X))\1 never backtracks into X. */
    atomic(inner) {
        const name = `a${++this.st.seq}`;
        return `(?:(?=(?<${name}>${inner}))\\k<${name}>)`;
    }
    atom(flags) {
        const s = this.src;
        const c = s[this.pos];
        if (c === "\\")
            return this.escape(flags);
        if (c === "[")
            return this.charClass(flags);
        if (c === "(")
            return this.group(flags);
        if (c === "%" && s[this.pos + 1] === "{")
            return this.reference(flags);
        this.pos++;
        if (c === ".")
            return flags.dotAll ? String.raw `[\s\S]` : ".";
        if (c === "^" || c === "$")
            return c;
        if (flags.ci && isLetter(c))
            return `[${c}${swapCase(c)}]`;
        return escapeLiteral(c);
    }
    group(flags) {
        const s = this.src;
        const rest = s.slice(this.pos, this.pos + 64);
        if (rest.startsWith("(?#")) {
            const end = s.indexOf(")", this.pos);
            if (end < 0)
                this.fail("unterminated (?# comment");
            this.pos = end + 1;
            return null;
        }
        for (const prefix of ["(?:", "(?=", "(?!", "(?<=", "(?<!"]) {
            if (rest.startsWith(prefix)) {
                this.pos += prefix.length;
                return prefix + this.alternation({ ...flags }, true) + ")";
            }
        }
        if (rest.startsWith("(?>")) {
            this.pos += 3;
            return this.atomic(this.alternation({ ...flags }, true));
        }
        const named = /^\(\?(?:P?<([A-Za-z][A-Za-z0-9_]*)>|'([A-Za-z][A-Za-z0-9_]*)')/.exec(rest);
        if (named) {
            this.pos += named[0].length;
            const userName = (named[1] ?? named[2]);
            const js = `g${++this.st.seq}`;
            if (!this.st.userGroups.has(userName))
                this.st.userGroups.set(userName, js);
            const inner = this.alternation({ ...flags }, true);
            this.addField(js, userName, null);
            return `(?<${js}>${inner})`;
        }
        const fl = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
        if (fl && (fl[1] || fl[2] !== undefined)) {
            this.pos += fl[0].length;
            const scoped = fl[3] === ":" ? { ...flags } : flags;
            const set = (letters, on) => {
                for (const l of letters) {
                    if (l === "i")
                        scoped.ci = on;
                    else if (l === "s")
                        scoped.dotAll = on;
                    else if (l === "x")
                        scoped.extended = on;
                    else if (!"mudU".includes(l))
                        this.fail(`unsupported inline flag "${l}"`);
                }
            };
            set(fl[1] ?? "", true);
            set(fl[2] ?? "", false);
            return fl[3] === ":" ? `(?:${this.alternation(scoped, true)})` : null;
        }
        if (rest.startsWith("(?"))
            this.fail(`unsupported group syntax "${rest.slice(0, 4)}"`);
        this.pos++;
        const js = `c${++this.st.seq}`;
        this.st.userGroups.set(String(++this.st.plainGroups), js);
        return `(?<${js}>${this.alternation({ ...flags }, true)})`;
    }
    escape(flags) {
        const s = this.src;
        const n = s[this.pos + 1];
        if (n === undefined)
            this.fail("a trailing backslash");
        this.pos += 2;
        if (/[1-9]/.test(n)) {
            let digits = n;
            while (/[0-9]/.test(s[this.pos] ?? "") && this.st.userGroups.has(digits + s[this.pos]))
                digits += s[this.pos++];
            const js = this.st.userGroups.get(digits);
            if (!js)
                this.fail(`backreference \\${digits} to a group that does not exist (yet)`);
            return `\\k<${js}>`;
        }
        switch (n) {
            case "A":
                return "^";
            case "z":
                return "$";
            case "Z":
                return String.raw `(?=\n?$)`;
            case "h":
                return `[${H_SPACE}]`;
            case "H":
                return `[^${H_SPACE}]`;
            case "R":
                return LINE_BREAK;
            case "e":
                return String.raw `\x1B`;
            case "a":
                return String.raw `\x07`;
            case "Q": {
                const end = s.indexOf("\\E", this.pos);
                const lit = s.slice(this.pos, end < 0 ? s.length : end);
                this.pos = end < 0 ? s.length : end + 2;
                return [...lit].map((c) => (flags.ci && isLetter(c) ? `[${c}${swapCase(c)}]` : escapeLiteral(c))).join("");
            }
            case "E":
                return "";
            case "p":
            case "P":
                return `[${n === "P" ? "^" : ""}${this.property()}]`;
            case "k": {
                const m = /^<([A-Za-z0-9_]+)>/.exec(s.slice(this.pos, this.pos + 64));
                if (!m)
                    this.fail("malformed \\k<name> backreference");
                this.pos += m[0].length;
                const js = this.st.userGroups.get(m[1]);
                if (!js)
                    this.fail(`backreference \\k<${m[1]}> to a group that does not exist (yet)`);
                return `\\k<${js}>`;
            }
            case "x":
                return this.hexEscape();
            case "0": {
                const m = /^[0-7]{0,3}/.exec(s.slice(this.pos, this.pos + 3));
                this.pos += m[0].length;
                return `\\x${(parseInt(m[0] || "0", 8) & 0xff).toString(16).padStart(2, "0")}`;
            }
            case "c": {
                const l = s[this.pos];
                if (!l || !/[A-Za-z]/.test(l))
                    this.fail("malformed \\c control escape");
                this.pos++;
                return `\\c${l}`;
            }
            case "u": {
                const m = /^[0-9A-Fa-f]{4}/.exec(s.slice(this.pos, this.pos + 4));
                if (!m)
                    this.fail("malformed \\u escape");
                this.pos += 4;
                return `\\u${m[0]}`;
            }
            default:
                if ("dDsSwWbBtnrfv".includes(n))
                    return `\\${n}`;
                if (/[A-Za-z0-9]/.test(n))
                    this.fail(`unsupported escape \\${n}`);
                return `\\${n}`;
        }
    }
    /** `\xHH` or `\x{HHHH}` (cursor after `\x`) → a JS escape. */
    hexEscape() {
        const s = this.src;
        const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(s.slice(this.pos, this.pos + 8));
        if (braced) {
            this.pos += braced[0].length;
            const code = parseInt(braced[1], 16);
            if (code > 0xffff)
                this.fail("a \\x{…} escape above U+FFFF");
            return `\\u${code.toString(16).padStart(4, "0")}`;
        }
        const m = /^[0-9A-Fa-f]{2}/.exec(s.slice(this.pos, this.pos + 2));
        if (!m)
            this.fail("malformed \\x escape");
        this.pos += 2;
        return `\\x${m[0]}`;
    }
    /** `{Alpha}` / `{IsLetter}` / `L` after `\p` → class content. */
    property() {
        const s = this.src;
        const m = /^(?:\{\^?([A-Za-z_]+)\}|([A-Za-z]))/.exec(s.slice(this.pos, this.pos + 40));
        if (!m)
            this.fail("malformed \\p{…} property");
        this.pos += m[0].length;
        const name = (m[1] ?? m[2]).toLowerCase().replace(/^is(?=(alpha|digit|alnum|upper|lower|space|punct)$)/, "");
        const content = CLASS_NAMES[name];
        if (content === undefined)
            this.fail(`unsupported property \\p{${m[1] ?? m[2]}}`);
        if (m[0].startsWith("{^"))
            this.fail("negated \\p{^…} properties are not supported");
        return content;
    }
    charClass(flags) {
        const { negated, items } = this.classBody();
        const all = [...items];
        if (flags.ci) {
            for (const it of items) {
                if (it.lo !== undefined && it.hi !== undefined && isLetter(it.lo) && isLetter(it.hi)) {
                    const lo = swapCase(it.lo);
                    const hi = swapCase(it.hi);
                    if (lo <= hi && /^[a-zA-Z]$/.test(lo) && /^[a-zA-Z]$/.test(hi))
                        all.push({ js: it.lo === it.hi ? escapeClassChar(lo) : `${lo}-${hi}` });
                }
            }
        }
        return `[${negated ? "^" : ""}${all.map((i) => i.js).join("")}]`;
    }
    /** Parses `[...]` at the cursor into items (nested non-negated classes are unions; POSIX [:name:] expands). */
    classBody() {
        const s = this.src;
        this.pos++;
        let negated = false;
        if (s[this.pos] === "^") {
            negated = true;
            this.pos++;
        }
        const items = [];
        let first = true;
        for (;;) {
            if (this.pos >= s.length)
                this.fail("unterminated [ character class");
            const c = s[this.pos];
            if (c === "]" && !first) {
                this.pos++;
                return { negated, items };
            }
            if (c === "&" && s[this.pos + 1] === "&")
                this.fail("character class intersection (&&) is not supported");
            if (c === "[") {
                first = false;
                const posix = /^\[:(\^?)([a-z]+):\]/.exec(s.slice(this.pos, this.pos + 16));
                if (posix) {
                    if (posix[1])
                        this.fail("negated POSIX classes are not supported");
                    const content = CLASS_NAMES[posix[2]];
                    if (content === undefined)
                        this.fail(`unknown POSIX class [:${posix[2]}:]`);
                    this.pos += posix[0].length;
                    items.push({ js: content });
                    continue;
                }
                const nested = this.classBody();
                if (nested.negated)
                    this.fail("nested negated character classes are not supported");
                items.push(...nested.items);
                continue;
            }
            first = false;
            const a = this.classAtom();
            if (a.ch !== undefined && s[this.pos] === "-" && s[this.pos + 1] !== undefined && s[this.pos + 1] !== "]" && s[this.pos + 1] !== "[") {
                const save = this.pos;
                this.pos++;
                const b = this.classAtom();
                if (b.ch !== undefined) {
                    if (b.ch < a.ch)
                        this.fail(`an inverted range ${a.ch}-${b.ch} in a character class`);
                    items.push({ js: `${a.js}-${b.js}`, lo: a.ch, hi: b.ch });
                    continue;
                }
                this.pos = save;
            }
            items.push(a.ch !== undefined ? { js: a.js, lo: a.ch, hi: a.ch } : { js: a.js });
        }
    }
    /** One atom inside a class: its JS text and, if it is a single character, that character. */
    classAtom() {
        const s = this.src;
        const c = s[this.pos];
        if (c !== "\\") {
            this.pos++;
            return { js: escapeClassChar(c), ch: c };
        }
        const n = s[this.pos + 1];
        if (n === undefined)
            this.fail("a trailing backslash");
        this.pos += 2;
        const single = (ch) => ({ js: escapeClassChar(ch), ch });
        switch (n) {
            case "p":
                return { js: this.property() };
            case "h":
                return { js: H_SPACE };
            case "Q": {
                const end = s.indexOf("\\E", this.pos);
                const lit = s.slice(this.pos, end < 0 ? s.length : end);
                this.pos = end < 0 ? s.length : end + 2;
                return { js: [...lit].map(escapeClassChar).join("") };
            }
            case "E":
                return { js: "" };
            case "x": {
                const js = this.hexEscape();
                return { js, ch: String.fromCharCode(parseInt(js.slice(2), 16)) };
            }
            case "u": {
                const m = /^[0-9A-Fa-f]{4}/.exec(s.slice(this.pos, this.pos + 4));
                if (!m)
                    this.fail("malformed \\u escape");
                this.pos += 4;
                return { js: `\\u${m[0]}`, ch: String.fromCharCode(parseInt(m[0], 16)) };
            }
            case "e":
                return { js: String.raw `\x1B`, ch: "\x1B" };
            case "a":
                return { js: String.raw `\x07`, ch: "\x07" };
            case "t":
                return { js: "\\t", ch: "\t" };
            case "n":
                return { js: "\\n", ch: "\n" };
            case "r":
                return { js: "\\r", ch: "\r" };
            case "f":
                return { js: "\\f", ch: "\f" };
            default:
                if ("dDsSwW".includes(n))
                    return { js: `\\${n}` };
                if (/[A-Za-z0-9]/.test(n))
                    this.fail(`unsupported escape \\${n} in a character class`);
                return single(n);
        }
    }
    /** `%{NAME}`, `%{NAME:field}` or `%{NAME:field:type}` at the cursor. */
    reference(flags) {
        const m = /^%\{([A-Za-z0-9_]+)(?::([^:{}]+))?(?::([^:{}]+))?\}/.exec(this.src.slice(this.pos, this.pos + 300));
        if (!m)
            this.fail(`malformed grok reference "${this.src.slice(this.pos, this.pos + 30)}"`);
        this.pos += m[0].length;
        const [, name, field, type] = m;
        const st = this.st;
        const def = st.custom.get(name) ?? GLUE_BUILTIN_PATTERNS[name] ?? LOGSTASH_EXTRA_PATTERNS[name];
        if (def === undefined)
            this.fail(`unknown grok pattern %{${name}}`);
        if (!st.custom.has(name) && GLUE_BUILTIN_PATTERNS[name] === undefined)
            pushOnce(st.warnings, `%{${name}} is a Logstash pattern that is not in Glue's documented built-in list`);
        if (st.stack.includes(name))
            throw new GrokError(`cyclic grok pattern: ${[...st.stack.slice(st.stack.indexOf(name)), name].join(" → ")}`);
        if (st.stack.length >= GROK_LIMITS.maxDepth)
            throw new GrokError(`grok patterns nested deeper than ${GROK_LIMITS.maxDepth} levels`);
        st.stack.push(name);
        const inner = new Translator(def, st, `pattern ${name}`).all(flags);
        st.stack.pop();
        st.outputChars += inner.length;
        if (st.outputChars > GROK_LIMITS.maxOutputChars)
            throw new GrokError(`the expanded pattern exceeds ${GROK_LIMITS.maxOutputChars} characters`);
        const fieldName = field?.trim();
        if (!fieldName || fieldName === "UNWANTED")
            return `(?:${inner})`;
        const js = `g${++st.seq}`;
        const t = type?.trim().toLowerCase() ?? null;
        if (t !== null && !GROK_FIELD_TYPES.includes(t))
            pushOnce(st.warnings, `field ${fieldName} has type "${t}", which is not one of ${GROK_FIELD_TYPES.join(", ")}`);
        this.addField(js, fieldName, t);
        return `(?<${js}>${inner})`;
    }
    addField(js, name, type) {
        this.st.groups[js] = name;
        if (!this.st.fields.some((f) => f.name === name))
            this.st.fields.push({ name, type });
    }
}
function pushOnce(list, s) {
    if (!list.includes(s) && list.length < 20)
        list.push(s);
}
/** Parses CustomPatterns (one `NAME regex` per line; blank lines and # comments skipped). */
export function parseCustomPatterns(text) {
    const patterns = new Map();
    const warnings = [];
    if (!text)
        return { patterns, warnings };
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, i) => {
        const line = raw.trim();
        if (!line || line.startsWith("#"))
            return;
        if (patterns.size >= GROK_LIMITS.maxCustomPatterns)
            return;
        const m = /^([A-Za-z0-9_]+)\s+(.+)$/.exec(line);
        if (!m) {
            pushOnce(warnings, `custom pattern line ${i + 1} is not "NAME regex" and was ignored`);
            return;
        }
        patterns.set(m[1], m[2]);
    });
    return { patterns, warnings };
}
/** Compiles a grok pattern with Glue's built-ins and the given custom patterns. Never throws. */
export function compileGrok(pattern, customPatterns, opts = {}) {
    if (typeof pattern !== "string" || pattern.trim() === "")
        return { ok: false, error: "the grok pattern is empty" };
    if (pattern.length > GROK_LIMITS.maxPatternChars)
        return { ok: false, error: `the grok pattern is ${pattern.length} characters (limit ${GROK_LIMITS.maxPatternChars})` };
    if (customPatterns !== undefined && customPatterns !== null && typeof customPatterns !== "string")
        return { ok: false, error: "the custom patterns are not text" };
    if (typeof customPatterns === "string" && customPatterns.length > GROK_LIMITS.maxCustomPatternChars) {
        return { ok: false, error: `the custom patterns are ${customPatterns.length} characters (limit ${GROK_LIMITS.maxCustomPatternChars})` };
    }
    const { patterns, warnings } = parseCustomPatterns(typeof customPatterns === "string" ? customPatterns : undefined);
    const st = { custom: patterns, stack: [], outputChars: 0, seq: 0, plainGroups: 0, groups: {}, userGroups: new Map(), fields: [], warnings };
    let body;
    try {
        body = new Translator(pattern, st, "grok pattern").all({ ci: false, dotAll: false, extended: false });
    }
    catch (e) {
        if (e instanceof GrokError)
            return { ok: false, error: e.message };
        if (e instanceof RangeError)
            return { ok: false, error: "the pattern is nested too deeply" };
        return { ok: false, error: `could not translate the pattern: ${e instanceof Error ? e.message : String(e)}` };
    }
    const source = opts.anchored === false ? body : `^(?:${body})$`;
    try {
        new RegExp(source, "");
    }
    catch (e) {
        return { ok: false, error: `not a valid regular expression: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}` };
    }
    return { ok: true, source, flags: "", groups: st.groups, fields: st.fields, warnings: st.warnings };
}
