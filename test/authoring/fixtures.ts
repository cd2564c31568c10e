// Shared inputs of the authoring tests.

/** The worked example of docs/rubric-format.md. */
export const INSTRUCTOR_OVERRIDE = `# yaml-language-server: $schema=../docs/rubric.schema.json
extends: glue_hard
title: "Glue lab — ACME section (spring)"
version: "1.0.0-acme"
passPercent: 80
names:
  bucket: acme-lake-{student}
removeTasks: [dev_testing]
overrides:
  s3_data_lake.cors:
    points: 1.5
    hint: "ACME's web app reads the lake: CORS must allow https://app.acme.example."
  monitoring.dashboard_widgets:
    title: "{dashboard} has at least eight widgets"
    expect: { path: dashboard.widgetCount, atLeast: 8 }
  s3_data_lake.lifecycle_logs:
    disabled: true
add:
  - id: s3_data_lake
    criteria:
      - id: bucket_region
        title: "{bucket} is in us-east-1"
        points: 1
        requires: [bucket_exists]
        expect: { path: bucket.region, equals: us-east-1 }
        hint: "Create the bucket in US East (N. Virginia)."
      - id: mfa_delete_off
        title: "MFA delete stays off (the lab's automation needs it)"
        points: 0.5
        requires: [versioning]
        expect: { path: versioning.mfaDelete, oneOf: [Disabled, null] }
`;
