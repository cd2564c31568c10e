// The class dashboard (class.html): one self-contained, offline page with a strict CSP: the score distribution, a
// task × criterion heat map of pass rates, the most common mistakes and who made them, and a sortable student table
// whose columns come from a list (callers may add their own). Every value from AWS or the roster is HTML-escaped.
import { createHash } from "node:crypto";
import type { ClassRow, ClassView, HeatCell, Mistake } from "../batch/class-view.js";
import { fmt } from "./common.js";
import { html as h } from "./escape.js";

/** One column of the student table. */
export interface ClassColumn {
  /** Heading text (escaped when rendered). */
  header: string;
  /** How the column sorts: numbers numerically, text alphabetically; rows without a key sort last. */
  sort: "number" | "text";
  /** Extra class on the heading and cells (e.g. "num" right-aligns). */
  className?: string;
  /** The cell's HTML (the column escapes what it shows) and its sort key. */
  cell(row: ClassRow, view: ClassView): { html: string; key?: string | number };
}

const SCRIPT = `(function(){var d=document;d.documentElement.className+=" js";
var t=d.getElementById("students"),b=t.tBodies[0];
function key(r,i){var k=r.cells[i].getAttribute("data-k");return k===null||k===""?null:k}
t.querySelectorAll("th[data-sort]").forEach(function(th){th.querySelector("button").addEventListener("click",function(){
var i=th.cellIndex,num=th.getAttribute("data-sort")==="number",dir=th.getAttribute("aria-sort")==="ascending"?-1:1;
t.querySelectorAll("th[aria-sort]").forEach(function(x){x.removeAttribute("aria-sort")});
th.setAttribute("aria-sort",dir>0?"ascending":"descending");
var rows=Array.prototype.slice.call(b.rows);
rows.sort(function(x,y){var p=key(x,i),q=key(y,i);if(p===null||q===null)return p===q?0:p===null?1:-1;
return (num?parseFloat(p)-parseFloat(q):p.localeCompare(q))*dir});
rows.forEach(function(r){b.appendChild(r)})})});
var f=d.getElementById("filter");f.addEventListener("input",function(){var q=f.value.toLowerCase();
Array.prototype.forEach.call(b.rows,function(r){r.hidden=q!==""&&r.textContent.toLowerCase().indexOf(q)<0})});
window.addEventListener("beforeprint",function(){f.value="";Array.prototype.forEach.call(b.rows,function(r){r.hidden=false});
d.querySelectorAll("details").forEach(function(e){e.open=true})});})();`;

const SCRIPT_HASH = createHash("sha256").update(SCRIPT, "utf8").digest("base64");

/** The page's Content-Security-Policy: nothing loads; only inline style and the one hashed script run. */
export const CLASS_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

