// World part for Tasks 6, 8, 9, 10: crawlers, jobs (visual, streaming, script) and their runs, workflows, triggers, Kinesis streams.
import type { CodeGenConfigurationNode, Crawler, Job, JobRun, Node, Edge, Trigger, Workflow, WorkflowRun } from "@aws-sdk/client-glue";
import type { StreamDescriptionSummary } from "@aws-sdk/client-kinesis";
import { AwsFault, page, section, type HandlerTable, type World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** Sections owned by this part. */
export interface EtlWorld {
  crawlers: Crawler[];
  /** Jobs as GetJob returns them (GetJobs / BatchGetJobs leave out CodeGenConfigurationNodes here, see below). */
  jobs: Job[];
  /** Job runs by job name. */
  jobRuns: Record<string, JobRun[]>;
  /** Workflows without Graph: GetWorkflow derives the graph from the triggers of the workflow (unless Graph is set). */
  workflows: Workflow[];
  triggers: Trigger[];
  /** Runs by workflow name, newest first (GetWorkflowRuns; Graph is returned only with IncludeGraph). */
  workflowRuns: Record<string, WorkflowRun[]>;
  kinesisStreams: StreamDescriptionSummary[];
  /** Glue tags by ARN (the section belongs to the databases part, which serves GetTags). */
  glueTags: Record<string, Record<string, string>>;
}

const notFound = (what: string) => new AwsFault("EntityNotFoundException", 400, `${what} not found`);
const jobs = (w: World) => section<Job[]>(w, "jobs", []);
const triggers = (w: World) => section<Trigger[]>(w, "triggers", []);

/** A stable UniqueId for a workflow graph node (AWS uses opaque ids; edges reference them, never names). */
function uniqueId(type: string, name: string): string {
  let h = 2166136261;
  for (const ch of `${type}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `wnode_${h.toString(16).padStart(8, "0")}${name.length.toString(16).padStart(4, "0")}`;
}

/** The graph GetWorkflow returns with IncludeGraph: trigger nodes, the jobs/crawlers they start or watch, edges by UniqueId. */
export function deriveGraph(w: World, workflowName: string): { Nodes: Node[]; Edges: Edge[] } {
  const nodes = new Map<string, Node>();
  const edges: Edge[] = [];
  const add = (Type: "JOB" | "CRAWLER" | "TRIGGER", Name: string, extra: Partial<Node> = {}) => {
    const UniqueId = uniqueId(Type, Name);
    if (!nodes.has(UniqueId)) nodes.set(UniqueId, { Type, Name, UniqueId, ...(Type === "JOB" ? { JobDetails: {} } : Type === "CRAWLER" ? { CrawlerDetails: {} } : {}), ...extra });
    return UniqueId;
  };
  for (const t of triggers(w).filter((x) => x.WorkflowName === workflowName)) {
    const tid = add("TRIGGER", t.Name!, { TriggerDetails: { Trigger: t } });
    for (const a of t.Actions ?? []) {
      const target = a.JobName ? add("JOB", a.JobName) : a.CrawlerName ? add("CRAWLER", a.CrawlerName) : undefined;
      if (target) edges.push({ SourceId: tid, DestinationId: target });
    }
    for (const c of t.Predicate?.Conditions ?? []) {
      const source = c.JobName ? add("JOB", c.JobName) : c.CrawlerName ? add("CRAWLER", c.CrawlerName) : undefined;
      if (source) edges.push({ SourceId: source, DestinationId: tid });
    }
  }
  return { Nodes: [...nodes.values()], Edges: edges };
}

/** GetTriggers / ListTriggers semantics: DependentJobName filters on Actions[].JobName, but if no trigger starts that job, every trigger is returned. */
function dependentOn(all: Trigger[], job: string | undefined): Trigger[] {
  if (!job) return all;
  const hit = all.filter((t) => (t.Actions ?? []).some((a) => a.JobName === job));
  return hit.length ? hit : all;
}

/** GetJobs / BatchGetJobs: whether they return CodeGenConfigurationNodes is unconfirmed, so the world leaves them out. */
const listed = (j: Job): Job => {
  const { CodeGenConfigurationNodes: _omit, ...rest } = j;
  return rest;
};

/** Glue (crawlers, jobs, runs, workflows, triggers) and Kinesis handlers. */
export const handlers: HandlerTable = {
  glue: {
    GetCrawler: (w: World, i: { Name: string }) => {
      const c = section<Crawler[]>(w, "crawlers", []).find((x) => x.Name === i.Name);
      if (!c) throw notFound(`Crawler with name ${i.Name}`);
      return { Crawler: c };
    },
    GetCrawlers: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<Crawler[]>(w, "crawlers", []), i.NextToken, w.pageSize, i.MaxResults);
      return { Crawlers: p.items, NextToken: p.next };
    },
    ListCrawlers: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<Crawler[]>(w, "crawlers", []).map((c) => c.Name!), i.NextToken, w.pageSize, i.MaxResults);
      return { CrawlerNames: p.items, NextToken: p.next };
    },
    GetJob: (w: World, i: { JobName: string }) => {
      const j = jobs(w).find((x) => x.Name === i.JobName);
      if (!j) throw notFound(`Job ${i.JobName}`);
      return { Job: j };
    },
    GetJobs: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(jobs(w), i.NextToken, w.pageSize, i.MaxResults);
      return { Jobs: p.items.map(listed), NextToken: p.next };
    },
    BatchGetJobs: (w: World, i: { JobNames: string[] }) => {
      const found = i.JobNames.map((n) => jobs(w).find((j) => j.Name === n));
      return { Jobs: found.filter((j): j is Job => j !== undefined).map(listed), JobsNotFound: i.JobNames.filter((_, k) => !found[k]) };
    },
    ListJobs: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(jobs(w).map((j) => j.Name!), i.NextToken, w.pageSize, i.MaxResults);
      return { JobNames: p.items, NextToken: p.next };
    },
    GetJobRuns: (w: World, i: { JobName: string; NextToken?: string; MaxResults?: number }) => {
      if (!jobs(w).some((j) => j.Name === i.JobName)) throw notFound(`Job ${i.JobName}`);
      const p = page(section<Record<string, JobRun[]>>(w, "jobRuns", {})[i.JobName] ?? [], i.NextToken, w.pageSize, i.MaxResults);
      return { JobRuns: p.items, NextToken: p.next };
    },
    GetWorkflow: (w: World, i: { Name: string; IncludeGraph?: boolean }) => {
      const wf = section<Workflow[]>(w, "workflows", []).find((x) => x.Name === i.Name);
      if (!wf) throw notFound(`Workflow ${i.Name}`);
      const { Graph, ...rest } = wf;
      return { Workflow: i.IncludeGraph ? { ...rest, Graph: Graph ?? deriveGraph(w, i.Name) } : rest };
    },
    GetWorkflowRuns: (w: World, i: { Name: string; IncludeGraph?: boolean; NextToken?: string; MaxResults?: number }) => {
      if (!section<Workflow[]>(w, "workflows", []).some((x) => x.Name === i.Name)) throw notFound(`Workflow ${i.Name}`);
      if (i.MaxResults !== undefined && (i.MaxResults < 1 || i.MaxResults > 1000)) throw new AwsFault("InvalidInputException", 400, "MaxResults must be between 1 and 1000");
      const runs = section<Record<string, WorkflowRun[]>>(w, "workflowRuns", {})[i.Name] ?? [];
      const p = page(runs, i.NextToken, w.pageSize, i.MaxResults);
      return { Runs: p.items.map(({ Graph, ...r }) => (i.IncludeGraph && Graph ? { ...r, Graph } : r)), NextToken: p.next };
    },
    ListWorkflows: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<Workflow[]>(w, "workflows", []).map((x) => x.Name!), i.NextToken, w.pageSize, i.MaxResults);
      return { Workflows: p.items, NextToken: p.next };
    },
    GetTriggers: (w: World, i: { NextToken?: string; MaxResults?: number; DependentJobName?: string }) => {
      const p = page(dependentOn(triggers(w), i.DependentJobName), i.NextToken, w.pageSize, i.MaxResults);
      return { Triggers: p.items, NextToken: p.next };
    },
    ListTriggers: (w: World, i: { NextToken?: string; MaxResults?: number; DependentJobName?: string }) => {
      const p = page(dependentOn(triggers(w), i.DependentJobName).map((t) => t.Name!), i.NextToken, w.pageSize, i.MaxResults);
      return { TriggerNames: p.items, NextToken: p.next };
    },
    GetTrigger: (w: World, i: { Name: string }) => {
      const t = triggers(w).find((x) => x.Name === i.Name);
      if (!t) throw notFound(`Trigger ${i.Name}`);
      return { Trigger: t };
    },
  },
  kinesis: {
    DescribeStreamSummary: (w: World, i: { StreamName?: string; StreamARN?: string }) => {
      const s = section<StreamDescriptionSummary[]>(w, "kinesisStreams", []).find((x) => (i.StreamARN ? x.StreamARN === i.StreamARN : x.StreamName === i.StreamName));
      if (!s) throw new AwsFault("ResourceNotFoundException", 400, `Stream ${i.StreamName ?? i.StreamARN} under account ${w.account} not found.`);
      return { StreamDescriptionSummary: s };
    },
    ListStreams: (w: World, i: { NextToken?: string; Limit?: number }) => {
      const p = page(section<StreamDescriptionSummary[]>(w, "kinesisStreams", []), i.NextToken, w.pageSize, i.Limit);
      return {
        StreamNames: p.items.map((s) => s.StreamName!),
        StreamSummaries: p.items.map((s) => ({ StreamName: s.StreamName, StreamARN: s.StreamARN, StreamStatus: s.StreamStatus, StreamModeDetails: s.StreamModeDetails, StreamCreationTimestamp: s.StreamCreationTimestamp })),
        HasMoreStreams: p.next !== undefined,
        NextToken: p.next,
      };
    },
  },
};

const created = new Date("2026-11-02T09:00:00Z");
const glueArn = (w: Base, kind: string, name: string) => `arn:aws:glue:${w.region}:${w.account}:${kind}/${name}`;

/** The enterprise crawler of a correct solution (landing), plus a second one for bronze. */
function crawlers(w: Base, s: string): Crawler[] {
  const bucket = `enterprise-datalake-${s}`;
  const common: Crawler = {
    Role: `arn:aws:iam::${w.account}:role/service-role/AWSGlueServiceRole-${s}`,
    Classifiers: [`custom-log-classifier-${s}`],
    Schedule: { ScheduleExpression: "cron(0 * * * ? *)", State: "SCHEDULED" },
    TablePrefix: "tbl_",
    SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DEPRECATE_IN_DATABASE" },
    RecrawlPolicy: { RecrawlBehavior: "CRAWL_EVERYTHING" },
    LineageConfiguration: { CrawlerLineageSettings: "DISABLE" },
    LakeFormationConfiguration: { UseLakeFormationCredentials: false, AccountId: "" },
    CrawlerSecurityConfiguration: `enterprise-security-config-${s}`,
    Configuration: JSON.stringify({
      Version: 1.0,
      CrawlerOutput: { Partitions: { AddOrUpdateBehavior: "InheritFromTable" }, Tables: { AddOrUpdateBehavior: "MergeNewColumns" } },
      Grouping: { TableGroupingPolicy: "CombineCompatibleSchemas" },
    }),
    State: "READY",
    CreationTime: created,
    LastUpdated: created,
    Version: 2,
    LastCrawl: { Status: "SUCCEEDED", LogGroup: "/aws-glue/crawlers", LogStream: `enterprise-crawler-${s}`, MessagePrefix: "a1b2c3", StartTime: new Date("2026-11-02T10:00:00Z") },
  };
  return [
    {
      ...common,
      Name: `enterprise-crawler-${s}`,
      DatabaseName: `landing_${s}`,
      Targets: {
        S3Targets: [
          { Path: `s3://${bucket}/landing`, Exclusions: [], SampleSize: 10 },
          { Path: `s3://${bucket}/bronze/`, Exclusions: [] },
        ],
        JdbcTargets: [],
        MongoDBTargets: [],
        DynamoDBTargets: [],
        CatalogTargets: [],
        DeltaTargets: [],
        IcebergTargets: [],
        HudiTargets: [],
      },
    },
    { ...common, Name: `enterprise-crawler-bronze-${s}`, DatabaseName: `bronze_${s}`, Targets: { S3Targets: [{ Path: `s3://${bucket}/bronze/`, Exclusions: [] }], JdbcTargets: [] } },
  ];
}

