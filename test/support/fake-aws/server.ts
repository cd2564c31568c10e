// The wire-level fake AWS endpoint: a local HTTP server that answers the real SDK clients from a test world.
import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { iamAction, type ServiceId } from "../../../src/aws/services.js";
import { callKey, encodeValue } from "../../../src/aws/snapshot.js";
import { HANDLERS } from "../world/handlers.js";
import { AwsFault, type HandlerTable, type World } from "../world/types.js";
import { FaultInjector, type FaultKind, type FaultOptions } from "./faults.js";
import { errorResponse, route, successResponse, type FaultSpec, type WireResponse } from "./protocols.js";
import { serviceModel } from "./sdk-models.js";
import { unknownFields } from "./serde.js";

/** One request that reached the server. */
export interface LoggedCall {
  /** Our service id, or "?" when the request could not be attributed. */
  service: ServiceId | "?";
  /** The operation, or "?" when the request could not be mapped. */
  operation: string;
  /** The input as the handler received it (SDK shape). */
  input: unknown;
  region?: string;
  /** HTTP status sent; 0 for a reset or hung request. */
  status: number;
  /** The injected fault, or why the fake could not answer. */
  fault?: FaultKind;
  /** Error code sent, if any. */
  error?: string;
  /** Output fields the handler returned that the SDK schema does not have (dropped on the wire). */
  dropped?: string[];
  /** "1.1" or "2.0" (cleartext HTTP/2). */
  httpVersion?: string;
  /** When the request arrived (performance.now(), ms): bench counts sequential waves from these. */
  startedAt?: number;
  /** When the answer was sent (performance.now(), ms); unset for a hung or reset request. */
  answeredAt?: number;
}

/** Options of startFakeAws. */
export interface FakeAwsOptions {
  world: World;
  faults?: FaultOptions;
  /** Append calls to this array instead of a new one (e.g. one log across several servers). */
  log?: LoggedCall[];
  /** Handlers to serve (default: HANDLERS, every world part's). */
  handlers?: HandlerTable;
  /** Receives one line per request (debugging). */
  debug?: (line: string) => void;
  /** Speak HTTP/1.1 only, like moto and LocalStack: an HTTP/2 connection preface is answered as a bad HTTP/1.1 request. */
  http1Only?: boolean;
}

/** A running fake endpoint. */
export interface FakeAws {
  /** http://127.0.0.1:<port> — pass as --endpoint-url or the clients' `endpoint`. */
  url: string;
  port: number;
  /** Every request that reached the server, in arrival order. */
  log: LoggedCall[];
  /** Requests per fault kind. */
  faults: Record<FaultKind, number>;
  /** Stops the server; hung and keep-alive connections are destroyed. */
  close(): Promise<void>;
}

const ZERO_COUNTS = (): Record<FaultKind, number> => ({ throttle: 0, tokenBucket: 0, internalError: 0, reset: 0, hang: 0, accessDenied: 0, unmapped: 0, noHandler: 0, handlerError: 0 });

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Req = IncomingMessage | Http2ServerRequest;
type Res = ServerResponse | Http2ServerResponse;