const STYLE = `
:root{--pass:#1a7f37;--fail:#cf222e;--error:#8250df;--skipped:#6e7781;--warning:#d4a72c;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--card:#f6f8fa;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--card:#151b23;--pass:#3fb950;--fail:#f85149;--error:#ab7df8;--accent:#4493f8}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:32px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
.muted,.meta{color:var(--muted);font-size:.9em}a{color:var(--accent)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin-top:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}.card b{display:block;font-size:1.6em;line-height:1.2}
.card.alert b{color:var(--fail)}
.chart{width:100%;max-width:760px;height:auto;display:block}.chart text{fill:var(--fg);font:12px system-ui,sans-serif}.chart .axis{stroke:var(--line)}
.chart .hb{fill:var(--pass)}.chart .hb.below{fill:var(--fail)}.chart .mark{stroke:var(--fg);stroke-dasharray:4 3}.chart .lbl{fill:var(--muted)}
table{border-collapse:collapse;width:100%}
.heat th{text-align:left;font-weight:600;padding:6px 10px 6px 0;vertical-align:top;width:22%;font-size:.9em}
.heat td{padding:4px 0;border-top:1px solid var(--line)}.heat tr:first-child td{border-top:0}
.cells{display:flex;flex-wrap:wrap;gap:4px}
.cell{width:8.2em;min-height:3.2em;border-radius:5px;padding:3px 6px;color:#1f2328;font-size:.75em;line-height:1.25;overflow:hidden}
.cell b{display:block;font-size:1.25em}.cell span{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.legend{display:flex;align-items:center;gap:8px;font-size:.8em;color:var(--muted);margin:8px 0}
.legend i{display:inline-block;width:160px;height:10px;border-radius:5px;background:linear-gradient(90deg,hsl(0 75% 80%),hsl(45 85% 78%),hsl(120 55% 78%))}
ol.mistakes{list-style:none;padding:0;margin:0}
.mistakes li{display:grid;grid-template-columns:minmax(0,1fr) 220px;gap:4px 16px;padding:8px 0;border-bottom:1px solid var(--line)}
.mistakes .what{overflow-wrap:anywhere}.mistakes .count{font-variant-numeric:tabular-nums}
.mbar{height:12px;background:var(--line);border-radius:6px;overflow:hidden;margin-top:4px}.mbar i{display:block;height:100%;background:var(--fail)}
.mistakes details{grid-column:1/-1;font-size:.85em}.mistakes details a{margin-right:8px;white-space:nowrap}
.toolbar{display:none;gap:12px;align-items:center;margin:8px 0}.js .toolbar{display:flex}.js .nojs{display:none}
input[type=search]{font:inherit;padding:3px 8px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);min-width:16em}
#students th,#students td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
#students thead th{position:sticky;top:0;background:var(--bg);font-size:.85em;color:var(--muted);white-space:nowrap}
#students th button{all:unset;cursor:pointer;font-weight:600}#students th button:focus-visible{outline:2px solid var(--accent)}
#students th[aria-sort=ascending] button::after{content:" ▲"}#students th[aria-sort=descending] button::after{content:" ▼"}
#students tbody tr:hover{background:var(--card)}#students td{overflow-wrap:anywhere}
.num,#students .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pbar{display:inline-block;vertical-align:middle;width:70px;height:8px;background:var(--line);border-radius:4px;overflow:hidden;margin-right:6px}.pbar i{display:block;height:100%;background:var(--pass)}.pbar i.below{background:var(--fail)}
.tasks{display:inline-flex;gap:2px}.tasks i{display:inline-block;width:10px;height:14px;border-radius:2px}
.s-pass{background:var(--pass)}.s-fail{background:var(--fail)}.s-error{background:var(--error)}.s-skipped,.s-manual{background:var(--skipped)}.s-warning{background:var(--warning)}.s-none{background:var(--line)}
.badge{display:inline-block;font-size:.75em;font-weight:600;padding:1px 8px;border-radius:10px;color:#fff;white-space:nowrap}
.b-passed{background:var(--pass)}.b-failed{background:var(--fail)}.b-incomplete{background:var(--error)}.b-notgraded{background:var(--skipped)}
ul.problems{padding-left:20px}ul.problems li{overflow-wrap:anywhere}
footer{margin-top:32px;color:var(--muted);font-size:.8em;border-top:1px solid var(--line);padding-top:8px}
@media (max-width:700px){body{padding:12px}.mistakes li{grid-template-columns:1fr}.heat th{width:auto;display:block}}
@media print{body{max-width:none;padding:0;font-size:10pt;color:#000;background:#fff}.toolbar,.nojs{display:none!important}
#students thead th{position:static}#students tr,.mistakes li,.heat tr,.chart{break-inside:avoid;page-break-inside:avoid}h2{break-after:avoid}
a{color:inherit;text-decoration:none}tr[hidden]{display:table-row}
.cell,.legend i,.pbar,.pbar i,.tasks i,.mbar,.mbar i,.badge,.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

const STATUS_WORD = { passed: "passed", failed: "not passed", incomplete: "incomplete", notgraded: "not graded" } as const;
type Outcome = keyof typeof STATUS_WORD;

/** Where a student stands: passed, not passed, incomplete (criteria could not be checked) or not graded. */
function outcome(row: ClassRow): Outcome {
  const r = row.result.report;
  if (!r) return "notgraded";
  if (r.counts.error > 0) return "incomplete";
  return r.score.passed ? "passed" : "failed";
}

const OUTCOME_ORDER: Record<Outcome, number> = { notgraded: 0, incomplete: 1, failed: 2, passed: 3 };

/** A link to the student's report, or the ID as text when there is none. */
export function studentLink(row: Pick<ClassRow, "reportHref">, student: string): string {
  return row.reportHref ? `<a href="${h(row.reportHref)}">${h(student)}</a>` : h(student);
}

/** The student table's default columns, in order: ID (linked), name, section, points, percent, tasks, result. */
export const CLASS_COLUMNS: readonly ClassColumn[] = [
  { header: "Student", sort: "text", cell: (row) => ({ html: studentLink(row, row.result.entry.student), key: row.result.entry.student }) },
  { header: "Name", sort: "text", cell: (row) => ({ html: h(row.result.entry.name ?? ""), key: row.result.entry.name ?? "" }) },
  { header: "Section", sort: "text", cell: (row) => ({ html: h(row.result.entry.section ?? ""), key: row.result.entry.section ?? "" }) },
  {
    header: "Points", sort: "number", className: "num",
    cell: (row) => {
      const s = row.result.report?.score;
      return s ? { html: `${fmt(s.points)} / ${fmt(s.maxPoints)}`, key: s.points } : { html: "—" };
    },
  },
  {
    header: "Percent", sort: "number", className: "num",
    cell: (row) => {
      const s = row.result.report?.score;
      if (!s) return { html: "—" };
      const p = Math.max(0, Math.min(100, s.percent));
      return { html: `<span class="pbar" aria-hidden="true"><i class="${s.passed ? "" : "below"}" style="width:${p.toFixed(1)}%"></i></span>${fmt(s.percent)}%`, key: s.percent };
    },
  },
  {
    header: "Tasks", sort: "number",
    cell: (row, view) => {
      const r = row.result.report;
      if (!r) return { html: "" };
      const byId = new Map(r.tasks.map((t) => [t.id, t]));
      const squares = view.heat.map((task) => {
        const t = byId.get(task.id);
        const st = t ? t.status : "none";
        return `<i class="s-${st}" title="${h(`${task.title}: ${t ? `${fmt(t.points)} / ${fmt(t.maxPoints)}, ${st}` : "not graded"}`)}"></i>`;
      });
      const passed = r.tasks.filter((t) => t.status === "pass" && t.maxPoints > 0).length;
      return { html: `<span class="tasks" role="img" aria-label="${passed} of ${view.heat.length} tasks passed">${squares.join("")}</span>`, key: passed };
    },
  },
  {
    header: "Result", sort: "number",
    cell: (row) => {
      const o = outcome(row);
      const r = row.result.report;
      const detail = o === "incomplete" ? ` <span class="muted">${r!.counts.error} could not be checked</span>` : o === "notgraded" ? ` <span class="muted">${h(row.result.failure ?? "")}</span>` : "";
      return { html: `<span class="badge b-${o}">${STATUS_WORD[o]}</span>${detail}`, key: OUTCOME_ORDER[o] };
    },
  },
];

/** Options of the class page. */
export interface ClassHtmlOptions {
  /** The student table's columns (default CLASS_COLUMNS; append to add, e.g. evidence or manual points). */
  columns?: readonly ClassColumn[];
  /** Mistakes listed (default 12). */
  mistakes?: number;
}

/** Points a person gave (a manual-scores file): given / possible, and how many manual criteria wait. */
export const MANUAL_COLUMN: ClassColumn = {
  header: "Manual", sort: "number", className: "num",
  cell: (row) => {
    const m = row.result.report?.score.manual;
    if (!m) return { html: "" };
    return { html: `${fmt(m.points)} / ${fmt(m.maxPoints)}${m.pending ? ` <span class="muted">${m.pending} to score</span>` : ""}`, key: m.points };
  },
};

/** Authorship evidence (--evidence cloudtrail): how many resources are flagged, each named in the cell. */
export const EVIDENCE_COLUMN: ClassColumn = {
  header: "Authorship", sort: "number",
  cell: (row) => {
    const e = row.result.report?.evidence;
    if (!e) return { html: "" };
    if (e.error) return { html: `<span class="muted">not read</span>`, key: -1 };
    const flagged = e.resources.filter((r) => r.flags.length);
    if (!flagged.length) return { html: `<span class="muted">${e.resources.filter((r) => r.createdBy).length} found, none flagged</span>`, key: 0 };
    const why = (f: string) => (f === "other-principal" ? "another principal" : "after the deadline");
    const items = flagged.map((r) => `${h(r.name)}: ${h(r.createdBy ?? "")} (${r.flags.map(why).join(", ")})`);
    return { html: `<span class="badge b-failed">⚑ ${flagged.length} flagged</span> <span class="muted">${items.join("; ")}</span>`, key: flagged.length };
  },
};

/** class.html: the whole dashboard as one offline page. */
export function renderClassHtml(view: ClassView, o: ClassHtmlOptions = {}): string {
  const s = view.summary;
  const columns = o.columns ?? CLASS_COLUMNS;
  const title = `${s.title}: class dashboard`;
  const pct = (n: number) => (s.graded ? `${fmt(Math.round((n / s.graded) * 1000) / 10)}%` : "—");
  const cards: [string, string, boolean?][] = [
    ["students graded", `${s.graded} / ${s.students}`],
    ["passed", `${s.passed} <small class="muted">(${pct(s.passed)})</small>`],
    ["mean score", `${fmt(s.meanPercent)}%`],
    ["median score", `${fmt(s.medianPercent)}%`],
    ["incomplete", String(s.withErrors.length), s.withErrors.length > 0],
    ["not graded", String(s.notGraded.length), s.notGraded.length > 0],
  ];
  const parts = [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CLASS_CSP}">`,
    `<meta name="referrer" content="no-referrer">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    `<header><h1>${h(s.title)}</h1>`,
    `<div class="meta">class dashboard · assessment ${h(s.assessment)}${view.environment ? ` · environment ${h(view.environment)}` : ""} · pass mark ${fmt(view.passPercent)}%${view.gradedAt ? ` · last graded <time datetime="${h(view.gradedAt)}">${h(view.gradedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC"))}</time>` : ""}</div></header>`,
    `<section class="cards" aria-label="overview">${cards.map(([k, v, alert]) => `<div class="card${alert ? " alert" : ""}"><b>${v}</b>${k}</div>`).join("")}</section>`,
    `<h2 id="distribution">Score distribution</h2>`,
    histogram(s.histogram, view.passPercent),
    `<h2 id="heatmap">Pass rate by task and criterion</h2>`,
    heatMap(view),
    `<h2 id="mistakes">Most common mistakes</h2>`,
    mistakes(view, o.mistakes ?? 12),
    problems(view),
    `<h2 id="table">Students</h2>`,
    `<div class="toolbar"><label>Filter <input type="search" id="filter" placeholder="ID, name, section, result…"></label><span class="muted">Click a column heading to sort.</span></div>`,
    `<p class="nojs muted">In roster order (with scripts on, click a heading to sort).</p>`,
    `<table id="students"><thead><tr>${columns.map((c) => `<th scope="col" data-sort="${c.sort}"${c.className ? ` class="${c.className}"` : ""}><button type="button">${h(c.header)}</button></th>`).join("")}</tr></thead><tbody>`,
    ...view.rows.map((row) => `<tr>${columns.map((c) => {
      const cell = c.cell(row, view);
      return `<td${c.className ? ` class="${c.className}"` : ""}${cell.key === undefined ? "" : ` data-k="${h(String(cell.key))}"`}>${cell.html}</td>`;
    }).join("")}</tr>`),
    `</tbody></table>`,
    `<footer>glue-validate class dashboard · ${s.students} students · regenerate with <code>glue-validate batch report &lt;folder&gt;</code></footer>`,
    `<script>${SCRIPT}</script>`,
    `</body>`,
    `</html>`,
    "",
  ];
  return parts.join("\n");
}

const BUCKETS = ["0–9", "10–19", "20–29", "30–39", "40–49", "50–59", "60–69", "70–79", "80–89", "90–100"];

/** The score histogram: ten bars, red below the pass mark, a dashed line at it. */
function histogram(counts: readonly number[], passPercent: number): string {
  const W = 720, H = 240, left = 36, right = 12, top = 16, bottom = 40;
  const plotW = W - left - right, plotH = H - top - bottom;
  const max = Math.max(1, ...counts);
  const bw = plotW / counts.length;
  const y = (n: number) => top + plotH - (n / max) * plotH;
  const bars = counts.map((n, i) => {
    const below = (i + 1) * 10 <= passPercent;
    const x = left + i * bw;
    return [
      `<rect class="hb${below ? " below" : ""}" x="${(x + 3).toFixed(1)}" y="${y(n).toFixed(1)}" width="${(bw - 6).toFixed(1)}" height="${(top + plotH - y(n)).toFixed(1)}"><title>${BUCKETS[i]}%: ${n} student${n === 1 ? "" : "s"}</title></rect>`,
      n ? `<text x="${(x + bw / 2).toFixed(1)}" y="${(y(n) - 4).toFixed(1)}" text-anchor="middle">${n}</text>` : "",
      `<text class="lbl" x="${(x + bw / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${BUCKETS[i]}</text>`,
    ].join("");
  });
  const mx = left + (Math.max(0, Math.min(100, passPercent)) / 100) * plotW;
  const total = counts.reduce((a, b) => a + b, 0);
  return [
    `<svg class="chart" id="histogram" viewBox="0 0 ${W} ${H}" role="img" aria-label="score distribution of ${total} graded students: ${counts.map((n, i) => `${n} at ${BUCKETS[i]}%`).join(", ")}">`,
    `<line class="axis" x1="${left}" y1="${top + plotH}" x2="${W - right}" y2="${top + plotH}"/>`,
    ...bars,
    `<line class="mark" x1="${mx.toFixed(1)}" y1="${top - 6}" x2="${mx.toFixed(1)}" y2="${top + plotH}"/>`,
    `<text class="lbl" x="${(mx + 4).toFixed(1)}" y="${top + 2}">pass mark ${fmt(passPercent)}%</text>`,
    `<text class="lbl" x="${left + plotW / 2}" y="${H - 6}" text-anchor="middle">score (percent of the automatic points)</text>`,
    `</svg>`,
  ].join("");
}

