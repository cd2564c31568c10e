// THE table of where moto 5.2.1 lacks an operation or answers unlike AWS, and which criteria that touches. Those
// criteria must be `error` naming the action (or `skipped` behind such an error): never pass, never fail.
/** The five bundled assessments. */
export type Assessment = "glue_hard" | "glue_sfn_orchestration_workshop" | "stedi_lakehouse" | "glue_etl_pipeline_tf" | "glue_cdk_sfn_json_to_parquet";

/** One difference between moto and AWS. */
export interface MotoGap {
  /** The IAM action of the operation, as the report's `action` names it. */
  action: string;
  /** What moto 5.2.1 answers. */
  moto: string;
  /** What AWS returns, per its API reference. */
  aws: string;
  /** Where AWS documents it. */
  source: string;
  /** The criteria ("task.criterion") it makes ungradable, per assessment. */
  criteria: Partial<Record<Assessment, string[]>>;
}

export const MOTO_GAPS: MotoGap[] = [
  {
    action: "glue:GetCrawler",
    moto: 'GetCrawler / GetCrawlers after StartCrawler: LastCrawl.Status "RUNNING", and it stays so (the crawl never advances on reads)',
    aws: "LastCrawl (LastCrawlInfo) is the last finished crawl, Status SUCCEEDED | CANCELLED | FAILED; a crawl in progress shows as State RUNNING",
    source: "https://docs.aws.amazon.com/glue/latest/webapi/API_LastCrawlInfo.html",
    criteria: { glue_sfn_orchestration_workshop: ["raw_catalog.raw_crawl_succeeded", "processed_catalog.processed_crawl_succeeded"], glue_etl_pipeline_tf: ["catalog.last_crawl"] },
  },
  {
    action: "athena:BatchGetQueryExecution",
    moto: "not implemented: HTTP 500 with an HTML page",
    aws: "200 with QueryExecutions (Status.State, Query, QueryExecutionContext…) and UnprocessedQueryExecutionIds",
    source: "https://docs.aws.amazon.com/athena/latest/APIReference/API_BatchGetQueryExecution.html",
    criteria: { glue_sfn_orchestration_workshop: ["athena_step.athena_query_succeeded", "validation.sample_queries"], stedi_lakehouse: ["setup.athena_output"] },
  },
  {
    action: "glue:ListDataQualityResults",
    moto: "not implemented (no Glue Data Quality at all): HTTP 500 with an HTML page",
    aws: "200 with Results (ResultId, JobName, JobRunId, StartedOn…) and NextToken",
    source: "https://docs.aws.amazon.com/glue/latest/webapi/API_ListDataQualityResults.html",
    criteria: { glue_cdk_sfn_json_to_parquet: ["runs.data_quality_passed"] },
  },
  {
    action: "glue:GetClassifier",
    moto: "not implemented (nor CreateClassifier): HTTP 500 with an HTML page",
    aws: "200 with Classifier (GrokClassifier: Name, Classification, GrokPattern, CustomPatterns…), or EntityNotFoundException",
    source: "https://docs.aws.amazon.com/glue/latest/webapi/API_GetClassifier.html",
    criteria: { glue_hard: ["classifier.exists", "classifier.grok_type", "classifier.classification", "classifier.pattern_compiles", "classifier.line1_matches", "classifier.line2_matches", "classifier.core_fields", "classifier.optional_fields"] },
  },
  {
    action: "glue:GetRegistry",
    moto: "200 without Status",
    aws: "Status AVAILABLE | DELETING with RegistryName, RegistryArn, CreatedTime…",
    source: "https://docs.aws.amazon.com/glue/latest/webapi/API_GetRegistry.html",
    criteria: { glue_hard: ["schema_registry.registry_exists"] },
  },
  {
    action: "glue:ListSchemas",
    moto: "not implemented: HTTP 500 (reached only once GetRegistry answers a Status; until then these criteria are skipped behind it)",
    aws: "200 with Schemas (RegistryName, SchemaName, SchemaArn, SchemaStatus…) and NextToken",
    source: "https://docs.aws.amazon.com/glue/latest/webapi/API_ListSchemas.html",
    criteria: { glue_hard: ["schema_registry.customer_schema", "schema_registry.transaction_schema", "schema_registry.avro_format", "schema_registry.backward_compatibility", "schema_registry.customer_fields", "schema_registry.transaction_fields"] },
  },
  {
    action: "glue:GetWorkflow",
    moto: "ignores IncludeGraph: the Workflow has no Graph",
    aws: "with IncludeGraph true, Workflow.Graph with Nodes (TRIGGER, JOB, CRAWLER) and Edges",
    source: "https://docs.aws.amazon.com/glue/latest/webapi/API_GetWorkflow.html",
    criteria: { glue_hard: ["workflow.includes_crawler", "workflow.includes_job", "workflow.stages"] },
  },
  {
    action: "glue:ListDataQualityRulesets",
    moto: "not implemented (nor CreateDataQualityRuleset): HTTP 500 with an HTML page",
    aws: "200 with Rulesets (Name, TargetTable, RuleCount…) and NextToken",
    source: "https://docs.aws.amazon.com/glue/latest/webapi/API_ListDataQualityRulesets.html",
    criteria: { glue_hard: ["data_quality.three_rulesets", "data_quality.schema_validation", "data_quality.business_rules", "data_quality.anomaly_detection"] },
  },
  {
    action: "databrew:DescribeProject",
    moto: "not implemented (nor CreateProject): HTTP 404 with an HTML page and no AWS error code",
    aws: "200 with Name, DatasetName, RecipeName, RoleArn…, or ResourceNotFoundException",
    source: "https://docs.aws.amazon.com/databrew/latest/dg/API_DescribeProject.html",
    criteria: { glue_hard: ["databrew.project_exists", "databrew.project_links"] },
  },
  {
    action: "lakeformation:ListPermissions",
    moto: "HTTP 500 for a table resource once a TableWildcard grant exists in the account (CreateDataCellsFilter is not implemented either, so no filter can be made)",
    aws: "200 with PrincipalResourcePermissions for the table, wildcard grants included",
    source: "https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListPermissions.html",
    criteria: { glue_hard: ["lake_formation.column_security"] },
  },
];

