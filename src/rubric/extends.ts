// Custom rubrics: a rubric file of its own, or one that `extends` a bundled rubric (or another file) with
// overrides, resolved into a plain Rubric and validated like any other. Problems are located in the file
// they come from (the override file, or the base it extends), with a suggestion where one is obvious.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { bundledIds, bundledRubric } from "../grade/assessment.js";
import { crossCheck, dotted, parseYaml, RubricError, type CheckCatalog, type RubricProblem } from "./load.js";
import { criterionSchema, expectationSchema, resourceSchema, rubricSchema, type Criterion, type Rubric, type Task } from "./schema.js";
import { editDistance } from "../util/edit-distance.js";

const id = z.string().regex(/^[a-z0-9][a-z0-9_]*$/, "use lowercase letters, digits and _");

/** What an override may change on one criterion (key `task.criterion`) or one task (key `task`). */
export const overrideSchema = z
  .object({
    title: z.string().min(1).optional(),
    /** Tasks only. */
    description: z.string().optional(),
    points: z.number().min(0).optional(),
    hint: z.string().optional(),
    expected: z.string().optional(),
    found: z.string().min(1).optional(),
    expect: expectationSchema.optional(),
    requires: z.array(z.string().regex(/^([a-z0-9_]+\.)?[a-z0-9_]+$/)).optional(),
    didYouMean: z.string().optional(),
    evidence: z.string().optional(),
    /** `warning`: the criterion becomes advice (give it `points: 0`); `null`: a warning criterion is graded (give it points). */
    severity: z.enum(["warning"]).nullable().optional(),
    /** Drops the criterion (or the whole task); `requires` that pointed to it are dropped too. */
    disabled: z.literal(true).optional(),
  })
  .strict();

/** An `add:` block: a new task, or more criteria for an existing task (same id; then only `criteria`). */
export const addTaskSchema = z
  .object({
    id,
    title: z.string().min(1).optional(),
    check: id.optional(),
    description: z.string().optional(),
    criteria: z.array(criterionSchema).min(1),
  })
  .strict();

/** A rubric file that extends another rubric. */
export const rubricOverrideSchema = z
  .object({
    $schema: z.string().optional(),
    /** A bundled assessment id (`glue_hard`) or a path to a rubric file, relative to this file. */
    extends: z.string().min(1),
    title: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    description: z.string().optional(),
    passPercent: z.number().min(0).max(100).optional(),
    totalPoints: z.number().positive().optional(),
    student: z.object({ pattern: z.string(), description: z.string() }).strict().optional(),
    /** Merged over the base's names: change a template or add one. */
    names: z.record(z.string(), z.string()).optional(),
    /** Merged over the base's resources: point a resource at another name, or add one for new criteria. */
    resources: z.record(id, resourceSchema).optional(),
    /** Task ids to drop entirely. */
    removeTasks: z.array(id).optional(),
    /** `task.criterion` (or `task`) → the fields to change. */
    overrides: z.record(z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)?$/, 'use "task" or "task.criterion"'), overrideSchema).optional(),
    /** New tasks, or criteria added to an existing task. */
    add: z.array(addTaskSchema).optional(),
  })
  .strict();

export type RubricOverride = z.infer<typeof rubricOverrideSchema>;

/** A place in a rubric file. */
export interface Located {
  file: string;
  line?: number;
  column?: number;
  /** The path inside that file. */
  path: string;
}

/** A rubric resolved from a file, with where each part came from. */
export interface ResolvedRubric {
  rubric: Rubric;
  /** Where a path of the resolved rubric is written (the override file or a base). */
  origin: (path: readonly PropertyKey[]) => Located;
  /** The file and the bases it extends, innermost last. */
  files: string[];
}

/** check catalogs by assessment id (see `catalogOf`). */
export type Catalogs = Readonly<Record<string, CheckCatalog>>;

/** Loads a rubric file (plain, or `extends:` another) into a validated Rubric; throws a RubricError. */
export function loadRubricFile(file: string, catalogs?: Catalogs): Rubric {
  return resolveRubricFile(file, catalogs).rubric;
}

