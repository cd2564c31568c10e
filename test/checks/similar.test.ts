// Near-miss names for "did you mean".
import { describe, expect, it } from "vitest";
import { similarNames } from "../../checks/shared/similar.js";

describe("similarNames", () => {
  it.each([
    ["enterprise-datalake-123", ["enterprise-datalake-0123", "Enterprise-DataLake-123", "enterprise-datalake-124", "enterprise-datalake-123x", "other"], ["enterprise-datalake-0123", "Enterprise-DataLake-123", "enterprise-datalake-124", "enterprise-datalake-123x"]],
    ["landing_7", ["landing-7", "Landing_07", "landing_8", "landing_7"], ["landing-7", "Landing_07", "landing_8"]],
    ["gold_1", ["silver_1", "gold_12345"], []],
  ])("%s", (want, candidates, similar) => {
    expect(similarNames(want, candidates)).toEqual(similar);
  });
});
