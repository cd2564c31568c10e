// Step Functions definitions (ASL JSON, student input) as small facts: tasks and their kinds, error handling, crawler
// polling loops, Fail states, and the order of the main path. Parsed defensively: never throws, bounded in size.
import { z } from "zod";
import { isObject, parseJson } from "./parse-json.js";

/** What a Task state does, from its Resource. */
export const taskKindSchema = z.enum([
  "glueJob", // glue:startJobRun (optimized, .sync or not) or aws-sdk:glue:startJobRun
  "glueGetJobRun",
  "glueStartCrawler", // aws-sdk:glue:startCrawler
  "glueGetCrawler", // aws-sdk:glue:getCrawler
  "athenaQuery", // athena:startQueryExecution(.sync) or aws-sdk:athena:startQueryExecution
  "athenaGetQuery", // athena:getQueryExecution / getQueryResults
  "snsPublish",
  "lambda",
  "other",
]);
export type TaskKind = z.infer<typeof taskKindSchema>;

/** The short words `order` uses for the work kinds (polling reads and notifications are left out). */
export const ORDER_WORDS: Partial<Record<TaskKind, string>> = { glueJob: "job", glueStartCrawler: "crawler", athenaQuery: "athena" };

/** One retrier or catcher of a state. */
export type Retrier = { errors: string[]; maxAttempts: number | null; intervalSeconds: number | null; backoffRate: number | null };
export type Catcher = { errors: string[]; next: string | null };

/** One Task state. */
export type TaskFacts = {
  /** The state's name; nested states are qualified: "Parallel[0]/Name". */
  state: string;
  kind: TaskKind;
  resource: string;
  /** `.sync` (or `.sync:2`) integration: the state waits for the job or query to finish. */
  sync: boolean;
  /** JobName (literal, or the path/JSONata expression when dynamic). */
  jobName: string | null;
  /** Crawler Name for startCrawler/getCrawler. */
  crawlerName: string | null;
  queryString: string | null;
  /** QueryExecutionContext.Database of an Athena task. */
  database: string | null;
  workGroup: string | null;
  /** TopicArn and Subject of an sns:publish task. */
  topicArn: string | null;
  subject: string | null;
  /** Parameter names whose value is computed at run time (`Key.$` or a JSONata `{% … %}` value). */
  dynamic: string[];
  retry: Retrier[];
  catch: Catcher[];
  next: string | null;
  end: boolean;
  /** On the main (success) path from StartAt. */
  onMainPath: boolean;
};

/** A Wait → … → Choice loop on a crawler's state. */
export type PollingLoop = { choice: string; waits: string[]; getCrawler: string[] };

/** A definition analysed. */
export type StateMachineAnalysis = {
  parseError?: string;
  queryLanguage: string;
  startAt: string | null;
  stateCount: number;
  /** The top-level TimeoutSeconds (the execution's time limit), if set as a number. */
  timeoutSeconds: number | null;
  /** State type → count (nested states included). */
  stateTypes: Record<string, number>;
  tasks: TaskFacts[];
  /** Fail states reachable from StartAt (through any edge, Catch included). */
  failStates: string[];
  /** Succeed states reachable from StartAt. */
  succeedStates: string[];
  waitStates: string[];
  /** Choice states whose rules (Variable or JSONata Condition) mention Crawler.State. */
  crawlerChoices: string[];
  /** Choice states whose rules mention JobRunState (a hand-made wait for a non-.sync job). */
  jobRunChoices: string[];
  /** Crawler-state Choices that loop back to themselves through a Wait state. */
  pollingLoops: PollingLoop[];
  /** startCrawler tasks not followed, before the next job/crawler/query, by a crawler-state Choice that loops through a Wait. */
  unpolledCrawlerStarts: string[];
  /** States not reachable from StartAt. */
  unreachable: string[];
  /** The main path: state names from StartAt, following Next, the forward branch of a Choice, branches of Parallel/Map. */
  mainPath: string[];
  /** Task kinds along the main path, in order (every Task, polling reads included). */
  mainPathKinds: TaskKind[];
  /** The work steps of the main path: "job → crawler → job → crawler → athena". */
  order: string;
  truncated?: boolean;
};

