// Every report format shows a criterion in the same words (src/report/wording.ts): its message sentence and hint,
// never an expected/found rebuilt from the raw values, and "could not be checked" never twice.
import { describe, expect, it } from "vitest";
import { marked } from "marked";
import { parseHTML } from "linkedom";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { render, type ReportFormat } from "../../src/report/index.js";
import { githubAnnotations } from "../../src/report/github.js";
import type { CriterionResult, GradeReport } from "../../src/grade/result.js";
import { hintOf, sentence } from "../../src/report/wording.js";
import { clone, realReports, recount, withErrors } from "./fixtures.js";

/** Every string inside a parsed XML/JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

/** Each format's output decoded back to the plain text a reader sees, and which statuses it words. */
const FORMATS: { format: ReportFormat | "github"; text: (r: GradeReport) => string; shows: CriterionResult["status"][] }[] = [
  { format: "console", text: (r) => render("console", r, { verbose: true }), shows: ["fail", "error", "warning", "skipped"] },
  { format: "markdown", text: (r) => parseHTML(`<html><body>${marked.parse(render("markdown", r), { async: false }) as string}</body></html>`).document.body.textContent ?? "", shows: ["fail", "error", "warning"] },
  { format: "html", text: (r) => parseHTML(render("html", r)).document.body.textContent ?? "", shows: ["fail", "error", "warning", "skipped", "pass"] },
  { format: "junit", text: (r) => strings(new XMLParser({ ignoreAttributes: false }).parse(render("junit", r))).join("\n"), shows: ["fail", "error", "warning", "skipped"] },
  { format: "csv", text: (r) => (parseCsv(render("csv", r)) as string[][]).map((row) => row.join("\n")).join("\n"), shows: ["fail", "error", "warning", "skipped", "pass"] },
  { format: "gradescope", text: (r) => strings(JSON.parse(render("gradescope", r))).join("\n"), shows: ["fail", "error", "warning", "skipped", "pass"] },
  { format: "github", text: (r) => githubAnnotations(r, 1000).replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%"), shows: ["fail", "error", "warning"] },
];

/** The partial world with two unchecked criteria, one of them an advisory warning whose message already says so. */
async function report(): Promise<GradeReport> {
  const r = withErrors((await realReports()).partial);
  const out = clone(r);
  const pass = out.tasks.flatMap((t) => t.criteria).find((c) => c.status === "fail" && c.hint)!;
  Object.assign(pass, { status: "warning", points: 0, maxPoints: 0, action: "kms:DescribeKey", message: "could not be checked: kms:DescribeKey failed (AccessDenied)" });
  return recount(out);
}

describe("one wording for every report", () => {
  it.each(FORMATS.map((f) => [f.format, f] as const))("%s shows each criterion's sentence and hint, nothing rebuilt, nothing doubled", async (_, f) => {
    const r = await report();
    const text = f.text(r).toLowerCase();
    const shown = r.tasks.flatMap((t) => t.criteria).filter((c) => f.shows.includes(c.status));
    expect(shown.length).toBeGreaterThan(10);
    for (const c of shown) {
      expect(text, `${c.id}: ${sentence(c)}`).toContain(sentence(c).toLowerCase());
      const hint = hintOf(c);
      if (hint) expect(text, `${c.id} hint`).toContain(hint.toLowerCase());
    }
    expect(text).not.toMatch(/could not be checked:? could not be checked/i);
    // no line rebuilt from the raw values next to the sentence
    expect(text).not.toMatch(/^\s*[-•]?\s*(expected|found):/m);
  });

  it("sentence: the message; an unchecked one says so once; manual says what the grader looks at", () => {
    const c = (status: CriterionResult["status"], message: string, extra: Partial<CriterionResult> = {}): CriterionResult => ({ id: "x", title: "X", status, points: 0, maxPoints: 1, message, ...extra });
    const table: [CriterionResult, string][] = [
      [c("fail", "expected 3 rulesets, found 1"), "expected 3 rulesets, found 1"],
      [c("error", "AccessDenied on s3:GetBucketPolicy"), "could not be checked: AccessDenied on s3:GetBucketPolicy"],
      [c("error", "could not be checked: could not be checked"), "could not be checked: no reason given"],
      [c("error", "could not be checked: s3:GetBucketPolicy failed (AccessDenied)"), "could not be checked: s3:GetBucketPolicy failed (AccessDenied)"],
      [c("warning", "Could not be checked, kms:DescribeKey timed out"), "could not be checked: kms:DescribeKey timed out"],
      [c("manual", "needs a human grader", { manual: "look at the notebook" }), "awaits a human grader: look at the notebook"],
    ];
    for (const [input, want] of table) expect(sentence(input)).toBe(want);
  });
});
