// World part for Tasks 7, 12, 13: DataBrew projects/datasets/recipes, Glue security configurations, Secrets Manager, IAM roles, CloudWatch dashboards and alarms, SNS topics, EventBridge rules.
import type { Dataset, Project, Recipe, RecipeStep } from "@aws-sdk/client-databrew";
import type { SecurityConfiguration } from "@aws-sdk/client-glue";
import type { DescribeSecretResponse, Filter, SecretListEntry } from "@aws-sdk/client-secrets-manager";
import type { AttachedPolicy, Role } from "@aws-sdk/client-iam";
import type { CompositeAlarm, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { Subscription } from "@aws-sdk/client-sns";
import type { Rule, Target } from "@aws-sdk/client-eventbridge";
import { AwsFault, page, section, type CallContext, type HandlerTable, type World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** A dashboard as GetDashboard returns it. */
export interface DashboardRecord {
  DashboardName: string;
  DashboardArn: string;
  /** A JSON string, exactly as the student saved it (it may be malformed). */
  DashboardBody: string;
  LastModified: Date;
}

/** An SNS topic: its ARN and GetTopicAttributes map. */
export interface TopicRecord {
  TopicArn: string;
  Attributes: Record<string, string>;
}

/** Sections owned by this part. */
export interface OpsWorld {
  databrewProjects: Project[];
  databrewDatasets: Dataset[];
  /** One entry per recipe version: "LATEST_WORKING" or a published "1.0", "2.0"… */
  databrewRecipes: Recipe[];
  securityConfigurations: SecurityConfiguration[];
  secrets: DescribeSecretResponse[];
  /** AssumeRolePolicyDocument URL-encoded, as IAM returns it. */
  iamRoles: Role[];
  /** Managed policies attached to a role, by role name. */
  iamAttachedPolicies: Record<string, AttachedPolicy[]>;
  /** Inline policies of a role: role name → policy name → document (URL-encoded, as IAM returns it). */
  iamRolePolicies: Record<string, Record<string, string>>;
  /** Customer-managed policies by ARN: the default version's document (URL-encoded, as IAM returns it). */
  iamManagedPolicies: Record<string, string>;
  dashboards: DashboardRecord[];
  metricAlarms: MetricAlarm[];
  compositeAlarms: CompositeAlarm[];
  snsTopics: TopicRecord[];
  snsSubscriptions: Subscription[];
  /** Rules of the default event bus. */
  eventRules: Rule[];
  /** Targets by rule name. */
  eventTargets: Record<string, Target[]>;
}

const brewMissing = (kind: string, name: string) => new AwsFault("ResourceNotFoundException", 404, `${kind} ${name} wasn't found.`);
const versionNumber = (v: string | undefined) => (v && /^\d+(\.\d+)?$/.test(v) ? Number(v) : -1);

function latestPublished(w: World, name: string): Recipe | undefined {
  return section<Recipe[]>(w, "databrewRecipes", [])
    .filter((r) => r.Name === name && r.RecipeVersion !== "LATEST_WORKING")
    .sort((a, b) => versionNumber(b.RecipeVersion) - versionNumber(a.RecipeVersion))[0];
}

function secretEntry(s: DescribeSecretResponse): SecretListEntry {
  const { VersionIdsToStages, ReplicationStatus: _r, ...rest } = s;
  return { ...rest, ...(VersionIdsToStages ? { SecretVersionsToStages: VersionIdsToStages } : {}) };
}

function secretMatches(s: DescribeSecretResponse, filters: readonly Filter[] | undefined): boolean {
  return (filters ?? []).every((f) => {
    const values = f.Values ?? [];
    const tags = s.Tags ?? [];
    const test = (hay: string | undefined) => values.some((v) => (v.startsWith("!") ? !(hay ?? "").startsWith(v.slice(1)) : (hay ?? "").startsWith(v)));
    switch (f.Key) {
      case "name":
        return test(s.Name);
      case "description":
        return test(s.Description);
      case "tag-key":
        return tags.some((t) => test(t.Key));
      case "tag-value":
        return tags.some((t) => test(t.Value));
      case "all":
        return test(s.Name) || test(s.Description) || tags.some((t) => test(t.Key) || test(t.Value));
      default:
        return true;
    }
  });
}

const alarmRegion = (arn: string | undefined, fallback: string) => arn?.split(":")[3] ?? fallback;

/** Handlers of every operation of Tasks 7, 12 and 13. */
/** A role by name, or IAM's NoSuchEntity. */
function roleOf(w: World, name: string): Role {
  const r = section<Role[]>(w, "iamRoles", []).find((x) => x.RoleName === name);
  if (!r) throw new AwsFault("NoSuchEntityException", 404, `The role with name ${name} cannot be found.`);
  return r;
}

export const handlers: HandlerTable = {
  databrew: {
    DescribeProject: (w: World, i: { Name: string }) => {
      const p = section<Project[]>(w, "databrewProjects", []).find((x) => x.Name === i.Name);
      if (!p) throw brewMissing("Project", i.Name);
      return { ...p };
    },
    ListProjects: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<Project[]>(w, "databrewProjects", []), i.NextToken, w.pageSize, i.MaxResults);
      return { Projects: p.items, NextToken: p.next };
    },
    DescribeDataset: (w: World, i: { Name: string }) => {
      const d = section<Dataset[]>(w, "databrewDatasets", []).find((x) => x.Name === i.Name);
      if (!d) throw brewMissing("Dataset", i.Name);
      return { ...d };
    },
    ListDatasets: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<Dataset[]>(w, "databrewDatasets", []), i.NextToken, w.pageSize, i.MaxResults);
      return { Datasets: p.items, NextToken: p.next };
    },
    // Without RecipeVersion: the latest published version (a never-published recipe is not found).
    DescribeRecipe: (w: World, i: { Name: string; RecipeVersion?: string }) => {
      const all = section<Recipe[]>(w, "databrewRecipes", []);
      const r = i.RecipeVersion
        ? i.RecipeVersion === "LATEST_PUBLISHED"
          ? latestPublished(w, i.Name)
          : all.find((x) => x.Name === i.Name && x.RecipeVersion === i.RecipeVersion)
        : latestPublished(w, i.Name);
      if (!r) throw brewMissing("Recipe", `${i.Name}${i.RecipeVersion ? ` version ${i.RecipeVersion}` : ""}`);
      return { ...r };
    },
    ListRecipes: (w: World, i: { NextToken?: string; MaxResults?: number; RecipeVersion?: string }) => {
      const all = section<Recipe[]>(w, "databrewRecipes", []);
      const names = [...new Set(all.map((r) => r.Name!))];
      const rows = i.RecipeVersion === "LATEST_WORKING" ? all.filter((r) => r.RecipeVersion === "LATEST_WORKING") : names.map((n) => latestPublished(w, n)).filter((r): r is Recipe => r !== undefined);
      const p = page(rows, i.NextToken, w.pageSize, i.MaxResults);
      return { Recipes: p.items, NextToken: p.next };
    },
  },
  glue: {
    GetSecurityConfiguration: (w: World, i: { Name: string }) => {
      const c = section<SecurityConfiguration[]>(w, "securityConfigurations", []).find((x) => x.Name === i.Name);
      if (!c) throw new AwsFault("EntityNotFoundException", 400, `Security configuration ${i.Name} not found.`);
      return { SecurityConfiguration: c };
    },
    GetSecurityConfigurations: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<SecurityConfiguration[]>(w, "securityConfigurations", []), i.NextToken, w.pageSize, i.MaxResults);
      return { SecurityConfigurations: p.items, NextToken: p.next };
    },
  },
  secretsmanager: {
    ListSecrets: (w: World, i: { NextToken?: string; MaxResults?: number; Filters?: Filter[]; IncludePlannedDeletion?: boolean }) => {
      const rows = section<DescribeSecretResponse[]>(w, "secrets", []).filter((s) => (i.IncludePlannedDeletion || !s.DeletedDate) && secretMatches(s, i.Filters));
      const p = page(rows.map(secretEntry), i.NextToken, w.pageSize, i.MaxResults);
      return { SecretList: p.items, NextToken: p.next };
    },
    DescribeSecret: (w: World, i: { SecretId: string }) => {
      const s = section<DescribeSecretResponse[]>(w, "secrets", []).find((x) => x.Name === i.SecretId || x.ARN === i.SecretId);
      if (!s) throw new AwsFault("ResourceNotFoundException", 400, "Secrets Manager can't find the specified secret.");
      return { ...s };
    },
  },
  iam: {
    // ListRoles returns the trust policy but neither tags nor the permissions boundary.
    ListRoles: (w: World, i: { Marker?: string; MaxItems?: number; PathPrefix?: string }) => {
      const rows = section<Role[]>(w, "iamRoles", []).filter((r) => !i.PathPrefix || (r.Path ?? "/").startsWith(i.PathPrefix));
      const p = page(rows, i.Marker, w.pageSize, i.MaxItems);
      return { Roles: p.items.map(({ Tags: _t, PermissionsBoundary: _b, RoleLastUsed: _u, ...r }) => r), IsTruncated: p.next !== undefined, ...(p.next ? { Marker: p.next } : {}) };
    },
    GetRole: (w: World, i: { RoleName: string }) => {
      return { Role: roleOf(w, i.RoleName) };
    },
    ListAttachedRolePolicies: (w: World, i: { RoleName: string; Marker?: string; MaxItems?: number }) => {
      roleOf(w, i.RoleName);
      const p = page(section<Record<string, AttachedPolicy[]>>(w, "iamAttachedPolicies", {})[i.RoleName] ?? [], i.Marker, w.pageSize, i.MaxItems);
      return { AttachedPolicies: p.items, IsTruncated: p.next !== undefined, ...(p.next ? { Marker: p.next } : {}) };
    },
    ListRolePolicies: (w: World, i: { RoleName: string; Marker?: string; MaxItems?: number }) => {
      roleOf(w, i.RoleName);
      const p = page(Object.keys(section<Record<string, Record<string, string>>>(w, "iamRolePolicies", {})[i.RoleName] ?? {}), i.Marker, w.pageSize, i.MaxItems);
      return { PolicyNames: p.items, IsTruncated: p.next !== undefined, ...(p.next ? { Marker: p.next } : {}) };
    },
    GetPolicy: (w: World, i: { PolicyArn: string }) => {
      if (section<Record<string, string>>(w, "iamManagedPolicies", {})[i.PolicyArn] === undefined) throw new AwsFault("NoSuchEntityException", 404, `Policy ${i.PolicyArn} does not exist or is not attachable.`);
      return { Policy: { Arn: i.PolicyArn, PolicyName: i.PolicyArn.split("/").pop(), DefaultVersionId: "v2", AttachmentCount: 1, IsAttachable: true } };
    },
    GetPolicyVersion: (w: World, i: { PolicyArn: string; VersionId: string }) => {
      const doc = section<Record<string, string>>(w, "iamManagedPolicies", {})[i.PolicyArn];
      if (doc === undefined || i.VersionId !== "v2") throw new AwsFault("NoSuchEntityException", 404, `Policy ${i.PolicyArn} version ${i.VersionId} does not exist or is not attachable.`);
      return { PolicyVersion: { Document: doc, VersionId: "v2", IsDefaultVersion: true } };
    },
    GetRolePolicy: (w: World, i: { RoleName: string; PolicyName: string }) => {
      roleOf(w, i.RoleName);
      const doc = section<Record<string, Record<string, string>>>(w, "iamRolePolicies", {})[i.RoleName]?.[i.PolicyName];
      if (doc === undefined) throw new AwsFault("NoSuchEntityException", 404, `The role policy with name ${i.PolicyName} cannot be found.`);
      return { RoleName: i.RoleName, PolicyName: i.PolicyName, PolicyDocument: doc };
    },
  },
  cloudwatch: {
    GetDashboard: (w: World, i: { DashboardName: string }) => {
      const d = section<DashboardRecord[]>(w, "dashboards", []).find((x) => x.DashboardName === i.DashboardName);
      if (!d) throw new AwsFault("ResourceNotFound", 404, `Dashboard ${i.DashboardName} does not exist`, { "x-amzn-query-error": "ResourceNotFound;Sender" });
      return { DashboardName: d.DashboardName, DashboardArn: d.DashboardArn, DashboardBody: d.DashboardBody };
    },
    ListDashboards: (w: World, i: { DashboardNamePrefix?: string; NextToken?: string }) => {
      const rows = section<DashboardRecord[]>(w, "dashboards", []).filter((d) => !i.DashboardNamePrefix || d.DashboardName.startsWith(i.DashboardNamePrefix));
      const p = page(rows.map((d) => ({ DashboardName: d.DashboardName, DashboardArn: d.DashboardArn, LastModified: d.LastModified, Size: d.DashboardBody.length })), i.NextToken, w.pageSize);
      return { DashboardEntries: p.items, NextToken: p.next };
    },
    // Without AlarmTypes only metric alarms are returned.
    DescribeAlarms: (w: World, i: { AlarmTypes?: string[]; AlarmNamePrefix?: string; AlarmNames?: string[]; NextToken?: string; MaxRecords?: number }, ctx: CallContext) => {
      if (i.AlarmNames && i.AlarmNamePrefix) throw new AwsFault("InvalidParameterCombination", 400, "AlarmNames and AlarmNamePrefix cannot be combined");
      const types = i.AlarmTypes?.length ? i.AlarmTypes : ["MetricAlarm"];
      const keep = (a: { AlarmName?: string; AlarmArn?: string }) =>
        alarmRegion(a.AlarmArn, w.region) === ctx.region && (!i.AlarmNamePrefix || (a.AlarmName ?? "").startsWith(i.AlarmNamePrefix)) && (!i.AlarmNames || i.AlarmNames.includes(a.AlarmName ?? ""));
      const rows: ({ k: "m"; a: MetricAlarm } | { k: "c"; a: CompositeAlarm })[] = [
        ...(types.includes("MetricAlarm") ? section<MetricAlarm[]>(w, "metricAlarms", []).filter(keep).map((a) => ({ k: "m" as const, a })) : []),
        ...(types.includes("CompositeAlarm") ? section<CompositeAlarm[]>(w, "compositeAlarms", []).filter(keep).map((a) => ({ k: "c" as const, a })) : []),
      ];
      const p = page(rows, i.NextToken, w.pageSize, i.MaxRecords);
      return {
        MetricAlarms: p.items.flatMap((x) => (x.k === "m" ? [x.a] : [])),
        CompositeAlarms: p.items.flatMap((x) => (x.k === "c" ? [x.a] : [])),
        ...(p.next ? { NextToken: p.next } : {}),
      };
    },
  },
  sns: {
    ListTopics: (w: World, i: { NextToken?: string }) => {
      const p = page(section<TopicRecord[]>(w, "snsTopics", []).map((t) => ({ TopicArn: t.TopicArn })), i.NextToken, w.pageSize);
      return { Topics: p.items, NextToken: p.next };
    },
    GetTopicAttributes: (w: World, i: { TopicArn: string }) => {
      const t = section<TopicRecord[]>(w, "snsTopics", []).find((x) => x.TopicArn === i.TopicArn);
      if (!t) throw new AwsFault("NotFoundException", 404, "Topic does not exist");
      const subs = section<Subscription[]>(w, "snsSubscriptions", []).filter((s) => s.TopicArn === i.TopicArn);
      return { Attributes: { TopicArn: t.TopicArn, SubscriptionsConfirmed: String(subs.length), SubscriptionsPending: "0", SubscriptionsDeleted: "0", ...t.Attributes } };
    },
    ListSubscriptionsByTopic: (w: World, i: { TopicArn: string; NextToken?: string }) => {
      if (!section<TopicRecord[]>(w, "snsTopics", []).some((x) => x.TopicArn === i.TopicArn)) throw new AwsFault("NotFoundException", 404, "Topic does not exist");
      const p = page(section<Subscription[]>(w, "snsSubscriptions", []).filter((s) => s.TopicArn === i.TopicArn), i.NextToken, w.pageSize);
      return { Subscriptions: p.items, NextToken: p.next };
    },
  },
  eventbridge: {
    ListRules: (w: World, i: { NamePrefix?: string; EventBusName?: string; NextToken?: string; Limit?: number }) => {
      const bus = i.EventBusName ?? "default";
      const rows = section<Rule[]>(w, "eventRules", []).filter((r) => (r.EventBusName ?? "default") === bus && (!i.NamePrefix || (r.Name ?? "").startsWith(i.NamePrefix)));
      const p = page(rows, i.NextToken, w.pageSize, i.Limit);
      return { Rules: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
    ListTargetsByRule: (w: World, i: { Rule: string; EventBusName?: string; NextToken?: string; Limit?: number }) => {
      if (!section<Rule[]>(w, "eventRules", []).some((r) => r.Name === i.Rule)) throw new AwsFault("ResourceNotFoundException", 400, `Rule ${i.Rule} does not exist on EventBus ${i.EventBusName ?? "default"}.`);
      const p = page(section<Record<string, Target[]>>(w, "eventTargets", {})[i.Rule] ?? [], i.NextToken, w.pageSize, i.Limit);
      return { Targets: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
  },
};

// ── resources ──────────────────────────────────────────────────────────────

const T0 = new Date("2026-11-02T09:00:00Z");
const kmsKey = (w: Base, s: string) => `arn:aws:kms:${w.region}:${w.account}:key/0000aaaa-${s.padStart(4, "0").slice(-4)}-4bcd-9ef0-123456789abc`;
/** A trust policy document as IAM returns it: URL-encoded JSON. */
export const trustDoc = (principal: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra }] }));

