// The command line: commander wiring, exit codes, and one clear sentence instead of a stack trace. Each command's
// implementation is imported only when that command runs (its own chunk in the bundle): `--version` and `--help` load
// commander and the option lists, nothing else.
import { Command, CommanderError, Option } from "commander";
import { TOOL_VERSION } from "../grade/version.js";
import { AwsConfigError, CannotGradeError, EXIT, SignInError, UsageError } from "./exit.js";
import type { GradeFlags } from "./grade-command.js";
import type { InitCiFlags } from "./init-ci.js";
import { processIo, type CliIo } from "./io.js";
import { registerAuthoringCommands } from "./authoring.js";
import { registerBatchCommands } from "./batch-register.js";
import { REPORT_FORMATS } from "../report/formats.js";
import { SuggestingCommand } from "./suggest-flag.js";

const EXAMPLES = `
Examples:
  $ glue-validate glue_hard --student 123                       grade student 123 with your AWS credentials
  $ glue-validate glue_hard --student 123 --only 1 6               only Tasks 1 and 6 (a partial score, never a pass)
  $ glue-validate glue_hard --student 123 --format json --output report.json
  $ glue-validate glue_hard --student 123 --min-score 70 --report junit:report.xml --report html:report.html
  $ glue-validate init-ci github                                 write .github/workflows/glue-validate.yml
  $ glue-validate glue_hard --student 123 --record run.json      keep every AWS answer for a later offline regrade
  $ glue-validate glue_hard --student demo --replay examples/glue_hard/complete.json
  $ glue-validate glue_hard --student 123 --watch 60              regrade every minute while you work
  $ glue-validate list
  $ glue-validate explain glue_hard --format markdown              the rubric as a hand-out
  $ glue-validate policy glue_hard                                 the least-privilege IAM policy the grader needs
  $ glue-validate batch glue_hard --roster class.csv --out grades/ a whole class

Exit codes: 0 passed (with --only: the graded tasks reach the pass mark) · 1 below the pass mark · 2 could not grade (credentials, network, permissions) · 64 usage error · 77 sign in again (aws sso login) · 78 unknown profile or region`;

