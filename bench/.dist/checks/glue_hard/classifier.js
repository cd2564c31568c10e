// Task 4 — compliant: a Grok classifier custom-log-classifier-{student} with a classification, whose pattern (Glue's built-ins plus its custom patterns) matches both sample log lines in full and captures timestamp, log_level, user_id, action, ip_address, plus duration / error_message.
import { GetClassifierCommand, GetClassifiersCommand } from "@aws-sdk/client-glue";
import { compileGrok, parseCustomPatterns } from "../shared/grok/compile.js";
import { runGrok } from "../shared/grok/run.js";
import { nearMisses } from "../shared/student-owned.js";
/** The two sample lines of the lab; Glue matches a grok pattern against a whole line. */
export const SAMPLE_LOG_LINES = [
    "[2024-11-01 10:15:32] INFO user_id=12345 action=login ip=192.168.1.1 duration=250ms",
    '[2024-11-01 10:16:45] ERROR user_id=67890 action=purchase ip=192.168.1.2 error="payment_failed"',
];
/** Matching time allowed for a student's pattern on the sample lines. */
export const GROK_TIMEOUT_MS = 1000;
const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
function kindOf(c) {
    if (c?.GrokClassifier)
        return "grok";
    if (c?.XMLClassifier)
        return "xml";
    if (c?.JsonClassifier)
        return "json";
    if (c?.CsvClassifier)
        return "csv";
    return "unknown";
}
function lineFacts(text, r, timeoutMs) {
    const captures = r?.captures ?? {};
    const result = !r
        ? "not run"
        : r.error
            ? `matcher error: ${clip(r.error, 200)}`
            : r.timedOut
                ? `timed out after ${timeoutMs} ms (the pattern backtracks catastrophically)`
                : r.matched
                    ? "matched"
                    : "no match";
    return { text, result, matched: r?.matched === true, timedOut: r?.timedOut === true, fields: Object.keys(captures), captures };
}
/** Compiles and runs a Grok classifier's pattern on the sample lines (bounded in time). */
export async function grokFacts(grokPattern, customPatterns, timeoutMs = GROK_TIMEOUT_MS) {
    const compiled = compileGrok(grokPattern, customPatterns);
    const custom = [...parseCustomPatterns(typeof customPatterns === "string" ? customPatterns.slice(0, 64_000) : undefined).patterns.keys()].slice(0, 50);
    const base = { grokPattern: clip(grokPattern ?? "", 2048), customPatterns: custom };
    if (!compiled.ok)
        return { ...base, compileError: compiled.error };
    const results = await runGrok(compiled, SAMPLE_LOG_LINES, { timeoutMs });
    return {
        ...base,
        compileError: null,
        warnings: compiled.warnings,
        declaredFields: compiled.fields.map((f) => f.name),
        line1: lineFacts(SAMPLE_LOG_LINES[0], results[0], timeoutMs),
        line2: lineFacts(SAMPLE_LOG_LINES[1], results[1], timeoutMs),
    };
}
/** Task 4: the custom Grok classifier, and whether its pattern parses the lab's log lines. */
export const classifier = {
    id: "classifier",
    description: "Glue classifier custom-log-classifier-{student}: Grok type, classification, and its pattern run (time-bounded) on the lab's two sample log lines.",
    names: ["classifier"],
    actions: ["glue:GetClassifier", "glue:GetClassifiers"],
    async collect(ctx) {
        const name = ctx.name("classifier");
        const r = await ctx.read("glue", new GetClassifierCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
        if (!r.ok) {
            if (!r.missing)
                return { classifier: r.fact };
            const all = await ctx.list("glue", (t) => new GetClassifiersCommand({ NextToken: t }), (o) => ({ items: o.Classifiers, next: o.NextToken }));
            const names = all.ok
                ? all.items.map((c) => c.GrokClassifier?.Name ?? c.XMLClassifier?.Name ?? c.JsonClassifier?.Name ?? c.CsvClassifier?.Name ?? "").filter(Boolean)
                : null;
            const facts = { name, exists: false, similar: names ? nearMisses(name, names, ctx.student) : all.fact };
            return { classifier: facts };
        }
        const c = r.value.Classifier;
        const kind = kindOf(c);
        const facts = { name, exists: true, kind };
        if (c?.GrokClassifier) {
            const g = c.GrokClassifier;
            facts.classification = typeof g.Classification === "string" ? clip(g.Classification, 256) : null;
            Object.assign(facts, await grokFacts(g.GrokPattern, g.CustomPatterns));
        }
        else {
            facts.classification = c?.XMLClassifier?.Classification ?? null;
        }
        return { classifier: facts };
    },
};