const step = (Operation: string, Parameters: Record<string, string>, ConditionExpressions?: RecipeStep["ConditionExpressions"]): RecipeStep => ({ Action: { Operation, Parameters }, ...(ConditionExpressions ? { ConditionExpressions } : {}) });

/** The lab's recipe, as the DataBrew console saves it. */
export const LAB_STEPS: RecipeStep[] = [
  step("REMOVE_DUPLICATES", { sourceColumn: "customer_id" }),
  step("FILL_WITH_CUSTOM", { sourceColumn: "email", columnDataType: "string", value: "unknown@example.com" }),
  step("FLAG_COLUMN_FROM_PATTERN", { sourceColumn: "email", pattern: "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$", targetColumn: "email_valid", trueString: "true", falseString: "false" }),
  step("CHANGE_DATA_TYPE", { sourceColumn: "created_at", columnDataType: "timestamp" }),
  step("REMOVE_MISSING", { sourceColumn: "customer_id" }),
  step("FLAG_OUTLIERS", { sourceColumn: "amount", targetColumn: "amount_outlier", outlierStrategy: "Z_SCORE", threshold: "3", trueString: "Yes", falseString: "No" }),
  step("REMOVE_COMBINED", { sourceColumn: "name", removeLeadingAndTrailingWhitespace: "true", collapseConsecutiveWhitespace: "false" }),
];

