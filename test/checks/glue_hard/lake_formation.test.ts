// Task 3 check: facts from scripted Lake Formation and Glue answers (FakeAws), and graded worlds end to end.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AccessDeniedException,
  GetDataLakeSettingsCommand,
  ListDataCellsFilterCommand,
  ListPermissionsCommand,
  ListResourcesCommand,
  type PrincipalResourcePermissions,
} from "@aws-sdk/client-lakeformation";
import { EntityNotFoundException, GetTablesCommand } from "@aws-sdk/client-glue";
import { FakeAws } from "../../support/check-tester.js";
import { CheckContext } from "../../../src/grade/check.js";
import { cellFilterFacts, grantFacts, lakeFormation, MAX_TABLES } from "../../../checks/glue_hard/lake_formation.js";
import { completeWorld, partialWorld } from "../../support/world/index.js";
import { gradeWorld, statuses } from "../../support/grade-world.js";

const aws = new FakeAws();
const lf = aws.client("lakeformation");
const glue = aws.client("glue");
const names = { bucket: "enterprise-datalake-7", landingDb: "landing_7", bronzeDb: "bronze_7", silverDb: "silver_7", goldDb: "gold_7" };
const ctx = () => new CheckContext(aws.session(), "7", names, "111122223333");
const ANALYST = "arn:aws:iam::111122223333:role/analyst";
const ENGINEER = "arn:aws:iam::111122223333:role/engineer";
const g = (principal: string, Resource: PrincipalResourcePermissions["Resource"], Permissions: PrincipalResourcePermissions["Permissions"]): PrincipalResourcePermissions => ({
  Principal: { DataLakePrincipalIdentifier: principal },
  Resource,
  Permissions,
});

/** Empty answers for everything; tests add what they need. */
function baseline() {
  lf.on(ListResourcesCommand).resolves({ ResourceInfoList: [] });
  lf.on(GetDataLakeSettingsCommand).resolves({ DataLakeSettings: { DataLakeAdmins: [] } });
  lf.on(ListPermissionsCommand).resolves({ PrincipalResourcePermissions: [] });
  lf.on(ListDataCellsFilterCommand).resolves({ DataCellsFilters: [] });
  glue.on(GetTablesCommand).resolves({ TableList: [] });
}

beforeEach(() => {
  aws.reset();
});

afterEach(() => {
  // a read the test did not script would stand in the facts as an error: every test scripts what the check reads
  expect(aws.unscripted).toEqual([]);
});