/**
 * Where moto answers like AWS would for a world it cannot reach: it does not run workloads, so a criterion that needs
 * a finished run fails (or is skipped behind that failure), as it would on AWS before the run ends. Asserted, so a
 * change shows up here.
 */
export interface MotoWorldLimit {
  what: string;
  moto: string;
  criteria: Partial<Record<Assessment, string[]>>;
}

export const MOTO_WORLD_LIMITS: MotoWorldLimit[] = [
  {
    what: "Step Functions executions",
    moto: "StartExecution leaves the execution RUNNING (moto's interpreter, execute_state_machine, stops at glue:startJobRun.sync)",
    criteria: { glue_sfn_orchestration_workshop: ["validation.execution_succeeded"], glue_cdk_sfn_json_to_parquet: ["runs.execution_succeeded"] },
  },
  {
    what: "Glue workflow runs",
    moto: "StartWorkflowRun leaves the run RUNNING, with no Statistics (moto does not run the workflow's triggers)",
    criteria: { glue_etl_pipeline_tf: ["orchestration.completed_run", "orchestration.successful_run"] },
  },
];

/** The gaps that touch `assessment`. */
export function gapsOf(assessment: Assessment): MotoGap[] {
  return MOTO_GAPS.filter((g) => (g.criteria[assessment]?.length ?? 0) > 0);
}

/** The criteria of `assessment` that moto's world makes fail. */
export function worldLimitedOf(assessment: Assessment): string[] {
  return MOTO_WORLD_LIMITS.flatMap((l) => l.criteria[assessment] ?? []);
}