function databrewOf(w: Base, s: string, steps: RecipeStep[], published: boolean, recipeName = `clean-customer-data-${s}`): Pick<OpsWorld, "databrewProjects" | "databrewDatasets" | "databrewRecipes"> {
  const arn = (kind: string, n: string) => `arn:aws:databrew:${w.region}:${w.account}:${kind}/${n}`;
  const recipe = (version: string): Recipe => ({
    Name: `clean-customer-data-${s}`,
    RecipeVersion: version,
    Steps: steps,
    ProjectName: `data-quality-project-${s}`,
    CreateDate: T0,
    LastModifiedDate: T0,
    ResourceArn: arn("recipe", `clean-customer-data-${s}`),
    ...(version === "LATEST_WORKING" ? {} : { PublishedDate: new Date("2026-11-02T10:00:00Z"), PublishedBy: `arn:aws:iam::${w.account}:user/student-${s}` }),
  });
  return {
    databrewProjects: [
      {
        Name: `data-quality-project-${s}`,
        DatasetName: `customer-data-${s}`,
        RecipeName: recipeName,
        RoleArn: `arn:aws:iam::${w.account}:role/DataBrewServiceRole-${s}`,
        Sample: { Type: "FIRST_N", Size: 500 },
        CreateDate: T0,
        ResourceArn: arn("project", `data-quality-project-${s}`),
        Tags: { StudentID: s },
      },
    ],
    databrewDatasets: [
      {
        Name: `customer-data-${s}`,
        Format: "CSV",
        FormatOptions: { Csv: { Delimiter: ",", HeaderRow: true } },
        Input: { S3InputDefinition: { Bucket: `enterprise-datalake-${s}`, Key: "landing/customers/customers.csv" } },
        Source: "S3",
        CreateDate: T0,
        ResourceArn: arn("dataset", `customer-data-${s}`),
      },
    ],
    databrewRecipes: published ? [recipe("LATEST_WORKING"), recipe("1.0")] : [recipe("LATEST_WORKING")],
  };
}

