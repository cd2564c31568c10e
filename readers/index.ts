// Every generic reader, loaded on demand: a rubric resource's `reader:` is a key of this map (literal imports, so a bundle splits them).
import type { Reader } from "./reader.js";

/** A reader module: one `reader` export. */
export type ReaderModule = { reader: Reader<unknown> };

/** Reader id → its module, imported only when a rubric names it. */
export const READERS = {
  "athena.queries": () => import("./athena-queries.js"),
  "athena.workgroup": () => import("./athena-workgroup.js"),
  "cloudwatch.alarm": () => import("./cloudwatch-alarm.js"),
  "cloudwatch.dashboard": () => import("./cloudwatch-dashboard.js"),
  "dynamodb.table": () => import("./dynamodb-table.js"),
  "events.rule": () => import("./events-rule.js"),
  "glue.classifier": () => import("./glue-classifier.js"),
  "glue.crawler": () => import("./glue-crawler.js"),
  "glue.database": () => import("./glue-database.js"),
  "glue.dq_ruleset": () => import("./glue-dq-ruleset.js"),
  "glue.job": () => import("./glue-job.js"),
  "glue.registry": () => import("./glue-registry.js"),
  "glue.schema": () => import("./glue-schema.js"),
  "glue.security_configuration": () => import("./glue-security-configuration.js"),
  "glue.table": () => import("./glue-table.js"),
  "glue.tables": () => import("./glue-tables.js"),
  "glue.trigger": () => import("./glue-trigger.js"),
  "glue.workflow": () => import("./glue-workflow.js"),
  "iam.role": () => import("./iam-role.js"),
  "kinesis.stream": () => import("./kinesis-stream.js"),
  "kms.aliases": () => import("./kms-aliases.js"),
  "kms.key": () => import("./kms-key.js"),
  "lakeformation.grants": () => import("./lakeformation-grants.js"),
  "lakeformation.resources": () => import("./lakeformation-resources.js"),
  "lakeformation.settings": () => import("./lakeformation-settings.js"),
  "lambda.function": () => import("./lambda-function.js"),
  "s3.bucket": () => import("./s3-bucket.js"),
  "s3.objects": () => import("./s3-objects.js"),
  "secretsmanager.secret": () => import("./secretsmanager-secret.js"),
  "sfn.state_machine": () => import("./sfn-state-machine.js"),
  "sns.topic": () => import("./sns-topic.js"),
} as const satisfies Record<string, () => Promise<ReaderModule>>;

/** The id of a bundled reader. */
export type ReaderId = keyof typeof READERS;
