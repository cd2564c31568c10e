// A lenient DQDL reader, following the awslabs/dqdl grammar: finds `Rules = [ … ]` and `Analyzers = [ … ]`, splits
// them into rules (composites, with or without parentheses, expanded), and gives each rule its type, parameters
// (quoted or bare, after an optional `of`/`and`), condition and labels; `$variables` declared at the top are kept.
// Student input: bounded in size, never throws.

/** One rule (a leaf of a composite rule is a rule of its own). */
export type DqdlRule = {
  /** The rule type as written ("CustomSQL"). */
  type: string;
  /** The grammar's spelling when the type is known in any case ("CustomSql"), else as written. */
  canonicalType: string;
  known: boolean;
  /** The quoted parameters before the condition (column names, SQL). */
  params: string[];
  /** The rest of the rule, tokens joined by single spaces (`between 0.01 and 1000000`). */
  condition: string;
  /** "ColumnExists customer_id", "RowCount", "CustomSql" (a SQL parameter is left out). */
  signature: string;
  /** True for a leaf of a composite rule. */
  inComposite: boolean;
  /** `labels = ["key" = "value", …]` of the rule and of the composites around it (the innermost wins). */
  labels: Record<string, string>;
};

/** A parsed ruleset: rules (composites flattened), or why the text could not be read. */
export type DqdlParse =
  | {
      ok: true;
      rules: DqdlRule[];
      topLevelRules: number;
      signatures: string[];
      /** `Analyzers = [ … ]`: statistics gathered (for anomaly detection), read like rules. */
      analyzers: DqdlRule[];
      analyzerSignatures: string[];
      /** Top-level `name = "value"` / `name = [ … ]` declarations, referred to as `$name`. */
      variables: Record<string, string | string[]>;
    }
  | { ok: false; error: string; rules: DqdlRule[]; topLevelRules: 0; signatures: string[]; analyzers: DqdlRule[]; analyzerSignatures: string[]; variables: Record<string, string | string[]> };

/** Bounds on student input. */
export const DQDL_LIMITS = { maxChars: 65_536, maxTokens: 20_000, maxRules: 500, maxDepth: 16, maxParamChars: 200 } as const;

/** Rule types of the awslabs/dqdl grammar (rules-config.json). */
export const DQDL_RULE_TYPES = [
  "RowCount", "ColumnCount", "Completeness", "IsComplete", "ColumnExists", "ColumnDataType", "ColumnLength", "ColumnValues",
  "Uniqueness", "IsUnique", "IsPrimaryKey", "Mean", "Sum", "StandardDeviation", "Variance", "Entropy", "DistinctValuesCount",
  "UniqueValueRatio", "ColumnCorrelation", "ColumnNamesMatchPattern", "CustomSql", "DataFreshness", "ReferentialIntegrity",
  "DatasetMatch", "SchemaMatch", "RowCountMatch", "AggregateMatch", "DetectAnomalies", "AllStatistics", "FileMatch",
  "FileUniqueness", "FileFreshness", "FileSize",
] as const;

const CANONICAL = new Map<string, string>(DQDL_RULE_TYPES.map((t) => [t.toLowerCase(), t]));

type Token = { kind: "str" | "word" | "num" | "punct"; text: string };

class DqdlError extends Error {}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (out.length > DQDL_LIMITS.maxTokens) throw new DqdlError(`more than ${DQDL_LIMITS.maxTokens} tokens`);
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let s = "";
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const d = text[j]!;
        if (d === "\\" && j + 1 < n) {
          const e = text[j + 1]!;
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
      if (!closed) throw new DqdlError(`unterminated string starting at character ${i + 1}`);
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

const OPEN: Record<string, string> = { "[": "]", "(": ")", "{": "}" };

/** Index of the bracket closing the one at `open`. */
function closing(tokens: Token[], open: number): number {
  const stack: string[] = [];
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "punct") continue;
    if (OPEN[t.text]) stack.push(OPEN[t.text]!);
    else if (t.text === "]" || t.text === ")" || t.text === "}") {
      if (stack.pop() !== t.text) throw new DqdlError(`unbalanced "${t.text}"`);
      if (stack.length === 0) return i;
    }
  }
  throw new DqdlError(`unclosed "${tokens[open]?.text}"`);
}

/** Splits tokens at depth-0 separators chosen by `isSep`. */
function splitTop(tokens: Token[], isSep: (t: Token) => boolean): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === "punct" && OPEN[t.text]) depth++;
    else if (t.kind === "punct" && (t.text === "]" || t.text === ")" || t.text === "}")) depth--;
    if (depth === 0 && isSep(t)) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts;
}

const render = (t: Token): string => (t.kind === "str" ? JSON.stringify(t.text) : t.text);
const clip = (s: string): string => (s.length > DQDL_LIMITS.maxParamChars ? `${s.slice(0, DQDL_LIMITS.maxParamChars - 1)}…` : s);
const isWord = (t: Token | undefined, re: RegExp): boolean => t?.kind === "word" && re.test(t.text);
const isPunct = (t: Token | undefined, text: string): boolean => t?.kind === "punct" && t.text === text;

