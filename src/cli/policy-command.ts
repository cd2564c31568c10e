// `glue-validate policy <assessment…>`: the least-privilege IAM policy a grader needs — exactly the read actions
// the rubric's checks declare, plus sts:GetCallerIdentity, one statement per service, with `Resource` narrowed
// to the rubric's names where the service supports resource-level permissions for those reads.
import type { Assessment } from "../grade/assessment.js";
import { EVIDENCE_ACTIONS } from "../evidence/cloudtrail.js";
import { checksNeeded } from "../grade/grade.js";
import type { Rubric } from "../rubric/schema.js";
import { resolveNames } from "../rubric/template.js";
import { EXIT, UsageError } from "./exit.js";
import { openAssessment } from "../app/assessments.js";
import type { CliIo } from "./io.js";
import { writeFileAtomic } from "../util/write-file.js";

/** One statement of an identity policy. */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Action verbs that only read. */
export const READ_VERBS = ["Get", "List", "Describe", "Head", "BatchGet", "Search"] as const;

/** Read actions whose names do not start with a read verb. */
export const READ_ACTION_ALLOW_LIST: readonly string[] = ["budgets:ViewBudget", ...EVIDENCE_ACTIONS];

/** Reads that expose secrets or credentials: never in the policy, even if a check declared them. */
export const SECRET_READS: readonly string[] = [
  "secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue", "secretsmanager:GetRandomPassword",
  "sts:GetSessionToken", "sts:GetFederationToken", "glue:GetConnection", "glue:GetConnections", "lambda:GetFunction",
  "iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails", "kms:GetParametersForImport",
];

/** True for an IAM action that only reads (by its verb, or the allow-list). */
export function isReadAction(action: string): boolean {
  const [service, verb] = action.split(":");
  if (!service || !verb) return false;
  if (READ_ACTION_ALLOW_LIST.includes(action)) return true;
  return READ_VERBS.some((p) => verb.startsWith(p) && /^[A-Z]/.test(verb.slice(p.length)));
}

/** S3 actions on a bucket (resource `arn:aws:s3:::bucket`). */
const S3_BUCKET_ACTIONS = new Set([
  "s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation", "s3:GetBucketVersioning", "s3:GetEncryptionConfiguration",
  "s3:GetBucketLogging", "s3:GetBucketCORS", "s3:GetBucketPolicy", "s3:GetBucketPolicyStatus", "s3:GetLifecycleConfiguration",
  "s3:GetBucketTagging", "s3:GetBucketPublicAccessBlock", "s3:GetBucketAcl", "s3:GetBucketOwnershipControls",
  "s3:GetBucketNotification", "s3:GetBucketWebsite", "s3:GetReplicationConfiguration", "s3:GetBucketObjectLockConfiguration",
  "s3:GetAccelerateConfiguration", "s3:GetIntelligentTieringConfiguration", "s3:GetInventoryConfiguration",
  "s3:GetMetricsConfiguration", "s3:GetAnalyticsConfiguration", "s3:GetBucketRequestPayment",
]);

/** Glue reads of one named database (resources: the catalog, the database, its tables). */
const GLUE_DATABASE_ACTIONS = new Set(["glue:GetDatabase", "glue:GetTables", "glue:GetTable", "glue:GetPartitions"]);

/** Options of the policy. */
export interface PolicyOptions {
  /** Narrow names to one student instead of every student (`{student}` → `*`). */
  student?: string;
  partition?: string;
  /** false: every statement on "*". */
  narrow?: boolean;
  /** --evidence cloudtrail: add what authorship evidence reads (cloudtrail:LookupEvents). */
  evidence?: boolean;
}

/** Service prefix → a Sid-friendly name. */
const SID_NAMES: Record<string, string> = {
  athena: "Athena", budgets: "Budgets", cloudformation: "CloudFormation", cloudwatch: "CloudWatch", databrew: "DataBrew", dynamodb: "DynamoDB", events: "EventBridge",
  glue: "Glue", iam: "Iam", kinesis: "Kinesis", kms: "Kms", lakeformation: "LakeFormation", lambda: "Lambda", s3: "S3",
  secretsmanager: "SecretsManager", states: "StepFunctions", sns: "Sns", sts: "Sts",
};
const sidName = (prefix: string): string => SID_NAMES[prefix] ?? prefix.replace(/(^|[^a-z0-9])([a-z0-9])/gi, (_m, _s, c: string) => c.toUpperCase());

/** The IAM actions the checks of the rubrics' tasks declare, plus sts:GetCallerIdentity; sorted, unique. */
export function policyActions(sources: readonly { assessment: Assessment; rubric: Rubric }[]): string[] {
  const actions = new Set<string>(["sts:GetCallerIdentity"]);
  for (const { assessment, rubric } of sources) {
    const used = new Set(checksNeeded(rubric));
    for (const c of assessment.checks) if (used.has(c.id)) for (const a of c.actions) actions.add(a);
  }
  for (const a of actions) {
    if (SECRET_READS.includes(a)) throw new Error(`a check declares ${a}, which reads secrets; it cannot be in the grader's policy`);
    if (!isReadAction(a)) throw new Error(`a check declares ${a}, which is not a read action`);
  }
  return [...actions].sort();
}

