// The wire protocols: which service and operation a request is, its input, and how an output or an error is
// written back — AWS JSON 1.0/1.1 (incl. query-compatible CloudWatch), REST-JSON, REST-XML (S3, path-style) and
// AWS Query — driven by the SDK's own operation schemas (sdk-models.ts).
import type { IncomingHttpHeaders } from "node:http";
import { XmlShapeDeserializer } from "@aws-sdk/core/protocols";
import type { NormalizedSchema } from "@smithy/core/schema";
import type { ServiceId } from "../../../src/aws/services.js";
import { SERVICE_IDS, SIGNING_NAMES, serviceModel, type ErrorModel, type OperationModel, type ServiceModel } from "./sdk-models.js";
import { formatHeader, fromJson, fromQueryParams, parseString, splitHeaderList, toJson, traitsOf, xmlEscape, xmlMembers } from "./serde.js";

type Obj = Record<string, unknown>;

/** A request as the server read it. */
export interface WireRequest {
  method: string;
  /** Path and query, as sent (percent-encoded). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request mapped to one operation of one service. */
export interface Routed {
  ok: true;
  service: ServiceId;
  model: ServiceModel;
  op: OperationModel;
  input: Obj;
  /** The region the request was signed for (SigV4 credential scope). */
  region?: string;
}

/** A request the fake could not map; `service` when at least that was known. */
export interface Unrouted {
  ok: false;
  service?: ServiceId;
  operation?: string;
  reason: string;
}

/** A response to write. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** An error as AWS returns it (the world's AwsFault, or an injected fault). */
export interface FaultSpec {
  code: string;
  status: number;
  message: string;
  headers?: Record<string, string>;
}

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v.join(", ") : v;
};

/** Signing name and region from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request`. */
export function credentialScope(h: IncomingHttpHeaders): { region: string; signingName: string } | undefined {
  const m = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/.exec(header(h, "authorization") ?? "");
  return m ? { region: m[1]!, signingName: m[2]! } : undefined;
}

/** Maps a request to its service, operation and input. */
export async function route(req: WireRequest): Promise<Routed | Unrouted> {
  const scope = credentialScope(req.headers);
  const target = header(req.headers, "x-amz-target");
  let service = scope ? SIGNING_NAMES[scope.signingName] : undefined;
  if (!service && target) {
    const prefix = target.slice(0, target.lastIndexOf("."));
    for (const id of SERVICE_IDS) if ((await serviceModel(id)).serviceTarget === prefix && target.includes(".")) service = id;
  }
  if (!service) {
    return { ok: false, reason: scope ? `unknown signing name "${scope.signingName}"` : "unsigned request (no SigV4 Authorization header) and no X-Amz-Target" };
  }
  const model = await serviceModel(service);
  try {
    const found =
      model.protocol === "awsJson1_0" || model.protocol === "awsJson1_1" ? routeJsonRpc(model, req, target)
        : model.protocol === "awsQuery" || model.protocol === "ec2Query" ? routeQuery(model, req)
          : routeRest(model, req);
    if (!found.ok) return { ...found, service };
    return { ...found, service, model, ...(scope ? { region: scope.region } : {}) };
  } catch (err) {
    return { ok: false, service, reason: `malformed ${model.protocol} request: ${(err as Error).message}` };
  }
}

type Found = { ok: true; op: OperationModel; input: Obj } | { ok: false; operation?: string; reason: string };

function routeJsonRpc(model: ServiceModel, req: WireRequest, target: string | undefined): Found {
  if (!target) return { ok: false, reason: `${model.protocol} request without X-Amz-Target` };
  const dot = target.lastIndexOf(".");
  const prefix = target.slice(0, dot);
  const name = target.slice(dot + 1);
  if (prefix !== model.serviceTarget) return { ok: false, operation: name, reason: `X-Amz-Target prefix "${prefix}" is not ${model.serviceTarget}` };
  const op = model.operations.get(name);
  if (!op) return { ok: false, operation: name, reason: `${model.id} has no operation ${name} in SDK ${model.serviceTarget}` };
  const text = req.body.toString("utf8").trim();
  const json = text ? (JSON.parse(text) as unknown) : {};
  return { ok: true, op, input: (fromJson(op.input, json, { jsonName: false }) ?? {}) as Obj };
}

