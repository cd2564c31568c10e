// stedi_lakehouse against moto: the complete solution, three planted mistakes, and students sharing one account.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithMoto } from "./support/suite.js";
import { closeWriters, writers, type Writers } from "./support/clients.js";
import { expectComplete, expectOnlyFailing, grade, statuses, type Graded } from "./support/grade.js";
import { startMoto, type Moto } from "./support/moto.js";
import { buildS3GatewayEndpoint, buildStedi } from "./build/stedi.js";

const A = "stedi_lakehouse";
const gradeStedi = (url: string, student: string) => grade(url, A, student);

describeWithMoto(A, () => {
  let moto: Moto;
  let w: Writers;
  let complete: Graded;
  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    w = writers(moto.url);
    await buildS3GatewayEndpoint(w);
    await buildStedi(w, "ana", { roleName: "my-glue-service-role" });
  });
  afterAll(async () => {
    if (w) closeWriters(w);
    await moto?.close();
  });

  it("the complete solution passes every criterion moto can answer", async () => {
    complete = (await gradeStedi(moto.url, "ana")).graded;
    expectComplete(complete, A);
  });

  it("accelerometer_trusted keeping the customer columns fails only 'accelerometer columns only'", async () => {
    await buildStedi(w, "ben", { mistake: "accelerometerTrustedKeepsCustomerColumns" });
    expectOnlyFailing((await gradeStedi(moto.url, "ben")).graded, complete, ["trusted.accelerometer_trusted_only"], A);
  });

  it("a customer_landing table of strings only fails only the typed-columns criterion", async () => {
    await buildStedi(w, "cleo", { mistake: "customerLandingAllStrings" });
    expectOnlyFailing((await gradeStedi(moto.url, "cleo")).graded, complete, ["landing.customer_landing_typed"], A);
  });

  it("a curated job that writes without updating the catalog fails only its catalog-update criterion", async () => {
    await buildStedi(w, "dev", { mistake: "curatedJobWithoutCatalogUpdate" });
    expectOnlyFailing((await gradeStedi(moto.url, "dev")).graded, complete, ["jobs.customer_curated_updates_catalog"], A);
  });

  it("other students in the account change nothing in the first student's grade", async () => {
    await buildStedi(w, "eve");
    expect(statuses((await gradeStedi(moto.url, "ana")).graded)).toEqual(statuses(complete));
  });
});
