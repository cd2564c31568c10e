// Glue Studio visual graphs (Job.CodeGenConfigurationNodes): node types, edges, sources, targets and transforms, as small JSON facts.
import type { CodeGenConfigurationNode } from "@aws-sdk/client-glue";
import { z } from "zod";

/** One node of the graph: its id (the map key), type (the member that is set), label and inputs. */
export type GraphNode = { id: string; type: string; name: string; inputs: string[]; body: Record<string, unknown> };

/** A catalog-backed source or target. */
export const catalogEndSchema = z.object({ node: z.string(), type: z.string(), database: z.string().nullable(), table: z.string().nullable(), layer: z.string().nullable(), path: z.string().optional() });
export type CatalogEnd = z.infer<typeof catalogEndSchema>;

/** What a graph does, in facts a rubric can match. */
export const graphFactsSchema = z.object({
  nodeCount: z.number(),
  edgeCount: z.number(),
  /** Node type → count, e.g. { CatalogSource: 1, Join: 1 }. */
  nodeTypes: z.record(z.string(), z.number()),
  /** Edges by node label (Studio's node Name), from Inputs[]. */
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
  catalogSources: z.array(catalogEndSchema),
  /** Layer (e.g. "bronze") → how many catalog sources read a database of that layer. */
  sourceLayers: z.record(z.string(), z.number()),
  catalogTargets: z.array(catalogEndSchema),
  /** Layer → how many targets write to a database of that layer. */
  targetLayers: z.record(z.string(), z.number()),
  /** Target databases (lower case), unique. */
  targetDatabases: z.array(z.string()),
  /** Source databases (lower case), unique. */
  sourceDatabases: z.array(z.string()),
  joins: z.array(z.object({ node: z.string(), joinType: z.string().nullable(), keys: z.array(z.string()) })),
  /** Every join key path, dotted ("customer_id", "right_customer_id"). */
  joinKeys: z.array(z.string()),
  filters: z.array(z.object({ node: z.string(), conditions: z.array(z.string()) })),
  /** Aggregations: an Aggregate node, or a SparkSQL query with GROUP BY. */
  aggregates: z.array(z.object({ node: z.string(), form: z.string(), groups: z.array(z.string()), aggs: z.array(z.string()) })),
  /** Transforms that can add columns: DynamicTransform, SparkSQL, CustomCode, or an ApplyMapping producing an expected column. */
  derived: z.array(z.object({ node: z.string(), form: z.string(), columns: z.array(z.string()) })),
  /** Row splits: SplitFields, Route, or two Filter / SelectFromCollection branches off one node. */
  splits: z.array(z.object({ form: z.string(), nodes: z.array(z.string()) })),
  /** Set when the graph was larger than the analysed cap. */
  truncated: z.literal(true).optional(),
});
export type GraphFacts = z.infer<typeof graphFactsSchema>;

const MAX_NODES = 500;
const CATALOG_SOURCE = /Source$/;
const TARGET = /Target$/;

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const paths = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((p) => (Array.isArray(p) ? p.filter((x) => typeof x === "string").join(".") : typeof p === "string" ? p : "")).filter(Boolean) : [];

/** The nodes of a CodeGenConfigurationNodes map (untrusted: any shape is tolerated). */
export function graphNodes(map: Record<string, CodeGenConfigurationNode> | undefined): { nodes: GraphNode[]; truncated: boolean } {
  const entries = map && typeof map === "object" ? Object.entries(map) : [];
  const nodes: GraphNode[] = [];
  for (const [id, node] of entries.slice(0, MAX_NODES)) {
    if (!node || typeof node !== "object") continue;
    const type = (Object.keys(node) as (keyof CodeGenConfigurationNode)[]).find((k) => node[k] !== undefined && node[k] !== null);
    if (!type) continue;
    const body = (typeof node[type] === "object" ? node[type] : {}) as unknown as Record<string, unknown>;
    const inputs = Array.isArray(body.Inputs) ? body.Inputs.filter((x): x is string => typeof x === "string") : [];
    nodes.push({ id, type, name: str(body.Name) ?? id, inputs, body });
  }
  return { nodes, truncated: entries.length > MAX_NODES };
}

/** The layer of a database name, given layer → database name (case-insensitive), or null. */
function layerOf(db: string | null, layers: Readonly<Record<string, string>>): string | null {
  if (!db) return null;
  const hit = Object.entries(layers).find(([, name]) => name.toLowerCase() === db.toLowerCase());
  return hit ? hit[0] : null;
}

function catalogEnd(n: GraphNode, layers: Readonly<Record<string, string>>): CatalogEnd | null {
  const policy = (n.body.SchemaChangePolicy && typeof n.body.SchemaChangePolicy === "object" ? n.body.SchemaChangePolicy : {}) as Record<string, unknown>;
  const database = str(n.body.Database) ?? str(policy.Database);
  const table = str(n.body.Table) ?? str(policy.Table);
  if (!database && !table) return null;
  const path = str(n.body.Path);
  return { node: n.name, type: n.type, database: database ? database.toLowerCase() : null, table, layer: layerOf(database, layers), ...(path ? { path } : {}) };
}

function countLayers(ends: CatalogEnd[], layers: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(Object.keys(layers).map((l) => [l, 0]));
  for (const e of ends) if (e.layer) out[e.layer] = (out[e.layer] ?? 0) + 1;
  return out;
}

