// Exit codes, and the errors of the application layer (src/app/errors.ts) the CLI turns into them.
export { AwsConfigError, CannotGradeError, SignInError, UsageError } from "../app/errors.js";

/** The process exit codes, stable for CI. */
export const EXIT = {
  /** Score at or above the pass mark. */
  PASS: 0,
  /** Score below the pass mark. */
  BELOW_THRESHOLD: 1,
  /** Could not grade: credentials, network, permissions, snapshot. */
  CANNOT_GRADE: 2,
  /** Bad flag, unknown assessment, invalid student ID, malformed rubric. */
  USAGE: 64,
  /** Sign in again: the profile's AWS SSO session expired or was never started (`aws sso login --profile X`). */
  SIGN_IN: 77,
  /** The AWS configuration names what does not exist: an unknown profile or region. */
  AWS_CONFIG: 78,
  /** A bug in glue-validate itself. */
  INTERNAL: 70,
} as const;