/** A realistic Glue Studio graph: two bronze catalog sources → renamed keys → join → filter → aggregate → SQL derived columns → two filter branches → gold / silver. */
export function studioGraph(s: string): Record<string, CodeGenConfigurationNode> {
  const id = (n: number) => `node-17304500000${String(n).padStart(2, "0")}`;
  return {
    [id(1)]: { CatalogSource: { Name: "Customers", Database: `bronze_${s}`, Table: "customers" } },
    [id(2)]: { S3CatalogSource: { Name: "Transactions", Database: `bronze_${s}`, Table: "transactions", PartitionPredicate: "" } },
    [id(3)]: {
      ApplyMapping: {
        Name: "Renamed keys for Join",
        Inputs: [id(2)],
        Mapping: [
          { ToKey: "right_customer_id", FromPath: ["customer_id"], FromType: "string", ToType: "string", Dropped: false },
          { ToKey: "transaction_id", FromPath: ["transaction_id"], FromType: "string", ToType: "string", Dropped: false },
          { ToKey: "amount", FromPath: ["amount"], FromType: "double", ToType: "double", Dropped: false },
        ],
      },
    },
    [id(4)]: { Join: { Name: "Join", Inputs: [id(1), id(3)], JoinType: "equijoin", Columns: [{ From: id(1), Keys: [["customer_id"]] }, { From: id(3), Keys: [["right_customer_id"]] }] } },
    [id(5)]: {
      Filter: {
        Name: "Valid transactions",
        Inputs: [id(4)],
        LogicalOperator: "AND",
        Filters: [{ Operation: "GT", Negated: false, Values: [{ Type: "COLUMNEXTRACTED", Value: ["amount"] }, { Type: "CONSTANT", Value: ["0"] }] }],
      },
    },
    [id(6)]: { Aggregate: { Name: "Total spent per customer", Inputs: [id(5)], Groups: [["customer_id"]], Aggs: [{ Column: ["amount"], AggFunc: "sum" }] } },
    [id(7)]: {
      SparkSQL: {
        Name: "Derived columns",
        Inputs: [id(6)],
        SqlAliases: [{ From: id(6), Alias: "myDataSource" }],
        SqlQuery:
          "select *, case when `sum(amount)` >= 10000 then 'High' when `sum(amount)` >= 1000 then 'Medium' else 'Low' end as customer_segment, current_date() as processing_date, case when customer_id is null then 0.0 else 1.0 end as data_quality_score from myDataSource",
        OutputSchemas: [{ Columns: [{ Name: "customer_id", Type: "string" }, { Name: "customer_segment", Type: "string" }] }],
      },
    },
    [id(8)]: {
      Filter: { Name: "High-value customers", Inputs: [id(7)], LogicalOperator: "AND", Filters: [{ Operation: "EQ", Negated: false, Values: [{ Type: "COLUMNEXTRACTED", Value: ["customer_segment"] }, { Type: "CONSTANT", Value: ["High"] }] }] },
    },
    [id(9)]: {
      Filter: { Name: "Regular customers", Inputs: [id(7)], LogicalOperator: "AND", Filters: [{ Operation: "EQ", Negated: true, Values: [{ Type: "COLUMNEXTRACTED", Value: ["customer_segment"] }, { Type: "CONSTANT", Value: ["High"] }] }] },
    },
    [id(10)]: { CatalogTarget: { Name: "Gold high-value customers", Inputs: [id(8)], Database: `gold_${s}`, Table: "high_value_customers" } },
    [id(11)]: {
      S3GlueParquetTarget: {
        Name: "Silver regular customers",
        Inputs: [id(9)],
        Path: `s3://enterprise-datalake-${s}/silver/regular_customers/`,
        Compression: "snappy",
        SchemaChangePolicy: { EnableUpdateCatalog: true, UpdateBehavior: "UPDATE_IN_DATABASE", Database: `silver_${s}`, Table: "regular_customers" },
      },
    },
  };
}