function securityOf(w: Base, s: string, cloudWatchMode: "SSE-KMS" | "DISABLED"): Pick<OpsWorld, "securityConfigurations"> {
  const key = kmsKey(w, s);
  return {
    securityConfigurations: [
      {
        Name: `enterprise-security-config-${s}`,
        CreatedTimeStamp: T0,
        EncryptionConfiguration: {
          S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: key }],
          CloudWatchEncryption: cloudWatchMode === "SSE-KMS" ? { CloudWatchEncryptionMode: "SSE-KMS", KmsKeyArn: key } : { CloudWatchEncryptionMode: "DISABLED" },
          JobBookmarksEncryption: { JobBookmarksEncryptionMode: "CSE-KMS", KmsKeyArn: key },
        },
      },
    ],
  };
}

function secretOf(w: Base, s: string, rotation: boolean): DescribeSecretResponse {
  const arn = `arn:aws:secretsmanager:${w.region}:${w.account}:secret:glue/db-credentials-${s}-AbCdEf`;
  return {
    ARN: arn,
    Name: `glue/db-credentials-${s}`,
    Description: "Database credentials for Glue JDBC connections",
    KmsKeyId: kmsKey(w, s),
    ...(rotation
      ? { RotationEnabled: true, RotationLambdaARN: `arn:aws:lambda:${w.region}:${w.account}:function:SecretsManagerRotation-${s}`, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: T0, NextRotationDate: new Date("2026-12-02T09:00:00Z") }
      : {}),
    LastChangedDate: T0,
    CreatedDate: T0,
    Tags: [{ Key: "StudentID", Value: s }],
    VersionIdsToStages: { "11111111-2222-3333-4444-555555555555": ["AWSCURRENT"] },
  };
}

