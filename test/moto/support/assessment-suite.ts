// One assessment against moto: the first student's complete solution, three planted mistakes by other students in the
// same account, and a second complete student, after which the first student's grade must be unchanged. Every
// assessment has its own moto; all of them run at once (test/moto/assessments.test.ts), so the emulators use the
// machine's other core while the grader runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithMoto } from "./suite.js";
import { closeWriters, writers, type Writers } from "./clients.js";
import { expectComplete, expectOnlyFailing, grade, statuses, type Graded } from "./grade.js";
import { startMoto } from "./moto.js";
import { hermeticHome, testEnv } from "../../support/fake-aws/cli.js";
import type { Assessment } from "./gaps.js";

/** How an assessment's solution is built and which mistakes are planted. */
export interface AssessmentSpec<M extends string = string> {
  assessment: Assessment;
  /** Account-wide things made once, before any student (a shared VPC endpoint…). */
  prepare?: (w: Writers) => Promise<void>;
  /** Builds one student's solution; `first` is the account's first student (lab names without a suffix). */
  build: (w: Writers, student: string, opts: { first: boolean; mistake?: M }) => Promise<void>;
  /** Three planted mistakes and exactly the criteria each must fail. */
  mistakes: { title: string; mistake: M; failing: string[] }[];
}

/** How long a test may wait for its assessment's whole run (all five run at once on a loaded 2-core machine). */
const RUN_TIMEOUT = 240_000;
const FIRST = "ana";
const SECOND = "eve";
const OTHERS = ["ben", "cleo", "dev"];

/** What one assessment's run produced: the first grade, each mistake's grade, the first student's grade again. */
interface Outcome {
  complete: Graded;
  mistakes: Graded[];
  again: Graded;
}

/** Starts moto, builds and grades everyone in order, stops moto (also on failure). */
async function run<M extends string>(spec: AssessmentSpec<M>): Promise<Outcome> {
  const moto = await startMoto();
  let w: Writers | undefined;
  try {
    await moto.reset();
    w = writers(moto.url);
    await spec.prepare?.(w);
    await spec.build(w, FIRST, { first: true });
    const complete = (await grade(moto.url, spec.assessment, FIRST)).graded;
    for (const [i, m] of spec.mistakes.entries()) await spec.build(w, OTHERS[i]!, { first: false, mistake: m.mistake });
    await spec.build(w, SECOND, { first: false });
    const graded = await Promise.all([...spec.mistakes.map((_, i) => OTHERS[i]!), FIRST].map(async (s) => (await grade(moto.url, spec.assessment, s)).graded));
    return { complete, mistakes: graded.slice(0, -1), again: graded.at(-1)! };
  } finally {
    if (w) closeWriters(w);
    await moto.close();
  }
}

/** Registers every assessment's suite; their runs start together and each suite awaits its own. */
export function describeAssessmentsOnMoto(specs: AssessmentSpec[]): void {
  describeWithMoto("assessments", () => {
    const runs = new Map<Assessment, Promise<Outcome>>();
    // Gradings run at once in this process and each swaps process.env while it runs: the file's own environment
    // holds the same test credentials and an empty AWS config, so whichever environment is current has them.
    const home = hermeticHome();
    const savedEnv = process.env;
    beforeAll(() => {
      process.env = testEnv(home);
      for (const spec of specs) {
        const p = run(spec);
        p.catch(() => undefined);
        runs.set(spec.assessment, p);
      }
    });
    afterAll(async () => {
      await Promise.allSettled(runs.values());
      process.env = savedEnv;
      home.cleanup();
    });
    for (const spec of specs) {
      const A = spec.assessment;
      describe(A, () => {
        it("the complete solution passes every criterion moto can answer", async () => {
          expectComplete((await runs.get(A)!).complete, A);
        }, RUN_TIMEOUT);
        for (const [i, m] of spec.mistakes.entries()) {
          it(m.title, async () => {
            const o = await runs.get(A)!;
            expectOnlyFailing(o.mistakes[i]!, o.complete, m.failing, A);
          }, RUN_TIMEOUT);
        }
        it("other students in the account change nothing in the first student's grade", async () => {
          const o = await runs.get(A)!;
          expect(statuses(o.again)).toEqual(statuses(o.complete));
        }, RUN_TIMEOUT);
      });
    }
  });
}
