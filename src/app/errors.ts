// The two failures the application layer reports in one sentence; the CLI maps them to exit codes (src/cli/exit.ts).

/** A mistake in how the tool was called (exit 64). */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The tool could not grade at all (exit 2). */
export class CannotGradeError extends Error {
  override name = "CannotGradeError";
}