describe("lake_formation check (client mock)", () => {
  it("keeps only this student's registered locations and counts admins without listing others", async () => {
    baseline();
    lf.on(ListResourcesCommand, { NextToken: undefined }).resolves({ ResourceInfoList: [{ ResourceArn: "arn:aws:s3:::enterprise-datalake-77" }], NextToken: "n1" });
    lf.on(ListResourcesCommand, { NextToken: "n1" }).resolves({ ResourceInfoList: [{ ResourceArn: "arn:aws:s3:::enterprise-datalake-7/bronze/" }, { ResourceArn: "arn:aws:s3:::enterprise-datalake-7x" }] });
    lf.on(GetDataLakeSettingsCommand).resolves({ DataLakeSettings: { DataLakeAdmins: [{ DataLakePrincipalIdentifier: "arn:aws:iam::1:role/lf-admin-7" }, { DataLakePrincipalIdentifier: "arn:aws:iam::1:role/other" }] } });
    const f = await aws.collect(lakeFormation, ctx());
    expect(f.registration).toEqual({ bucketArn: "arn:aws:s3:::enterprise-datalake-7", locations: ["arn:aws:s3:::enterprise-datalake-7/bronze"] });
    expect(f.admins).toEqual({ count: 2, studentAdmins: ["arn:aws:iam::1:role/lf-admin-7"] });
  });

  it("follows ListPermissions pages and normalises database, all-tables and column grants", async () => {
    baseline();
    lf.on(ListPermissionsCommand, { Resource: { Database: { Name: "silver_7" } }, NextToken: undefined }).resolves({
      PrincipalResourcePermissions: [g("IAM_ALLOWED_PRINCIPALS", { Database: { Name: "silver_7" } }, ["ALL"])],
      NextToken: "p2",
    });
    lf.on(ListPermissionsCommand, { Resource: { Database: { Name: "silver_7" } }, NextToken: "p2" }).resolves({
      PrincipalResourcePermissions: [g(ENGINEER, { Database: { Name: "silver_7" } }, ["ALTER", "CREATE_TABLE", "DESCRIBE", "DROP"])],
    });
    lf.on(ListPermissionsCommand, { Resource: { Table: { DatabaseName: "bronze_7", TableWildcard: {} } } }).resolves({
      PrincipalResourcePermissions: [g(ANALYST, { Table: { DatabaseName: "bronze_7", TableWildcard: {} } }, ["SELECT"])],
    });
    glue.on(GetTablesCommand, { DatabaseName: "silver_7" }).resolves({ TableList: [{ Name: "customers", DatabaseName: "silver_7" }] });
    lf.on(ListPermissionsCommand, { Resource: { Table: { DatabaseName: "silver_7", Name: "customers" } } }).resolves({
      PrincipalResourcePermissions: [
        g(ANALYST, { TableWithColumns: { DatabaseName: "silver_7", Name: "customers", ColumnWildcard: { ExcludedColumnNames: ["email"] } } }, ["SELECT"]),
        g(ANALYST, { TableWithColumns: { DatabaseName: "silver_7", Name: "customers", ColumnWildcard: {} } }, ["SELECT"]),
      ],
    });
    const f = await aws.collect(lakeFormation, ctx());
    expect(lf.commandCalls(ListPermissionsCommand).filter((c) => c.Resource?.Database?.Name === "silver_7")).toHaveLength(2);
    expect(f.silver).toMatchObject({
      exists: true,
      databaseGrants: [
        { principal: "IAM_ALLOWED_PRINCIPALS", scope: "database", permissions: ["ALL"], full: true },
        { principal: ENGINEER, scope: "database", full: true },
      ],
      columnGrants: [{ principal: ANALYST, scope: "columns", table: "customers", excludedColumns: ["email"], restricted: true }],
    });
    expect(f.bronze).toMatchObject({ allTablesGrants: [{ principal: ANALYST, scope: "allTables", permissions: ["SELECT"], full: false }] });
    expect(f.fineGrained).toEqual({ databasesFound: 4, iamAllowedOn: ["silver_7"] });
    expect(f.columnSecurity).toMatchObject({ columnGrants: [{ database: "silver_7", table: "customers", excludedColumns: ["email"] }], tablesInspected: 1 });
  });

  it("a missing database is not found (GetTables EntityNotFoundException) and not counted for fine-grained access", async () => {
    baseline();
    glue.on(GetTablesCommand, { DatabaseName: "gold_7" }).rejects(new EntityNotFoundException({ message: "Database gold_7 not found.", $metadata: { httpStatusCode: 400 } }));
    const f = await aws.collect(lakeFormation, ctx());
    expect(f.gold).toMatchObject({ exists: false, tables: 0 });
    expect(f.fineGrained).toEqual({ databasesFound: 3, iamAllowedOn: [] });
  });

  it("keeps data cells filters of the student's databases only", async () => {
    baseline();
    lf.on(ListDataCellsFilterCommand, { NextToken: undefined }).resolves({
      DataCellsFilters: [{ TableCatalogId: "1", DatabaseName: "silver_77", TableName: "c", Name: "theirs", ColumnNames: ["a"] }],
      NextToken: "f2",
    });
    lf.on(ListDataCellsFilterCommand, { NextToken: "f2" }).resolves({
      DataCellsFilters: [
        { TableCatalogId: "1", DatabaseName: "silver_7", TableName: "customers", Name: "rows-only", ColumnWildcard: {}, RowFilter: { FilterExpression: "country='DE'" } },
        { TableCatalogId: "1", DatabaseName: "gold_7", TableName: "summary", Name: "pii", ColumnNames: ["customer_id", "total"] },
      ],
    });
    const f = await aws.collect(lakeFormation, ctx());
    expect(f.columnSecurity.filters).toEqual([
      { database: "silver_7", table: "customers", name: "rows-only", excludedColumns: [], rowFilter: "country='DE'", columnLevel: false },
      { database: "gold_7", table: "summary", name: "pii", columns: ["customer_id", "total"], columnLevel: true },
    ]);
  });

  it(`inspects at most ${MAX_TABLES} tables one by one`, async () => {
    baseline();
    glue.on(GetTablesCommand).callsFake((i) => ({ TableList: Array.from({ length: 20 }, (_, n) => ({ Name: `t${n}`, DatabaseName: i.DatabaseName })) }));
    const f = await aws.collect(lakeFormation, ctx());
    const perTable = lf.commandCalls(ListPermissionsCommand).filter((c) => c.Resource?.Table?.Name);
    expect(perTable).toHaveLength(MAX_TABLES);
    expect(f.columnSecurity).toMatchObject({ tablesInspected: MAX_TABLES });
    // Round-robin: every database gets some of the inspections.
    expect((["landing", "bronze", "silver", "gold"] as const).map((l) => f[l].tablesInspected)).toEqual([13, 13, 12, 12]);
  });

  it("AccessDenied on ListDataCellsFilter only makes the filters an ErrorFact", async () => {
    baseline();
    lf.on(ListDataCellsFilterCommand).rejects(new AccessDeniedException({ message: "denied", $metadata: { httpStatusCode: 403 } }));
    const f = await aws.collect(lakeFormation, ctx());
    expect(f.columnSecurity.filters).toMatchObject({ $error: { action: "lakeformation:ListDataCellsFilter", kind: "accessDenied" } });
    expect(f.registration).toMatchObject({ locations: [] });
    expect(f.fineGrained).toEqual({ databasesFound: 4, iamAllowedOn: [] });
  });

  it("grant and filter normalisation", () => {
    expect(grantFacts(g(ENGINEER, { Table: { DatabaseName: "d", Name: "t" } }, ["ALTER", "DELETE", "DESCRIBE", "DROP", "INSERT", "SELECT"]))).toEqual({
      principal: ENGINEER, scope: "table", table: "t", permissions: ["ALTER", "DELETE", "DESCRIBE", "DROP", "INSERT", "SELECT"], full: true,
    });
    expect(grantFacts(g(ENGINEER, { DataLocation: { ResourceArn: "arn:aws:s3:::b" } }, ["DATA_LOCATION_ACCESS"]))).toBeUndefined();
    expect(grantFacts(g(ANALYST, { TableWithColumns: { DatabaseName: "d", Name: "t", ColumnNames: ["a"] } }, ["SELECT"]))).toMatchObject({ columns: ["a"], restricted: true });
    expect(cellFilterFacts({ TableCatalogId: "1", DatabaseName: "d", TableName: "t", Name: "n", RowFilter: { AllRowsWildcard: {} } })).toEqual({ database: "d", table: "t", name: "n", columnLevel: false });
  });
});

