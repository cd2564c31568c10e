// The HTML reporter: one self-contained page (inline CSS, inline SVG, a few lines of hashed inline JS, no external
// assets) with a score gauge, per-task bars and a <details> per criterion, failing first; printable.
import { createHash } from "node:crypto";
import type { CriterionResult, GradeReport, Status, TaskResult } from "../grade/result.js";
import { bySeverity, fmt, STATUS_LABEL } from "./common.js";
import { authorshipLines, hintOf, manualSummary, nextSteps, partialNote, sentence } from "./wording.js";
import { html as h } from "./escape.js";
import { failureSummary } from "../aws/errors.js";

/** Options of the HTML reporter. */
export interface HtmlOptions {
  /** Largest JSON shown for the evidence (--verbose), in characters. */
  maxJson?: number;
}

const SCRIPT = `(function(){var d=document,r=d.documentElement;r.className+=" js";
function all(o){d.querySelectorAll("details.c").forEach(function(e){e.open=o})}
d.getElementById("expand").addEventListener("click",function(){all(true)});
d.getElementById("collapse").addEventListener("click",function(){all(false)});
var p=d.getElementById("showpass");p.addEventListener("change",function(){d.body.classList.toggle("hidepass",!p.checked)});
var w=d.getElementById("showwarn");w.addEventListener("change",function(){d.body.classList.toggle("hidewarn",!w.checked)});
window.addEventListener("beforeprint",function(){all(true)});})();`;

const SCRIPT_HASH = createHash("sha256").update(SCRIPT, "utf8").digest("base64");

/** The Content-Security-Policy of the page: nothing may load, only our own style and our one hashed script run. */
export const HTML_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

