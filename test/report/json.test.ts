// The JSON report parsed back: a warning is status "warning" with its text verbatim (JSON escapes it), schemaVersion stays 1.
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/json.js";
import type { GradeReport } from "../../src/grade/result.js";
import { realReports, WARNING_PAYLOADS, withWarnings } from "./fixtures.js";

describe("json reporter", () => {
  it("warnings: status \"warning\", 0 of 0 points, counts.warning, the hostile text verbatim and control characters escaped", async () => {
    const r = withWarnings((await realReports()).partial);
    const text = renderJson(r);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(text).toContain("\\u001b[31mred");
    const back = JSON.parse(text) as GradeReport;
    expect(back).toEqual(r);
    expect([back.schema, back.schemaVersion]).toEqual(["glue-validate/report", 1]);
    expect(back.counts.warning).toBe(WARNING_PAYLOADS.length);
    const warn = back.tasks.flatMap((t) => t.criteria).filter((c) => c.status === "warning");
    expect(warn.map((c) => c.message.split(" expected")[0])).toEqual([...WARNING_PAYLOADS]);
    for (const c of warn) expect([c.points, c.maxPoints]).toEqual([0, 0]);
    for (const t of back.tasks) expect(t.status).not.toBe("warning");
  });
});
