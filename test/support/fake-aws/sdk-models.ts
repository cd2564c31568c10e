// The service models the fake serves, read from the pinned SDK packages themselves: protocol, protocol settings,
// every operation's HTTP trait and input/output schema, and the modelled error shapes. Nothing is hand-listed per
// operation, so an operation a world part adds is served as soon as its handler exists.
import "./sdk-shim.js";
import { NormalizedSchema } from "@smithy/core/schema";
import type { ServiceId } from "../../../src/aws/services.js";

/** The wire protocols of the SDK clients in use. */
export type Protocol = "awsJson1_0" | "awsJson1_1" | "restJson1" | "restXml" | "awsQuery" | "ec2Query";

/** One operation of a service model. */
export interface OperationModel {
  name: string;
  /** [method, uri template, success status] from the `http` trait (REST protocols). */
  http?: [string, string, number];
  input: NormalizedSchema;
  output: NormalizedSchema;
}

/** A modelled error shape: its name, wire code for awsQuery(-compatible) protocols, HTTP status, message member. */
export interface ErrorModel {
  name: string;
  queryCode?: string;
  status?: number;
  fault: "client" | "server";
  /** "Message" when the shape models a capitalised message member, else "message". */
  messageKey: "message" | "Message";
}

/** What the fake needs to know about one service. */
export interface ServiceModel {
  id: ServiceId;
  protocol: Protocol;
  /** awsJson1_0 with awsQueryCompatible (CloudWatch): errors also carry `x-amzn-query-error`. */
  queryCompatible: boolean;
  /** JSON RPC X-Amz-Target prefix, e.g. "AWSGlue". */
  serviceTarget: string;
  /** XML namespace of responses (restXml, awsQuery). */
  xmlNamespace?: string;
  /** API version (awsQuery `Version=`). */
  version?: string;
  operations: Map<string, OperationModel>;
  errors: Map<string, ErrorModel>;
  /** Error shapes by awsQuery wire code (awsQuery, ec2Query and query-compatible services). */
  errorsByQueryCode: Map<string, ErrorModel>;
}

type SdkModule = Record<string, unknown>;

/** Loads each client package (ESM import of the same package the session loads). */
const PACKAGES: Record<ServiceId, () => Promise<SdkModule>> = {
  athena: () => import("@aws-sdk/client-athena"),
  budgets: () => import("@aws-sdk/client-budgets"),
  cloudformation: () => import("@aws-sdk/client-cloudformation"),
  cloudtrail: () => import("@aws-sdk/client-cloudtrail"),
  cloudwatch: () => import("@aws-sdk/client-cloudwatch"),
  databrew: () => import("@aws-sdk/client-databrew"),
  dynamodb: () => import("@aws-sdk/client-dynamodb"),
  ec2: () => import("@aws-sdk/client-ec2"),
  eventbridge: () => import("@aws-sdk/client-eventbridge"),
  glue: () => import("@aws-sdk/client-glue"),
  iam: () => import("@aws-sdk/client-iam"),
  kinesis: () => import("@aws-sdk/client-kinesis"),
  kms: () => import("@aws-sdk/client-kms"),
  lakeformation: () => import("@aws-sdk/client-lakeformation"),
  lambda: () => import("@aws-sdk/client-lambda"),
  s3: () => import("@aws-sdk/client-s3"),
  secretsmanager: () => import("@aws-sdk/client-secrets-manager"),
  sfn: () => import("@aws-sdk/client-sfn"),
  sns: () => import("@aws-sdk/client-sns"),
  sts: () => import("@aws-sdk/client-sts"),
};

/**
 * SigV4 signing name (the 4th part of the credential scope in `Authorization`) → our service id. This is how a
 * request to the single endpoint is attributed to a service: every client signs, and the signing names are unique.
 */
export const SIGNING_NAMES: Readonly<Record<string, ServiceId>> = {
  athena: "athena",
  budgets: "budgets",
  cloudformation: "cloudformation",
  cloudtrail: "cloudtrail",
  monitoring: "cloudwatch",
  databrew: "databrew",
  dynamodb: "dynamodb",
  ec2: "ec2",
  events: "eventbridge",
  glue: "glue",
  iam: "iam",
  kinesis: "kinesis",
  kms: "kms",
  lakeformation: "lakeformation",
  lambda: "lambda",
  s3: "s3",
  secretsmanager: "secretsmanager",
  states: "sfn",
  sns: "sns",
  sts: "sts",
};