const STYLE = `
:root{--pass:#1a7f37;--fail:#cf222e;--error:#8250df;--skipped:#6e7781;--manual:#0969da;--warning:#d4a72c;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--card:#151b23;--pass:#3fb950;--fail:#f85149;--error:#ab7df8;--manual:#4493f8;--warning:#d29922}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:980px;padding:24px;overflow-wrap:anywhere;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.2em;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:1.05em;margin:20px 0 6px}
.meta,.muted{color:var(--muted);font-size:.9em}
.summary{display:flex;gap:24px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px;margin-top:16px}
.gauge{flex:none}.gauge text{fill:var(--fg);font:700 22px system-ui,sans-serif}.gauge .sub{font:12px system-ui,sans-serif;fill:var(--muted)}
.verdict{font-size:1.3em;font-weight:700}.verdict.passed{color:var(--pass)}.verdict.failed{color:var(--fail)}
.counts span{display:inline-block;margin-right:12px}
table.tasks{width:100%;border-collapse:collapse}table.tasks th:nth-child(2){width:25%}table.tasks td,table.tasks th{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
table.tasks th{font-size:.85em;color:var(--muted);font-weight:600}
.bar{position:relative;height:12px;width:100%;background:var(--line);border-radius:6px;overflow:hidden}
.bar>i{position:absolute;left:0;top:0;bottom:0;background:var(--pass)}.bar>i.partial{background:#d4a72c}.bar>i.zero{background:var(--fail)}
.num{white-space:nowrap;text-align:right}
.badge{display:inline-block;white-space:nowrap;min-width:8.5em;text-align:center;font-size:.75em;font-weight:600;padding:1px 6px;border-radius:10px;color:#fff;margin-right:8px;vertical-align:1px}
.s-pass{background:var(--pass)}.s-fail{background:var(--fail)}.s-error{background:var(--error)}.s-skipped{background:var(--skipped)}.s-manual{background:var(--manual)}.s-warning{background:var(--warning);color:#1f2328}
details.c{border:1px solid var(--line);border-left-width:4px;border-radius:6px;margin:6px 0;padding:6px 10px;background:var(--bg)}
details.c.fail{border-left-color:var(--fail)}details.c.error{border-left-color:var(--error)}details.c.pass{border-left-color:var(--pass)}details.c.skipped{border-left-color:var(--skipped)}details.c.manual{border-left-color:var(--manual)}details.c.warning{border-left-color:var(--warning)}
details.c>summary{cursor:pointer;overflow-wrap:anywhere}details.c .pts{float:right;color:var(--muted);font-variant-numeric:tabular-nums;margin-left:8px}
dl{margin:8px 0 2px;display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}dt{font-weight:600;color:var(--muted)}dd{margin:0;overflow-wrap:anywhere;min-width:0}
pre{margin:0;padding:6px 8px;background:var(--card);border:1px solid var(--line);border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.toolbar{display:none;gap:8px;align-items:center;margin:8px 0}.js .toolbar{display:flex}
button{font:inherit;font-size:.85em;padding:2px 10px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg);cursor:pointer}
body.hidepass details.c.pass{display:none}body.hidewarn details.c.warning{display:none}
ol.next li{margin:4px 0}ul.authorship li{margin:2px 0;overflow-wrap:anywhere}ul.authorship li.flagged{color:var(--fail);font-weight:600}.partial{color:var(--warning);font-weight:600}
@media (max-width:640px){body{padding:12px}.summary{flex-direction:column;align-items:flex-start}.badge{min-width:0}details.c .pts{float:none;display:block;margin:0}dl{grid-template-columns:1fr}dd{margin-bottom:6px}
table.tasks,table.tasks tbody,table.tasks tr,table.tasks td{display:block;width:auto}table.tasks thead{display:none}table.tasks tr{padding:6px 0;border-bottom:1px solid var(--line)}table.tasks td{border:0;padding:2px 0;text-align:left}}
footer{margin-top:32px;color:var(--muted);font-size:.8em;border-top:1px solid var(--line);padding-top:8px}
@media print{body{max-width:none;padding:0;font-size:11pt;color:#000;background:#fff}.toolbar{display:none!important}details.c{break-inside:avoid;page-break-inside:avoid}
.summary{background:none}pre{background:none}body.hidepass details.c.pass,body.hidewarn details.c.warning{display:block}a{color:inherit;text-decoration:none}
.badge,.bar>i,.s-pass,.s-fail,.s-error,.s-skipped,.s-manual,.s-warning{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** The report as one self-contained, offline HTML page; every student-controlled string is HTML-escaped. */
export function renderHtml(r: GradeReport, o: HtmlOptions = {}): string {
  const maxJson = o.maxJson ?? 8000;
  const s = r.score;
  const n = r.counts;
  const title = `${r.rubric.title}: student ${r.student}`;
  const tasks = bySeverity(r.tasks);
  const parts = [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`,
    `<meta name="referrer" content="no-referrer">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="glue-validate ${h(r.tool.version)}">`,
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    `<header>`,
    `<h1>${h(r.rubric.title)}</h1>`,
    `<div class="meta">student <strong>${h(r.student)}</strong>${r.environment ? ` · environment ${h(r.environment)}` : ""} · rubric ${h(r.rubric.assessment)} v${h(r.rubric.version)} · ${r.mode === "replay" ? "replayed snapshot" : `account ${h(r.account ?? "?")}`} · region ${h(r.region)} · <time datetime="${h(r.startedAt)}">${h(r.startedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC"))}</time></div>`,
    r.regionHint ? `<p class="verdict failed" role="alert">${h(r.regionHint)}</p>` : "",
    `</header>`,
    `<section class="summary" aria-label="score">`,
    gauge(s.percent, s.threshold, s.passed),
    `<div>`,
    r.partial
      ? `<div class="verdict partial">Partial run: ${r.partial.graded} of ${r.partial.total} tasks graded</div><div class="partial">${h(partialNote(r)!)}</div>`
      : `<div class="verdict ${s.passed ? "passed" : "failed"}">${s.passed ? "Passed" : "Not passed"}</div>`,
    `<div><strong>${fmt(s.points)} / ${fmt(s.maxPoints)}</strong> automatic points (${fmt(s.percent)}%) · pass mark ${fmt(s.threshold)}%</div>`,
    `<div class="counts">${(["pass", "fail", "error", "warning", "skipped", "manual"] as Status[]).map((st) => `<span><span class="badge s-${st}">${STATUS_LABEL[st]}</span>${n[st] ?? 0}</span>`).join("")}</div>`,
    ...manualSummary(r).map((l) => `<div class="muted">${h(l)}</div>`),
    n.error ? `<div class="muted">${h(failureSummary(r.tasks.flatMap((tk) => tk.criteria).filter((x) => x.status === "error")))} The score is incomplete.</div>` : "",
    n.warning ? `<div class="muted">${n.warning} warning${n.warning === 1 ? "" : "s"}: advice only, no points lost and no effect on passing.</div>` : "",
    `</div>`,
    `</section>`,
    ...authorshipSection(r),
    ...nextStepsSection(r),
    `<h2>Tasks</h2>`,
    `<table class="tasks"><thead><tr><th>Task</th><th>Progress</th><th class="num">Points</th><th>Status</th></tr></thead><tbody>`,
    ...r.tasks.map(taskRow),
    `</tbody></table>`,
    `<h2>Criteria</h2>`,
    `<div class="toolbar"><button type="button" id="expand">Expand all</button><button type="button" id="collapse">Collapse all</button><label><input type="checkbox" id="showpass" checked> show passing criteria</label><label><input type="checkbox" id="showwarn" checked> show warnings</label></div>`,
    ...tasks.flatMap((t) => taskSection(t, maxJson)),
    `<footer>glue-validate ${h(r.tool.version)} · ${r.aws.calls} AWS calls (${r.aws.memoHits} shared, ${r.aws.retries} retried) in ${(r.durationMs / 1000).toFixed(1)} s · rubric source ${h(r.rubric.source)}</footer>`,
    `<script>${SCRIPT}</script>`,
    `</body>`,
    `</html>`,
    "",
  ];
  return parts.filter((x) => x !== "").join("\n");
}

