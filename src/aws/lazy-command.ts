// Light stand-ins for SDK command classes. The bundled CLI (scripts/build.mjs) compiles `import { GetJobCommand } from
// "@aws-sdk/client-glue"` in checks to these, so loading a check loads no SDK package: a replay never does, and a live
// run loads a service's package (client and real command together) on its first call to that service (AwsSession).

/** What a check constructs: the operation's input, under a class named like the SDK's (`GetJobCommand`). */
export interface LazyCommand {
  readonly input: object;
}

/** A class named `name` (e.g. "GetJobCommand") whose instances only keep their input. */
export function lazyCommand(name: string): new (input: object) => LazyCommand {
  const named = {
    [name]: class {
      constructor(readonly input: object) {}
    },
  };
  return named[name]!;
}

/** True for a stand-in, false for a real SDK command (which can resolve its own middleware). */
export function isLazyCommand(command: object): boolean {
  return typeof (command as { resolveMiddleware?: unknown }).resolveMiddleware !== "function";
}
