// Tasks 2 and 4 checks (scripted account): the crawler of each layer (state machine, tag, name, database), its targets, the database and its tables.
import { beforeEach, describe, expect, it } from "vitest";
import { GetCrawlersCommand, GetDatabaseCommand, GetTablesCommand } from "@aws-sdk/client-glue";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { processedCatalog, rawCatalog } from "../../../checks/glue_sfn_orchestration_workshop/catalog.js";
import { completeWorld } from "../../support/world/assessments/workshop.js";
import { collect, mockWorld, mocks, sdkError } from "./mock-world.js";

describe("raw_catalog and processed_catalog checks", () => {
  beforeEach(() => mockWorld(completeWorld("42")));

  it("raw: the crawler the state machine starts, writing to workshop_raw from raw/, and its parquet table (GetCrawlers and GetTables paginated)", async () => {
    const f = await collect(rawCatalog);
    expect(f.crawler).toMatchObject({ exists: true, name: "raw-data-crawler", foundBy: "stateMachine", databaseName: "workshop_raw", s3Paths: ["s3://orchestration-lab-data-42/raw/"], lastCrawlStatus: "SUCCEEDED" });
    expect(f.targets).toEqual([{ path: "s3://orchestration-lab-data-42/raw/", bucket: "orchestration-lab-data-42", prefix: "raw/", underRaw: true }]);
    expect(f.database).toEqual({ exists: true, name: "workshop_raw", accepted: ["workshop_raw", "workshop_raw_42"] });
    expect(f.tables).toEqual([{ name: "customers", classification: "parquet", columns: 6, location: "s3://orchestration-lab-data-42/raw/customers/", recordCount: 150 }]);
    expect(mocks.glue.commandCalls(GetCrawlersCommand).length).toBeGreaterThan(1);
  });

  it("processed: the second crawler, target outside raw/ (a path without trailing slash is normalised)", async () => {
    const f = await collect(processedCatalog);
    expect(f.crawler).toMatchObject({ name: "processed-data-crawler", databaseName: "workshop_processed", s3Paths: ["s3://orchestration-lab-data-42/processed/"] });
    expect(f.targets).toEqual([expect.objectContaining({ prefix: "processed/", underRaw: false })]);
  });

  it("without a state machine, another student's crawler into their suffixed database is never taken; the suffixed one is the student's", async () => {
    mocks.sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
    const f = await collect(rawCatalog, "s002");
    expect(f.crawler).toMatchObject({ name: "raw-data-crawler-s002", databaseName: "workshop_raw_s002" });
    expect(["tag", "database"]).toContain((f.crawler as { foundBy: string }).foundBy);
    expect(f.database).toMatchObject({ exists: true, name: "workshop_raw_s002" });
  });

  it("no crawler and no database for the layer → exists false, with similar crawlers", async () => {
    mocks.glue.on(GetCrawlersCommand).resolves({ Crawlers: [{ Name: "my-crawler-42", DatabaseName: "default" }] });
    mocks.glue.on(GetDatabaseCommand).rejects(sdkError("EntityNotFoundException"));
    mocks.sfn.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
    const f = await collect(rawCatalog);
    expect(f.crawler).toEqual({ exists: false, similar: ["my-crawler-42 (→ default)"] });
    expect(f.database).toEqual({ exists: false, accepted: ["workshop_raw", "workshop_raw_42"] });
    expect(f.tables).toEqual([]);
  });

  it("GetTables denied → tables ErrorFact; crawler listing denied → crawler ErrorFact", async () => {
    mocks.glue.on(GetTablesCommand).rejects(sdkError("AccessDeniedException"));
    const f = await collect(rawCatalog);
    expect(f.tables).toMatchObject({ $error: { action: "glue:GetTables" } });
    mocks.glue.on(GetCrawlersCommand).rejects(sdkError("AccessDeniedException"));
    const g = await collect(rawCatalog);
    expect(g.crawler).toMatchObject({ $error: { action: "glue:GetCrawlers" } });
  });
});