function rolesOf(w: Base, s: string, databrewTrust: string[]): Role[] {
  const role = (name: string, doc: string): Role => ({ Path: "/", RoleName: name, RoleId: `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 16)}`, Arn: `arn:aws:iam::${w.account}:role/${name}`, CreateDate: T0, AssumeRolePolicyDocument: doc, MaxSessionDuration: 3600, Tags: [{ Key: "StudentID", Value: s }] });
  return [
    role(`GlueServiceRole-${s}`, trustDoc({ Service: "glue.amazonaws.com" })),
    role(`DataBrewServiceRole-${s}`, trustDoc({ Service: databrewTrust })),
    role(`LakeFormationAdminRole-${s}`, trustDoc({ Service: ["lakeformation.amazonaws.com", "glue.amazonaws.com"] })),
    role(`CrossAccountCatalogRole-${s}`, trustDoc({ AWS: "arn:aws:iam::210987654321:root" }, { Condition: { StringEquals: { "sts:ExternalId": `catalog-share-${s}` } } })),
  ];
}

/** A console-style dashboard body with "." and "..." shorthand; `widgets` of the six lab widgets are kept. */
export function dashboardJson(w: Base, s: string, widgets = 6): string {
  const job = `studio-etl-pipeline-${s}`;
  const all = [
    { type: "metric", x: 0, y: 0, width: 12, height: 6, properties: { title: "Job success / failure", region: w.region, stat: "Sum", period: 300, metrics: [["Glue", "glue.driver.aggregate.numCompletedTasks", "JobName", job, "JobRunId", "ALL", "Type", "count"], [".", "glue.driver.aggregate.numFailedTasks", "..."]] } },
    { type: "metric", x: 12, y: 0, width: 12, height: 6, properties: { title: "Job duration", region: w.region, stat: "Average", period: 300, metrics: [["Glue", "glue.driver.aggregate.elapsedTime", "JobName", job, "JobRunId", "ALL", "Type", "gauge"], ["...", `streaming-etl-${s}`, "JobRunId", "ALL", "Type", "gauge"]] } },
    { type: "metric", x: 0, y: 6, width: 12, height: 6, properties: { title: "DPU utilisation", region: w.region, stat: "Maximum", period: 300, metrics: [["Glue", "glue.driver.ExecutorAllocationManager.executors.numberAllExecutors", "JobName", job, "JobRunId", "ALL", "Type", "gauge"], ["...", "glue.driver.ExecutorAllocationManager.executors.numberMaxNeededExecutors", "JobName", job, "JobRunId", "ALL", "Type", "gauge"], [{ expression: "m1 / 10 * 100", label: "DPU %", id: "e1" }]] } },
    { type: "metric", x: 12, y: 6, width: 12, height: 6, properties: { title: "Data quality score", region: w.region, stat: "Average", period: 3600, metrics: [["Glue Data Quality", "glue.data.quality.rules.passed", "Ruleset", `customer-quality-${s}`]] } },
    { type: "metric", x: 0, y: 12, width: 12, height: 6, properties: { title: "Cost per job", region: "us-east-1", stat: "Maximum", period: 86400, metrics: [["AWS/Billing", "EstimatedCharges", "ServiceName", "AWSGlue", "Currency", "USD"]] } },
    { type: "text", x: 12, y: 12, width: 12, height: 6, properties: { markdown: `## Crawler run statistics\nenterprise-crawler-${s}: see the Glue console crawler history.` } },
  ];
  return JSON.stringify({ start: "-PT6H", periodOverride: "inherit", widgets: all.slice(0, widgets) });
}