/** Tokens that end a rule's parameters: the start of a condition, a where clause, a tag or labels. */
const CONDITION_WORD = /^(between|not|in|matches|where|with|labels)$/i;
const CONDITION_PUNCT = new Set(["=", "!=", "==", ">", ">=", "<", "<=", "!"]);

/**
 * The depth-0 positions of `and`/`or` that join rules (a composite), as opposed to the `and` of `between a and b`
 * and the connector word of parameters (`ColumnCorrelation of a and "b"`): an `and` joins rules only when a
 * parenthesis or a known rule type follows it.
 */
function joiners(tokens: Token[]): number[] {
  const at: number[] = [];
  let depth = 0;
  let inBetween = false;
  tokens.forEach((t, i) => {
    if (t.kind === "punct" && OPEN[t.text]) depth++;
    else if (t.kind === "punct" && (t.text === "]" || t.text === ")" || t.text === "}")) depth--;
    if (depth !== 0 || t.kind !== "word") return;
    if (/^between$/i.test(t.text)) inBetween = true;
    else if (/^or$/i.test(t.text)) at.push(i);
    else if (/^and$/i.test(t.text)) {
      if (inBetween) inBetween = false;
      else {
        const next = tokens[i + 1];
        if (!next || isPunct(next, "(") || (next.kind === "word" && CANONICAL.has(next.text.toLowerCase()))) at.push(i);
      }
    }
  });
  return at;
}

/** A trailing `labels = [ "k" = "v", … ]` (depth 0): the labels, and the tokens before it. */
function takeLabels(tokens: Token[]): { rest: Token[]; labels: Record<string, string> } {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "punct" && OPEN[t.text]) depth++;
    else if (t.kind === "punct" && (t.text === "]" || t.text === ")" || t.text === "}")) depth--;
    if (depth === 0 && isWord(t, /^labels$/i) && isPunct(tokens[i + 1], "=") && isPunct(tokens[i + 2], "[")) {
      const end = closing(tokens, i + 2);
      const labels: Record<string, string> = {};
      for (const pair of splitTop(tokens.slice(i + 3, end), (x) => isPunct(x, ","))) {
        const [k, sep, v] = pair;
        if (pair.length !== 3 || k?.kind !== "str" || v?.kind !== "str" || !(isPunct(sep, "=") || isPunct(sep, ":"))) throw new DqdlError('labels are written ["key" = "value", …]');
        labels[clip(k.text)] = clip(v.text);
      }
      return { rest: [...tokens.slice(0, i), ...tokens.slice(end + 1)], labels };
    }
  }
  return { rest: tokens, labels: {} };
}

/** True when the whole token list is one parenthesised group. */
const wrapped = (tokens: Token[]): boolean => isPunct(tokens[0], "(") && closing(tokens, 0) === tokens.length - 1;

function readRule(tokens: Token[], depth: number, inComposite: boolean, outer: Record<string, string>, out: DqdlRule[]): void {
  if (tokens.length === 0) return;
  if (depth > DQDL_LIMITS.maxDepth) throw new DqdlError(`composite rules nested deeper than ${DQDL_LIMITS.maxDepth}`);
  const joins = joiners(tokens);
  if (joins.length > 0) {
    // `A and B`, `(A) or (B) or (C)`, `(A AND B) OR C`: each operand is a rule of its own
    const parts: Token[][] = [];
    let from = 0;
    for (const j of [...joins, tokens.length]) {
      parts.push(tokens.slice(from, j));
      from = j + 1;
    }
    for (const part of parts) {
      if (part.length === 0) throw new DqdlError("an empty operand in a composite rule");
      readRule(part, depth + 1, true, outer, out);
    }
    return;
  }
  const { rest, labels: own } = takeLabels(tokens);
  const labels = { ...outer, ...own };
  if (rest.length === 0) throw new DqdlError("labels without a rule");
  if (wrapped(rest)) {
    // `(A)` or `(A AND B) labels = [...]`: the labels apply to every rule inside
    readRule(rest.slice(1, -1), depth + 1, inComposite || joiners(rest.slice(1, -1)).length > 0, labels, out);
    return;
  }
  out.push(leafRule(rest, inComposite, labels));
}

