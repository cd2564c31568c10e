// The names of one Terraform deployment ({p} = glue-etl-pipeline-<student>-<env>), as the template creates them
// and as rubrics/glue_etl_pipeline_tf.yaml expects them.

/** The names of a deployment of project glue-etl-pipeline-<student> in environment `env`. */
export function tfNames(student: string, env = "dev") {
  const project = `glue-etl-pipeline-${student}`;
  const p = `${project}-${env}`;
  return {
    project,
    env,
    p,
    // ── names A (storage, catalog, jobs, run evidence) ──
    rawBucket: `${p}-raw-data`,
    rawBucketSeed: `${p}-raw`,
    processedBucket: `${p}-processed-data`,
    curatedBucket: `${p}-curated-data`,
    scriptsBucket: `${p}-scripts`,
    tempBucket: `${p}-temp`,
    s3KmsAlias: `alias/${p}-s3-kms-key`,
    s3KmsAliasOld: `alias/${p}-s3`,
    database: `${project}_${env}_catalog`,
    rawCrawler: `${p}-raw-data-crawler`,
    processedCrawler: `${p}-processed-data-crawler`,
    curatedCrawler: `${p}-curated-data-crawler`,
    ingestionJob: `${p}-data-ingestion`,
    processingJob: `${p}-data-processing`,
    qualityJob: `${p}-data-quality`,
    connection: `${p}-vpc-connection`,
    // ── end names A ──
    // ── names B (orchestration, security, state, monitoring) ──
    workflow: `${p}-etl-workflow`,
    startTrigger: `${p}-start-workflow`,
    ingestionTrigger: `${p}-start-ingestion`,
    processingTrigger: `${p}-start-processing`,
    qualityTrigger: `${p}-start-quality`,
    securityConfig: `${p}-security-config`,
    glueKmsAlias: `alias/${p}-glue`,
    glueRole: `${p}-glue-service-role`,
    secret: `${project}/${env}/glue-connections`,
    bookmarksTable: `${p}-job-bookmarks`,
    jobStateTable: `${p}-job-state`,
    metadataTable: `${p}-metadata`,
    alertsTopic: `${p}-alerts`,
    dashboard: `${p}-glue-dashboard`,
    jobStateRule: `${p}-glue-job-state-change`,
    monitoringLambda: `${p}-monitoring`,
    dataTriggerLambda: `${p}-data-trigger`,
    // ── end names B ──
  };
}

/** The names of one deployment. */
export type TfNames = ReturnType<typeof tfNames>;