/** Builds the commander program; `run` receives the exit code of whatever command ran. */
export function buildProgram(io: CliIo, run: (code: Promise<number>) => void): Command {
  const program = new SuggestingCommand("glue-validate")
    .description("Grades AWS Glue lab work by reading your live AWS resources against the lab's rubric.")
    .version(TOOL_VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXAMPLES);

  program
    .command("grade [assessment]", { isDefault: true })
    .description("grade one student (the default command: `glue-validate glue_hard --student 123`)")
    .option("-s, --student <id>", "your student ID, as used in your resource names")
    .option("--region <region>", "AWS region (default: AWS_REGION or us-east-1)")
    .option("--profile <name>", "AWS shared-config profile")
    .option("--endpoint-url <url>", "send every AWS call to this endpoint (also AWS_ENDPOINT_URL); S3 uses path-style")
    .option("--only <task...>", "grade only these tasks: numbers as the lab gives them (--only 1 3) or ids from `glue-validate list`; the score then covers only those")
    .option("--min-score <percent>", "pass mark in percent, e.g. 70 or 70% (default: the rubric's, 70)")
    .option("--env <name>", "the deployment environment whose names are graded, for assessments that have them (glue_etl_pipeline_tf: dev, staging or prod; default dev)")
    .addOption(new Option("--format <format>", "report format (default: console)").choices([...REPORT_FORMATS]))
    .option("-o, --output <file>", "write the --format report to a file instead of stdout")
    .option("--report <format[:path]>", `a report, to a file or (without :path) to stdout; repeatable. Formats: ${REPORT_FORMATS.join(", ")}`, (v: string, prev: string[] = []) => [...prev, v])
    .option("--no-github", "under GitHub Actions, do not write the step summary, annotations or step outputs")
    .option("-v, --verbose", "show passing criteria and the evidence behind each result")
    .option("--no-color", "no colours (also NO_COLOR, or when not a terminal)")
    .option("--record <file>", "write every AWS call and answer to a snapshot file")
    .option("--replay <file>", "grade a snapshot offline: no AWS account or credentials needed")
    .option("--timeout <seconds>", "give up on one AWS call after this long, retries included (default 45)")
    .option("--allow-errors", "score criteria that could not be checked as 0 instead of exiting 2")
    .option("--watch [seconds]", "regrade every N seconds (default 30) and show which criteria turned green or red, until Ctrl-C")
    .option("--rubric <file>", "grade with a custom rubric (a full rubric, or one that `extends: glue_hard`); see docs/rubric-format.md")
    .option("--run-queries", "let checks run Athena queries (row counts): this COSTS MONEY and writes query results to S3 — the only exception to read-only")
    .option("--athena-workgroup <name>", "the Athena workgroup you used: its settings and query history are read (default: primary); with --run-queries also where queries run")
    .option("--athena-output <s3-uri>", "with --run-queries: where Athena writes query results (default: the workgroup's result location)")
    .option("--evidence <source>", "authorship evidence: `cloudtrail` reads CloudTrail's event history (90 days) for who created each named resource and when")
    .option("--evidence-principal <name>", "with --evidence: the student's own principal, e.g. \"student-{student}\" (IAM user, role session or ARN; * matches anything); others are flagged")
    .option("--deadline <date>", "with --evidence: flag resources created after this date or time (2026-12-01 means the end of that day, UTC)")
    .addHelpText("after", EXAMPLES)
    .action((assessment: string | undefined, flags: GradeFlags) => run(import("./grade-command.js").then((m) => m.runGrade(assessment, flags, io))));

  program
    .command("init-ci <ci>")
    .description("set up grading in CI: `github` writes a GitHub Actions workflow, `gitlab` prints a GitLab CI job")
    .option("--assessment <id>", "the assessment to grade", "glue_hard")
    .option("--min-score <percent>", "the pass mark the job gates on", "70")
    .option("-o, --output <file>", `where to write (github: ${".github/workflows/glue-validate.yml"}; gitlab: stdout)`)
    .option("--force", "overwrite an existing file")
    .option("--install <source>", "where the job gets glue-validate: tarball (default: writes this version's .tgz next to the job, to commit with it), registry (glue-validate@<this version>), glue-validate@<x.y.z>, a git URL pinned to a commit (github:OWNER/REPO#<sha>), or the path of a committed .tgz")
    .action((ci: string, flags: InitCiFlags) => run(import("./init-ci.js").then((m) => m.runInitCi(ci, flags, io))));

  program
    .command("list")
    .description("list the assessments and their tasks")
    .option("--json", "as JSON")
    .action((flags: { json?: boolean }) => run(import("./list-command.js").then((m) => m.runList(io, Boolean(flags.json)))));

  registerAuthoringCommands(program, io, run);
  registerBatchCommands(program, io, run);
  return program;
}

/** Runs the CLI with argv and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let pending: Promise<number> = Promise.resolve(EXIT.PASS);
  const program = buildProgram(io, (p) => (pending = p));
  try {
    await program.parseAsync(argv);
    return await pending;
  } catch (err) {
    return reportFailure(err, io);
  }
}

/** The errors that are one sentence for the user, with their exit codes. */
const EXIT_OF: [abstract new (...args: never[]) => Error, number][] = [
  [UsageError, EXIT.USAGE],
  [CannotGradeError, EXIT.CANNOT_GRADE],
  [SignInError, EXIT.SIGN_IN],
  [AwsConfigError, EXIT.AWS_CONFIG],
];

/** Maps an exception to its exit code and one message line. */
export function reportFailure(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.PASS;
    return EXIT.USAGE;
  }
  const known = EXIT_OF.find(([kind]) => err instanceof kind);
  if (known) {
    io.err(`glue-validate: ${(err as Error).message}\n`);
    return known[1];
  }
  io.err(`glue-validate: internal error: ${(err as Error)?.message ?? String(err)}\n${io.env.GLUE_VALIDATE_DEBUG ? `${(err as Error)?.stack}\n` : "(set GLUE_VALIDATE_DEBUG=1 for details, and please report it)\n"}`);
  return EXIT.INTERNAL;
}

/** Entry point used by bin/glue-validate.js. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await runCli(argv);
}