function alarmsOf(w: Base, s: string, withCost: boolean): Pick<OpsWorld, "metricAlarms" | "compositeAlarms"> {
  const arn = (name: string, region = w.region) => `arn:aws:cloudwatch:${region}:${w.account}:alarm:${name}`;
  const critical = `arn:aws:sns:${w.region}:${w.account}:glue-critical-alerts-${s}`;
  const warnings = `arn:aws:sns:${w.region}:${w.account}:glue-warnings-${s}`;
  const job = `studio-etl-pipeline-${s}`;
  const dims = (type: string) => [{ Name: "JobName", Value: job }, { Name: "JobRunId", Value: "ALL" }, { Name: "Type", Value: type }];
  const base = { ActionsEnabled: true, StateValue: "OK" as const, StateUpdatedTimestamp: T0, AlarmConfigurationUpdatedTimestamp: T0, EvaluationPeriods: 1, TreatMissingData: "notBreaching", OKActions: [], InsufficientDataActions: [] };
  const simple = (name: string, namespace: string, metric: string, threshold: number, op: MetricAlarm["ComparisonOperator"], actions: string[], dimensions = dims("gauge"), region = w.region): MetricAlarm => ({
    ...base, AlarmName: name, AlarmArn: arn(name, region), AlarmActions: actions, Namespace: namespace, MetricName: metric, Dimensions: dimensions, Statistic: "Maximum", Period: 300, Threshold: threshold, ComparisonOperator: op,
  });
  // Failure rate as metric math: no MetricName/Namespace at the top level.
  const failureRate: MetricAlarm = {
    ...base,
    AlarmName: `glue-job-failure-rate-${s}`,
    AlarmArn: arn(`glue-job-failure-rate-${s}`),
    AlarmDescription: "Job failure rate above 10%",
    AlarmActions: [critical],
    Threshold: 10,
    ComparisonOperator: "GreaterThanThreshold",
    Metrics: [
      { Id: "failed", MetricStat: { Metric: { Namespace: "Glue", MetricName: "glue.driver.aggregate.numFailedTasks", Dimensions: dims("count") }, Period: 300, Stat: "Sum" }, ReturnData: false },
      { Id: "done", MetricStat: { Metric: { Namespace: "Glue", MetricName: "glue.driver.aggregate.numCompletedTasks", Dimensions: dims("count") }, Period: 300, Stat: "Sum" }, ReturnData: false },
      { Id: "rate", Expression: "100 * failed / (failed + done)", Label: "Failure %", ReturnData: true },
    ],
  };
  const metricAlarms = [
    failureRate,
    simple(`glue-job-duration-${s}`, "Glue", "glue.driver.aggregate.elapsedTime", 3_600_000, "GreaterThanThreshold", [warnings]),
    simple(`glue-dpu-usage-${s}`, "Glue", "glue.driver.ExecutorAllocationManager.executors.numberAllExecutors", 8, "GreaterThanThreshold", [warnings]),
    simple(`glue-data-quality-score-${s}`, "Glue Data Quality", "glue.data.quality.score", 90, "LessThanThreshold", [critical], [{ Name: "Ruleset", Value: `customer-quality-${s}` }]),
    withCost
      ? simple(`glue-daily-cost-${s}`, "AWS/Billing", "EstimatedCharges", 25, "GreaterThanThreshold", [warnings], [{ Name: "ServiceName", Value: "AWSGlue" }, { Name: "Currency", Value: "USD" }], "us-east-1")
      : simple(`glue-crawler-failures-${s}`, "Glue", "glue.driver.aggregate.numFailedTasks", 0, "GreaterThanThreshold", [warnings], [{ Name: "JobName", Value: `enterprise-crawler-${s}` }]),
  ];
  return {
    metricAlarms,
    compositeAlarms: [
      { AlarmName: `glue-pipeline-health-${s}`, AlarmArn: arn(`glue-pipeline-health-${s}`), AlarmRule: `ALARM("glue-job-failure-rate-${s}") OR ALARM("glue-job-duration-${s}")`, AlarmActions: [critical], ActionsEnabled: true, StateValue: "OK", StateUpdatedTimestamp: T0 },
    ],
  };
}