/** The jobs of a correct solution: the Studio job, the streaming job, and two script jobs run by the workflow. */
function jobList(w: Base, s: string): Job[] {
  const role = `arn:aws:iam::${w.account}:role/GlueServiceRole-${s}`;
  const assets = `s3://aws-glue-assets-${w.account}-${w.region}`;
  const script = (name: string, extra: Partial<Job> = {}): Job => ({
    Name: name,
    JobMode: "SCRIPT",
    Role: role,
    CreatedOn: created,
    LastModifiedOn: created,
    Command: { Name: "glueetl", ScriptLocation: `${assets}/scripts/${name}.py`, PythonVersion: "3" },
    DefaultArguments: { "--job-language": "python", "--TempDir": `${assets}/temporary/`, "--job-bookmark-option": "job-bookmark-enable" },
    GlueVersion: "4.0",
    WorkerType: "G.1X",
    NumberOfWorkers: 2,
    MaxRetries: 0,
    Timeout: 60,
    ExecutionProperty: { MaxConcurrentRuns: 1 },
    ...extra,
  });
  return [
    script(`studio-etl-pipeline-${s}`, {
      JobMode: "VISUAL",
      Description: "Customer spend: bronze → gold (high value) and silver (regular)",
      DefaultArguments: {
        "--job-language": "python",
        "--TempDir": `${assets}/temporary/`,
        "--job-bookmark-option": "job-bookmark-enable",
        "--enable-spark-ui": "true",
        "--spark-event-logs-path": `s3://enterprise-datalake-${s}/logs/sparkHistoryLogs/`,
        "--enable-continuous-cloudwatch-log": "true",
        "--enable-metrics": "true",
        "--enable-auto-scaling": "true",
        "--enable-observability-metrics": "true",
        "--enable-glue-datacatalog": "true",
        "--enable-job-insights": "true",
      },
      GlueVersion: "4.0",
      WorkerType: "G.2X",
      NumberOfWorkers: 10,
      ExecutionClass: "FLEX",
      ExecutionProperty: { MaxConcurrentRuns: 5 },
      SecurityConfiguration: `enterprise-security-config-${s}`,
      Timeout: 120,
      CodeGenConfigurationNodes: studioGraph(s),
    }),
    script(`streaming-etl-${s}`, {
      Command: { Name: "gluestreaming", ScriptLocation: `s3://enterprise-datalake-${s}/scripts/streaming_etl.py`, PythonVersion: "3" },
      DefaultArguments: { "--job-language": "python", "--TempDir": `${assets}/temporary/`, "--stream_name": `transactions-stream-${s}`, "--enable-continuous-cloudwatch-log": "true" },
      Timeout: 2880,
    }),
    script(`bronze-ingest-${s}`),
    script(`silver-transform-${s}`),
  ];
}

