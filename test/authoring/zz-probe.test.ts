import { it } from "vitest";
import { gradeWorld, statuses } from "../support/grade-world.js";
import { completeWorld, partialWorld, emptyWorld } from "../support/world/index.js";
it("probe", async () => {
  for (const [n, w] of [["complete", completeWorld("s1")], ["partial", partialWorld("s1")], ["empty", emptyWorld("s1")]] as const) {
    const log = { calls: [] as any[] };
    const t = Date.now();
    const r = await gradeWorld("glue_hard", w, "s1", { log });
    console.log(n, r.score, r.counts, log.calls.length, Date.now() - t, "ms");
    const ops = new Set(log.calls.map((c) => `${c.service}:${c.operation}`));
    console.log([...ops].join(" "));
  }
});
