// The failures the application layer reports in one sentence; the CLI maps them to exit codes (src/cli/exit.ts).

/** A mistake in how the tool was called (exit 64). */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The tool could not grade at all (exit 2). */
export class CannotGradeError extends Error {
  override name = "CannotGradeError";
}

/** The AWS sign-in of the profile is needed again: an SSO session expired or never started (exit 77). */
export class SignInError extends Error {
  override name = "SignInError";
}

/** The AWS configuration names something that does not exist: a profile or a region (exit 78). */
export class AwsConfigError extends Error {
  override name = "AwsConfigError";
}