/** A cell's background: red at 0 %, amber at 50 %, green at 100 %; grey when nobody was judged. */
function heatColour(rate: number | undefined): string {
  if (rate === undefined) return "hsl(210 10% 85%)";
  return `hsl(${Math.round(rate * 1.2)} ${rate < 50 ? 75 : 60}% ${rate < 50 ? 82 : 80}%)`;
}

function heatCell(c: HeatCell): string {
  const judged = c.pass + c.fail + c.error + c.skipped;
  const tip = `${c.title} (${c.id}): ${c.pass} of ${judged} passed${c.fail ? `, ${c.fail} failed` : ""}${c.error ? `, ${c.error} could not be checked` : ""}${c.skipped ? `, ${c.skipped} skipped` : ""}`;
  return `<div class="cell" style="background:${heatColour(c.passRate)}" title="${h(tip)}" data-rate="${c.passRate ?? ""}"><b>${c.passRate === undefined ? "—" : `${fmt(Math.round(c.passRate))}%`}</b><span>${h(c.id)}</span></div>`;
}

function heatMap(view: ClassView): string {
  if (!view.heat.length) return `<p class="muted">No student was graded yet.</p>`;
  return [
    `<div class="legend"><span>0%</span><i></i><span>100% of graded students passed</span></div>`,
    `<table class="heat" id="heat"><tbody>`,
    ...view.heat.map((t) => `<tr><th scope="row">${h(t.title)}<div class="muted">${h(t.id)}</div></th><td><div class="cells">${t.cells.map(heatCell).join("")}</div></td></tr>`),
    `</tbody></table>`,
  ].join("");
}

