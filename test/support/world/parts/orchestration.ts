// World part for the orchestration workshop: Step Functions state machines and executions, S3 object bytes (ranged
// GetObject) and bucket notification settings, EventBridge rules by target, Athena query history. The glue_hard
// fixtures are empty: test/support/world/assessments/workshop.ts builds this assessment's worlds.
import type { DescribeStateMachineOutput, ExecutionListItem, Tag as SfnTag } from "@aws-sdk/client-sfn";
import type { NotificationConfiguration } from "@aws-sdk/client-s3";
import type { Rule, Target } from "@aws-sdk/client-eventbridge";
import type { QueryExecution, ResultSet } from "@aws-sdk/client-athena";
import { AwsFault, page, section, type CallContext, type HandlerTable, type World } from "../types.js";
import type { WorldBucket } from "./storage.js";

type Base = Pick<World, "region" | "account">;

/** A state machine as DescribeStateMachine returns it, with its tags (ListTagsForResource). */
export type WorldStateMachine = DescribeStateMachineOutput & { tags?: SfnTag[] };

/** Sections owned by this part. */
export interface OrchestrationWorld {
  stateMachines: WorldStateMachine[];
  /** Executions by state machine ARN, newest first. */
  sfnExecutions: Record<string, ExecutionListItem[]>;
  /** Object bytes by "bucket/key", as latin1 strings (the key must also be listed in s3Buckets[bucket].objects). */
  s3ObjectBodies: Record<string, string>;
  /** GetBucketNotificationConfiguration by bucket name (absent: nothing configured). */
  s3Notifications: Record<string, NotificationConfiguration>;
  /** Athena query history (WorkGroup set on each); listed most recent first. */
  athenaQueries: QueryExecution[];
  /** GetQueryResults by query execution id. */
  athenaResults: Record<string, ResultSet>;
}

const machines = (w: World) => section<WorldStateMachine[]>(w, "stateMachines", []);
const noMachine = (arn: string) => new AwsFault("StateMachineDoesNotExist", 400, `State Machine Does Not Exist: '${arn}'`);

/** The bucket of an S3 object call, with S3's errors (the storage part owns the buckets). */
function bucketOf(w: World, name: string, ctx: CallContext): WorldBucket {
  const b = section<Record<string, WorldBucket>>(w, "s3Buckets", {})[name];
  if (!b) throw new AwsFault("NoSuchBucket", 404, "The specified bucket does not exist");
  if (b.foreign) throw new AwsFault("AccessDenied", 403, "Access Denied");
  if (b.Region !== ctx.region) throw new AwsFault("PermanentRedirect", 301, "The bucket you are attempting to access must be addressed using the specified endpoint.", { "x-amz-bucket-region": b.Region });
  return b;
}

/** "bytes=0-3" → [0, 3] (inclusive), clipped to the object; null without a Range. */
function range(header: string | undefined, size: number): [number, number] | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  if (m[1] === "") {
    const n = Number(m[2]);
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(m[1]);
  if (start >= size) throw new AwsFault("InvalidRange", 416, "The requested range is not satisfiable");
  return [start, Math.min(size - 1, m[2] === "" ? size - 1 : Number(m[2]))];
}

