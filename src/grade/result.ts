// The result of grading one student: the one model every reporter reads (schema "glue-validate/report" v1).
import type { FailureKind } from "../aws/errors.js";

/**
 * The status of one criterion. `warning` is only ever given to an advisory criterion (`severity: warning` in the
 * rubric) that did not pass or could not be checked: it is shown, but never costs points or changes the exit code.
 */
export type Status = "pass" | "fail" | "error" | "skipped" | "manual" | "warning";

/** One criterion, judged. */
export interface CriterionResult {
  id: string;
  title: string;
  status: Status;
  points: number;
  maxPoints: number;
  /** What the rubric expects, in words. */
  expected?: string;
  /** What was found (JSON-safe), for fail, warning and pass. */
  actual?: unknown;
  /** What was found, in words (the graded value rendered, or the rubric's `found:` sentence), for fail, warning and pass. */
  found?: string;
  /** One readable sentence: why this status. */
  message: string;
  hint?: string;
  /** For `error` (and a `warning` that could not be checked): the IAM action that could not be performed. */
  action?: string;
  /** For `error` (and a `warning` that could not be checked): why the read failed (only `accessDenied` is a permission problem). */
  cause?: FailureKind;
  /** For `manual`: what the human grader should look at. */
  manual?: string;
  /** For `skipped` because a required criterion did not pass: that criterion, as "task.criterion". */
  blockedBy?: string;
  /** For `manual`, once a person scored it (a manual-scores file): the points given and the grader's comment. */
  manualGrade?: { points: number; comment?: string };
  /** With --verbose: the facts behind the judgement. */
  evidence?: unknown;
}

/** One task of the assessment. */
export interface TaskResult {
  id: string;
  title: string;
  points: number;
  /** Points of the automatically graded criteria. */
  maxPoints: number;
  /** Points awaiting a human. */
  manualPoints: number;
  status: Status;
  criteria: CriterionResult[];
}

/** Counts of criteria by status. */
export type StatusCounts = Record<Status, number>;

/** The whole result for one student. */
export interface GradeReport {
  schema: "glue-validate/report";
  schemaVersion: 1;
  tool: { name: "glue-validate"; version: string };
  rubric: { assessment: string; title: string; version: string; source: string };
  student: string;
  /** The deployment environment graded (--env), for assessments that have environments. */
  environment?: string;
  account?: string;
  region: string;
  /** Graded in a region other than the one the student's resources are in: the one sentence saying where to grade. */
  regionHint?: string;
  mode: "live" | "replay";
  startedAt: string;
  durationMs: number;
  score: {
    points: number;
    /** Points the tool can award (manual criteria excluded). */
    maxPoints: number;
    manualPoints: number;
    percent: number;
    threshold: number;
    passed: boolean;
    /** Points a person gave the manual criteria (a manual-scores file); `pending`: manual criteria not scored yet. */
    manual?: { points: number; maxPoints: number; graded: number; pending: number };
    /** Automatic plus manual points, over both maxima (present with manual scores; `percent` stays automatic). */
    total?: { points: number; maxPoints: number; percent: number };
  };
  counts: StatusCounts;
  /** Present when only some tasks were graded (--only): the score covers only those, never the whole assessment. */
  partial?: { graded: number; total: number };
  tasks: TaskResult[];
  aws: { calls: number; memoHits: number; retries: number; errors: number };
  /** With --evidence cloudtrail: who created each of the student's named resources, and when. */
  evidence?: AuthorshipEvidence;
}

/** Authorship evidence from CloudTrail's event history for one student's named resources. */
export interface AuthorshipEvidence {
  source: "cloudtrail";
  /** The time window read (at most the 90 days CloudTrail keeps). */
  window: { start: string; end: string };
  /** The student's expected principal (--evidence-principal, filled); without it nobody is flagged as "other". */
  principal?: string;
  deadline?: string;
  /** Write events read in the window (all principals). */
  events: number;
  /** More write events than read (the account is busier than the page cap): resources may lack their event. */
  truncated?: boolean;
  resources: AuthorshipRecord[];
  /** Why nothing could be read, in one sentence (e.g. cloudtrail:LookupEvents denied). */
  error?: string;
}

/** One named resource: its creation event, or none in the window. */
export interface AuthorshipRecord {
  /** The rubric name key (`bucket`) and the resolved name. */
  key: string;
  name: string;
  createdBy?: string;
  createdAt?: string;
  /** The creating call, e.g. CreateBucket. */
  event?: string;
  /** Other principals (not the student's) that changed it. */
  otherWriters?: string[];
  flags: ("other-principal" | "after-deadline")[];
}
