// glue_sfn_orchestration_workshop against moto: the complete solution, three planted mistakes, and students sharing
// one account.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithMoto } from "./support/suite.js";
import { closeWriters, writers, type Writers } from "./support/clients.js";
import { expectComplete, expectOnlyFailing, grade, statuses, type Graded } from "./support/grade.js";
import { startMoto, type Moto } from "./support/moto.js";
import { buildWorkshop } from "./build/workshop.js";

const A = "glue_sfn_orchestration_workshop";

describeWithMoto(A, () => {
  let moto: Moto;
  let w: Writers;
  let complete: Graded;
  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    w = writers(moto.url);
    await buildWorkshop(w, "ana");
  });
  afterAll(async () => {
    if (w) closeWriters(w);
    await moto?.close();
  });

  it("the complete solution passes every criterion moto can answer", async () => {
    complete = (await grade(moto.url, A, "ana")).graded;
    expectComplete(complete, A);
  });

  it("Step Functions job tasks without .sync fail only the .sync criterion", async () => {
    await buildWorkshop(w, "ben", { suffixed: true, mistake: "jobsNotSync" });
    expectOnlyFailing((await grade(moto.url, A, "ben")).graded, complete, ["state_machine.jobs_wait"], A);
  });

  it("a disabled rule fails only the rule's state", async () => {
    await buildWorkshop(w, "cleo", { suffixed: true, mistake: "ruleDisabled" });
    expectOnlyFailing((await grade(moto.url, A, "cleo")).graded, complete, ["trigger.rule_enabled"], A);
  });

  it("a processed crawler that reads raw/ fails the processed target criteria", async () => {
    await buildWorkshop(w, "dev", { suffixed: true, mistake: "processedCrawlerOnRaw" });
    expectOnlyFailing((await grade(moto.url, A, "dev")).graded, complete, ["processed_catalog.processed_crawler_target", "transform.processed_parquet"], A);
  });

  it("other students in the account change nothing in the first student's grade", async () => {
    await buildWorkshop(w, "eve", { suffixed: true });
    expect(statuses((await grade(moto.url, A, "ana")).graded)).toEqual(statuses(complete));
  });
});