/** Like loadRubricFile, keeping where each part came from (for lint and explain). */
export function resolveRubricFile(file: string, catalogs?: Catalogs, stack: readonly string[] = []): ResolvedRubric {
  const full = resolve(file);
  if (stack.includes(full)) throw new RubricError(file, [{ path: "extends", message: `extends forms a cycle: ${[...stack, full].join(" → ")}` }]);
  if (stack.length > 8) throw new RubricError(file, [{ path: "extends", message: "extends is nested more than 8 deep" }]);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new RubricError(file, [{ path: "", message: `cannot read: ${(err as Error).message}` }]);
  }
  return resolveRubricText(text, file, catalogs, [...stack, full]);
}

/** Resolves rubric text (file names the text in messages and anchors relative `extends`). */
export function resolveRubricText(text: string, file: string, catalogs?: Catalogs, stack: readonly string[] = [resolve(file)]): ResolvedRubric {
  const src = parseYaml(text, file);
  const own = (path: readonly PropertyKey[]): Located => ({ file, path: dotted(path), ...src.locate(path) });
  const data = src.data;
  if (data && typeof data === "object" && !Array.isArray(data) && "extends" in data) {
    return resolveOverride(data, file, own, catalogs, stack);
  }
  const parsed = rubricSchema.safeParse(data);
  if (!parsed.success) throw new RubricError(file, schemaProblems(parsed.error.issues, rubricSchema, own));
  const r = parsed.data;
  // An assessment this build does not know is rubric-only: fine as long as every task reads its own resources.
  const rubricOnly = catalogs && !catalogFor(r.assessment, catalogs) && readsOnlyResources(r);
  const catalog = catalogFor(r.assessment, catalogs) ?? (rubricOnly ? {} : undefined);
  const problems: RubricProblem[] = [];
  if (catalogs && !catalog) problems.push(at(own(["assessment"]), `unknown assessment "${r.assessment}"${suggest(r.assessment, Object.keys(catalogs))} (known: ${Object.keys(catalogs).join(", ")})`));
  problems.push(...crossProblems(r, catalog, own));
  if (problems.length) throw new RubricError(file, problems);
  return { rubric: r, origin: own, files: [file] };
}

/** True when the rubric declares resources and every `check:` and `facts:` names one of them (a rubric-only assessment). */
function readsOnlyResources(r: Rubric): boolean {
  const own = new Set(Object.keys(r.resources ?? {}));
  return own.size > 0 && r.tasks.every((t) => (!t.check || own.has(t.check)) && t.criteria.every((c) => (!c.facts || own.has(c.facts)) && (!c.onlyIf?.facts || own.has(c.onlyIf.facts))));
}

function catalogFor(assessment: string, catalogs?: Catalogs): CheckCatalog | undefined {
  return catalogs && Object.prototype.hasOwnProperty.call(catalogs, assessment) ? catalogs[assessment] : undefined;
}

function at(l: Located, message: string): RubricProblem {
  return { file: l.file, path: l.path, ...(l.line ? { line: l.line, column: l.column } : {}), message };
}

function crossProblems(r: Rubric, catalog: CheckCatalog | undefined, origin: (p: readonly PropertyKey[]) => Located): RubricProblem[] {
  return crossCheck(r, catalog).map((p) => {
    let message = p.message;
    const unknown = /^unknown check "([^"]+)"/.exec(message);
    if (unknown && catalog) message = message.replace(/^unknown check "([^"]+)"/, `unknown check "${unknown[1]}"${suggest(unknown[1]!, Object.keys(catalog))}`);
    return at(origin(p.path), message);
  });
}

/** The base a rubric extends: a bundled assessment id, or a file relative to the extending file. */
export function basePath(ref: string, file: string): string {
  if (/^[a-z0-9][a-z0-9_]*$/.test(ref) && bundledIds().includes(ref)) return bundledRubric(ref);
  return resolve(dirname(file), ref);
}

