// Where the CLI writes: stdout/stderr streams that tests can replace.

/** Output streams of one CLI invocation. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stdout is a colour-capable terminal. */
  isTty: boolean;
  /** Whether stderr is a terminal (a live progress line goes there). */
  errIsTty?: boolean;
  env: NodeJS.ProcessEnv;
}

/** The real process streams. */
export function processIo(): CliIo {
  // A reader that stops early (`| head`) closes the pipe: that ends our output, not in a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTty: Boolean(process.stdout.isTTY),
    errIsTty: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}
