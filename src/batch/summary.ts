// The class summary: score histogram, per-task and per-criterion pass rates (hardest first), students with errors,
// and the most frequent warnings (advisory criteria: never failures, so they stay out of the pass rates).
import { errorActions, type BatchManifest, type StudentResult } from "./store.js";

/** Aggregates over the graded students. */
export interface ClassSummary {
  assessment: string;
  title: string;
  students: number;
  graded: number;
  notGraded: { student: string; reason: string }[];
  withErrors: { student: string; errors: number; actions: string[] }[];
  passed: number;
  meanPercent: number;
  medianPercent: number;
  /** Ten buckets: [0,10), [10,20), … [90,100]. */
  histogram: number[];
  tasks: { id: string; title: string; passRate: number; meanPoints: number; maxPoints: number }[];
  criteria: { key: string; title: string; passRate: number; fail: number; error: number; skipped: number }[];
  /** Advisory criteria that warned, most frequent first: how many graded students got the warning. */
  warnings: { key: string; title: string; students: number }[];
  /** With a manual-scores file: students fully scored by a person, and those with manual criteria still unscored. */
  manual?: { scored: number; pending: { student: string; criteria: number }[]; meanTotalPercent: number };
}

/** Summarises results (students who could not be graded are listed, not averaged). */
export function summarize(manifest: Pick<BatchManifest, "assessment" | "rubric" | "tasks">, results: readonly StudentResult[]): ClassSummary {
  const graded = results.filter((r) => r.report);
  const percents = graded.map((r) => r.report!.score.percent).sort((a, b) => a - b);
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const p of percents) histogram[Math.min(9, Math.floor(p / 10))]!++;
  const taskAgg = new Map<string, { title: string; pass: number; n: number; points: number; max: number }>();
  const critAgg = new Map<string, { title: string; pass: number; n: number; fail: number; error: number; skipped: number }>();
  const warnAgg = new Map<string, { title: string; students: number }>();
  for (const r of graded) {
    for (const t of r.report!.tasks) {
      if (t.maxPoints === 0) continue; // manual-only task: nothing automatic to pass
      const a = taskAgg.get(t.id) ?? { title: t.title, pass: 0, n: 0, points: 0, max: t.maxPoints };
      a.n++;
      if (t.status === "pass") a.pass++;
      a.points += t.points;
      taskAgg.set(t.id, a);
      for (const c of t.criteria) {
        if (c.status === "manual") continue;
        const key = `${t.id}.${c.id}`;
        if (c.status === "warning") {
          // advice, not a failure: counted here, not in the criterion's pass rate
          const w = warnAgg.get(key) ?? { title: c.title, students: 0 };
          w.students++;
          warnAgg.set(key, w);
          continue;
        }
        const b = critAgg.get(key) ?? { title: c.title, pass: 0, n: 0, fail: 0, error: 0, skipped: 0 };
        b.n++;
        if (c.status === "pass") b.pass++;
        else if (c.status === "fail") b.fail++;
        else if (c.status === "error") b.error++;
        else if (c.status === "skipped") b.skipped++;
        critAgg.set(key, b);
      }
    }
  }
  const order = new Map(manifest.tasks.map((t, i) => [t.id, i]));
  const rate = (p: number, n: number) => (n ? round((p / n) * 100) : 0);
  return {
    assessment: manifest.assessment,
    title: manifest.rubric.title,
    students: results.length,
    graded: graded.length,
    notGraded: results.filter((r) => !r.report).map((r) => ({ student: r.entry.student, reason: r.failure ?? "unknown" })),
    withErrors: graded
      .filter((r) => r.report!.counts.error > 0)
      .map((r) => ({
        student: r.entry.student,
        errors: r.report!.counts.error,
        actions: errorActions(r.report!),
      })),
    passed: graded.filter((r) => r.report!.score.passed).length,
    meanPercent: percents.length ? round(percents.reduce((a, b) => a + b, 0) / percents.length) : 0,
    medianPercent: percents.length ? round(percents.length % 2 ? percents[(percents.length - 1) / 2]! : (percents[percents.length / 2 - 1]! + percents[percents.length / 2]!) / 2) : 0,
    histogram,
    tasks: [...taskAgg]
      .map(([id, a]) => ({ id, title: a.title, passRate: rate(a.pass, a.n), meanPoints: a.n ? round(a.points / a.n) : 0, maxPoints: a.max }))
      .sort((x, y) => x.passRate - y.passRate || (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0)),
    criteria: [...critAgg]
      .map(([key, b]) => ({ key, title: b.title, passRate: rate(b.pass, b.n), fail: b.fail, error: b.error, skipped: b.skipped }))
      .sort((x, y) => x.passRate - y.passRate || y.fail - x.fail || (x.key < y.key ? -1 : 1)),
    warnings: [...warnAgg]
      .map(([key, w]) => ({ key, title: w.title, students: w.students }))
      .sort((x, y) => y.students - x.students || (x.key < y.key ? -1 : 1)),
    ...manualSummary(graded),
  };
}