function authorshipSection(r: GradeReport): string[] {
  const a = authorshipLines(r);
  if (!a) return [];
  const items = a.lines.map((l) => `<li${l.flagged ? ' class="flagged"' : ""}>${l.flagged ? "⚑ " : ""}${h(l.text)}</li>`);
  return [`<h2>Authorship</h2>`, `<p>${h(a.heading)}</p>`, items.length ? `<ul class="authorship">${items.join("")}</ul>` : ""];
}

function nextStepsSection(r: GradeReport): string[] {
  const steps = nextSteps(r);
  if (!steps.length) return [];
  const items = steps.map((st) => `<li><strong>${h(st.criterion.title)}</strong> <span class="muted">(${h(st.task.title)}: ${fmt(st.points)} points${st.unblocks.length ? `, and ${st.unblocks.length} criteria wait for it` : ""})</span><br>${h(st.criterion.hint ?? sentence(st.criterion))}</li>`);
  return [`<h2>Next steps</h2>`, `<ol class="next">${items.join("")}</ol>`];
}

function gauge(percent: number, threshold: number, passed: boolean): string {
  const r = 52;
  const c = 2 * Math.PI * r;
  const p = Math.max(0, Math.min(100, percent));
  const len = (p / 100) * c;
  const a = (Math.max(0, Math.min(100, threshold)) / 100) * 2 * Math.PI - Math.PI / 2;
  const [x1, y1, x2, y2] = [60 + 44 * Math.cos(a), 60 + 44 * Math.sin(a), 60 + 60 * Math.cos(a), 60 + 60 * Math.sin(a)].map((v) => v.toFixed(2));
  return [
    `<svg class="gauge" width="120" height="120" viewBox="0 0 120 120" role="img" aria-label="score ${fmt(percent)} percent, pass mark ${fmt(threshold)} percent">`,
    `<circle cx="60" cy="60" r="${r}" fill="none" stroke="var(--line)" stroke-width="12"/>`,
    `<circle cx="60" cy="60" r="${r}" fill="none" stroke="${passed ? "var(--pass)" : "var(--fail)"}" stroke-width="12" stroke-linecap="butt" stroke-dasharray="${len.toFixed(2)} ${c.toFixed(2)}" transform="rotate(-90 60 60)"/>`,
    `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="var(--fg)" stroke-width="2"><title>pass mark ${fmt(threshold)}%</title></line>`,
    `<text x="60" y="64" text-anchor="middle">${fmt(Math.round(p))}%</text>`,
    `<text class="sub" x="60" y="82" text-anchor="middle">pass ${fmt(threshold)}%</text>`,
    `</svg>`,
  ].join("");
}

function taskRow(t: TaskResult): string {
  const pct = t.maxPoints > 0 ? Math.max(0, Math.min(100, (t.points / t.maxPoints) * 100)) : 0;
  const cls = pct >= 100 ? "" : pct > 0 ? "partial" : "zero";
  const bar = t.maxPoints > 0 ? `<div class="bar" role="img" aria-label="${fmt(Math.round(pct))} percent"><i class="${cls}" style="width:${pct.toFixed(1)}%"></i></div>` : `<span class="muted">manual only</span>`;
  const manual = t.manualPoints ? ` <span class="muted">+${fmt(t.manualPoints)} manual</span>` : "";
  return `<tr><td>${h(t.title)}</td><td>${bar}</td><td class="num">${fmt(t.points)} / ${fmt(t.maxPoints)}${manual}</td><td><span class="badge s-${t.status}">${STATUS_LABEL[t.status]}</span></td></tr>`;
}

function taskSection(t: TaskResult, maxJson: number): string[] {
  return [`<h3 data-task="${h(t.id)}">${h(t.title)} <span class="muted">${fmt(t.points)} / ${fmt(t.maxPoints)}</span></h3>`, ...bySeverity(t.criteria).map((c) => criterion(c, maxJson))];
}

function json(v: unknown, max: number): string {
  let s: string;
  try {
    s = JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    s = String(v);
  }
  return h(s.length > max ? `${s.slice(0, max - 1)}…` : s);
}

function criterion(c: CriterionResult, maxJson: number): string {
  const open = c.status === "fail" || c.status === "error" || c.status === "warning" ? " open" : "";
  const rows: [string, string][] = [];
  if (c.status === "manual") rows.push(["For the grader", h(c.manual ?? "")]);
  else rows.push(["Result", h(sentence(c))]);
  if (c.action) rows.push(["AWS action", `<code>${h(c.action)}</code>`]);
  const hint = hintOf(c);
  if (hint) rows.push(["Hint", h(hint)]);
  if (c.evidence !== undefined) rows.push(["Evidence", `<pre>${json(c.evidence, maxJson)}</pre>`]);
  return [
    `<details class="c ${c.status}"${open}>`,
    `<summary><span class="badge s-${c.status}">${STATUS_LABEL[c.status]}</span>${h(c.title)}<span class="pts">${c.status === "warning" ? "advisory" : `${fmt(c.points)} / ${fmt(c.maxPoints)}`}</span></summary>`,
    `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`,
    `</details>`,
  ].join("");
}