type CritOrigin = { kind: "base"; ti: number; ci: number; key: string; fields: Set<string> } | { kind: "add"; ai: number; ci: number };
type TaskOrigin = { kind: "base"; ti: number; key: string; fields: Set<string> } | { kind: "add"; ai: number };

function resolveOverride(data: object, file: string, own: (p: readonly PropertyKey[]) => Located, catalogs: Catalogs | undefined, stack: readonly string[]): ResolvedRubric {
  const parsed = rubricOverrideSchema.safeParse(data);
  if (!parsed.success) throw new RubricError(file, schemaProblems(parsed.error.issues, rubricOverrideSchema, own));
  const o = parsed.data;
  const baseFile = basePath(o.extends, file);
  if (!existsSync(baseFile)) {
    throw new RubricError(file, [at(own(["extends"]), `cannot find the base rubric "${o.extends}": not a bundled assessment (${bundledIds().join(", ")}) nor a file at ${baseFile}`)]);
  }
  const base = resolveRubricFile(baseFile, catalogs, stack);
  const b = base.rubric;
  const problems: RubricProblem[] = [];
  const taskIds = b.tasks.map((t) => t.id);

  const removed = new Set<string>();
  (o.removeTasks ?? []).forEach((t, i) => {
    if (!taskIds.includes(t)) problems.push(at(own(["removeTasks", i]), `unknown task "${t}"${suggest(t, taskIds)}`));
    removed.add(t);
  });

  // Overrides, by task and criterion.
  const taskOv = new Map<string, { key: string; value: z.infer<typeof overrideSchema> }>();
  const critOv = new Map<string, { key: string; value: z.infer<typeof overrideSchema> }>();
  for (const [key, value] of Object.entries(o.overrides ?? {})) {
    const [t, c] = key.split(".") as [string, string | undefined];
    const task = b.tasks.find((x) => x.id === t);
    if (!task) {
      problems.push(at(own(["overrides", key]), `unknown task "${t}"${suggest(t, taskIds)}`));
      continue;
    }
    if (removed.has(t)) problems.push(at(own(["overrides", key]), `task "${t}" is in removeTasks; remove this override`));
    if (c === undefined) {
      for (const f of Object.keys(value)) {
        if (!["title", "description", "disabled"].includes(f)) problems.push(at(own(["overrides", key, f]), `a task override may change title, description or disabled; "${f}" belongs on a criterion ("${t}.<criterion>")`));
      }
      if (value.disabled) removed.add(t);
      taskOv.set(t, { key, value });
      continue;
    }
    const ids = task.criteria.map((x) => x.id);
    if (!ids.includes(c)) {
      problems.push(at(own(["overrides", key]), `task "${t}" has no criterion "${c}"${suggest(c, ids)}`));
      continue;
    }
    if (value.description !== undefined) problems.push(at(own(["overrides", key, "description"]), "a criterion has no description; use title, hint or expected"));
    const base = task.criteria.find((x) => x.id === c)!;
    if (value.expect && base.manual) problems.push(at(own(["overrides", key, "expect"]), `"${key}" is a manual criterion; it cannot get an expectation`));
    const points = value.points ?? base.points;
    if (value.severity === "warning" && points !== 0) problems.push(at(own(["overrides", key, "severity"]), `a warning never costs points: add points: 0 to this override (the criterion has ${points})`));
    if (value.severity === null && base.severity === "warning" && points === 0) problems.push(at(own(["overrides", key, "severity"]), `a graded criterion needs points: add points: <n> to this override (and raise totalPoints)`));
    critOv.set(key, { key, value });
  }

  // Base tasks with overrides applied, disabled criteria and removed tasks dropped.
  const tasks: Task[] = [];
  const taskOrigins: TaskOrigin[] = [];
  const critOrigins: CritOrigin[][] = [];
  const gone = new Set<string>();
  for (const t of b.tasks) {
    if (removed.has(t.id)) for (const c of t.criteria) gone.add(`${t.id}.${c.id}`);
    else for (const c of t.criteria) if (critOv.get(`${t.id}.${c.id}`)?.value.disabled) gone.add(`${t.id}.${c.id}`);
  }
  b.tasks.forEach((t, ti) => {
    if (removed.has(t.id)) return;
    const tov = taskOv.get(t.id);
    const criteria: Criterion[] = [];
    const origins: CritOrigin[] = [];
    t.criteria.forEach((c, ci) => {
      const key = `${t.id}.${c.id}`;
      if (gone.has(key)) return;
      const ov = critOv.get(key)?.value ?? {};
      const { disabled: _d, description: _desc, severity, ...fields } = ov;
      const next: Criterion = { ...c, ...fields, ...(severity ? { severity } : {}) };
      if (severity === null) delete next.severity;
      const requires = next.requires?.filter((q) => !gone.has(q.includes(".") ? q : `${t.id}.${q}`));
      if (requires?.length) next.requires = requires;
      else delete next.requires;
      criteria.push(next);
      origins.push({ kind: "base", ti, ci, key, fields: new Set([...Object.keys(fields), ...(severity !== undefined ? ["severity"] : [])]) });
    });
    if (!criteria.length) return; // every criterion disabled: the task goes too
    const { disabled: _d, ...tfields } = tov?.value ?? {};
    tasks.push({ ...t, ...(tfields.title ? { title: tfields.title } : {}), ...(tfields.description !== undefined ? { description: tfields.description } : {}), criteria });
    taskOrigins.push({ kind: "base", ti, key: tov?.key ?? t.id, fields: new Set(Object.keys(tfields)) });
    critOrigins.push(origins);
  });

  // Added tasks and criteria.
  (o.add ?? []).forEach((a, ai) => {
    const existing = tasks.findIndex((t) => t.id === a.id);
    if (existing >= 0) {
      const t = tasks[existing]!;
      if (a.check !== undefined && a.check !== t.check) problems.push(at(own(["add", ai, "check"]), `task "${a.id}" already reads check "${t.check ?? "(none)"}"; to read another check's facts, give the criterion \`facts: ${a.check}\``));
      if (a.title !== undefined || a.description !== undefined) problems.push(at(own(["add", ai]), `task "${a.id}" exists: change its title or description with overrides: { ${a.id}: { title: … } }`));
      t.criteria = [...t.criteria, ...a.criteria];
      critOrigins[existing]!.push(...a.criteria.map((_c, ci): CritOrigin => ({ kind: "add", ai, ci })));
      return;
    }
    if (removed.has(a.id)) problems.push(at(own(["add", ai, "id"]), `task "${a.id}" is removed by removeTasks/disabled; choose another id`));
    if (!a.title) {
      problems.push(at(own(["add", ai]), `a new task needs a title ("${a.id}" is not a task of ${o.extends}${suggest(a.id, taskIds)})`));
      return;
    }
    tasks.push({ id: a.id, title: a.title, ...(a.check ? { check: a.check } : {}), ...(a.description !== undefined ? { description: a.description } : {}), criteria: a.criteria });
    taskOrigins.push({ kind: "add", ai });
    critOrigins.push(a.criteria.map((_c, ci): CritOrigin => ({ kind: "add", ai, ci })));
  });
  if (problems.length) throw new RubricError(file, problems);

  const ownData = data as Record<string, unknown>;
  const origin = (path: readonly PropertyKey[]): Located => {
    const [head, ti, sub, ci, field] = path;
    if (head === "tasks" && typeof ti === "number") {
      const to = taskOrigins[ti];
      if (!to) return own(["tasks"]);
      if (sub === "criteria" && typeof ci === "number") {
        const co = critOrigins[ti]![ci];
        if (!co) return to.kind === "add" ? own(["add", to.ai, "criteria"]) : base.origin(["tasks", to.ti, "criteria"]);
        if (co.kind === "add") return own(["add", co.ai, "criteria", co.ci, ...path.slice(4)]);
        if (typeof field === "string" && co.fields.has(field)) return own(["overrides", co.key, ...path.slice(4)]);
        return base.origin(["tasks", co.ti, "criteria", co.ci, ...path.slice(4)]);
      }
      if (to.kind === "add") return own(["add", to.ai, ...path.slice(2)]);
      if (typeof sub === "string" && to.fields.has(sub)) return own(["overrides", to.key, ...path.slice(2)]);
      return base.origin(["tasks", to.ti, ...path.slice(2)]);
    }
    if (head === "tasks") return own([ownData.totalPoints !== undefined ? "totalPoints" : ownData.overrides !== undefined ? "overrides" : "extends"]);
    if (head === "names" && typeof ti === "string") return o.names && ti in o.names ? own(path) : base.origin(path);
    if (typeof head === "string" && head in ownData) return own(path);
    return base.origin(path);
  };

  const merged = {
    ...b,
    ...(o.title !== undefined ? { title: o.title } : {}),
    ...(o.version !== undefined ? { version: o.version } : {}),
    ...(o.description !== undefined ? { description: o.description } : {}),
    ...(o.passPercent !== undefined ? { passPercent: o.passPercent } : {}),
    ...(o.totalPoints !== undefined ? { totalPoints: o.totalPoints } : {}),
    ...(o.student !== undefined ? { student: o.student } : {}),
    names: { ...b.names, ...(o.names ?? {}) },
    resources: { ...b.resources, ...(o.resources ?? {}) },
    tasks,
  };
  delete (merged as { $schema?: string }).$schema;
  const checked = rubricSchema.safeParse(merged);
  if (!checked.success) throw new RubricError(file, schemaProblems(checked.error.issues, rubricSchema, origin));
  const catalog = catalogFor(checked.data.assessment, catalogs) ?? (catalogs && readsOnlyResources(checked.data) ? {} : undefined);
  const cross = crossProblems(checked.data, catalog, origin);
  if (cross.length) throw new RubricError(file, cross);
  return { rubric: checked.data, origin, files: [file, ...base.files] };
}