function topicsOf(w: Base, s: string, warningName: string): Pick<OpsWorld, "snsTopics" | "snsSubscriptions"> {
  const names = [`glue-critical-alerts-${s}`, warningName, `glue-info-${s}`];
  const arns = names.map((n) => `arn:aws:sns:${w.region}:${w.account}:${n}`);
  return {
    snsTopics: arns.map((a, i) => ({ TopicArn: a, Attributes: { DisplayName: ["P1", "P2", "Info"][i]!, Owner: w.account, Policy: "{}", KmsMasterKeyId: "alias/aws/sns" } })),
    snsSubscriptions: arns.map((a, i) => ({ TopicArn: a, SubscriptionArn: `${a}:${String(i + 1).repeat(8)}-aaaa-bbbb-cccc-dddddddddddd`, Owner: w.account, Protocol: "email", Endpoint: `student-${s}@example.edu` })),
  };
}

function rulesOf(w: Base, s: string, state: "ENABLED" | "DISABLED"): Pick<OpsWorld, "eventRules" | "eventTargets"> {
  const name = `glue-state-changes-${s}`;
  return {
    eventRules: [
      {
        Name: name,
        Arn: `arn:aws:events:${w.region}:${w.account}:rule/${name}`,
        EventPattern: JSON.stringify({ source: ["aws.glue"], "detail-type": ["Glue Job State Change", "Glue Crawler State Change", "Glue Data Catalog Database State Change"] }),
        State: state,
        Description: "All Glue state changes",
        EventBusName: "default",
      },
      // A scheduled rule of the same student: not a Glue event rule.
      { Name: `nightly-pipeline-${s}`, Arn: `arn:aws:events:${w.region}:${w.account}:rule/nightly-pipeline-${s}`, ScheduleExpression: "cron(0 2 * * ? *)", State: "ENABLED", EventBusName: "default" },
    ],
    eventTargets: {
      [name]: [
        { Id: "processor", Arn: `arn:aws:lambda:${w.region}:${w.account}:function:glue-event-processor-${s}` },
        { Id: "archive", Arn: `arn:aws:firehose:${w.region}:${w.account}:deliverystream/glue-audit-${s}`, RoleArn: `arn:aws:iam::${w.account}:role/EventBridgeFirehose-${s}` },
      ],
      [`nightly-pipeline-${s}`]: [{ Id: "start", Arn: `arn:aws:lambda:${w.region}:${w.account}:function:start-pipeline-${s}` }],
    },
  };
}