function mistakes(view: ClassView, limit: number): string {
  if (!view.mistakes.length) return `<p class="muted">No criterion was failed.</p>`;
  const graded = Math.max(1, view.summary.graded);
  const href = new Map(view.rows.map((r) => [r.result.entry.student, r] as const));
  const item = (m: Mistake) => {
    const n = m.students.length;
    const who = m.students.map((st) => studentLink(href.get(st) ?? {}, st)).join(" ");
    return [
      `<li><div class="what"><strong>${h(m.title)}</strong><div class="muted">${h(m.taskTitle)} · ${h(m.criterionId)}</div></div>`,
      `<div><span class="count">${n} student${n === 1 ? "" : "s"} (${fmt(Math.round((n / graded) * 1000) / 10)}%)</span><div class="mbar"><i style="width:${((n / graded) * 100).toFixed(1)}%"></i></div></div>`,
      `<details><summary>who made it (${n})</summary>${who}</details></li>`,
    ].join("");
  };
  const rest = view.mistakes.length - limit;
  return [
    `<ol class="mistakes" id="mistake-list">${view.mistakes.slice(0, limit).map(item).join("")}</ol>`,
    rest > 0 ? `<p class="muted">${rest} more criteria were failed by fewer students (all are in summary.md).</p>` : "",
  ].join("");
}

/** Students who could not be graded fully: who, and why. */
function problems(view: ClassView): string {
  const s = view.summary;
  if (!s.withErrors.length && !s.notGraded.length) return "";
  const rows = new Map(view.rows.map((r) => [r.result.entry.student, r] as const));
  const items = [
    ...s.notGraded.map((e) => `<li>${studentLink(rows.get(e.student) ?? {}, e.student)}: not graded: ${h(e.reason)}</li>`),
    ...s.withErrors.map((e) => `<li>${studentLink(rows.get(e.student) ?? {}, e.student)}: ${e.errors} ${e.errors === 1 ? "criterion" : "criteria"} could not be checked (${e.actions.map(h).join(", ")})</li>`),
  ];
  return [
    `<h2 id="incomplete">Incomplete grading</h2>`,
    `<p class="muted">These scores are not final: fix the cause (credentials, permissions, throttling) and regrade them with <code>--retry-errors</code>.</p>`,
    `<ul class="problems">${items.join("")}</ul>`,
  ].join("");
}
