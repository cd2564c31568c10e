// Exit codes, and the two errors of the application layer (src/app/errors.ts) the CLI turns into them.
export { CannotGradeError, UsageError } from "../app/errors.js";

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
  /** A bug in glue-validate itself. */
  INTERNAL: 70,
} as const;
