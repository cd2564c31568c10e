// `batch`, `batch report` and `merge` on the command line: their options and help; each implementation
// (src/cli/batch-command.ts) is imported when its command runs.
import { Command, Option } from "commander";
import { GRADEBOOK_STYLES, ROSTER_FORMATS } from "../batch/formats.js";
import { REPORT_FORMATS } from "../report/formats.js";
import type { BatchFlags, BatchReportFlags } from "./batch-command.js";
import type { CliIo } from "./io.js";

const BATCH_EXAMPLES = `
Examples:
  $ glue-validate batch glue_hard --roster class.csv --out grades/
  $ glue-validate batch glue_hard --students s001,s002 --out grades/ --concurrency 4
  $ glue-validate batch glue_hard --roster class.csv --out grades/ --resume          continue after Ctrl-C
  $ glue-validate batch glue_hard --roster class.csv --out grades/ --retry-errors    regrade students with errors
  $ glue-validate batch glue_hard --roster class.csv --out shard-2/ --shard 2/4      one slice of a CI matrix
  $ glue-validate merge shard-1/ shard-2/ shard-3/ shard-4/ --out grades/
  $ glue-validate batch report grades/ --report html --report junit   rebuild reports and class.html, no AWS calls

Roster: CSV with a header row: student (required), name, email, section, account, role_arn, external_id, region;
or one student ID per line; or an LMS export: a Canvas gradebook export (IDs from "SIS User ID") or a Moodle grades
or participants export (IDs from "ID number"); --id-column names another column.
Writes <out>/class.html (the class dashboard), gradebook.csv (plus --gradebook's LMS file) and summary.md.
Exit codes: 0 every student graded · 2 some students not graded or with criteria in error (unless --allow-errors),
or the first students all failed on credentials or the endpoint (the batch stops, no gradebook is written)
· 64 usage error (bad roster row, duplicate ID, bad flag) · 130 stopped by Ctrl-C (finished students kept).`;

const REPORT_EXAMPLES = `
Examples:
  $ glue-validate batch report grades/                       regenerate the reports already there, gradebook, summary, class.html
  $ glue-validate batch report grades/ --report html         add an HTML report per student
  $ glue-validate batch report grades/ --gradebook canvas    add the Canvas gradebook file

Reads only <folder>/batch.json and <folder>/students/*.json: no AWS calls, no credentials needed.
Without --report it regenerates the formats already in <folder>/reports (HTML when there are none).`;

/** Adds `batch` and `merge` to the program. */
export function registerBatchCommands(program: Command, io: CliIo, run: (code: Promise<number>) => void): void {
  const batch = program
    .command("batch")
    .description("grade a whole class: a roster in, one result per student, a gradebook, a summary and a class dashboard out")
    .addHelpText("after", BATCH_EXAMPLES);
  batch
    .command("grade <assessment>", { isDefault: true })
    .description("grade the roster (the default: `batch <assessment>` is `batch grade <assessment>`)")
    .option("--roster <file>", "CSV with a `student` column (plus name, email, section, account, role_arn, external_id, region), or one ID per line")
    .addOption(new Option("--roster-format <format>", "the roster's layout (default: recognised from its header)").choices([...ROSTER_FORMATS]))
    .option("--id-column <header>", "the roster column holding student IDs (e.g. \"SIS User ID\", \"ID number\", \"Email address\")")
    .option("--name-column <header>", "the roster column holding names")
    .option("--email-column <header>", "the roster column holding e-mail addresses")
    .option("--section-column <header>", "the roster column holding sections")
    .option("--students <ids>", "comma-separated student IDs (instead of --roster)")
    .option("--out <dir>", "output folder: students/<id>.json, gradebook.csv, summary.md, class.html")
    .option("--region <region>", "AWS region of rows without one (default: AWS_REGION or us-east-1)")
    .option("--profile <name>", "AWS shared-config profile (also the source credentials for role_arn rows)")
    .option("--endpoint-url <url>", "send every AWS call to this endpoint (also AWS_ENDPOINT_URL)")
    .option("--timeout <seconds>", "give up on one AWS call after this long, retries included (default 45)")
    .option("--concurrency <n>", "students graded at once", "8")
    .option("--max-tps <n>", "at most this many calls per second per account, region and operation (lowers the defaults)")
    .option("--shard <i/n>", "grade only slice i of n (stable by student ID; for a CI matrix, then `merge`)")
    .option("--resume", "skip students that already have a result in --out")
    .option("--retry-errors", "regrade only students not graded or with criteria in error (and those not yet graded)")
    .option("--overwrite", "regrade everyone even if --out has results")
    .addOption(new Option("--gradebook <style>", "also write the gradebook in an LMS's import format").choices([...GRADEBOOK_STYLES]).default("default"))
    .option("--report <format>", `also write one report per student to <out>/reports/ (repeatable): ${REPORT_FORMATS.join(", ")}`, (v: string, prev: string[] = []) => [...prev, v])
    .option("--min-score <percent>", "pass mark in percent (default: the rubric's)")
    .option("--only <task...>", "grade only these tasks")
    .option("--env <name>", "the deployment environment whose names are graded (assessments with environments, e.g. glue_etl_pipeline_tf: dev, staging, prod)")
    .option("--allow-errors", "exit 0 even if some criteria could not be checked")
    .option("--manual-scores <file>", "CSV of points graded by a person (student, criterion, points, comment), merged into gradebooks, summary and reports")
    .option("--evidence <source>", "authorship evidence: `cloudtrail` reads CloudTrail's event history once per account and region for who created each student's resources")
    .option("--evidence-principal <name>", "with --evidence: each student's own principal, e.g. \"student-{student}\"; resources created by anyone else are flagged")
    .option("--deadline <date>", "with --evidence: flag resources created after this date or time (UTC)")
    .option("-q, --quiet", "no progress output")
    .addHelpText("after", BATCH_EXAMPLES)
    .action((assessment: string, flags: BatchFlags) => run(import("./batch-command.js").then((m) => m.runBatchCommand(assessment, flags, io))));

  batch
    .command("report <folder>")
    .description("regenerate per-student reports, the gradebooks, summary.md and class.html from a batch folder's stored results")
    .option("--report <format>", `write one report per student to <folder>/reports/ (repeatable): ${REPORT_FORMATS.join(", ")}`, (v: string, prev: string[] = []) => [...prev, v])
    .addOption(new Option("--gradebook <style>", "also write the gradebook in an LMS's import format").choices([...GRADEBOOK_STYLES]).default("default"))
    .option("--manual-scores <file>", "CSV of points graded by a person (student, criterion, points, comment), merged into everything written")
    .addHelpText("after", REPORT_EXAMPLES)
    .action((folder: string, flags: BatchReportFlags) => run(import("./batch-command.js").then((m) => m.runBatchReportCommand(folder, flags, io))));

  program
    .command("merge <dirs...>")
    .description("merge the output folders of `batch --shard` runs into one gradebook and summary")
    .requiredOption("--out <dir>", "the merged output folder")
    .addOption(new Option("--gradebook <style>", "also write the gradebook in an LMS's import format").choices([...GRADEBOOK_STYLES]).default("default"))
    .action((dirs: string[], flags: { out: string; gradebook?: string }) => run(import("./batch-command.js").then((m) => m.runMergeCommand(dirs, flags, io))));
}