/** Five triggers: SCHEDULED and EVENT start the crawler, CONDITIONAL ones chain crawler → bronze → silver → Studio job on SUCCEEDED. */
function triggerList(s: string): Trigger[] {
  const wf = `enterprise-pipeline-${s}`;
  const crawler = `enterprise-crawler-${s}`;
  const when = (Name: string, cond: { JobName?: string; State?: "SUCCEEDED"; CrawlerName?: string; CrawlState?: "SUCCEEDED" }, JobName: string): Trigger => ({
    Name,
    WorkflowName: wf,
    Type: "CONDITIONAL",
    State: "ACTIVATED",
    Actions: [{ JobName }],
    Predicate: { Logical: "ANY", Conditions: [{ LogicalOperator: "EQUALS", ...cond }] },
  });
  return [
    { Name: `daily-start-${s}`, WorkflowName: wf, Type: "SCHEDULED", State: "ACTIVATED", Schedule: "cron(0 1 * * ? *)", Actions: [{ CrawlerName: crawler }] },
    { Name: `s3-landing-event-${s}`, WorkflowName: wf, Type: "EVENT", State: "ACTIVATED", EventBatchingCondition: { BatchSize: 1, BatchWindow: 900 }, Actions: [{ CrawlerName: crawler }] },
    when(`after-crawl-${s}`, { CrawlerName: crawler, CrawlState: "SUCCEEDED" }, `bronze-ingest-${s}`),
    when(`after-bronze-${s}`, { JobName: `bronze-ingest-${s}`, State: "SUCCEEDED" }, `silver-transform-${s}`),
    when(`after-silver-${s}`, { JobName: `silver-transform-${s}`, State: "SUCCEEDED" }, `studio-etl-pipeline-${s}`),
  ];
}