/** Every service id the fake can serve. */
export const SERVICE_IDS = Object.keys(PACKAGES) as ServiceId[];

const PROTOCOL_IDS: Record<string, Protocol> = {
  "aws.protocols#awsJson1_0": "awsJson1_0",
  "aws.protocols#awsJson1_1": "awsJson1_1",
  "aws.protocols#restJson1": "restJson1",
  "aws.protocols#restXml": "restXml",
  "aws.protocols#awsQuery": "awsQuery",
  "aws.protocols#ec2Query": "ec2Query",
};

const cache = new Map<ServiceId, Promise<ServiceModel>>();

/** The model of one service (loaded once per process). */
export function serviceModel(id: ServiceId): Promise<ServiceModel> {
  let m = cache.get(id);
  if (!m) {
    m = build(id);
    cache.set(id, m);
  }
  return m;
}

type ClientCtor = new (config: Record<string, unknown>) => { config: { protocol?: unknown }; destroy(): void };
interface ProtocolInstance {
  getShapeId(): string;
  options?: { serviceTarget?: string; xmlNamespace?: string; version?: string; awsQueryCompatible?: boolean };
  awsQueryCompatible?: boolean;
  serviceTarget?: string;
}

async function build(id: ServiceId): Promise<ServiceModel> {
  const mod = await PACKAGES[id]();
  const Client = Object.entries(mod).find(([k, v]) => typeof v === "function" && k.endsWith("Client") && k !== "Client" && !k.startsWith("_"))?.[1] as ClientCtor | undefined;
  if (!Client) throw new Error(`fake-aws: no client class in the SDK package of ${id}`);
  const client = new Client({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
  const protocol = client.config.protocol as ProtocolInstance;
  client.destroy();
  const shapeId = protocol.getShapeId();
  const kind = PROTOCOL_IDS[shapeId];
  if (!kind) throw new Error(`fake-aws: ${id} uses ${shapeId}, which the fake does not speak`);
  const settings = protocol.options ?? {};

  const operations = new Map<string, OperationModel>();
  const errors = new Map<string, ErrorModel>();
  const errorsByQueryCode = new Map<string, ErrorModel>();
  for (const value of Object.values(mod)) {
    if (!Array.isArray(value)) continue;
    if (value[0] === 9) {
      // [9, namespace, name, traits, input, output]
      const traits = (value[3] ?? {}) as { http?: [string, string, number] };
      operations.set(value[2] as string, {
        name: value[2] as string,
        ...(traits.http ? { http: traits.http } : {}),
        input: NormalizedSchema.of(value[4]),
        output: NormalizedSchema.of(value[5]),
      });
    } else if (value[0] === -3) {
      const ns = NormalizedSchema.of(value as never);
      const t = ns.getMergedTraits() as { awsQueryError?: [string, number]; httpError?: number; error?: "client" | "server" };
      const members = Object.keys(ns.getMemberSchemas());
      const e: ErrorModel = {
        name: value[2] as string,
        ...(t.awsQueryError ? { queryCode: t.awsQueryError[0] } : {}),
        ...(t.httpError ?? t.awsQueryError?.[1] ? { status: t.httpError ?? t.awsQueryError?.[1] } : {}),
        fault: t.error === "server" ? "server" : "client",
        messageKey: members.includes("Message") && !members.includes("message") ? "Message" : "message",
      };
      errors.set(e.name, e);
      if (e.queryCode && !errorsByQueryCode.has(e.queryCode)) errorsByQueryCode.set(e.queryCode, e);
    }
  }
  return {
    id,
    protocol: kind,
    queryCompatible: Boolean(settings.awsQueryCompatible ?? protocol.awsQueryCompatible),
    serviceTarget: settings.serviceTarget ?? protocol.serviceTarget ?? "",
    ...(settings.xmlNamespace ? { xmlNamespace: settings.xmlNamespace } : {}),
    ...(settings.version ? { version: settings.version } : {}),
    operations,
    errors,
    errorsByQueryCode,
  };
}
