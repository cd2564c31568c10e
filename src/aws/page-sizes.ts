// The largest page each listing operation accepts, asked for whenever a check does not choose a page size itself: a
// long listing then takes the fewest sequential calls. Maxima from the services' API models (botocore service-2.json
// `max` of the page-size member; S3 MaxKeys and EC2 MaxResults from their API references: 1000; Lambda returns at most
// 50 functions per page whatever is asked).
import type { ServiceId } from "./services.js";

/** `service:Operation` → [page-size member, largest value]. */
const LARGEST_PAGE: Readonly<Record<string, readonly [string, number]>> = {
  "athena:GetQueryResults": ["MaxResults", 1000],
  "athena:ListQueryExecutions": ["MaxResults", 50],
  "budgets:DescribeBudgets": ["MaxResults", 1000],
  "cloudwatch:DescribeAlarms": ["MaxRecords", 100],
  "databrew:ListDatasets": ["MaxResults", 100],
  "databrew:ListProjects": ["MaxResults", 100],
  "databrew:ListRecipes": ["MaxResults", 100],
  "dynamodb:ListTables": ["Limit", 100],
  "ec2:DescribeVpcEndpoints": ["MaxResults", 1000],
  "eventbridge:ListRuleNamesByTarget": ["Limit", 100],
  "eventbridge:ListRules": ["Limit", 100],
  "eventbridge:ListTargetsByRule": ["Limit", 100],
  "glue:GetClassifiers": ["MaxResults", 1000],
  "glue:GetCrawlers": ["MaxResults", 1000],
  "glue:GetDatabases": ["MaxResults", 100],
  "glue:GetJobRuns": ["MaxResults", 200],
  "glue:GetJobs": ["MaxResults", 1000],
  "glue:GetSecurityConfigurations": ["MaxResults", 1000],
  "glue:GetTables": ["MaxResults", 100],
  "glue:GetTriggers": ["MaxResults", 200],
  "glue:GetWorkflowRuns": ["MaxResults", 1000],
  "glue:ListCrawlers": ["MaxResults", 1000],
  "glue:ListDataQualityResults": ["MaxResults", 1000],
  "glue:ListDataQualityRulesets": ["MaxResults", 1000],
  "glue:ListJobs": ["MaxResults", 1000],
  "glue:ListRegistries": ["MaxResults", 100],
  "glue:ListSchemas": ["MaxResults", 100],
  "glue:ListTriggers": ["MaxResults", 200],
  "glue:ListWorkflows": ["MaxResults", 25],
  "iam:ListAttachedRolePolicies": ["MaxItems", 1000],
  "iam:ListRolePolicies": ["MaxItems", 1000],
  "iam:ListRoles": ["MaxItems", 1000],
  "kms:ListAliases": ["Limit", 1000],
  "lakeformation:ListDataCellsFilter": ["MaxResults", 1000],
  "lakeformation:ListPermissions": ["MaxResults", 1000],
  "lakeformation:ListResources": ["MaxResults", 1000],
  "lambda:ListFunctions": ["MaxItems", 50],
  "s3:ListObjectsV2": ["MaxKeys", 1000],
  "secretsmanager:ListSecrets": ["MaxResults", 100],
  "sfn:ListExecutions": ["maxResults", 1000],
  "sfn:ListStateMachines": ["maxResults", 1000],
};

/** The input with the operation's largest page size added when it names none; the same object otherwise. */
export function withLargestPage(service: ServiceId, operation: string, input: object): object {
  const page = LARGEST_PAGE[`${service}:${operation}`];
  if (!page || (input as Record<string, unknown>)[page[0]] !== undefined) return input;
  return { ...input, [page[0]]: page[1] };
}
