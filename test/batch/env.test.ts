// Batch grading of an assessment with environments: --env reaches every student's report and the manifest; a folder
// holds one environment's grades, so resuming or merging across environments is refused.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBatchCommand } from "../../src/cli/batch-command.js";
import { mergeDirs } from "../../src/batch/merge.js";
import { readStudentResults } from "../../src/batch/store.js";
import { compose } from "../support/world/index.js";
import { completeWorld, partialWorld } from "../support/world/assessments/tf/index.js";
import { identifyWorld, memoryIo, worldSessions } from "./class-world.js";
import type { CallLog } from "../support/world/transport.js";

const FAST = { "*": 100_000 };
const tmp = () => mkdtempSync(join(tmpdir(), "gv-batch-env-"));

describe("batch --env (glue_etl_pipeline_tf)", () => {
  // Student a deployed staging correctly; student b's staging copy has the planted mistakes; both also have dev.
  const world = compose({ account: "123456789012", region: "us-east-1", pageSize: 3 }, [completeWorld("a", { env: "staging", others: 0 }), partialWorld("b", { env: "staging", others: 0 })]);
  const deps = () => ({ identify: identifyWorld(world), sessionFactory: worldSessions(world, { calls: [] } as CallLog), tpsTable: FAST });

  it("grades every student's staging deployment and records the environment", async () => {
    const out = tmp();
    const code = await runBatchCommand("glue_etl_pipeline_tf", { students: "a,b", out, env: "staging", quiet: true }, memoryIo(), deps());
    expect(code).toBe(0);
    const results = readStudentResults(out).results;
    expect(results.get("a")!.report!.environment).toBe("staging");
    expect(results.get("a")!.report!.score.percent).toBe(100);
    expect(results.get("b")!.report!.score.percent).toBeLessThan(100);
    expect(JSON.parse(readFileSync(join(out, "batch.json"), "utf8")).environment).toBe("staging");

    await expect(runBatchCommand("glue_etl_pipeline_tf", { students: "a,b", out, env: "dev", resume: true, quiet: true }, memoryIo(), deps())).rejects.toThrow(/holds grades for environment staging, not dev/);

    const dev = tmp();
    expect(await runBatchCommand("glue_etl_pipeline_tf", { students: "a", out: dev, quiet: true }, memoryIo(), deps())).toBe(0);
    expect(() => mergeDirs([out, dev], tmp())).toThrow(/environment dev, but .* for staging/);
  });

  it("a folder written before environments were recorded is continued; an unreadable batch.json is one sentence", async () => {
    const out = tmp();
    expect(await runBatchCommand("glue_etl_pipeline_tf", { students: "a", out, env: "staging", quiet: true }, memoryIo(), deps())).toBe(0);
    const file = join(out, "batch.json");
    const m = JSON.parse(readFileSync(file, "utf8"));
    delete m.environment;
    writeFileSync(file, JSON.stringify(m));
    expect(await runBatchCommand("glue_etl_pipeline_tf", { students: "a,b", out, env: "staging", resume: true, quiet: true }, memoryIo(), deps())).toBe(0);
    expect(readStudentResults(out).results.size).toBe(2);
    writeFileSync(file, "{ not json");
    await expect(runBatchCommand("glue_etl_pipeline_tf", { students: "a,b", out, env: "staging", resume: true, quiet: true }, memoryIo(), deps())).rejects.toThrow(/batch\.json cannot be read .*--overwrite/);
  });
});