function routeQuery(model: ServiceModel, req: WireRequest): Found {
  const params = new URLSearchParams(req.body.toString("utf8"));
  const url = new URL(req.url, "http://fake");
  for (const [k, v] of url.searchParams) if (!params.has(k)) params.append(k, v);
  const action = params.get("Action");
  if (!action) return { ok: false, reason: "awsQuery request without Action=" };
  const op = model.operations.get(action);
  if (!op) return { ok: false, operation: action, reason: `${model.id} has no action ${action}` };
  return { ok: true, op, input: fromQueryParams(op.input, params, model.protocol === "ec2Query") };
}

// ── REST (JSON and XML) ─────────────────────────────────────────────────────

interface CompiledRoute {
  op: OperationModel;
  method: string;
  regex: RegExp;
  labels: { name: string; greedy: boolean }[];
  literals: [string, string][];
  score: number;
}

const compiled = new WeakMap<ServiceModel, CompiledRoute[]>();

function routesOf(model: ServiceModel): CompiledRoute[] {
  let routes = compiled.get(model);
  if (routes) return routes;
  routes = [];
  for (const op of model.operations.values()) {
    if (!op.http) continue;
    const [method, uri] = op.http;
    let [path = "/", search = ""] = uri.split("?");
    // Labels the template does not place (S3's Bucket) are addressed path-style: /{Bucket}/<rest of the template>.
    for (const [name, m] of op.input.structIterator()) {
      if (traitsOf(m).httpLabel && !path.includes(`{${name}}`) && !path.includes(`{${name}+}`)) path = `/{${name}}${path === "/" ? "" : path}`;
    }
    const labels: CompiledRoute["labels"] = [];
    let literalChars = 0;
    const trimmed = path.length > 1 ? path.replace(/\/$/, "") : "";
    const source = trimmed.replace(/\{([^{}]+?)(\+)?\}|([^{}]+)/g, (_all, label: string | undefined, plus: string | undefined, lit: string | undefined) => {
      if (label) {
        labels.push({ name: label, greedy: Boolean(plus) });
        return plus ? "(.+)" : "([^/]+)";
      }
      literalChars += lit!.length;
      return lit!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    const literals = [...new URLSearchParams(search)];
    routes.push({ op, method, regex: new RegExp(`^${source}/?$`), labels, literals, score: literals.length * 10_000 + literalChars * 10 - labels.length });
  }
  routes.sort((a, b) => b.score - a.score);
  compiled.set(model, routes);
  return routes;
}

function routeRest(model: ServiceModel, req: WireRequest): Found {
  const url = new URL(req.url, "http://fake");
  const q = url.searchParams;
  for (const r of routesOf(model)) {
    if (r.method !== req.method) continue;
    const m = r.regex.exec(url.pathname);
    if (!m) continue;
    if (!r.literals.every(([k, v]) => q.has(k) && (v === "" || q.get(k) === v))) continue;
    const labels: Record<string, string> = {};
    r.labels.forEach((l, i) => {
      const raw = m[i + 1]!;
      labels[l.name] = l.greedy ? raw.split("/").map(decodeURIComponent).join("/") : decodeURIComponent(raw);
    });
    return { ok: true, op: r.op, input: restInput(model, r, labels, url, req) };
  }
  return { ok: false, reason: `no ${model.id} operation matches ${req.method} ${url.pathname}${url.search}` };
}

function restInput(model: ServiceModel, r: CompiledRoute, labels: Record<string, string>, url: URL, req: WireRequest): Obj {
  const input: Obj = {};
  const q = url.searchParams;
  const consumed = new Set(r.literals.map(([k]) => k));
  const bodyMembers: [string, NormalizedSchema][] = [];
  let queryParamsMember: [string, NormalizedSchema] | undefined;
  for (const [name, m] of r.op.input.structIterator()) {
    const t = traitsOf(m);
    if (t.httpLabel) {
      if (labels[name] !== undefined) input[name] = parseString(m, labels[name]!, "label");
    } else if (typeof t.httpQuery === "string") {
      consumed.add(t.httpQuery);
      if (!q.has(t.httpQuery)) continue;
      input[name] = m.isListSchema() ? q.getAll(t.httpQuery).map((v) => parseString(m.getValueSchema(), v, "query")) : parseString(m, q.get(t.httpQuery)!, "query");
    } else if (t.httpQueryParams) {
      queryParamsMember = [name, m];
    } else if (typeof t.httpHeader === "string") {
      const v = header(req.headers, t.httpHeader);
      if (v === undefined) continue;
      input[name] = m.isListSchema() ? splitHeaderList(v).map((x) => parseString(m.getValueSchema(), x, "header")) : parseString(m, v, "header");
    } else if (typeof t.httpPrefixHeaders === "string") {
      const prefix = t.httpPrefixHeaders.toLowerCase();
      const map: Obj = {};
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith(prefix) && v !== undefined) map[k.slice(prefix.length)] = parseString(m.getValueSchema(), String(v), "header");
      if (Object.keys(map).length) input[name] = map;
    } else if (t.httpPayload) {
      if (req.body.length === 0) continue;
      if (m.isBlobSchema()) input[name] = new Uint8Array(req.body);
      else if (m.isStringSchema()) input[name] = req.body.toString("utf8");
      else input[name] = model.protocol === "restJson1" ? fromJson(m, JSON.parse(req.body.toString("utf8")), { jsonName: true }) : readXml(model, m, req.body);
    } else if (!t.httpResponseCode) {
      bodyMembers.push([name, m]);
    }
  }
  if (queryParamsMember) {
    const [name, m] = queryParamsMember;
    const map: Obj = {};
    for (const k of new Set(q.keys())) if (!consumed.has(k)) map[k] = m.getValueSchema().isListSchema() ? q.getAll(k) : q.get(k);
    if (Object.keys(map).length) input[name] = map;
  }
  if (bodyMembers.length && req.body.length) {
    const doc = (model.protocol === "restJson1" ? JSON.parse(req.body.toString("utf8")) : readXml(model, r.op.input, req.body)) as Obj;
    for (const [name, m] of bodyMembers) {
      const key = model.protocol === "restJson1" ? traitsOf(m).jsonName ?? name : name;
      const v = model.protocol === "restJson1" ? fromJson(m, doc[key], { jsonName: true }) : doc[key];
      if (v !== undefined) input[name] = v;
    }
  }
  return input;
}

/** XML request bodies (restXml writes only) are read with the SDK's own XML deserializer. */
function readXml(model: ServiceModel, schema: NormalizedSchema, body: Buffer): unknown {
  const d = new XmlShapeDeserializer({ timestampFormat: { useTrait: true, default: 5 }, httpBindings: true, xmlNamespace: model.xmlNamespace, serviceNamespace: model.id } as never);
  return d.read(schema, new Uint8Array(body));
}

// ── Responses ───────────────────────────────────────────────────────────────

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function requestIdHeaders(model: ServiceModel, requestId: string): Record<string, string> {
  return model.protocol === "restXml" ? { "x-amz-request-id": requestId, "x-amz-id-2": Buffer.from(requestId).toString("base64") } : { "x-amzn-requestid": requestId };
}

function toBuffer(v: unknown): Buffer {
  if (typeof v === "string") return Buffer.from(v, "utf8");
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return Buffer.from(String(v ?? ""), "utf8");
}

/** The success response for an operation's output (in the SDK's shape). */
export function successResponse(model: ServiceModel, op: OperationModel, output: unknown, method: string, requestId: string): WireResponse {
  const out = (output && typeof output === "object" ? output : {}) as Obj;
  const headers: Record<string, string> = requestIdHeaders(model, requestId);
  switch (model.protocol) {
    case "awsJson1_0":
    case "awsJson1_1":
      return {
        status: 200,
        headers: { ...headers, "content-type": `application/x-amz-json-${model.protocol === "awsJson1_0" ? "1.0" : "1.1"}` },
        body: JSON.stringify(toJson(op.output, out, { jsonName: false }) ?? {}),
      };
    case "awsQuery": {
      const ns = model.xmlNamespace ? ` xmlns="${xmlEscape(model.xmlNamespace)}"` : "";
      const { children } = xmlMembers(op.output, out);
      const result = op.output.isUnitSchema() ? "" : `<${op.name}Result>${children}</${op.name}Result>`;
      return {
        status: 200,
        headers: { ...headers, "content-type": "text/xml" },
        body: `${XML_DECL}<${op.name}Response${ns}>${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op.name}Response>`,
      };
    }
    case "ec2Query": {
      // No <OpResult> wrapper: the members sit under <OpResponse>, after <requestId>.
      const { children } = xmlMembers(op.output, out);
      return {
        status: 200,
        headers: { ...headers, "content-type": "text/xml;charset=UTF-8" },
        body: `${XML_DECL}<${op.name}Response${nsAttr(model)}><requestId>${requestId}</requestId>${children}</${op.name}Response>`,
      };
    }
    default:
      return restSuccess(model, op, out, method, headers);
  }
}

function restSuccess(model: ServiceModel, op: OperationModel, out: Obj, method: string, headers: Record<string, string>): WireResponse {
  let status = op.http?.[2] ?? 200;
  let payload: [NormalizedSchema, unknown] | undefined;
  const body: [string, NormalizedSchema][] = [];
  for (const [name, m] of op.output.structIterator()) {
    const t = traitsOf(m);
    const v = out[name];
    if (t.httpPayload) {
      if (v !== undefined && v !== null) payload = [m, v];
      continue;
    }
    if (t.httpResponseCode) {
      if (typeof v === "number") status = v;
      continue;
    }
    if (typeof t.httpHeader === "string") {
      if (v !== undefined && v !== null && t.httpHeader.toLowerCase() !== "content-length") headers[t.httpHeader.toLowerCase()] = formatHeader(m, v);
      continue;
    }
    if (typeof t.httpPrefixHeaders === "string") {
      for (const [k, x] of Object.entries((v ?? {}) as Obj)) if (x !== undefined && x !== null) headers[`${t.httpPrefixHeaders}${k}`.toLowerCase()] = formatHeader(m.getValueSchema(), x);
      continue;
    }
    body.push([name, m]);
  }
  const json = model.protocol === "restJson1";
  let content: string | Buffer | undefined;
  if (payload) {
    const [m, v] = payload;
    if (m.isStructSchema() || m.isUnionSchema() || m.isDocumentSchema()) {
      if (json) {
        content = JSON.stringify(toJson(m, v, { jsonName: true }) ?? {});
        headers["content-type"] ??= "application/json";
      } else {
        const t = traitsOf(m);
        const root = t.xmlName ?? m.getName() ?? "Payload";
        const { attrs, children } = xmlMembers(m, v as Obj);
        content = `${XML_DECL}<${root}${nsAttr(model)}${attrs}>${children}</${root}>`;
        headers["content-type"] ??= "application/xml";
      }
    } else {
      content = toBuffer(v);
      headers["content-type"] ??= m.isStringSchema() ? (traitsOf(m).mediaType ?? "text/plain") : "application/octet-stream";
    }
  } else if (json) {
    if (body.length) {
      const doc: Obj = {};
      for (const [name, m] of body) {
        const w = toJson(m, out[name], { jsonName: true });
        if (w !== undefined) doc[traitsOf(m).jsonName ?? name] = w;
      }
      content = JSON.stringify(doc);
      headers["content-type"] = "application/json";
    }
  } else if (body.length) {
    content = `${XML_DECL}${xmlDocument(model, op, out, new Set(body.map(([n]) => n)))}`;
    headers["content-type"] = "application/xml";
  }
  if (method === "HEAD") content = undefined;
  return { status, headers, ...(content !== undefined ? { body: content } : {}) };
}

function nsAttr(model: ServiceModel): string {
  return model.xmlNamespace ? ` xmlns="${xmlEscape(model.xmlNamespace)}"` : "";
}

function xmlDocument(model: ServiceModel, op: OperationModel, out: Obj, bodyNames: Set<string>): string {
  const root = traitsOf(op.output).xmlName ?? op.output.getName() ?? `${op.name}Output`;
  const members = [...op.output.structIterator()].filter(([n]) => bodyNames.has(n));
  // S3 GetBucketLocation: the root element is the value itself (<LocationConstraint>eu-west-1</LocationConstraint>).
  if (members.length === 1 && members[0]![0] === root && !members[0]![1].isStructSchema() && !members[0]![1].isListSchema()) {
    const v = out[root];
    return v === undefined || v === null || v === "" ? `<${root}${nsAttr(model)}/>` : `<${root}${nsAttr(model)}>${xmlEscape(String(v))}</${root}>`;
  }
  const { attrs, children } = xmlMembers(op.output, out, (n) => !bodyNames.has(n));
  return `<${root}${nsAttr(model)}${attrs}>${children}</${root}>`;
}

/** The error shape a fault code names: by shape name, or by awsQuery code for query(-compatible) services. */
function errorShape(model: ServiceModel, code: string): ErrorModel | undefined {
  const byName = model.errors.get(code);
  if (byName) return byName;
  return model.protocol === "awsQuery" || model.protocol === "ec2Query" || model.queryCompatible ? model.errorsByQueryCode.get(code) : undefined;
}

/** The error response for a fault, as the service's protocol writes it. */
export function errorResponse(model: ServiceModel | undefined, fault: FaultSpec, method: string, requestId: string): WireResponse {
  const headers: Record<string, string> = { ...(model ? requestIdHeaders(model, requestId) : { "x-amzn-requestid": requestId }) };
  for (const [k, v] of Object.entries(fault.headers ?? {})) headers[k.toLowerCase()] = v;
  const sender = fault.status >= 500 ? "Receiver" : "Sender";
  const shape = model ? errorShape(model, fault.code) : undefined;
  const protocol = model?.protocol ?? "restJson1";
  switch (protocol) {
    case "awsJson1_0":
    case "awsJson1_1": {
      if (model?.queryCompatible) headers["x-amzn-query-error"] = `${shape?.queryCode ?? fault.code};${sender}`;
      headers["content-type"] = `application/x-amz-json-${protocol === "awsJson1_0" ? "1.0" : "1.1"}`;
      return { status: fault.status, headers, body: JSON.stringify({ __type: shape?.name ?? fault.code, [shape?.messageKey ?? "message"]: fault.message }) };
    }
    case "restJson1":
      headers["x-amzn-errortype"] = shape?.name ?? fault.code;
      headers["content-type"] = "application/json";
      return { status: fault.status, headers, body: JSON.stringify({ [shape?.messageKey ?? "message"]: fault.message }) };
    case "restXml":
      if (method === "HEAD") return { status: fault.status, headers };
      headers["content-type"] = "application/xml";
      return { status: fault.status, headers, body: `${XML_DECL}<Error><Code>${xmlEscape(fault.code)}</Code><Message>${xmlEscape(fault.message)}</Message><RequestId>${requestId}</RequestId></Error>` };
    case "awsQuery": {
      const code = shape?.queryCode ?? fault.code;
      headers["content-type"] = "text/xml";
      return {
        status: fault.status,
        headers,
        body: `${XML_DECL}<ErrorResponse${model ? nsAttr(model) : ""}><Error><Type>${sender}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(fault.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    }
    case "ec2Query":
      headers["content-type"] = "text/xml;charset=UTF-8";
      return {
        status: fault.status,
        headers,
        body: `${XML_DECL}<Response><Errors><Error><Code>${xmlEscape(shape?.queryCode ?? fault.code)}</Code><Message>${xmlEscape(fault.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
  }
}
