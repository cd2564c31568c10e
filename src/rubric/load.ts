// Loads a rubric file: YAML → zod → cross-checks, with every problem located by file, line and path.
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { z } from "zod";
import { rubricSchema, type Rubric } from "./schema.js";
import { BUILTIN_VARS, placeholders } from "./template.js";
import { precompiledYaml, prevalidatedRubric } from "./yaml-cache.js";

/** One problem in a rubric, located. */
export interface RubricProblem {
  /** The file the problem is in, when not the one the error is about (a rubric that `extends` another). */
  file?: string;
  path: string;
  line?: number;
  column?: number;
  message: string;
}

/** A rubric that cannot be used; the CLI prints each problem as `file:line:col path: message`. */
export class RubricError extends Error {
  override name = "RubricError";
  constructor(readonly file: string, readonly problems: RubricProblem[]) {
    super(problems.map((p) => `${p.file ?? file}${p.line ? `:${p.line}:${p.column ?? 1}` : ""} ${p.path ? `${p.path}: ` : ""}${p.message}`).join("\n"));
  }
}

/** What the loader needs to know about the check modules, to validate references. */
export interface CheckCatalog {
  /** check id → the names it needs. */
  readonly [checkId: string]: readonly string[];
}

/** Reads, parses and validates a rubric file. */
export function loadRubric(file: string, catalog?: CheckCatalog): Rubric {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new RubricError(file, [{ path: "", message: `cannot read: ${(err as Error).message}` }]);
  }
  return parseRubric(text, file, catalog);
}

/** Parses and validates rubric text (file is only used in messages). */
export function parseRubric(text: string, file: string, catalog?: CheckCatalog): Rubric {
  const parsed = schemaCheck(text, file);
  let source: YamlSource | undefined;
  const locate = (path: readonly PropertyKey[]) => (source ??= parseYaml(text, file)).locate(path);
  if (!parsed.success) {
    throw new RubricError(file, parsed.error.issues.map((i) => ({ path: dotted(i.path), ...locate(i.path), message: i.message })));
  }
  const problems = crossCheck(parsed.data, catalog).map((p) => ({ path: dotted(p.path), ...locate(p.path), message: p.message }));
  if (problems.length) throw new RubricError(file, problems);
  return parsed.data;
}

/** Rubric text checked against the schema: in the bundle, a shipped rubric as the build validated it; else zod's verdict. */
export function schemaCheck(text: string, file: string): z.ZodSafeParseResult<Rubric> {
  const validated = prevalidatedRubric(text);
  if (validated !== undefined) return { success: true, data: validated as Rubric };
  return rubricSchema.safeParse(parseYaml(text, file).data);
}

/** A parsed YAML document and a way to find the line and column of a path in it. */
export interface YamlSource {
  data: unknown;
  locate: (path: readonly PropertyKey[]) => { line?: number; column?: number };
}

/** Parses YAML text; syntax errors are thrown as a RubricError with their lines. */
export function parseYaml(text: string, file: string): YamlSource {
  const data = precompiledYaml(text);
  // A text the build parsed is valid YAML; its document (for line numbers) is parsed only if a problem needs locating.
  if (data !== undefined) return { data, locate: (path) => parseYamlText(text, file).locate(path) };
  return parseYamlText(text, file);
}

function parseYamlText(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    throw new RubricError(file, doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return { path: "", line: pos.line, column: pos.col, message: `YAML: ${e.message.split("\n")[0]}` };
    }));
  }
  return { data: doc.toJS(), locate: (path) => locateNode(doc, lines, path) };
}

/** `["tasks", 0, "id"]` → `tasks[0].id`. */
export function dotted(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
}