/** Step Functions, S3 object/notification, EventBridge by-target and Athena history handlers. */
export const handlers: HandlerTable = {
  sfn: {
    ListStateMachines: (w: World, i: { maxResults?: number; nextToken?: string }) => {
      const p = page(machines(w), i.nextToken, w.pageSize, i.maxResults || undefined);
      return { stateMachines: p.items.map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: m.creationDate })), ...(p.next ? { nextToken: p.next } : {}) };
    },
    DescribeStateMachine: (w: World, i: { stateMachineArn: string }) => {
      if (!/^arn:aws[a-z-]*:states:[^:]+:\d{12}:stateMachine:.+$/.test(i.stateMachineArn)) throw new AwsFault("InvalidArn", 400, `Invalid Arn: '${i.stateMachineArn}'`);
      const m = machines(w).find((x) => x.stateMachineArn === i.stateMachineArn);
      if (!m) throw noMachine(i.stateMachineArn);
      const { tags: _t, ...out } = m;
      return out;
    },
    ListTagsForResource: (w: World, i: { resourceArn: string }) => {
      const m = machines(w).find((x) => x.stateMachineArn === i.resourceArn);
      if (!m) throw new AwsFault("ResourceNotFound", 400, `Resource not found: '${i.resourceArn}'`);
      return { tags: m.tags ?? [] };
    },
    ListExecutions: (w: World, i: { stateMachineArn: string; statusFilter?: string; maxResults?: number; nextToken?: string }) => {
      if (!machines(w).some((x) => x.stateMachineArn === i.stateMachineArn)) throw noMachine(i.stateMachineArn);
      const all = (section<Record<string, ExecutionListItem[]>>(w, "sfnExecutions", {})[i.stateMachineArn] ?? []).filter((e) => !i.statusFilter || e.status === i.statusFilter);
      const p = page(all, i.nextToken, w.pageSize, i.maxResults || undefined);
      return { executions: p.items, ...(p.next ? { nextToken: p.next } : {}) };
    },
  },
  s3: {
    GetObject: (w: World, i: { Bucket: string; Key: string; Range?: string }, ctx: CallContext) => {
      const b = bucketOf(w, i.Bucket, ctx);
      const listed = (b.objects ?? []).find((o) => o.Key === i.Key);
      const text = section<Record<string, string>>(w, "s3ObjectBodies", {})[`${i.Bucket}/${i.Key}`];
      if (!listed) throw new AwsFault("NoSuchKey", 404, "The specified key does not exist.");
      const bytes = Buffer.from(text ?? "\0".repeat(listed.Size), "latin1");
      const r = range(i.Range, bytes.length);
      const body = r ? bytes.subarray(r[0], r[1] + 1) : bytes;
      // Bytes, not a stream: the in-process transport structured-clones outputs (functions cannot be cloned), and a
      // replayed snapshot gives a Uint8Array too. The check reads either (checks/shared/s3-objects.ts readBody).
      return {
        Body: new Uint8Array(body),
        ContentLength: body.length,
        ...(r ? { ContentRange: `bytes ${r[0]}-${r[1]}/${bytes.length}` } : {}),
        AcceptRanges: "bytes",
        ContentType: "application/octet-stream",
        LastModified: listed.LastModified,
        ETag: '"e"',
      };
    },
    GetBucketNotificationConfiguration: (w: World, i: { Bucket: string }, ctx: CallContext) => {
      bucketOf(w, i.Bucket, ctx);
      return { ...(section<Record<string, NotificationConfiguration>>(w, "s3Notifications", {})[i.Bucket] ?? {}) };
    },
  },
  eventbridge: {
    ListRuleNamesByTarget: (w: World, i: { TargetArn: string; EventBusName?: string; NextToken?: string; Limit?: number }) => {
      const bus = i.EventBusName ?? "default";
      const targets = section<Record<string, Target[]>>(w, "eventTargets", {});
      const names = section<Rule[]>(w, "eventRules", [])
        .filter((r) => (r.EventBusName ?? "default") === bus && (targets[r.Name ?? ""] ?? []).some((t) => t.Arn === i.TargetArn))
        .map((r) => r.Name!);
      const p = page(names, i.NextToken, w.pageSize, i.Limit);
      return { RuleNames: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
    DescribeRule: (w: World, i: { Name: string; EventBusName?: string }) => {
      const bus = i.EventBusName ?? "default";
      const r = section<Rule[]>(w, "eventRules", []).find((x) => x.Name === i.Name && (x.EventBusName ?? "default") === bus);
      if (!r) throw new AwsFault("ResourceNotFoundException", 400, `Rule ${i.Name} does not exist on EventBus ${bus}.`);
      return { ...r, EventBusName: bus, CreatedBy: w.account };
    },
  },
  athena: {
    ListQueryExecutions: (w: World, i: { WorkGroup?: string; NextToken?: string; MaxResults?: number }) => {
      const wg = i.WorkGroup ?? "primary";
      // Most recent first, like Athena.
      const ids = section<QueryExecution[]>(w, "athenaQueries", [])
        .filter((q) => (q.WorkGroup ?? "primary") === wg)
        .sort((a, b) => (b.Status?.SubmissionDateTime?.getTime() ?? 0) - (a.Status?.SubmissionDateTime?.getTime() ?? 0))
        .map((q) => q.QueryExecutionId!);
      const p = page(ids, i.NextToken, w.pageSize, i.MaxResults);
      return { QueryExecutionIds: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
    BatchGetQueryExecution: (w: World, i: { QueryExecutionIds: string[] }) => {
      if (!i.QueryExecutionIds?.length || i.QueryExecutionIds.length > 50) throw new AwsFault("InvalidRequestException", 400, "QueryExecutionIds must have 1 to 50 items");
      const all = section<QueryExecution[]>(w, "athenaQueries", []);
      const found = i.QueryExecutionIds.map((id) => all.find((q) => q.QueryExecutionId === id));
      return {
        QueryExecutions: found.filter((q): q is QueryExecution => q !== undefined),
        UnprocessedQueryExecutionIds: i.QueryExecutionIds.filter((_, k) => !found[k]).map((id) => ({ QueryExecutionId: id, ErrorCode: "INVALID_INPUT", ErrorMessage: "QueryExecution not found" })),
      };
    },
    GetQueryResults: (w: World, i: { QueryExecutionId: string }) => {
      const r = section<Record<string, ResultSet>>(w, "athenaResults", {})[i.QueryExecutionId];
      if (!r) throw new AwsFault("InvalidRequestException", 400, `Query has not yet finished or does not exist: ${i.QueryExecutionId}`);
      return { ResultSet: r, UpdateCount: 0 };
    },
  },
};

/** Nothing for glue_hard. */
export function complete(_w: Base, _student: string): Partial<OrchestrationWorld> {
  return {};
}
/** Nothing for glue_hard. */
export function partial(_w: Base, _student: string): Partial<OrchestrationWorld> {
  return {};
}
/** Nothing for glue_hard. */
export function other(_w: Base, _student: string): Partial<OrchestrationWorld> {
  return {};
}