describe("lake_formation task graded from worlds", () => {
  it("a complete world passes every criterion", async () => {
    const r = await gradeWorld("glue_hard", completeWorld("42"), "42", { only: ["lake_formation"] });
    expect(Object.values(statuses(r))).toEqual(Array(7).fill("pass"));
    expect(r.score.percent).toBe(100);
  });

  it("the partial world fails exactly the planted mistake; gold_all is skipped because Task 2's partial world never created gold", async () => {
    const r = await gradeWorld("glue_hard", partialWorld("42"), "42", { only: ["lake_formation"] });
    expect(statuses(r)).toEqual({
      "lake_formation.location_registered": "pass",
      "lake_formation.admin": "pass",
      "lake_formation.bronze_select": "pass",
      "lake_formation.silver_all": "pass",
      // Task 2's partial world names the database gold_042: no grant can exist on gold_42.
      "lake_formation.gold_all": "skipped",
      "lake_formation.column_security": "fail",
      "lake_formation.fine_grained": "pass",
    });
    const msg = (id: string) => r.tasks[0]!.criteria.find((c) => c.id === id)!.message ?? "";
    expect(msg("gold_all")).toContain('requires "Database gold_42 exists"');
    expect(msg("column_security")).toContain("no column-level data cells filter and no column-restricted grant");
  });
});
