// World part for CloudTrail's event history: LookupEvents over write and read events, in the SDK's Event shape.
import type { Event, LookupEventsRequest } from "@aws-sdk/client-cloudtrail";
import { AwsFault, page, section, type HandlerTable, type World } from "../types.js";

type Base = Pick<World, "region" | "account">;

const DAY = 86_400_000;

/** One event as CloudTrail records it: the JSON record (userIdentity, requestParameters) travels as a string. */
export function trailEvent(o: { name: string; source: string; at: Date; user: string; account: string; readOnly?: boolean; request: Record<string, unknown>; resources?: { type: string; name: string }[]; role?: string }): Event {
  const identity = o.role
    ? { type: "AssumedRole", arn: `arn:aws:sts::${o.account}:assumed-role/${o.role}/${o.user}`, accountId: o.account, sessionContext: { sessionIssuer: { type: "Role", userName: o.role } } }
    : { type: "IAMUser", arn: `arn:aws:iam::${o.account}:user/${o.user}`, accountId: o.account, userName: o.user };
  const id = `${o.name}-${o.user}-${o.at.getTime()}-${JSON.stringify(o.request).length}`;
  return {
    EventId: id,
    EventName: o.name,
    ReadOnly: o.readOnly ? "true" : "false",
    EventTime: o.at,
    EventSource: o.source,
    Username: o.user,
    Resources: (o.resources ?? []).map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: JSON.stringify({ eventVersion: "1.09", userIdentity: identity, eventTime: o.at.toISOString(), eventSource: o.source, eventName: o.name, readOnly: Boolean(o.readOnly), requestParameters: o.request, eventID: id }),
  };
}

/** The creation events of a student's main glue_hard resources, by `user`, `daysAgo` days before now. */
function built(w: Base, student: string, user: (what: string) => string, daysAgo: (what: string) => number): Event[] {
  const at = (what: string) => new Date(Date.now() - daysAgo(what) * DAY);
  const e = (what: string, name: string, source: string, request: Record<string, unknown>, resources?: { type: string; name: string }[]) =>
    trailEvent({ name, source, at: at(what), user: user(what), account: w.account, request, ...(resources ? { resources } : {}) });
  return [
    e("bucket", "CreateBucket", "s3.amazonaws.com", { bucketName: `enterprise-datalake-${student}`, Host: `enterprise-datalake-${student}.s3.amazonaws.com` }, [{ type: "AWS::S3::Bucket", name: `enterprise-datalake-${student}` }]),
    e("bucket", "PutBucketVersioning", "s3.amazonaws.com", { bucketName: `enterprise-datalake-${student}`, VersioningConfiguration: { Status: "Enabled" } }),
    e("alias", "CreateAlias", "kms.amazonaws.com", { aliasName: `alias/datalake-${student}`, targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }),
    e("db", "CreateDatabase", "glue.amazonaws.com", { databaseInput: { name: `landing_${student}` } }),
    e("crawler", "CreateCrawler", "glue.amazonaws.com", { name: `enterprise-crawler-${student}`, role: "GlueCrawlerRole", databaseName: `landing_${student}`, targets: { s3Targets: [{ path: `s3://enterprise-datalake-${student}/raw/` }] } }),
    e("dashboard", "PutDashboard", "monitoring.amazonaws.com", { dashboardName: `glue-pipeline-metrics-${student}` }),
  ];
}

/** CloudTrail: LookupEvents with one lookup attribute, a time range, pages of at most 50, newest first. */
export const handlers: HandlerTable = {
  cloudtrail: {
    LookupEvents: (w: World, input: LookupEventsRequest) => {
      const max = input.MaxResults ?? 50;
      if (max < 1 || max > 50) throw new AwsFault("InvalidMaxResultsException", 400, "MaxResults must be from 1 to 50");
      const attrs = input.LookupAttributes ?? [];
      if (attrs.length > 1) throw new AwsFault("InvalidLookupAttributesException", 400, "only one lookup attribute is allowed");
      const a = attrs[0];
      const start = input.StartTime ? new Date(input.StartTime).getTime() : -Infinity;
      const end = input.EndTime ? new Date(input.EndTime).getTime() : Infinity;
      if (start > end) throw new AwsFault("InvalidTimeRangeException", 400, "StartTime is after EndTime");
      const matches = (e: Event): boolean => {
        if (!a) return true;
        switch (a.AttributeKey) {
          case "ReadOnly": return e.ReadOnly === a.AttributeValue;
          case "EventName": return e.EventName === a.AttributeValue;
          case "Username": return e.Username === a.AttributeValue;
          case "ResourceName": return (e.Resources ?? []).some((r) => r.ResourceName === a.AttributeValue);
          default: throw new AwsFault("InvalidLookupAttributesException", 400, `unsupported attribute ${a.AttributeKey}`);
        }
      };
      const events = section<Event[]>(w, "trailEvents", [])
        .filter((e) => e.EventTime!.getTime() >= start && e.EventTime!.getTime() <= end && matches(e))
        .sort((x, y) => y.EventTime!.getTime() - x.EventTime!.getTime());
      const p = page(events, input.NextToken, w.pageSize, max);
      return { Events: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
  },
};

/** The student built everything themselves, ten days ago; the grader's reads are read-only events. */
export function complete(w: Base, student: string): Record<string, unknown> {
  const reads = [trailEvent({ name: "GetBucketPolicy", source: "s3.amazonaws.com", at: new Date(Date.now() - DAY), user: "grader", account: w.account, readOnly: true, request: { bucketName: `enterprise-datalake-${student}` } })];
  return { trailEvents: [...built(w, student, () => `student-${student}`, () => 10), ...reads] };
}

/** A classmate created the bucket, and the crawler was created yesterday (after a deadline two days ago). */
export function partial(w: Base, student: string): Record<string, unknown> {
  return { trailEvents: built(w, student, (what) => (what === "bucket" ? "student-s999" : `student-${student}`), (what) => (what === "crawler" ? 1 : 10)) };
}

/** Another student's own resources. */
export function other(w: Base, student: string): Record<string, unknown> {
  return { trailEvents: built(w, student, () => `student-${student}`, () => 20) };
}
