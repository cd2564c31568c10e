// Exit codes and the two errors the CLI turns into them.
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
};
/** A mistake in how the tool was called (exit 64). */
export class UsageError extends Error {
    name = "UsageError";
}
/** The tool could not grade at all (exit 2). */
export class CannotGradeError extends Error {
    name = "CannotGradeError";
}
