// glue_hard against moto: the complete platform, three planted mistakes, and students sharing one account.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithMoto } from "./support/suite.js";
import { closeWriters, writers, type Writers } from "./support/clients.js";
import { expectComplete, expectOnlyFailing, grade, statuses, type Graded } from "./support/grade.js";
import { startMoto, type Moto } from "./support/moto.js";
import { buildGlueHard } from "./build/glue-hard.js";

const A = "glue_hard";

describeWithMoto(A, () => {
  let moto: Moto;
  let w: Writers;
  let complete: Graded;
  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    w = writers(moto.url);
    await buildGlueHard(w, "ana");
  });
  afterAll(async () => {
    if (w) closeWriters(w);
    await moto?.close();
  });

  it("the complete platform passes every criterion moto can answer", async () => {
    complete = (await grade(moto.url, A, "ana")).graded;
    expectComplete(complete, A);
  });

  it("a bucket without versioning fails only the versioning criterion", async () => {
    await buildGlueHard(w, "ben", { mistake: "versioningOff" });
    expectOnlyFailing((await grade(moto.url, A, "ben")).graded, complete, ["s3_data_lake.versioning"], A);
  });

  it("a crawler table prefix raw_ fails only the prefix criterion", async () => {
    await buildGlueHard(w, "cleo", { mistake: "tablePrefixRaw" });
    expectOnlyFailing((await grade(moto.url, A, "cleo")).graded, complete, ["crawler.table_prefix"], A);
  });

  it("a Studio job on G.1X workers fails only the worker criterion", async () => {
    await buildGlueHard(w, "dev", { mistake: "studioJobG1X" });
    expectOnlyFailing((await grade(moto.url, A, "dev")).graded, complete, ["studio_job.workers"], A);
  });

  it("other students in the account change nothing in the first student's grade", async () => {
    await buildGlueHard(w, "eve");
    expect(statuses((await grade(moto.url, A, "ana")).graded)).toEqual(statuses(complete));
  });
});
