import { fmt, found, scoreLine } from "./common.js";
import { dropForbidden } from "./escape.js";
/**
 * The report as Gradescope results.json. The top-level score is the automatic score, so Gradescope does not
 * re-add the tests. Manual criteria are listed with score 0 and max_score 0 (no status: they are neither
 * passed nor failed) and an output saying they await a human; skipped and unchecked criteria are "failed"
 * with 0 points and an output that says why. All output is plain text (output_format "text"), so
 * student-controlled strings are never rendered as HTML or Markdown.
 */
export function renderGradescope(r, o = {}) {
    const visibility = o.visibility ?? "visible";
    const tests = [];
    r.tasks.forEach((task, ti) => task.criteria.forEach((c, ci) => tests.push(test(task, c, `${ti + 1}.${ci + 1}`, visibility))));
    const n = r.counts;
    const output = [
        `${r.rubric.title}: student ${r.student}`,
        `Score: ${scoreLine(r)}`,
        `${n.pass} passed, ${n.fail} failed, ${n.error} could not be checked, ${n.skipped} skipped, ${n.manual} await a human grader (${fmt(r.score.manualPoints)} points, not included yet).`,
        ...(n.error ? [`${n.error} criteria could not be checked (AWS permissions or throttling): they score 0 here; ask your instructor for a regrade.`] : []),
    ].join("\n");
    const results = {
        score: r.score.points,
        execution_time: Math.round(r.durationMs / 1000),
        output: clean(output),
        output_format: "text",
        test_output_format: "text",
        visibility,
        stdout_visibility: "hidden",
        tests,
        extra_data: { tool: r.tool, rubric: { assessment: r.rubric.assessment, version: r.rubric.version }, score: r.score, counts: r.counts },
    };
    return `${JSON.stringify(results, null, 2)}\n`;
}
function test(task, c, number, visibility) {
    const base = { name: clean(`${task.title}: ${c.title}`), number, output_format: "text", tags: [task.id, c.status], visibility };
    switch (c.status) {
        case "pass":
            return { ...base, score: c.points, max_score: c.maxPoints, status: "passed", output: clean(c.message) };
        case "fail": {
            const f = found(c, 1000);
            const lines = [c.message, ...(c.expected ? [`Expected: ${c.expected}`] : []), ...(f !== undefined ? [`Found: ${f}`] : []), ...(c.hint ? [`Hint: ${c.hint}`] : [])];
            return { ...base, score: c.points, max_score: c.maxPoints, status: "failed", output: clean(lines.join("\n")) };
        }
        case "error":
            return { ...base, score: 0, max_score: c.maxPoints, status: "failed", output: clean(`Could not be checked: ${c.message}${c.action ? `\nThe grader lacks the IAM permission ${c.action} (or AWS throttled the call). This is not your mistake: ask for a regrade.` : ""}`) };
        case "skipped":
            return { ...base, score: 0, max_score: c.maxPoints, status: "failed", output: clean(`Skipped: ${c.message}${c.hint ? `\nHint: ${c.hint}` : ""}`) };
        case "manual":
            return { ...base, score: 0, max_score: 0, output: clean(`Awaits a human grader (${fmt(c.maxPoints)} points, not included in the automatic score).${c.manual ? `\nThe grader looks at: ${c.manual}` : ""}`) };
    }
}
function clean(s) {
    return dropForbidden(s);
}