function readBody(req: Req): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Starts the fake on 127.0.0.1 and a random port. */
export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const { world } = options;
  const handlers = options.handlers ?? HANDLERS;
  const log = options.log ?? [];
  const faults = ZERO_COUNTS();
  const injector = new FaultInjector(options.faults ?? {});
  const latency = options.faults?.latencyMs ?? 0;
  const sockets = new Set<Socket>();
  let requestSeq = 0;

  const send = async (res: Res, r: WireResponse) => {
    if (latency > 0) await sleep(latency);
    if (res.destroyed || res.writableEnded) return;
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, "utf8");
    res.writeHead(r.status, { ...r.headers, ...(body ? { "content-length": String(body.length) } : { "content-length": "0" }) });
    if (body) res.end(body);
    else res.end();
  };

  const handle = async (req: Req, res: Res) => {
    const startedAt = performance.now();
    const body = await readBody(req);
    const method = req.method ?? "GET";
    const requestId = `fake-${(++requestSeq).toString(16).padStart(8, "0")}`;
    const routed = await route({ method, url: req.url ?? "/", headers: req.headers, body });
    if (!routed.ok) {
      faults.unmapped++;
      log.push({ service: routed.service ?? "?", operation: routed.operation ?? "?", input: { method, url: req.url }, status: 501, fault: "unmapped", error: "NotImplemented", startedAt });
      options.debug?.(`501 ${method} ${req.url}: ${routed.reason}`);
      const model = routed.service ? await serviceModel(routed.service) : undefined;
      return send(res, errorResponse(model, { code: "NotImplemented", status: 501, message: `fake-aws cannot map this request: ${routed.reason}` }, method, requestId));
    }
    const { service, model, op, input } = routed;
    const region = routed.region ?? world.region;
    const entry: LoggedCall = { service, operation: op.name, input, region, status: 0, httpVersion: req.httpVersion, startedAt };
    log.push(entry);
    res.once("finish", () => void (entry.answeredAt = performance.now()));
    const decision = injector.decide(model, service, op.name, callKey(service, region, op.name, encodeValue(input)), iamAction(service, op.name), world.account);
    const fail = (kind: FaultKind, f: FaultSpec) => {
      faults[kind]++;
      entry.fault = kind;
      entry.status = f.status;
      entry.error = f.code;
      options.debug?.(`${f.status} ${service}:${op.name} ${kind} ${f.code}`);
      return send(res, errorResponse(model, f, method, requestId));
    };
    if (decision.kind === "hang") {
      faults.hang++;
      entry.fault = "hang";
      options.debug?.(`hang ${service}:${op.name}`);
      return;
    }
    if (decision.kind === "reset") {
      faults.reset++;
      entry.fault = "reset";
      options.debug?.(`reset ${service}:${op.name}`);
      if ("stream" in req) (req.stream.session as unknown as { socket: Socket }).socket.destroy();
      else req.socket.destroy();
      return;
    }
    if (decision.kind === "error") return fail(decision.fault, decision.error);

    const handler = handlers[service]?.[op.name];
    if (!handler) return fail("noHandler", { code: "UnsupportedOperation", status: 501, message: `the fake AWS world has no handler for ${service}:${op.name}` });
    let output: unknown;
    try {
      output = await handler(world, input, { region });
    } catch (err) {
      if (err instanceof AwsFault) {
        entry.status = err.status;
        entry.error = err.code;
        options.debug?.(`${err.status} ${service}:${op.name} ${err.code}`);
        return send(res, errorResponse(model, { code: err.code, status: err.status, message: err.message, headers: err.headers }, method, requestId));
      }
      // A bug in a handler: answered 400 (not retried) so the run fails fast and the log says why.
      return fail("handlerError", { code: "FakeHandlerError", status: 400, message: `handler ${service}:${op.name} threw: ${(err as Error)?.message ?? String(err)}` });
    }
    let response: WireResponse;
    try {
      response = successResponse(model, op, output, method, requestId);
    } catch (err) {
      return fail("handlerError", { code: "FakeHandlerError", status: 400, message: `output of ${service}:${op.name} does not fit the SDK shape: ${(err as Error).message}` });
    }
    entry.status = response.status;
    const dropped = unknownFields(op.output, output);
    if (dropped.length) entry.dropped = dropped;
    options.debug?.(`${response.status} ${service}:${op.name}${dropped.length ? ` (not in the SDK shape, dropped: ${dropped.join(", ")})` : ""}`);
    return send(res, response);
  };

  const onRequest = (req: Req, res: Res) => {
    handle(req, res).catch((err: unknown) => {
      options.debug?.(`fake-aws internal error: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`fake-aws internal error: ${(err as Error)?.message ?? String(err)}`);
      }
    });
  };
  // One port for both HTTP/1.1 and cleartext HTTP/2 (the Kinesis client uses NodeHttp2Handler): the first bytes of
  // a connection decide — an HTTP/2 connection opens with the preface "PRI * HTTP/2.0".
  const h1 = createHttp1Server(onRequest);
  const h2 = createHttp2Server(onRequest);
  h2.on("sessionError", () => undefined);
  const server = createNetServer((socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.once("readable", () => {
      const head = socket.read(3) as Buffer | null;
      if (!head) return void socket.destroy();
      socket.unshift(head);
      (head.toString("latin1") === "PRI" && !options.http1Only ? h2 : h1).emit("connection", socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        h1.closeAllConnections();
      }),
  };
}
