// glue_etl_pipeline_tf against moto: the complete deployment, three planted mistakes, and students sharing one account.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithMoto } from "./support/suite.js";
import { closeWriters, writers, type Writers } from "./support/clients.js";
import { expectComplete, expectOnlyFailing, grade, statuses, type Graded } from "./support/grade.js";
import { startMoto, type Moto } from "./support/moto.js";
import { buildTerraform } from "./build/terraform.js";

const A = "glue_etl_pipeline_tf";

describeWithMoto(A, () => {
  let moto: Moto;
  let w: Writers;
  let complete: Graded;
  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    w = writers(moto.url);
    await buildTerraform(w, "ana");
  });
  afterAll(async () => {
    if (w) closeWriters(w);
    await moto?.close();
  });

  it("the complete deployment passes every criterion moto can answer", async () => {
    complete = (await grade(moto.url, A, "ana")).graded;
    expectComplete(complete, A);
  });

  it("temp files kept 30 days fail only the temp lifecycle", async () => {
    await buildTerraform(w, "ben", { mistake: "tempExpiresAfter30Days" });
    expectOnlyFailing((await grade(moto.url, A, "ben")).graded, complete, ["storage.lifecycle_temp"], A);
  });

  it("bookmarks on for the quality job fail only the bookmarks criterion", async () => {
    await buildTerraform(w, "cleo", { mistake: "qualityJobBookmarksOn" });
    expectOnlyFailing((await grade(moto.url, A, "cleo")).graded, complete, ["jobs.bookmarks"], A);
  });

  it("a memory alarm that notifies nobody fails only 'alarms notify the topic'", async () => {
    await buildTerraform(w, "dev", { mistake: "memoryAlarmWithoutAction" });
    expectOnlyFailing((await grade(moto.url, A, "dev")).graded, complete, ["monitoring.alarms_notify"], A);
  });

  it("other students in the account change nothing in the first student's grade", async () => {
    await buildTerraform(w, "eve");
    expect(statuses((await grade(moto.url, A, "ana")).graded)).toEqual(statuses(complete));
  });
});