const MAX_CHARS = 1_100_000; // Step Functions caps a definition at 1 MB
const MAX_STATES = 2000;
const MAX_DEPTH = 8;

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Classifies a Task Resource: kind and whether it is a `.sync` integration. */
export function classifyResource(resource: string): { kind: TaskKind; sync: boolean } {
  const r = resource.trim();
  if (/^arn:[^:]+:lambda:/.test(r)) return { kind: "lambda", sync: false };
  const m = /^arn:[^:]+:states:::(.+)$/i.exec(r);
  if (!m) return { kind: "other", sync: false };
  const rest = m[1]!;
  const sync = /\.sync(:\d+)?$/i.test(rest);
  const api = rest.replace(/\.(sync(:\d+)?|waitForTaskToken)$/i, "").replace(/^aws-sdk:/i, "").toLowerCase();
  const kinds: Record<string, TaskKind> = {
    "glue:startjobrun": "glueJob",
    "glue:getjobrun": "glueGetJobRun",
    "glue:getjobruns": "glueGetJobRun",
    "glue:startcrawler": "glueStartCrawler",
    "glue:getcrawler": "glueGetCrawler",
    "athena:startqueryexecution": "athenaQuery",
    "athena:getqueryexecution": "athenaGetQuery",
    "athena:getqueryresults": "athenaGetQuery",
    "sns:publish": "snsPublish",
    "lambda:invoke": "lambda",
  };
  return { kind: kinds[api] ?? "other", sync };
}

/** A parameter of a Task: `Parameters` (JSONPath, `Key` or `Key.$`) or `Arguments` (JSONata, literal or `{% … %}`). */
function param(state: Record<string, unknown>, path: string[]): { value: string | null; dynamic: boolean } {
  for (const field of ["Parameters", "Arguments"]) {
    let cur: unknown = state[field];
    for (let i = 0; i < path.length - 1; i++) cur = isObject(cur) ? cur[path[i]!] : undefined;
    if (!isObject(cur)) continue;
    const last = path[path.length - 1]!;
    const literal = cur[last];
    if (typeof literal === "string") return { value: literal, dynamic: /^\s*\{%[\s\S]*%\}\s*$/.test(literal) };
    const expr = cur[`${last}.$`];
    if (typeof expr === "string") return { value: expr, dynamic: true };
  }
  return { value: null, dynamic: false };
}

function retriers(v: unknown): Retrier[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).map((r) => ({ errors: strings(r.ErrorEquals), maxAttempts: num(r.MaxAttempts), intervalSeconds: num(r.IntervalSeconds), backoffRate: num(r.BackoffRate) }));
}

function catchers(v: unknown, qualify: (n: string) => string): Catcher[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).map((c) => ({ errors: strings(c.ErrorEquals), next: typeof c.Next === "string" ? qualify(c.Next) : null }));
}

/** Every Variable and Condition string in a Choice rule (And/Or/Not nested), bounded. */
function ruleTexts(rule: unknown, out: string[] = [], depth = 0): string[] {
  if (!isObject(rule) || depth > 20 || out.length > 200) return out;
  for (const k of ["Variable", "Condition"]) if (typeof rule[k] === "string") out.push(rule[k] as string);
  for (const k of ["And", "Or"]) if (Array.isArray(rule[k])) for (const r of rule[k] as unknown[]) ruleTexts(r, out, depth + 1);
  if (rule.Not) ruleTexts(rule.Not, out, depth + 1);
  return out;
}

type Node = {
  id: string;
  name: string;
  type: string;
  body: Record<string, unknown>;
  /** Normal successors (Next, Choices, Default), qualified ids. */
  next: string[];
  /** Catch targets. */
  catchNext: string[];
  /** For Parallel / Map: the StartAt id of each branch. */
  branches: string[];
};

/** Reads one scope (top level, a Parallel branch or a Map processor) into `nodes`; returns its StartAt id. */
function readScope(scope: unknown, prefix: string, depth: number, nodes: Map<string, Node>, state: { truncated: boolean }): string | null {
  if (!isObject(scope) || !isObject(scope.States) || depth > MAX_DEPTH) return null;
  const qualify = (n: string) => `${prefix}${n}`;
  for (const [name, raw] of Object.entries(scope.States)) {
    if (nodes.size >= MAX_STATES) {
      state.truncated = true;
      break;
    }
    if (!isObject(raw)) continue;
    const type = str(raw.Type) ?? "?";
    const next: string[] = [];
    if (typeof raw.Next === "string") next.push(qualify(raw.Next));
    if (type === "Choice") {
      if (Array.isArray(raw.Choices)) for (const c of raw.Choices) if (isObject(c) && typeof c.Next === "string") next.push(qualify(c.Next));
      if (typeof raw.Default === "string") next.push(qualify(raw.Default));
    }
    const catchNext = catchers(raw.Catch, qualify).map((c) => c.next).filter((n): n is string => n !== null);
    const node: Node = { id: qualify(name), name, type, body: raw, next, catchNext, branches: [] };
    nodes.set(node.id, node);
    if (type === "Parallel" && Array.isArray(raw.Branches)) {
      raw.Branches.forEach((b, i) => {
        const start = readScope(b, `${qualify(name)}[${i}]/`, depth + 1, nodes, state);
        if (start) node.branches.push(start);
      });
    }
    if (type === "Map") {
      const start = readScope(raw.ItemProcessor ?? raw.Iterator, `${qualify(name)}[map]/`, depth + 1, nodes, state);
      if (start) node.branches.push(start);
    }
  }
  return typeof scope.StartAt === "string" ? qualify(scope.StartAt) : null;
}

