// A crawler's last crawl status: AWS's three values pass through; a value AWS never returns is an error naming the read.
import { describe, expect, it } from "vitest";
import type { Crawler } from "@aws-sdk/client-glue";
import { lastCrawlStatus } from "../../../checks/shared/glue-crawlers.js";

const crawler = (Status?: string): Crawler => ({ Name: "c", ...(Status ? { LastCrawl: { Status: Status as "SUCCEEDED" } } : {}) });

describe("lastCrawlStatus", () => {
  it("keeps AWS's values and null for a crawler never run", () => {
    for (const s of ["SUCCEEDED", "CANCELLED", "FAILED"]) expect(lastCrawlStatus(crawler(s), "glue:GetCrawler")).toBe(s);
    expect(lastCrawlStatus(crawler(), "glue:GetCrawler")).toBeNull();
  });

  it("turns a status AWS never returns (moto's RUNNING) into an error naming the action, not a failure", () => {
    expect(lastCrawlStatus(crawler("RUNNING"), "glue:GetCrawlers")).toEqual({
      $error: { action: "glue:GetCrawlers", kind: "unreadable", message: expect.stringMatching(/last crawl status "RUNNING".*SUCCEEDED, CANCELLED or FAILED/) },
    });
  });
});