function locateNode(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

/** Rules zod cannot express: totals, references, placeholders, cycles. */
export function crossCheck(r: Rubric, catalog?: CheckCatalog): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  // {env} exists only in rubrics that declare environments.
  const known = new Set<string>([...BUILTIN_VARS.filter((v) => v !== "env" || r.environment), ...Object.keys(r.names)]);
  const total = r.tasks.reduce((s, t) => s + t.criteria.reduce((a, c) => a + c.points, 0), 0);
  if (Math.abs(total - r.totalPoints) > 1e-9) out.push({ path: ["tasks"], message: `criteria points add up to ${total}, but totalPoints is ${r.totalPoints}` });
  for (const [k, v] of Object.entries(r.names)) {
    for (const p of placeholders(v)) if (!known.has(p)) out.push({ path: ["names", k], message: `unknown placeholder {${p}}` });
  }
  // Resources are checks the rubric declares itself: `check:` and `facts:` may name them.
  const resourceNames = new Set<string>([...BUILTIN_VARS.filter((v) => v !== "env"), ...Object.keys(r.names)]);
  for (const [key, spec] of Object.entries(r.resources ?? {})) {
    if (catalog && Object.prototype.hasOwnProperty.call(catalog, key)) out.push({ path: ["resources", key], message: `resource "${key}" has the id of a check of this assessment; rename the resource` });
    for (const [param, value] of Object.entries(spec)) {
      for (const text of expectationStrings(value)) {
        for (const p of placeholders(text)) if (!resourceNames.has(p)) out.push({ path: ["resources", key, param], message: `unknown placeholder {${p}}${p === "env" ? " (put {env} in a name and use the name)" : ""}` });
      }
    }
  }
  if (catalog) catalog = { ...catalog, ...Object.fromEntries(Object.keys(r.resources ?? {}).map((k) => [k, []])) };
  const ids = new Set<string>();
  const taskIds = new Set<string>();
  r.tasks.forEach((t, ti) => {
    if (taskIds.has(t.id)) out.push({ path: ["tasks", ti, "id"], message: `duplicate task id "${t.id}"` });
    taskIds.add(t.id);
    if (t.check && catalog) {
      const needs = catalog[t.check];
      if (!needs) out.push({ path: ["tasks", ti, "check"], message: `unknown check "${t.check}" (known: ${Object.keys(catalog).join(", ")})` });
      else for (const n of needs) if (!(n in r.names)) out.push({ path: ["tasks", ti, "check"], message: `check "${t.check}" needs names.${n}, which the rubric does not define` });
    }
    t.criteria.forEach((c, ci) => {
      const full = `${t.id}.${c.id}`;
      if (ids.has(full)) out.push({ path: ["tasks", ti, "criteria", ci, "id"], message: `duplicate criterion id "${c.id}"` });
      ids.add(full);
      if (c.expect && !t.check && !c.facts) out.push({ path: ["tasks", ti, "criteria", ci, "expect"], message: "an automatic criterion needs facts: give the task a `check` or the criterion `facts`" });
      if (c.facts && catalog && !catalog[c.facts]) out.push({ path: ["tasks", ti, "criteria", ci, "facts"], message: `unknown check "${c.facts}"` });
      if (c.onlyIf?.facts && catalog && !catalog[c.onlyIf.facts]) out.push({ path: ["tasks", ti, "criteria", ci, "onlyIf", "facts"], message: `unknown check "${c.onlyIf.facts}"` });
      if (c.onlyIf && !c.onlyIf.facts && !t.check) out.push({ path: ["tasks", ti, "criteria", ci, "onlyIf"], message: "onlyIf needs facts: give the task a `check` or onlyIf `facts`" });
      const texts: [string, string[]][] = [["title", [c.title]], ["hint", [c.hint ?? ""]], ["expected", [c.expected ?? ""]], ["found", [c.found ?? ""]], ["manual", [c.manual ?? ""]], ["expect", expectationStrings(c.expect)]];
      for (const [field, strings] of texts) {
        for (const text of strings) for (const p of placeholders(text)) if (!known.has(p)) out.push({ path: ["tasks", ti, "criteria", ci, field], message: `unknown placeholder {${p}}` });
      }
    });
  });
  // A warning never costs points, not even through `requires`: only another warning may depend on one.
  const warnings = new Set(r.tasks.flatMap((t) => t.criteria.filter((c) => c.severity === "warning").map((c) => `${t.id}.${c.id}`)));
  r.tasks.forEach((t, ti) => t.criteria.forEach((c, ci) => {
    for (const req of c.requires ?? []) {
      const full = req.includes(".") ? req : `${t.id}.${req}`;
      if (!ids.has(full)) out.push({ path: ["tasks", ti, "criteria", ci, "requires"], message: `requires unknown criterion "${req}"` });
      else if (warnings.has(full) && c.severity !== "warning") out.push({ path: ["tasks", ti, "criteria", ci, "requires"], message: `requires "${req}", a \`severity: warning\` criterion: a warning never costs points, so only another warning may require it` });
    }
  }));
  const cycle = findCycle(r);
  if (cycle) out.push({ path: ["tasks"], message: `requires form a cycle: ${cycle.join(" → ")}` });
  return out;
}

function expectationStrings(e: unknown): string[] {
  if (typeof e === "string") return [e];
  if (Array.isArray(e)) return e.flatMap(expectationStrings);
  if (e && typeof e === "object") return Object.entries(e).filter(([k]) => k !== "matches").flatMap(([, v]) => expectationStrings(v));
  return [];
}

function findCycle(r: Rubric): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const t of r.tasks) for (const c of t.criteria) edges.set(`${t.id}.${c.id}`, (c.requires ?? []).map((q) => (q.includes(".") ? q : `${t.id}.${q}`)));
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 2) return undefined;
    if (state.get(n) === 1) return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of edges.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}