const EMPTY = (parseError: string): StateMachineAnalysis => ({
  parseError,
  queryLanguage: "JSONPath",
  startAt: null,
  stateCount: 0,
  timeoutSeconds: null,
  stateTypes: {},
  tasks: [],
  failStates: [],
  succeedStates: [],
  waitStates: [],
  crawlerChoices: [],
  jobRunChoices: [],
  pollingLoops: [],
  unpolledCrawlerStarts: [],
  unreachable: [],
  mainPath: [],
  mainPathKinds: [],
  order: "",
});

/** Analyses an ASL definition string. Never throws: a definition that cannot be read comes back with `parseError`. */
export function analyseStateMachine(definition: unknown): StateMachineAnalysis {
  if (typeof definition !== "string" || definition.trim() === "") return EMPTY("the definition is empty");
  const parsed = parseJson(definition, MAX_CHARS);
  if (!parsed.ok) return EMPTY(parsed.error);
  const root = parsed.value;
  if (!isObject(root)) return EMPTY("the definition is not a JSON object");
  if (!isObject(root.States)) return EMPTY('the definition has no "States" object');
  try {
    return analyse(root);
  } catch (e) {
    return EMPTY(`unreadable definition: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`);
  }
}

function analyse(root: Record<string, unknown>): StateMachineAnalysis {
  const nodes = new Map<string, Node>();
  const flags = { truncated: false };
  const startAt = readScope(root, "", 0, nodes, flags);
  const get = (id: string | null | undefined) => (id ? nodes.get(id) : undefined);

  // Reachability through every edge (Catch and branches included).
  const reachable = new Set<string>();
  const stack = startAt ? [startAt] : [];
  while (stack.length) {
    const id = stack.pop()!;
    const n = get(id);
    if (!n || reachable.has(id)) continue;
    reachable.add(id);
    stack.push(...n.next, ...n.catchNext, ...n.branches);
  }

  // The main path: follow Next; at a Choice, the successor that leads to the most new work (loop-backs lead to none).
  const mainPath: string[] = [];
  const onMain = new Set<string>();
  const isWork = (n: Node | undefined) => n?.type === "Task" && ORDER_WORDS[classifyResource(str(n.body.Resource) ?? "").kind] !== undefined;
  const workAhead = (from: string, seen: ReadonlySet<string>): number => {
    const visited = new Set<string>();
    const todo = [from];
    let work = 0;
    while (todo.length && visited.size < 500) {
      const id = todo.pop()!;
      if (visited.has(id) || seen.has(id)) continue;
      const n = get(id);
      if (!n) continue;
      visited.add(id);
      if (isWork(n)) work++;
      todo.push(...n.next, ...n.branches);
    }
    return work;
  };
  const walk = (start: string | null, depth: number): void => {
    let id = start;
    while (id && !onMain.has(id) && mainPath.length < MAX_STATES && depth <= MAX_DEPTH) {
      const n = get(id);
      if (!n) break;
      onMain.add(id);
      mainPath.push(id);
      for (const b of n.branches) walk(b, depth + 1);
      if (n.type === "Choice") {
        const options = [...new Set(n.next)].filter((x) => !onMain.has(x));
        let best: string | null = null;
        let bestScore = -1;
        for (const o of options) {
          const score = workAhead(o, onMain) * 2 + (get(o)?.type === "Fail" ? 0 : 1);
          if (score > bestScore) (best = o), (bestScore = score);
        }
        id = best;
      } else {
        id = n.next[0] ?? null;
      }
    }
  };
  walk(startAt, 0);

  const stateTypes: Record<string, number> = {};
  for (const n of nodes.values()) stateTypes[n.type] = (stateTypes[n.type] ?? 0) + 1;

  const tasks: TaskFacts[] = [];
  for (const n of nodes.values()) {
    if (n.type !== "Task") continue;
    const resource = str(n.body.Resource) ?? "";
    const { kind, sync } = classifyResource(resource);
    const qualify = (x: string) => `${n.id.slice(0, n.id.length - n.name.length)}${x}`;
    const job = param(n.body, ["JobName"]);
    const crawler = kind === "glueStartCrawler" || kind === "glueGetCrawler" ? param(n.body, ["Name"]) : { value: null, dynamic: false };
    const query = param(n.body, ["QueryString"]);
    const db = param(n.body, ["QueryExecutionContext", "Database"]);
    const wg = param(n.body, ["WorkGroup"]);
    const topic = kind === "snsPublish" ? param(n.body, ["TopicArn"]) : { value: null, dynamic: false };
    const subject = kind === "snsPublish" ? param(n.body, ["Subject"]) : { value: null, dynamic: false };
    const dynamic = [
      ["JobName", job],
      ["Name", crawler],
      ["QueryString", query],
      ["QueryExecutionContext.Database", db],
      ["TopicArn", topic],
    ]
      .filter(([, p]) => (p as { dynamic: boolean }).dynamic)
      .map(([k]) => k as string);
    tasks.push({
      state: n.id,
      kind,
      resource,
      sync,
      jobName: job.value,
      crawlerName: crawler.value,
      queryString: query.value ? query.value.slice(0, 500) : null,
      database: db.value,
      workGroup: wg.value,
      topicArn: topic.value,
      subject: subject.value ? subject.value.slice(0, 200) : null,
      dynamic,
      retry: retriers(n.body.Retry),
      catch: catchers(n.body.Catch, qualify),
      next: n.next[0] ?? null,
      end: n.body.End === true,
      onMainPath: onMain.has(n.id),
    });
  }
  // Tasks in main-path order first, then the rest in definition order.
  const pos = new Map(mainPath.map((id, i) => [id, i]));
  tasks.sort((a, b) => (pos.get(a.state) ?? 1e9) - (pos.get(b.state) ?? 1e9));

  const choicesMentioning = (re: RegExp) =>
    [...nodes.values()].filter((n) => n.type === "Choice" && Array.isArray(n.body.Choices) && (n.body.Choices as unknown[]).some((c) => ruleTexts(c).some((t) => re.test(t)))).map((n) => n.id);
  const crawlerChoices = choicesMentioning(/crawler\.state/i);
  const jobRunChoices = choicesMentioning(/jobrunstate/i);

  // A polling loop: from the Choice, a path (normal edges) back to it that passes a Wait state.
  const pollingLoops: PollingLoop[] = [];
  for (const c of crawlerChoices) {
    const waits = new Set<string>();
    const gets = new Set<string>();
    for (const first of get(c)!.next) {
      // DFS for paths first → … → c, collecting Wait and getCrawler states on them.
      const onPath: string[] = [];
      const seen = new Set<string>();
      const dfs = (id: string): boolean => {
        if (id === c) return true;
        if (seen.has(id) || seen.size > 500) return false;
        seen.add(id);
        const n = get(id);
        if (!n) return false;
        onPath.push(id);
        let back = false;
        for (const x of n.next) if (dfs(x)) back = true;
        onPath.pop();
        if (back) {
          if (n.type === "Wait") waits.add(id);
          if (n.type === "Task" && classifyResource(str(n.body.Resource) ?? "").kind === "glueGetCrawler") gets.add(id);
        }
        return back;
      };
      dfs(first);
    }
    if (waits.size) pollingLoops.push({ choice: c, waits: [...waits], getCrawler: [...gets] });
  }

  const loops = new Set(pollingLoops.map((l) => l.choice));
  const unpolledCrawlerStarts: string[] = [];
  for (const t of tasks.filter((x) => x.kind === "glueStartCrawler")) {
    const seen = new Set<string>();
    const todo = [...(get(t.state)?.next ?? [])];
    let polled = false;
    while (todo.length && !polled && seen.size < 500) {
      const id = todo.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = get(id);
      if (!n) continue;
      if (loops.has(id)) polled = true;
      else if (!isWork(n)) todo.push(...n.next);
    }
    if (!polled) unpolledCrawlerStarts.push(t.state);
  }

  const mainPathKinds = mainPath.map((id) => get(id)!).filter((n) => n.type === "Task").map((n) => classifyResource(str(n.body.Resource) ?? "").kind);
  return {
    queryLanguage: str(root.QueryLanguage) ?? "JSONPath",
    startAt,
    stateCount: nodes.size,
    timeoutSeconds: num(root.TimeoutSeconds),
    stateTypes,
    tasks,
    failStates: [...nodes.values()].filter((n) => n.type === "Fail" && reachable.has(n.id)).map((n) => n.id),
    succeedStates: [...nodes.values()].filter((n) => n.type === "Succeed" && reachable.has(n.id)).map((n) => n.id),
    waitStates: [...nodes.values()].filter((n) => n.type === "Wait").map((n) => n.id),
    crawlerChoices,
    jobRunChoices,
    pollingLoops,
    unpolledCrawlerStarts,
    unreachable: [...nodes.keys()].filter((id) => !reachable.has(id)),
    mainPath,
    mainPathKinds,
    order: mainPathKinds.map((k) => ORDER_WORDS[k]).filter((w): w is string => w !== undefined).join(" → "),
    ...(flags.truncated ? { truncated: true } : {}),
  };
}
