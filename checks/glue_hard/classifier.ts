// Task 4 — compliant: a Grok classifier custom-log-classifier-{student} with a classification, whose pattern (Glue's built-ins plus its custom patterns) matches both sample log lines in full and captures timestamp, log_level, user_id, action, ip_address, plus duration / error_message.
import { GetClassifierCommand, GetClassifiersCommand, type Classifier } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckModule } from "../../src/grade/check.js";
import { orError } from "../../src/grade/facts.js";
import { compileGrok, parseCustomPatterns } from "../shared/grok/compile.js";
import { runGrok, type GrokLineResult } from "../shared/grok/run.js";
import { nearMisses } from "../shared/student-owned.js";

/** The two sample lines of the lab; Glue matches a grok pattern against a whole line. */
export const SAMPLE_LOG_LINES = [
  "[2024-11-01 10:15:32] INFO user_id=12345 action=login ip=192.168.1.1 duration=250ms",
  '[2024-11-01 10:16:45] ERROR user_id=67890 action=purchase ip=192.168.1.2 error="payment_failed"',
] as const;

/** Matching time allowed for a student's pattern on the sample lines. */
export const GROK_TIMEOUT_MS = 1000;

/** How one sample line fared. */
export const lineFactsSchema = z.object({
  text: z.string(),
  /** "matched", "no match", "timed out after 1000 ms (…)" or "matcher error: …". */
  result: z.string(),
  matched: z.boolean(),
  timedOut: z.boolean(),
  /** Fields captured on this line. */
  fields: z.array(z.string()),
  captures: z.record(z.string(), z.string()),
});
export type LineFacts = z.infer<typeof lineFactsSchema>;

/** What a Grok pattern does on the sample lines (grokFacts). */
export const grokFactsSchema = z.object({
  grokPattern: z.string(),
  /** Names defined in CustomPatterns. */
  customPatterns: z.array(z.string()),
  /** Why the pattern could not be compiled; null when it compiled. */
  compileError: z.string().nullable(),
  warnings: z.array(z.string()).optional(),
  /** Fields the pattern declares. */
  declaredFields: z.array(z.string()).optional(),
  line1: lineFactsSchema.optional(),
  line2: lineFactsSchema.optional(),
});
export type GrokFacts = z.infer<typeof grokFactsSchema>;

/** The facts of the classifier. */
export const classifierFactsSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  similar: orError(z.array(z.string())).optional(),
  kind: z.enum(["grok", "xml", "json", "csv", "unknown"]).optional(),
  classification: z.string().nullable().optional(),
  ...grokFactsSchema.partial().shape,
});
export type ClassifierFacts = z.infer<typeof classifierFactsSchema>;

/** The facts of Task 4. */
export const classifierCheckFactsSchema = z.object({ classifier: orError(classifierFactsSchema) });
export type ClassifierCheckFacts = z.infer<typeof classifierCheckFactsSchema>;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function kindOf(c: Classifier | undefined): NonNullable<ClassifierFacts["kind"]> {
  if (c?.GrokClassifier) return "grok";
  if (c?.XMLClassifier) return "xml";
  if (c?.JsonClassifier) return "json";
  if (c?.CsvClassifier) return "csv";
  return "unknown";
}

function lineFacts(text: string, r: GrokLineResult | undefined, timeoutMs: number): LineFacts {
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
export async function grokFacts(grokPattern: string | undefined, customPatterns: string | undefined, timeoutMs = GROK_TIMEOUT_MS): Promise<GrokFacts> {
  const compiled = compileGrok(grokPattern, customPatterns);
  const custom = [...parseCustomPatterns(typeof customPatterns === "string" ? customPatterns.slice(0, 64_000) : undefined).patterns.keys()].slice(0, 50);
  const base = { grokPattern: clip(grokPattern ?? "", 2048), customPatterns: custom };
  if (!compiled.ok) return { ...base, compileError: compiled.error };
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
export const classifier: CheckModule<ClassifierCheckFacts> = {
  id: "classifier",
  description: "Glue classifier custom-log-classifier-{student}: Grok type, classification, and its pattern run (time-bounded) on the lab's two sample log lines.",
  names: ["classifier"],
  actions: ["glue:GetClassifier", "glue:GetClassifiers"],
  facts: classifierCheckFactsSchema,
  async collect(ctx) {
    const name = ctx.name("classifier");
    const r = await ctx.read("glue", new GetClassifierCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return { classifier: r.fact };
      const all = await ctx.list(
        "glue",
        (t) => new GetClassifiersCommand({ NextToken: t }),
        (o) => ({ items: o.Classifiers, next: o.NextToken }),
      );
      const similar = all.ok
        ? nearMisses(name, all.items.map((c) => c.GrokClassifier?.Name ?? c.XMLClassifier?.Name ?? c.JsonClassifier?.Name ?? c.CsvClassifier?.Name ?? "").filter(Boolean), ctx.student)
        : all.fact;
      return { classifier: { name, exists: false, similar } };
    }
    const c = r.value.Classifier;
    const kind = kindOf(c);
    const g = c?.GrokClassifier;
    if (!g) return { classifier: { name, exists: true, kind, classification: c?.XMLClassifier?.Classification ?? null } };
    const classification = typeof g.Classification === "string" ? clip(g.Classification, 256) : null;
    return { classifier: { name, exists: true, kind, classification, ...(await grokFacts(g.GrokPattern, g.CustomPatterns)) } };
  },
};