// ── problems with suggestions ──────────────────────────────────────────────────────────────────────────

/** Zod issues as located problems; an unknown key gets the nearest allowed key as a suggestion. */
export function schemaProblems(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, origin: (p: readonly PropertyKey[]) => Located): RubricProblem[] {
  return issues.flatMap((i) => {
    if (i.code === "unrecognized_keys") {
      const allowed = allowedKeys(schema, i.path);
      return i.keys.map((k) => at(origin([...i.path, k]), `unknown field "${k}"${suggest(k, allowed)}${allowed.length ? ` (allowed: ${allowed.join(", ")})` : ""}`));
    }
    return [at(origin(i.path), i.message)];
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = { type: string; innerType?: any; getter?: () => any; element?: any; valueType?: any; shape?: Record<string, any>; options?: any[]; in?: any };

/** The keys an object schema at `path` accepts (following arrays, records, optionals, defaults and lazies). */
export function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const unwrap = (s: any): any => {
    for (let i = 0; i < 20 && s; i++) {
      const def = s._zod?.def as AnyDef | undefined;
      if (!def) return s;
      if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") s = def.innerType;
      else if (def.type === "lazy") s = def.getter!();
      else if (def.type === "pipe") s = def.in;
      else return s;
    }
    return s;
  };
  let s = unwrap(schema);
  for (const seg of path) {
    const def = s?._zod?.def as AnyDef | undefined;
    if (!def) return [];
    if (def.type === "object") s = unwrap(def.shape?.[String(seg)]);
    else if (def.type === "array") s = unwrap(def.element);
    else if (def.type === "record") s = unwrap(def.valueType);
    else return [];
  }
  const def = s?._zod?.def as AnyDef | undefined;
  return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}

/** `; did you mean "x"?` for the nearest candidate within a small edit distance, else "". */
export function suggest(word: string, candidates: readonly string[]): string {
  const best = nearest(word, candidates);
  return best ? `; did you mean "${best}"?` : "";
}

/** The candidate closest to word (edit distance at most a third of its length, at least 2), if any. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === w ? 0 : c.toLowerCase().startsWith(w) || w.startsWith(c.toLowerCase()) ? 1 : editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) && best !== word ? best : undefined;
}
