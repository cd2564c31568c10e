// Rubric authoring and trust tools on the command line: explain, policy, rubric lint, rubric test. Each command's
// implementation is imported when it runs.
import { Command, Option } from "commander";
import type { CliIo } from "./io.js";
import type { ExplainFlags } from "./explain-command.js";
import type { PolicyFlags } from "./policy-command.js";

/** Adds `explain`, `policy` and `rubric lint|test` to the program; `run` receives each command's exit code. */
export function registerAuthoringCommands(program: Command, io: CliIo, run: (code: Promise<number>) => void): void {
  program
    .command("explain <assessment>")
    .description("explain the rubric: every task and criterion, its points, what is read and what is expected")
    .option("--task <task...>", "only these tasks: numbers as the lab gives them (--task 1 3) or ids")
    .addOption(new Option("--format <format>", "text (default), markdown (a rubric page to hand out) or json").choices(["text", "markdown", "json"]))
    .option("--rubric <file>", "a custom rubric (may `extends: <assessment>`) instead of the bundled one")
    .action((assessment: string, flags: ExplainFlags) => run(import("./explain-command.js").then((m) => m.runExplain(assessment, flags, io))));

  program
    .command("policy <assessment...>")
    .description("print the least-privilege IAM policy (read-only) a grader needs for these assessments")
    .option("--rubric <file>", "a custom rubric (one assessment)")
    .option("--student <id>", "narrow resource names to one student (default: every student, {student} → *)")
    .option("--partition <partition>", "ARN partition", "aws")
    .option("--no-narrow", "every statement on Resource \"*\"")
    .option("--evidence <source>", "also allow what `--evidence cloudtrail` reads (cloudtrail:LookupEvents)")
    .option("-o, --output <file>", "write the policy to a file")
    .action((assessments: string[], flags: PolicyFlags) => run(import("./policy-command.js").then((m) => m.runPolicy(assessments, flags, io))));

  const rubric = program.command("rubric").description("check a rubric file: `rubric lint <file>`, `rubric test <file> --cases <dir>`");
  rubric
    .command("lint <file>")
    .description("report schema problems, unknown checks, fact paths, placeholders and points (file:line:col); exit 64 on errors")
    .option("--strict", "exit 64 on warnings too (fact paths never seen in the recorded cases)")
    .action((file: string, flags: { strict?: boolean }) => run(import("./rubric-command.js").then((m) => m.runRubricLint(file, flags, io))));
  rubric
    .command("test <file>")
    .description("grade recorded cases (<name>.json + <name>.expect.yaml) with the rubric; exit 1 if any case differs")
    .option("--cases <dir>", "folder of cases (default: the bundled cases of the rubric's assessment)")
    .action((file: string, flags: { cases?: string }) => run(import("./rubric-command.js").then((m) => m.runRubricTest(file, flags, io))));
}
