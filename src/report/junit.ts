// The JUnit XML reporter: one testsuite per task, one testcase per criterion, for CI test tabs (GitHub, GitLab, Jenkins).
import type { CriterionResult, GradeReport, TaskResult } from "../grade/result.js";
import { fmt } from "./common.js";
import { hintOf, sentence } from "./wording.js";
import { xmlAttr, xmlText } from "./escape.js";

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function countsOf(criteria: readonly CriterionResult[]): Counts {
  return {
    tests: criteria.length,
    failures: criteria.filter((c) => c.status === "fail").length,
    errors: criteria.filter((c) => c.status === "error").length,
    skipped: criteria.filter((c) => c.status === "skipped" || c.status === "manual").length,
  };
}

function countAttrs(c: Counts, seconds: number): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds.toFixed(3)}"`;
}

/**
 * The report as JUnit XML. Criteria are not timed one by one: testcases and testsuites carry time 0,
 * the root `testsuites` the wall time of the whole run. Manual criteria are `skipped` (they await a human);
 * warnings (advisory criteria) are passing testcases whose `<system-out>` carries the advice.
 */
export function renderJunit(r: GradeReport): string {
  const all = r.tasks.flatMap((t) => t.criteria);
  const rootName = `glue-validate ${r.rubric.assessment} (student ${r.student})`;
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xmlAttr(rootName)}" ${countAttrs(countsOf(all), r.durationMs / 1000)} timestamp="${xmlAttr(r.startedAt)}">`,
  ];
  r.tasks.forEach((task, i) => out.push(...suite(r, task, i)));
  out.push(`</testsuites>`, "");
  return out.join("\n");
}

function suite(r: GradeReport, task: TaskResult, index: number): string[] {
  const props: [string, string][] = [
    ["task", task.id],
    ["points", fmt(task.points)],
    ["max_points", fmt(task.maxPoints)],
    ["manual_points", fmt(task.manualPoints)],
    ["status", task.status],
    ["student", r.student],
    ...(r.environment ? [["environment", r.environment] as [string, string]] : []),
    ["rubric", `${r.rubric.assessment} v${r.rubric.version}`],
  ];
  const lines = [
    `  <testsuite name="${xmlAttr(task.title)}" id="${index}" package="${xmlAttr(r.rubric.assessment)}" ${countAttrs(countsOf(task.criteria), 0)} timestamp="${xmlAttr(r.startedAt)}">`,
    `    <properties>`,
    ...props.map(([k, v]) => `      <property name="${k}" value="${xmlAttr(v)}"/>`),
    `    </properties>`,
  ];
  for (const c of task.criteria) lines.push(...testcase(task, c));
  lines.push(`  </testsuite>`);
  return lines;
}

function testcase(task: TaskResult, c: CriterionResult): string[] {
  const open = `    <testcase classname="${xmlAttr(task.id)}" name="${xmlAttr(c.title)}" time="0"`;
  const points = `points ${fmt(c.points)}/${fmt(c.maxPoints)}`;
  switch (c.status) {
    case "pass":
      return [`${open}/>`];
    case "fail": {
      const body = [sentence(c), ...hintLine(c), points];
      return [`${open}>`, `      <failure message="${xmlAttr(sentence(c))}" type="fail">${xmlText(body.join("\n"))}</failure>`, `    </testcase>`];
    }
    case "error": {
      const body = [sentence(c), ...(c.action ? [`AWS action: ${c.action}`] : []), points];
      return [`${open}>`, `      <error message="${xmlAttr(sentence(c))}" type="${xmlAttr(c.action ?? "error")}">${xmlText(body.join("\n"))}</error>`, `    </testcase>`];
    }
    case "skipped":
      return [`${open}>`, `      <skipped message="${xmlAttr(sentence(c))}">${xmlText(hintLine(c).join(""))}</skipped>`, `    </testcase>`];
    case "warning": {
      // advisory: a passing testcase (a CI test tab must not turn red), the advice in <system-out>
      const body = [`warning: ${sentence(c)}`, ...hintLine(c), "advisory: no points, not a failure"];
      return [`${open}>`, `      <system-out>${xmlText(body.join("\n"))}</system-out>`, `    </testcase>`];
    }
    case "manual":
      return [`${open}>`, `      <skipped message="${xmlAttr(`${sentence(c)} (${fmt(c.maxPoints)} points)`)}"/>`, `    </testcase>`];
  }
}

function hintLine(c: CriterionResult): string[] {
  const hint = hintOf(c);
  return hint ? [`hint: ${hint}`] : [];
}