/** One rule: `RuleType [of|and] param … condition [where "…"] [with …]`. */
function leafRule(tokens: Token[], inComposite: boolean, labels: Record<string, string>): DqdlRule {
  const first = tokens[0]!;
  if (first.kind !== "word") throw new DqdlError(`a rule starts with ${render(first)} instead of a rule type`);
  let i = 1;
  const params: string[] = [];
  for (;;) {
    const connector = isWord(tokens[i], /^(of|and)$/i) ? 1 : 0;
    const p = tokens[i + connector];
    if (!p || (p.kind !== "str" && p.kind !== "word") || (p.kind === "word" && CONDITION_WORD.test(p.text))) break;
    // a bare word followed by a number is not a column (`within 20 %` is an unknown condition, kept as written)
    if (p.kind === "word" && tokens[i + connector + 1]?.kind === "num") break;
    params.push(clip(p.text));
    i += connector + 1;
  }
  if (tokens[i] && !(tokens[i]!.kind === "word" || (tokens[i]!.kind === "punct" && (CONDITION_PUNCT.has(tokens[i]!.text) || tokens[i]!.text === "(")) || tokens[i]!.kind === "num")) {
    throw new DqdlError(`unexpected ${render(tokens[i]!)} after the parameters of ${first.text}`);
  }
  const canonical = CANONICAL.get(first.text.toLowerCase());
  const type = canonical ?? first.text;
  const named = type === "CustomSql" ? [] : params;
  return {
    type: first.text,
    canonicalType: type,
    known: canonical !== undefined,
    params,
    condition: clip(tokens.slice(i).map(render).join(" ")),
    signature: [type, ...named].join(" "),
    inComposite,
    labels,
  };
}

/** Reads one `[ … ]` list of rules (or analyzers); returns how many top-level entries it had. */
function readList(tokens: Token[], out: DqdlRule[]): number {
  const top = splitTop(tokens, (t) => isPunct(t, ",")).filter((p) => p.length > 0);
  for (const r of top) {
    if (out.length >= DQDL_LIMITS.maxRules) throw new DqdlError(`more than ${DQDL_LIMITS.maxRules} rules`);
    readRule(r, 0, false, {}, out);
    if (out.length > DQDL_LIMITS.maxRules) throw new DqdlError(`more than ${DQDL_LIMITS.maxRules} rules`);
  }
  return top.length;
}

/** A declared value: a string, a word, or a list of them. */
function variableValue(tokens: Token[]): string | string[] {
  if (isPunct(tokens[0], "[")) return splitTop(tokens.slice(1, -1), (t) => isPunct(t, ",")).map((p) => clip(p.map((t) => t.text).join(" ")));
  return clip(tokens.map((t) => t.text).join(" "));
}

/** Parses DQDL text. Never throws; a text without a readable `Rules = [ … ]` or `Analyzers = [ … ]` comes back with `ok: false`. */
export function parseDqdl(text: unknown): DqdlParse {
  const fail = (error: string): DqdlParse => ({ ok: false, error, rules: [], topLevelRules: 0, signatures: [], analyzers: [], analyzerSignatures: [], variables: {} });
  if (typeof text !== "string" || text.trim() === "") return fail("the ruleset is empty");
  if (text.length > DQDL_LIMITS.maxChars) return fail(`the ruleset is ${text.length} characters (limit ${DQDL_LIMITS.maxChars})`);
  try {
    const tokens = tokenize(text);
    const rules: DqdlRule[] = [];
    const analyzers: DqdlRule[] = [];
    const variables: Record<string, string | string[]> = {};
    let topLevelRules = 0;
    let sawRules = false;
    let sawAnalyzers = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      // `Name = value` at the top: a section (Rules, Analyzers, Metadata, DataSources) or a variable
      if (t.kind === "word" && isPunct(tokens[i + 1], "=") && tokens[i + 2]) {
        const valueAt = i + 2;
        const v = tokens[valueAt]!;
        const end = v.kind === "punct" && OPEN[v.text] ? closing(tokens, valueAt) : valueAt;
        const name = t.text.toLowerCase();
        if (name === "rules" && isPunct(v, "[")) {
          if (!sawRules) topLevelRules = readList(tokens.slice(valueAt + 1, end), rules);
          sawRules = true;
        } else if (name === "analyzers" && isPunct(v, "[")) {
          if (!sawAnalyzers) readList(tokens.slice(valueAt + 1, end), analyzers);
          sawAnalyzers = true;
        } else if (!isPunct(v, "{") && Object.keys(variables).length < 100) {
          variables[clip(t.text)] = variableValue(tokens.slice(valueAt, end + 1));
        }
        i = end;
        continue;
      }
      // skip whole blocks so a "Rules" inside them is not taken
      if (t.kind === "punct" && OPEN[t.text]) i = closing(tokens, i);
    }
    if (!sawRules && !sawAnalyzers) return fail('no "Rules = [ … ]" block (nor "Analyzers = [ … ]")');
    const signatures = (list: DqdlRule[]) => [...new Set(list.map((r) => r.signature))];
    return { ok: true, rules, topLevelRules, signatures: signatures(rules), analyzers, analyzerSignatures: signatures(analyzers), variables };
  } catch (e) {
    if (e instanceof DqdlError) return fail(e.message);
    return fail(`unreadable ruleset: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`);
  }
}