function manualSummary(graded: readonly StudentResult[]): Pick<ClassSummary, "manual"> {
  const withManual = graded.filter((r) => r.report!.score.manual);
  if (!withManual.length) return {};
  const totals = withManual.map((r) => r.report!.score.total?.percent ?? 0);
  return {
    manual: {
      scored: withManual.filter((r) => r.report!.score.manual!.pending === 0).length,
      pending: withManual.filter((r) => r.report!.score.manual!.pending > 0).map((r) => ({ student: r.entry.student, criteria: r.report!.score.manual!.pending })),
      meanTotalPercent: round(totals.reduce((a, b) => a + b, 0) / totals.length),
    },
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

const BUCKETS = ["0–9", "10–19", "20–29", "30–39", "40–49", "50–59", "60–69", "70–79", "80–89", "90–100"];

function bar(n: number, max: number, width = 30): string {
  return max ? "█".repeat(Math.round((n / max) * width)) || (n ? "▏" : "") : "";
}

/** Markdown-safe text: table cells and inline text from rubric titles or AWS (escaped, one line). */
function md(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/([\\`*_{}[\]<>|#])/g, "\\$1");
}

/** summary.md. */
export function summaryMarkdown(s: ClassSummary, opts: { criteriaLimit?: number } = {}): string {
  const L: string[] = [];
  L.push(`# ${md(s.title)} — class summary`, "");
  L.push(`${s.graded} of ${s.students} students graded · ${s.passed} passed · mean ${s.meanPercent}% · median ${s.medianPercent}%` + (s.notGraded.length ? ` · **${s.notGraded.length} not graded**` : "") + (s.withErrors.length ? ` · **${s.withErrors.length} with errors**` : ""), "");
  L.push("## Score histogram", "", "| percent | students | |", "|---|---:|---|");
  const max = Math.max(...s.histogram);
  s.histogram.forEach((n, i) => L.push(`| ${BUCKETS[i]} | ${n} | ${bar(n, max)} |`));
  L.push("", "## Tasks (lowest pass rate first)", "", "| task | passed | mean points |", "|---|---:|---:|");
  for (const t of s.tasks) L.push(`| ${md(t.title)} (\`${t.id}\`) | ${t.passRate}% | ${t.meanPoints} / ${t.maxPoints} |`);
  const crit = s.criteria.slice(0, opts.criteriaLimit ?? s.criteria.length);
  L.push("", "## Criteria (lowest pass rate first)", "", "| criterion | passed | failed | error | skipped |", "|---|---:|---:|---:|---:|");
  for (const c of crit) L.push(`| \`${c.key}\` ${md(c.title)} | ${c.passRate}% | ${c.fail} | ${c.error} | ${c.skipped} |`);
  if (s.warnings.length) {
    L.push("", "## Warnings (most frequent first)", "", "Advisory criteria: they cost no points and are not in the pass rates.", "", "| criterion | students |", "|---|---:|");
    for (const w of s.warnings) L.push(`| \`${w.key}\` ${md(w.title)} | ${w.students} |`);
  }
  if (s.manual) {
    L.push("", "## Points graded by a person", "", `${s.manual.scored} students fully scored · mean total (automatic + manual) ${s.manual.meanTotalPercent}%` + (s.manual.pending.length ? ` · **${s.manual.pending.length} with manual criteria not scored yet**` : ""), "");
    for (const p of s.manual.pending) L.push(`- \`${p.student}\`: ${p.criteria} manual criteri${p.criteria === 1 ? "on" : "a"} not scored`);
  }
  if (s.withErrors.length) {
    L.push("", "## Students with criteria that could not be checked", "", "Regrade them with `--retry-errors` once the cause is fixed.", "");
    for (const e of s.withErrors) L.push(`- \`${e.student}\`: ${e.errors} (${e.actions.map(md).join(", ")})`);
  }
  if (s.notGraded.length) {
    L.push("", "## Students not graded", "");
    for (const e of s.notGraded) L.push(`- \`${e.student}\`: ${md(e.reason)}`);
  }
  return `${L.join("\n")}\n`;
}

/** The console summary: the same, shorter. */
export function summaryText(s: ClassSummary, opts: { criteriaLimit?: number } = {}): string {
  const L: string[] = [];
  L.push(`${s.title}: ${s.graded}/${s.students} graded, ${s.passed} passed, mean ${s.meanPercent}%, median ${s.medianPercent}%`);
  const max = Math.max(...s.histogram);
  s.histogram.forEach((n, i) => L.push(`  ${BUCKETS[i]!.padStart(6)}% ${String(n).padStart(4)} ${bar(n, max, 40)}`));
  L.push("Tasks, lowest pass rate first:");
  for (const t of s.tasks) L.push(`  ${String(t.passRate).padStart(5)}%  ${t.id}  (mean ${t.meanPoints}/${t.maxPoints})`);
  const limit = opts.criteriaLimit ?? 10;
  L.push(`Criteria the class struggles with most (${Math.min(limit, s.criteria.length)} of ${s.criteria.length}):`);
  for (const c of s.criteria.slice(0, limit)) L.push(`  ${String(c.passRate).padStart(5)}%  ${c.key}`);
  if (s.warnings.length) L.push(`Most frequent warnings (advice, no points): ${s.warnings.slice(0, limit).map((w) => `${w.key} (${w.students})`).join(", ")}${s.warnings.length > limit ? ", …" : ""}`);
  if (s.manual) L.push(`Graded by a person: ${s.manual.scored} fully scored, mean total ${s.manual.meanTotalPercent}%${s.manual.pending.length ? `; not scored yet: ${s.manual.pending.slice(0, 20).map((p) => p.student).join(", ")}${s.manual.pending.length > 20 ? ", …" : ""}` : ""}`);
  if (s.withErrors.length) L.push(`With errors (${s.withErrors.length}): ${s.withErrors.slice(0, 20).map((e) => e.student).join(", ")}${s.withErrors.length > 20 ? ", …" : ""}`);
  if (s.notGraded.length) L.push(`Not graded (${s.notGraded.length}): ${s.notGraded.slice(0, 20).map((e) => `${e.student} (${e.reason})`).join("; ")}${s.notGraded.length > 20 ? "; …" : ""}`);
  return `${L.join("\n")}\n`;
}
