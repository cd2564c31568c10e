const MAX_NODES = 500;
const CATALOG_SOURCE = /Source$/;
const TARGET = /Target$/;
const str = (v) => (typeof v === "string" && v.trim() !== "" ? v : null);
const paths = (v) => Array.isArray(v) ? v.map((p) => (Array.isArray(p) ? p.filter((x) => typeof x === "string").join(".") : typeof p === "string" ? p : "")).filter(Boolean) : [];
/** The nodes of a CodeGenConfigurationNodes map (untrusted: any shape is tolerated). */
export function graphNodes(map) {
    const entries = map && typeof map === "object" ? Object.entries(map) : [];
    const nodes = [];
    for (const [id, node] of entries.slice(0, MAX_NODES)) {
        if (!node || typeof node !== "object")
            continue;
        const type = Object.keys(node).find((k) => node[k] !== undefined && node[k] !== null);
        if (!type)
            continue;
        const body = (typeof node[type] === "object" ? node[type] : {});
        const inputs = Array.isArray(body.Inputs) ? body.Inputs.filter((x) => typeof x === "string") : [];
        nodes.push({ id, type, name: str(body.Name) ?? id, inputs, body });
    }
    return { nodes, truncated: entries.length > MAX_NODES };
}
/** The layer of a database name, given layer → database name (case-insensitive), or null. */
function layerOf(db, layers) {
    if (!db)
        return null;
    const hit = Object.entries(layers).find(([, name]) => name.toLowerCase() === db.toLowerCase());
    return hit ? hit[0] : null;
}
function catalogEnd(n, layers) {
    const policy = (n.body.SchemaChangePolicy && typeof n.body.SchemaChangePolicy === "object" ? n.body.SchemaChangePolicy : {});
    const database = str(n.body.Database) ?? str(policy.Database);
    const table = str(n.body.Table) ?? str(policy.Table);
    if (!database && !table)
        return null;
    const path = str(n.body.Path);
    return { node: n.name, type: n.type, database: database ? database.toLowerCase() : null, table, layer: layerOf(database, layers), ...(path ? { path } : {}) };
}
function countLayers(ends, layers) {
    const out = Object.fromEntries(Object.keys(layers).map((l) => [l, 0]));
    for (const e of ends)
        if (e.layer)
            out[e.layer] = (out[e.layer] ?? 0) + 1;
    return out;
}
function filterConditions(filters) {
    if (!Array.isArray(filters))
        return [];
    return filters.map((f) => {
        const e = (f ?? {});
        const values = Array.isArray(e.Values) ? e.Values.map((v) => (Array.isArray(v?.Value) ? (v.Value.join(".")) : "")) : [];
        return `${e.Negated === true ? "NOT " : ""}${String(e.Operation ?? "?")}(${values.join(", ")})`;
    });
}
/**
 * Analyses a visual graph. `layers` maps a layer name to its database (e.g. { bronze: "bronze_42" });
 * `derivedColumns` are the column names a derived-column step is expected to add (for ApplyMapping and reporting).
 */
export function analyseGraph(map, layers, derivedColumns = []) {
    const { nodes, truncated } = graphNodes(map);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const label = (id) => byId.get(id)?.name ?? id;
    const nodeTypes = {};
    for (const n of nodes)
        nodeTypes[n.type] = (nodeTypes[n.type] ?? 0) + 1;
    const edges = nodes.flatMap((n) => n.inputs.map((i) => ({ from: label(i), to: n.name })));
    const catalogSources = nodes.filter((n) => CATALOG_SOURCE.test(n.type)).map((n) => catalogEnd(n, layers)).filter((e) => e !== null);
    const catalogTargets = nodes.filter((n) => TARGET.test(n.type)).map((n) => catalogEnd(n, layers)).filter((e) => e !== null);
    const joins = nodes.filter((n) => n.type === "Join").map((n) => {
        const columns = Array.isArray(n.body.Columns) ? n.body.Columns : [];
        const keys = columns.flatMap((c) => paths(c?.Keys));
        return { node: n.name, joinType: str(n.body.JoinType), keys };
    });
    const mentions = (n) => {
        let text = "";
        try {
            text = JSON.stringify(n.body).toLowerCase();
        }
        catch {
            text = "";
        }
        return derivedColumns.filter((c) => text.includes(c.toLowerCase()));
    };
    const aggregates = [];
    const derived = [];
    for (const n of nodes) {
        if (n.type === "Aggregate") {
            const aggs = Array.isArray(n.body.Aggs)
                ? n.body.Aggs.map((a) => {
                    const op = (a ?? {});
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
            const added = n.body.Mapping.map((m) => str(m?.ToKey)).filter((k) => k !== null && wanted.has(k.toLowerCase()));
            if (added.length)
                derived.push({ node: n.name, form: "ApplyMapping", columns: added });
        }
    }
    const splits = [];
    for (const n of nodes)
        if (n.type === "SplitFields" || n.type === "Route")
            splits.push({ form: n.type, nodes: [n.name] });
    const children = new Map();
    for (const n of nodes)
        for (const i of new Set(n.inputs))
            children.set(i, [...(children.get(i) ?? []), n]);
    for (const [parent, kids] of children) {
        for (const t of ["Filter", "SelectFromCollection"]) {
            const branch = kids.filter((k) => k.type === t);
            if (branch.length >= 2)
                splits.push({ form: `${t} branches off ${label(parent)}`, nodes: branch.map((k) => k.name) });
        }
    }
    const unique = (xs) => [...new Set(xs.filter((x) => x !== null))];
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
