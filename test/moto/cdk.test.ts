// glue_cdk_sfn_json_to_parquet against moto: the complete deployment, three planted mistakes, and students sharing one
// account.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithMoto } from "./support/suite.js";
import { closeWriters, writers, type Writers } from "./support/clients.js";
import { expectComplete, expectOnlyFailing, grade, statuses, type Graded } from "./support/grade.js";
import { startMoto, type Moto } from "./support/moto.js";
import { buildCdk } from "./build/cdk.js";

const A = "glue_cdk_sfn_json_to_parquet";

describeWithMoto(A, () => {
  let moto: Moto;
  let w: Writers;
  let complete: Graded;
  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    w = writers(moto.url);
    await buildCdk(w, "ana");
  });
  afterAll(async () => {
    if (w) closeWriters(w);
    await moto?.close();
  });

  it("the complete deployment passes every criterion moto can answer", async () => {
    complete = (await grade(moto.url, A, "ana")).graded;
    expectComplete(complete, A);
  });

  it("an hourly rule at minute 40 fails only the schedule", async () => {
    await buildCdk(w, "ben", { mistake: "scheduleAt40" });
    expectOnlyFailing((await grade(moto.url, A, "ben")).graded, complete, ["schedule.rule_schedule"], A);
  });

  it("a state machine without its two-hour timeout fails only the timeout", async () => {
    await buildCdk(w, "cleo", { mistake: "noStateMachineTimeout" });
    expectOnlyFailing((await grade(moto.url, A, "cleo")).graded, complete, ["state_machine.sm_timeout"], A);
  });

  it("a job with five workers fails only the worker count", async () => {
    await buildCdk(w, "dev", { mistake: "fiveWorkers" });
    expectOnlyFailing((await grade(moto.url, A, "dev")).graded, complete, ["glue_job.workers"], A);
  });

  it("other students in the account change nothing in the first student's grade", async () => {
    await buildCdk(w, "eve");
    expect(statuses((await grade(moto.url, A, "ana")).graded)).toEqual(statuses(complete));
  });
});