function uniqueSorted(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

/** Builds the policy document for one or more (assessment, rubric) pairs. */
export function buildPolicy(sources: readonly { assessment: Assessment; rubric: Rubric }[], opts: PolicyOptions = {}): PolicyDocument {
  const partition = opts.partition ?? "aws";
  const actions = uniqueSorted([...policyActions(sources), ...(opts.evidence ? EVIDENCE_ACTIONS : [])]);
  const buckets: string[] = [];
  const databases: string[] = [];
  // Per assessment: the actions its checks use and whether its rubric names buckets / databases. An action is narrowed
  // only when every assessment that uses it names resources of that kind (else its checks read student-chosen ones).
  const perSource = sources.map((source) => {
    const { rubric } = source;
    const resolved = resolveNames(rubric.names, { student: opts.student ?? "*", account: "*", region: "*", env: rubric.environment ? "*" : undefined });
    const own = { actions: new Set(policyActions([source])), buckets: 0, databases: 0 };
    for (const [key, value] of Object.entries(resolved)) {
      const v = value.replace(/\*+/g, "*");
      if (/bucket/i.test(key)) buckets.push(v), own.buckets++;
      // Keys like landingDb, rawDbSuffixed, database (not processedBucket); a check may also try the underscore spelling.
      if (/Db|[dD]atabase/.test(key)) databases.push(v, v.replace(/-/g, "_")), own.databases++;
    }
    return own;
  });
  const namedByAll = (action: string, kind: "buckets" | "databases") => perSource.every((s) => !s.actions.has(action) || s[kind] > 0);
  const narrow = opts.narrow !== false;
  const byStatement = new Map<string, { actions: string[]; resource: string | string[] }>();
  const add = (sid: string, action: string, resource: string | string[]): void => {
    const s = byStatement.get(sid) ?? { actions: [], resource };
    s.actions.push(action);
    byStatement.set(sid, s);
  };
  for (const action of actions) {
    const prefix = action.split(":")[0]!;
    if (narrow && prefix === "s3" && S3_BUCKET_ACTIONS.has(action) && buckets.length && namedByAll(action, "buckets")) {
      add("S3ReadDataLakeBuckets", action, uniqueSorted(buckets.map((b) => `arn:${partition}:s3:::${b}`)));
    } else if (narrow && prefix === "glue" && GLUE_DATABASE_ACTIONS.has(action) && databases.length && namedByAll(action, "databases")) {
      add("GlueReadDatabases", action, [
        `arn:${partition}:glue:*:*:catalog`,
        ...uniqueSorted(databases.map((d) => `arn:${partition}:glue:*:*:database/${d}`)),
        ...uniqueSorted(databases.map((d) => `arn:${partition}:glue:*:*:table/${d}/*`)),
      ]);
    } else {
      add(`${sidName(prefix)}Read`, action, "*");
    }
  }
  const statements = [...byStatement.entries()]
    .map(([Sid, s]): PolicyStatement => ({ Sid, Effect: "Allow", Action: uniqueSorted(s.actions), Resource: s.resource }))
    .sort((a, b) => (a.Sid < b.Sid ? -1 : a.Sid > b.Sid ? 1 : 0));
  return { Version: "2012-10-17", Statement: statements };
}

/** Every action of a policy document. */
export function actionsOf(policy: PolicyDocument): string[] {
  return uniqueSorted(policy.Statement.flatMap((s) => s.Action));
}

/** Flags of `policy`. */
export interface PolicyFlags {
  rubric?: string;
  student?: string;
  partition?: string;
  narrow?: boolean;
  output?: string;
  evidence?: string;
}

/** Runs `policy`. */
export async function runPolicy(ids: string[], flags: PolicyFlags, io: CliIo): Promise<number> {
  if (!ids.length) throw new UsageError("policy needs at least one assessment");
  if (flags.rubric && ids.length > 1) throw new UsageError("--rubric applies to one assessment; give one assessment with it");
  if (flags.student !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(flags.student)) throw new UsageError(`invalid --student "${flags.student.slice(0, 40)}"`);
  if (flags.partition !== undefined && !/^aws(-[a-z-]+)?$/.test(flags.partition)) throw new UsageError(`--partition must be aws, aws-cn, aws-us-gov…, got "${flags.partition}"`);
  const sources = [];
  for (const id of [...new Set(ids)]) sources.push(await openAssessment(flags.rubric ? { id, rubricFile: flags.rubric } : { id }));
  if (flags.evidence !== undefined && flags.evidence !== "cloudtrail") throw new UsageError(`--evidence takes "cloudtrail", got "${flags.evidence.slice(0, 40)}"`);
  const policy = buildPolicy(sources, { student: flags.student, partition: flags.partition, narrow: flags.narrow, evidence: flags.evidence === "cloudtrail" });
  const text = `${JSON.stringify(policy, null, 2)}\n`;
  if (flags.output) {
    writeFileAtomic(flags.output, text);
    io.err(`policy written to ${flags.output}\n`);
  } else io.out(text);
  return EXIT.PASS;
}
