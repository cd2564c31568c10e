// `glue-validate init-ci github|gitlab`: a ready CI job for a lab repository that grades on every push and gates on the score.
import { existsSync } from "node:fs";
import { parsePercent } from "./percent.js";
import { dirname, resolve } from "node:path";
import { assessmentIds } from "../app/assessments.js";
import { TOOL_VERSION } from "../grade/version.js";
import { UsageError } from "./exit.js";
import type { CliIo } from "./io.js";
import { writeFileAtomic } from "../util/write-file.js";
import { packageTarball, parseInstallSource } from "./install-source.js";

/** The options of init-ci, as commander parses them. */
export interface InitCiFlags {
  assessment?: string;
  force?: boolean;
  output?: string;
  minScore?: string;
  /** Where the job installs glue-validate from (see install-source.ts); default: a tarball written next to the job. */
  install?: string;
}

/** The CI systems init-ci knows. */
export const CI_PROVIDERS = ["github", "gitlab"] as const;

/** Where `init-ci github` writes by default. */
export const GITHUB_WORKFLOW_PATH = ".github/workflows/glue-validate.yml";

/** The grading command both jobs run (student ID from the environment, never interpolated into the script). */
export function gradeCommand(assessment: string, minScore: string, studentVar: string, install: string): string {
  return `npx --yes --package=${install} glue-validate ${assessment} --student "${studentVar}" --min-score ${minScore} --report junit:glue-validate.xml --report html:glue-validate.html`;
}

/** The GitHub Actions workflow: OIDC to an IAM role, Node 20, grade with the gate, upload the reports always. */
export function githubWorkflow(assessment: string, minScore = "70", install = `glue-validate@${TOOL_VERSION}`): string {
  return `# Grades this lab with glue-validate on every push, and on demand (Actions → glue-validate → Run workflow).
# Setup (once; glue-validate's docs/ci.md has the IAM trust policy):
#   1. In AWS: an IAM OIDC identity provider for token.actions.githubusercontent.com and a read-only
#      grading role that trusts it for this repository only (sub: repo:OWNER/REPO:*).
#   2. In this repository → Settings → Secrets and variables → Actions → Variables:
#        GLUE_VALIDATE_ROLE_ARN  the grading role's ARN
#        STUDENT_ID              your student ID, as used in your resource names
#        AWS_REGION              the lab's region (optional, default us-east-1)
# glue-validate comes from ${install} (\`init-ci --install\` chooses: a committed tarball, a registry version
# or a git URL pinned to a commit).
# The job fails when the score is below --min-score (exit 1) or when criteria could not be checked (exit 2).
# glue-validate adds a summary to the run page, one annotation per failing criterion, and step outputs
# score, percent and passed.
name: glue-validate

on:
  push:
  workflow_dispatch:

permissions:
  id-token: write # OIDC: exchange the job's token for short-lived AWS credentials
  contents: read

concurrency:
  group: glue-validate-\${{ github.ref }}
  cancel-in-progress: true

jobs:
  grade:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4 # the committed glue-validate tarball, when the job installs from it

      - uses: actions/setup-node@v4
        with:
          node-version: 20

      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: \${{ vars.GLUE_VALIDATE_ROLE_ARN }}
          aws-region: \${{ vars.AWS_REGION || 'us-east-1' }}
          role-session-name: glue-validate

      - name: Grade ${assessment}
        id: grade
        env:
          STUDENT_ID: \${{ vars.STUDENT_ID }}
        run: ${gradeCommand(assessment, minScore, "$STUDENT_ID", install)}

      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: glue-validate-report
          path: |
            glue-validate.xml
            glue-validate.html
          if-no-files-found: ignore
`;
}

/** The GitLab CI job: web-identity credentials from the job's OIDC token, the gate, the JUnit report in the MR widget. */
export function gitlabJob(assessment: string, minScore = "70", install = `glue-validate@${TOOL_VERSION}`): string {
  return `# glue-validate: paste into .gitlab-ci.yml. Set CI/CD variables STUDENT_ID, AWS_ROLE_ARN (a read-only grading role
# that trusts gitlab.com's OIDC provider for this project, see docs/ci.md) and optionally AWS_REGION.
# The AWS SDK reads AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE itself: no access keys are stored.
glue-validate:
  image: node:20
  stage: test
  id_tokens:
    GLUE_VALIDATE_ID_TOKEN:
      aud: sts.amazonaws.com
  variables:
    AWS_REGION: us-east-1
    AWS_ROLE_SESSION_NAME: glue-validate
  script:
    - printf '%s' "$GLUE_VALIDATE_ID_TOKEN" > "$CI_PROJECT_DIR/.aws-web-identity-token"
    - export AWS_WEB_IDENTITY_TOKEN_FILE="$CI_PROJECT_DIR/.aws-web-identity-token"
    - ${gradeCommand(assessment, minScore, "$STUDENT_ID", install)}
  artifacts:
    when: always
    expire_in: 30 days
    paths:
      - glue-validate.xml
      - glue-validate.html
    reports:
      junit: glue-validate.xml
`;
}

/** Runs init-ci; returns the exit code. */
export async function runInitCi(provider: string, flags: InitCiFlags, io: CliIo): Promise<number> {
  if (!(CI_PROVIDERS as readonly string[]).includes(provider)) throw new UsageError(`init-ci: unknown CI "${provider}"; choose one of ${CI_PROVIDERS.join(", ")}`);
  const assessment = flags.assessment ?? "glue_hard";
  if (!assessmentIds().includes(assessment)) throw new UsageError(`init-ci: unknown assessment "${assessment}"; available: ${assessmentIds().join(", ")}`);
  const minScore = String(parsePercent(flags.minScore ?? "70", "--min-score"));
  const output = flags.output ?? (provider === "github" ? GITHUB_WORKFLOW_PATH : undefined);
  const toStdout = !output || output === "-";
  const file = toStdout ? undefined : resolve(output);
  if (file && existsSync(file) && !flags.force) throw new UsageError(`init-ci: ${output} exists; not overwriting it (use --force to replace it)`);
  // The tarball goes next to the job file (printed jobs: .github/workflows or .gitlab), paths relative to the repository root.
  const tarballDir = file ? dirname(file) : resolve(provider === "github" ? dirname(GITHUB_WORKFLOW_PATH) : ".gitlab");
  const install = parseInstallSource(flags.install, TOOL_VERSION, process.cwd(), tarballDir);
  if (install.kind === "tarball" && install.write) {
    writeFileAtomic(install.write, packageTarball());
    io.err(`wrote ${install.spec.slice(2)}: commit it with the job; the job installs glue-validate from it (no registry needed)\n`);
  }
  const text = provider === "github" ? githubWorkflow(assessment, minScore, install.spec) : gitlabJob(assessment, minScore, install.spec);
  if (!file) {
    io.out(text);
    return 0;
  }
  writeFileAtomic(file, text);
  io.err(`wrote ${output}${provider === "github" ? ": set the repository variables GLUE_VALIDATE_ROLE_ARN and STUDENT_ID (see the comment at its top), then push" : ""}\n`);
  return 0;
}
