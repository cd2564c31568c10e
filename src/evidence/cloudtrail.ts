// Reading CloudTrail's event history (LookupEvents: read-only, the last 90 days) for authorship evidence: the account's
// write events in one time window, fetched once per session and window, paced under the API's 2 requests per second.
import { LookupEventsCommand, type Event } from "@aws-sdk/client-cloudtrail";
import type { AwsSession } from "../aws/session.js";
import { describeError } from "../aws/errors.js";
import { iamAction } from "../aws/services.js";
import { decodeValue, type Snapshot } from "../aws/snapshot.js";

/** LookupEvents answers at most 50 events a page; the event history keeps 90 days. */
const PAGE = 50;
const HISTORY_DAYS = 90;
/** At most this many pages (10,000 write events) per window; a busier account is reported as incomplete. */
const MAX_PAGES = 200;
/** LookupEvents allows 2 requests per second per account and region: pages go at most this often. */
const PAGE_GAP_MS = 500;

/** The window of an evidence run: from `since` (at most 90 days back) to `end` (the run's start). */
export function evidenceWindow(end: Date, since?: Date): { start: Date; end: Date } {
  const floor = new Date(end.getTime() - HISTORY_DAYS * 86_400_000);
  return { start: since && since > floor ? since : floor, end };
}

/** The IAM action evidence needs (for `policy --evidence cloudtrail`). */
export const EVIDENCE_ACTIONS = [iamAction("cloudtrail", "LookupEvents")] as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The account's write events (ReadOnly=false) in the window, oldest page last as CloudTrail returns them. Identical
 * inputs share the session's memo, so a batch reads one window once per account and region. Never throws: a failure
 * is one sentence naming the action.
 */
export async function writeEvents(session: AwsSession, window: { start: Date; end: Date }): Promise<{ events: Event[]; truncated: boolean } | { error: string }> {
  const events: Event[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    if (page > 0 && !session.replaying) await sleep(PAGE_GAP_MS);
    try {
      const out = await session.send(
        "cloudtrail",
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }], StartTime: window.start, EndTime: window.end, MaxResults: PAGE, ...(token ? { NextToken: token } : {}) }),
      );
      events.push(...(out.Events ?? []));
      token = out.NextToken;
    } catch (err) {
      return { error: `${EVIDENCE_ACTIONS[0]} failed: ${describeError(err)}` };
    }
    if (!token) return { events, truncated: false };
  }
  return { events, truncated: true };
}

/** The evidence flags of grade and batch, as commander parses them. */
export interface EvidenceFlags {
  evidence?: string;
  evidencePrincipal?: string;
  deadline?: string;
}

/** What is wrong with the evidence flags, in one sentence (the caller raises it as a usage error). */
export class EvidenceFlagError extends Error {}

/**
 * The evidence settings of a run, or undefined without `--evidence`. The window ends now; a replay reuses the window
 * its snapshot recorded, so the recorded answer is found again.
 */
export function evidenceFromFlags(f: EvidenceFlags, now: Date, snapshot?: Snapshot): { window: { start: Date; end: Date }; principal?: string; deadline?: Date } | undefined {
  if (f.evidence === undefined) {
    if (f.evidencePrincipal !== undefined || f.deadline !== undefined) throw new EvidenceFlagError("--evidence-principal and --deadline go with --evidence cloudtrail");
    return undefined;
  }
  if (f.evidence !== "cloudtrail") throw new EvidenceFlagError(`--evidence takes "cloudtrail" (CloudTrail's event history), got "${f.evidence.slice(0, 40)}"`);
  let deadline: Date | undefined;
  if (f.deadline !== undefined) {
    deadline = new Date(/^\d{4}-\d{2}-\d{2}$/.test(f.deadline) ? `${f.deadline}T23:59:59.999Z` : f.deadline);
    if (Number.isNaN(deadline.getTime())) throw new EvidenceFlagError(`--deadline takes a date or time (2026-12-01 or 2026-12-01T17:00:00Z), got "${f.deadline.slice(0, 40)}"`);
  }
  if (f.evidencePrincipal !== undefined && !/^[\w+=,.@:/*{}-]{1,512}$/.test(f.evidencePrincipal)) {
    throw new EvidenceFlagError(`--evidence-principal takes an IAM user name, role session name or ARN, with {student} and * (e.g. "student-{student}"), got "${f.evidencePrincipal.slice(0, 60)}"`);
  }
  return { window: (snapshot && recordedWindow(snapshot)) ?? evidenceWindow(now), ...(f.evidencePrincipal ? { principal: f.evidencePrincipal } : {}), ...(deadline ? { deadline } : {}) };
}

/** The window a snapshot's LookupEvents call used. */
function recordedWindow(snapshot: Snapshot): { start: Date; end: Date } | undefined {
  const call = snapshot.calls.find((c) => c.service === "cloudtrail" && c.operation === "LookupEvents");
  const input = call && (decodeValue(call.input) as { StartTime?: unknown; EndTime?: unknown });
  return input?.StartTime instanceof Date && input.EndTime instanceof Date ? { start: input.StartTime, end: input.EndTime } : undefined;
}