function dashboardOf(w: Base, s: string, name: string, widgets: number): DashboardRecord {
  return { DashboardName: name, DashboardArn: `arn:aws:cloudwatch::${w.account}:dashboard/${name}`, DashboardBody: dashboardJson(w, s, widgets), LastModified: T0 };
}

/** A correct Tasks 7, 12, 13 for one student. */
export function complete(w: Base, student: string): Partial<OpsWorld> {
  return {
    ...databrewOf(w, student, LAB_STEPS, true),
    ...securityOf(w, student, "SSE-KMS"),
    secrets: [secretOf(w, student, true)],
    iamRoles: rolesOf(w, student, ["databrew.amazonaws.com"]),
    dashboards: [dashboardOf(w, student, `glue-pipeline-metrics-${student}`, 6)],
    ...alarmsOf(w, student, true),
    ...topicsOf(w, student, `glue-warnings-${student}`),
    ...rulesOf(w, student, "ENABLED"),
  };
}

/**
 * Planted mistakes (each fails exactly one criterion):
 * Task 7: the project uses the console's default recipe (data-quality-project-S-recipe); duplicates removed on email,
 * not customer_id; no outlier step (the recipe is only saved as LATEST_WORKING and nulls are dropped with
 * REMOVE_VALUES + IS_MISSING, both accepted).
 * Task 12: CloudWatch encryption DISABLED; the secret has no rotation; the DataBrew role trusts only glue.amazonaws.com.
 * Task 13: four dashboard widgets; the cost alarm replaced by a crawler-failure alarm (still five alarms); the
 * warnings topic named glue-warning-S; the Glue EventBridge rule DISABLED.
 */
export function partial(w: Base, student: string): Partial<OpsWorld> {
  const steps: RecipeStep[] = [
    step("REMOVE_DUPLICATES", { sourceColumn: "email" }),
    LAB_STEPS[1]!,
    LAB_STEPS[2]!,
    LAB_STEPS[3]!,
    step("REMOVE_VALUES", { sourceColumn: "customer_id" }, [{ Condition: "IS_MISSING", TargetColumn: "customer_id" }]),
    LAB_STEPS[6]!,
  ];
  const brew = databrewOf(w, student, steps, false, `data-quality-project-${student}-recipe`);
  const consoleRecipe: Recipe = { Name: `data-quality-project-${student}-recipe`, RecipeVersion: "LATEST_WORKING", Steps: [], ProjectName: `data-quality-project-${student}`, CreateDate: T0 };
  return {
    ...brew,
    databrewRecipes: [...brew.databrewRecipes, consoleRecipe],
    ...securityOf(w, student, "DISABLED"),
    secrets: [secretOf(w, student, false)],
    iamRoles: rolesOf(w, student, ["glue.amazonaws.com"]),
    dashboards: [dashboardOf(w, student, `glue-pipeline-metrics-${student}`, 4)],
    ...alarmsOf(w, student, false),
    ...topicsOf(w, student, `glue-warning-${student}`),
    ...rulesOf(w, student, "DISABLED"),
  };
}

/** Another student's resources (noise in a shared account): complete, under their own names. */
export function other(w: Base, student: string): Partial<OpsWorld> {
  return complete(w, student);
}