function stream(w: Base, s: string): StreamDescriptionSummary {
  const name = `transactions-stream-${s}`;
  return {
    StreamName: name,
    StreamARN: `arn:aws:kinesis:${w.region}:${w.account}:stream/${name}`,
    StreamStatus: "ACTIVE",
    StreamModeDetails: { StreamMode: "ON_DEMAND" },
    RetentionPeriodHours: 24,
    StreamCreationTimestamp: created,
    EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
    EncryptionType: "KMS",
    KeyId: `alias/datalake-${s}`,
    OpenShardCount: 4,
    ConsumerCount: 0,
  };
}

/** Correct Tasks 6, 8, 9, 10 for one student. */
export function complete(w: Base, s: string): Partial<EtlWorld> {
  const cs = crawlers(w, s);
  return {
    crawlers: cs,
    jobs: jobList(w, s),
    jobRuns: {
      [`studio-etl-pipeline-${s}`]: [
        { Id: `jr_${s}_2`, JobName: `studio-etl-pipeline-${s}`, JobRunState: "SUCCEEDED", StartedOn: new Date("2026-11-03T01:20:00Z"), CompletedOn: new Date("2026-11-03T01:31:00Z"), ExecutionTime: 640, WorkerType: "G.2X", NumberOfWorkers: 10, GlueVersion: "4.0", ExecutionClass: "FLEX", TriggerName: `after-silver-${s}`, Attempt: 0, DPUSeconds: 12800 },
        { Id: `jr_${s}_1`, JobName: `studio-etl-pipeline-${s}`, JobRunState: "FAILED", ErrorMessage: "AnalysisException: cannot resolve 'amount'", StartedOn: new Date("2026-11-02T01:20:00Z"), CompletedOn: new Date("2026-11-02T01:22:00Z"), ExecutionTime: 95, WorkerType: "G.2X", NumberOfWorkers: 10, GlueVersion: "4.0", ExecutionClass: "FLEX", Attempt: 0 },
      ],
    },
    workflows: [{ Name: `enterprise-pipeline-${s}`, Description: "Landing → bronze → silver → gold", DefaultRunProperties: { env: "prod" }, CreatedOn: created, LastModifiedOn: created, MaxConcurrentRuns: 1 }],
    triggers: triggerList(s),
    kinesisStreams: [stream(w, s)],
    glueTags: Object.fromEntries(cs.map((c) => [glueArn(w, "crawler", c.Name!), { Enterprise: "Yes", Governance: "Enabled", StudentID: s }])),
  };
}