function filterConditions(filters: unknown): string[] {
  if (!Array.isArray(filters)) return [];
  return filters.map((f) => {
    const e = (f ?? {}) as { Operation?: unknown; Negated?: unknown; Values?: unknown };
    const values = Array.isArray(e.Values) ? e.Values.map((v) => (Array.isArray((v as { Value?: unknown })?.Value) ? ((v as { Value: unknown[] }).Value.join(".")) : "")) : [];
    return `${e.Negated === true ? "NOT " : ""}${String(e.Operation ?? "?")}(${values.join(", ")})`;
  });
}

/**
 * Analyses a visual graph. `layers` maps a layer name to its database (e.g. { bronze: "bronze_42" });
 * `derivedColumns` are the column names a derived-column step is expected to add (for ApplyMapping and reporting).
 */
export function analyseGraph(map: Record<string, CodeGenConfigurationNode> | undefined, layers: Readonly<Record<string, string>>, derivedColumns: readonly string[] = []): GraphFacts {
  const { nodes, truncated } = graphNodes(map);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const label = (id: string) => byId.get(id)?.name ?? id;
  const nodeTypes: Record<string, number> = {};
  for (const n of nodes) nodeTypes[n.type] = (nodeTypes[n.type] ?? 0) + 1;
  const edges = nodes.flatMap((n) => n.inputs.map((i) => ({ from: label(i), to: n.name })));

  const catalogSources = nodes.filter((n) => CATALOG_SOURCE.test(n.type)).map((n) => catalogEnd(n, layers)).filter((e): e is CatalogEnd => e !== null);
  const catalogTargets = nodes.filter((n) => TARGET.test(n.type)).map((n) => catalogEnd(n, layers)).filter((e): e is CatalogEnd => e !== null);

  const joins = nodes.filter((n) => n.type === "Join").map((n) => {
    const columns = Array.isArray(n.body.Columns) ? n.body.Columns : [];
    const keys = columns.flatMap((c) => paths((c as { Keys?: unknown })?.Keys));
    return { node: n.name, joinType: str(n.body.JoinType), keys };
  });

  const mentions = (n: GraphNode): string[] => {
    let text = "";
    try {
      text = JSON.stringify(n.body).toLowerCase();
    } catch {
      text = "";
    }
    return derivedColumns.filter((c) => text.includes(c.toLowerCase()));
  };

  const aggregates: GraphFacts["aggregates"] = [];
  const derived: GraphFacts["derived"] = [];
  for (const n of nodes) {
    if (n.type === "Aggregate") {
      const aggs = Array.isArray(n.body.Aggs)
        ? n.body.Aggs.map((a) => {
            const op = (a ?? {}) as { AggFunc?: unknown; Column?: unknown };
            return `${String(op.AggFunc ?? "?")}(${Array.isArray(op.Column) ? op.Column.join(".") : ""})`;
          })
        : [];
      aggregates.push({ node: n.name, form: "Aggregate", groups: paths(n.body.Groups), aggs });
    }
    if (n.type === "SparkSQL" && typeof n.body.SqlQuery === "string" && /\bgroup\s+by\b/i.test(n.body.SqlQuery)) {
      aggregates.push({ node: n.name, form: "SparkSQL GROUP BY", groups: [], aggs: [] });
    }
    if (n.type === "DynamicTransform" || n.type === "SparkSQL" || n.type === "CustomCode") {
      derived.push({ node: n.name, form: n.type, columns: mentions(n) });
    }
    if (n.type === "ApplyMapping" && Array.isArray(n.body.Mapping)) {
      const wanted = new Set(derivedColumns.map((c) => c.toLowerCase()));
      const added = n.body.Mapping.map((m) => str((m as { ToKey?: unknown })?.ToKey)).filter((k): k is string => k !== null && wanted.has(k.toLowerCase()));
      if (added.length) derived.push({ node: n.name, form: "ApplyMapping", columns: added });
    }
  }

  const splits: GraphFacts["splits"] = [];
  for (const n of nodes) if (n.type === "SplitFields" || n.type === "Route") splits.push({ form: n.type, nodes: [n.name] });
  const children = new Map<string, GraphNode[]>();
  for (const n of nodes) for (const i of new Set(n.inputs)) children.set(i, [...(children.get(i) ?? []), n]);
  for (const [parent, kids] of children) {
    for (const t of ["Filter", "SelectFromCollection"]) {
      const branch = kids.filter((k) => k.type === t);
      if (branch.length >= 2) splits.push({ form: `${t} branches off ${label(parent)}`, nodes: branch.map((k) => k.name) });
    }
  }

  const unique = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
  return {
    nodeCount: nodes.length,
    edgeCount: edges.length,
    nodeTypes,
    edges,
    catalogSources,
    sourceLayers: countLayers(catalogSources, layers),
    catalogTargets,
    targetLayers: countLayers(catalogTargets, layers),
    targetDatabases: unique(catalogTargets.map((t) => t.database)),
    sourceDatabases: unique(catalogSources.map((t) => t.database)),
    joins,
    joinKeys: joins.flatMap((j) => j.keys),
    filters: nodes.filter((n) => n.type === "Filter").map((n) => ({ node: n.name, conditions: filterConditions(n.body.Filters) })),
    aggregates,
    derived,
    splits,
    ...(truncated ? { truncated: true } : {}),
  };
}
