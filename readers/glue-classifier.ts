// A Glue classifier (Grok, JSON, XML or CSV): its settings, and for Grok whether the pattern compiles and which sample lines it matches.
import { z } from "zod";
import { GetClassifierCommand, GetClassifiersCommand, type Classifier } from "@aws-sdk/client-glue";
import type { Facts, Json } from "../src/grade/facts.js";
import { compileGrok, parseCustomPatterns } from "../checks/shared/grok/compile.js";
import { runGrok } from "../checks/shared/grok/run.js";
import { defineReader, missing, namedFacts, similarFrom } from "./reader.js";

const KINDS = { GrokClassifier: "grok", JsonClassifier: "json", XMLClassifier: "xml", CsvClassifier: "csv" } as const;

/** Reads one classifier; `samples` are lines a Grok pattern is run on (in a worker, with a time limit). */
export const reader = defineReader({
  id: "glue.classifier",
  description: "A Glue classifier: kind (grok, json, xml, csv) and classification; for Grok, whether the pattern compiles, the fields it declares, and which of your sample lines it matches (run in a worker with a time limit); for JSON its JSON path, for XML its row tag, for CSV its delimiter and header.",
  params: z.object({ name: z.string().min(1), samples: z.array(z.string()).max(20).default([]) }).strict(),
  facts: namedFacts({
    kind: z.string(),
    classification: z.string().nullable(),
    grokPattern: z.string().nullable(),
    customPatterns: z.array(z.string()),
    compileError: z.string().nullable(),
    declaredFields: z.array(z.string()),
    samples: z.array(z.object({ text: z.string(), matched: z.boolean(), timedOut: z.boolean(), fields: z.array(z.string()) })),
    allSamplesMatch: z.boolean(),
    jsonPath: z.string().nullable(),
    rowTag: z.string().nullable(),
    delimiter: z.string().nullable(),
    containsHeader: z.string().nullable(),
  }),
  actions: ["glue:GetClassifier", "glue:GetClassifiers"],
  async read(ctx, { name, samples }) {
    const r = await ctx.read("glue", new GetClassifierCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("glue", (t) => new GetClassifiersCommand({ NextToken: t }), (o) => ({ items: o.Classifiers?.map(nameOf), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const c = r.value.Classifier ?? {};
    const kind = (Object.keys(KINDS) as (keyof typeof KINDS)[]).find((k) => c[k]) ;
    const g = c.GrokClassifier;
    let grok: { [k: string]: Json } = { grokPattern: null, customPatterns: [], compileError: null, declaredFields: [], samples: [], allSamplesMatch: false };
    if (g) {
      const compiled = compileGrok(g.GrokPattern, g.CustomPatterns);
      const custom = [...parseCustomPatterns(g.CustomPatterns?.slice(0, 64_000)).patterns.keys()].slice(0, 50);
      const results = compiled.ok && samples.length ? await runGrok(compiled, samples, { timeoutMs: 1000 }) : [];
      const lines = samples.map((text, i) => ({ text, matched: results[i]?.matched === true, timedOut: results[i]?.timedOut === true, fields: Object.keys(results[i]?.captures ?? {}) }));
      grok = { grokPattern: (g.GrokPattern ?? "").slice(0, 2048), customPatterns: custom, compileError: compiled.ok ? null : compiled.error, declaredFields: compiled.ok ? compiled.fields.map((f) => f.name) : [], samples: lines, allSamplesMatch: lines.length > 0 && lines.every((l) => l.matched) };
    }
    return {
      name,
      exists: true,
      kind: kind ? KINDS[kind] : "unknown",
      classification: g?.Classification ?? c.XMLClassifier?.Classification ?? null,
      ...grok,
      jsonPath: c.JsonClassifier?.JsonPath ?? null,
      rowTag: c.XMLClassifier?.RowTag ?? null,
      delimiter: c.CsvClassifier?.Delimiter ?? null,
      containsHeader: c.CsvClassifier?.ContainsHeader ?? null,
    };
  },
});

function nameOf(c: Classifier): string {
  return c.GrokClassifier?.Name ?? c.JsonClassifier?.Name ?? c.XMLClassifier?.Name ?? c.CsvClassifier?.Name ?? "";
}