/**
 * Planted mistakes: crawler TablePrefix raw_ and DeleteBehavior LOG; Studio job on 2 × G.1X, STANDARD execution,
 * no Aggregate node (the SQL step reads the filter directly); no Kinesis stream and no Kafka connection; the
 * workflow has no EVENT trigger.
 */
export function partial(w: Base, s: string): Partial<EtlWorld> {
  const c = complete(w, s);
  const main = `enterprise-crawler-${s}`;
  const graph = studioGraph(s);
  const aggregate = Object.keys(graph).find((k) => graph[k]!.Aggregate)!;
  const filterId = graph[aggregate]!.Aggregate!.Inputs![0]!;
  delete graph[aggregate];
  for (const n of Object.values(graph)) {
    if (n.SparkSQL) n.SparkSQL = { ...n.SparkSQL, Inputs: [filterId], SqlAliases: [{ From: filterId, Alias: "myDataSource" }] };
  }
  return {
    ...c,
    crawlers: c.crawlers!.map((x) => (x.Name === main ? { ...x, TablePrefix: "raw_", SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "LOG" } } : x)),
    jobs: c.jobs!.map((j) => (j.Name === `studio-etl-pipeline-${s}` ? { ...j, WorkerType: "G.1X", NumberOfWorkers: 2, ExecutionClass: "STANDARD", CodeGenConfigurationNodes: graph } : j)),
    kinesisStreams: [],
    triggers: c.triggers!.filter((t) => t.Type !== "EVENT"),
  };
}

/** Another student's crawlers, jobs, workflow, triggers and stream (noise in a shared account). */
export function other(w: Base, s: string): Partial<EtlWorld> {
  const c = complete(w, s);
  return { crawlers: c.crawlers, jobs: c.jobs, workflows: c.workflows, triggers: c.triggers, kinesisStreams: c.kinesisStreams, glueTags: c.glueTags };
}
