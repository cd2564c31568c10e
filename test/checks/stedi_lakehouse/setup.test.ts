// Setup check (scripted answers): S3 endpoints of any type across pages, roles Glue may assume, Athena result location.
import { beforeEach, describe, expect, it } from "vitest";
import { FakeAws } from "../../support/check-tester.js";
import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { GetRoleCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { BatchGetQueryExecutionCommand, GetWorkGroupCommand, ListQueryExecutionsCommand } from "@aws-sdk/client-athena";
import { EntityNotFoundException, GetDatabaseCommand, GetDatabasesCommand } from "@aws-sdk/client-glue";
import { AwsSession } from "../../../src/aws/session.js";
import { CheckContext } from "../../../src/grade/check.js";
import { setup } from "../../../checks/stedi_lakehouse/setup.js";
import { queries } from "../../../checks/stedi_lakehouse/queries.js";

const aws = new FakeAws();
const ec2 = aws.client("ec2");
const iam = aws.client("iam");
const athena = aws.client("athena");
const glue = aws.client("glue");
const names = { database: "stedi_7", plainDatabase: "stedi", glueRole: "my-glue-service-role" };
const ctx = () => new CheckContext(new AwsSession({ region: "us-east-1", transport: aws.transport, maxAttempts: 1 }), "7", names, "111122223333");
const trust = (svc: string) => encodeURIComponent(JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: svc }, Action: "sts:AssumeRole" }] }));

beforeEach(() => {
  aws.reset();
  glue.on(GetDatabaseCommand).resolves({ Database: { Name: "stedi_7" } });
  athena.on(GetWorkGroupCommand).resolves({ WorkGroup: { Name: "primary", Configuration: {} } });
  athena.on(ListQueryExecutionsCommand).resolves({ QueryExecutionIds: [] });
  iam.on(ListRolesCommand).resolves({ Roles: [] });
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
});

describe("setup check (scripted answers)", () => {
  it("lists S3 endpoints of every type across pages, lowercasing the state", async () => {
    ec2.on(DescribeVpcEndpointsCommand, { NextToken: undefined, MaxResults: 1000 }).resolves({
      VpcEndpoints: [{ VpcEndpointId: "vpce-1", VpcEndpointType: "Interface", ServiceName: "com.amazonaws.us-east-1.s3", State: "Available", SubnetIds: ["s"] }, { VpcEndpointId: "vpce-d", ServiceName: "com.amazonaws.us-east-1.dynamodb" }],
      NextToken: "n1",
    });
    ec2.on(DescribeVpcEndpointsCommand, { NextToken: "n1", MaxResults: 1000 }).resolves({
      VpcEndpoints: [{ VpcEndpointId: "vpce-2", VpcEndpointType: "Gateway", ServiceName: "com.amazonaws.us-east-1.s3", State: "available" as never, RouteTableIds: ["rtb-1", "rtb-2"], VpcId: "vpc-1" }],
    });
    const f = await aws.collect(setup, ctx());
    expect(f.s3Endpoints).toEqual([
      { id: "vpce-1", vpcId: null, serviceName: "com.amazonaws.us-east-1.s3", type: "Interface", state: "available", routeTables: 0 },
      { id: "vpce-2", vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.s3", type: "Gateway", state: "available", routeTables: 2 },
    ]);
  });

  it("UnauthorizedOperation on DescribeVpcEndpoints is an error fact naming ec2:DescribeVpcEndpoints", async () => {
    ec2.on(DescribeVpcEndpointsCommand).rejects(Object.assign(new Error("You are not authorized to perform this operation."), { name: "UnauthorizedOperation", $metadata: { httpStatusCode: 403 } }));
    expect((await aws.collect(setup, ctx())).s3Endpoints).toMatchObject({ $error: { action: "ec2:DescribeVpcEndpoints" } });
  });

  it("roles: named for the student or the lab's name; Glue trust read from ListRoles or GetRole; other students' roles ignored", async () => {
    iam.on(ListRolesCommand, { Marker: undefined }).resolves({
      Roles: [
        { RoleName: "stedi-role-7", AssumeRolePolicyDocument: trust("glue.amazonaws.com"), Arn: "a", Path: "/", RoleId: "r", CreateDate: new Date() },
        { RoleName: "stedi-role-8", AssumeRolePolicyDocument: trust("glue.amazonaws.com"), Arn: "a", Path: "/", RoleId: "r", CreateDate: new Date() },
      ],
      IsTruncated: true,
      Marker: "m1",
    });
    iam.on(ListRolesCommand, { Marker: "m1" }).resolves({ Roles: [{ RoleName: "My-Glue-Service-Role", Arn: "a", Path: "/", RoleId: "r", CreateDate: new Date() }, { RoleName: "lambda-7", AssumeRolePolicyDocument: trust("lambda.amazonaws.com"), Arn: "a", Path: "/", RoleId: "r", CreateDate: new Date() }] });
    iam.on(GetRoleCommand, { RoleName: "My-Glue-Service-Role" }).resolves({ Role: { RoleName: "My-Glue-Service-Role", AssumeRolePolicyDocument: trust("glue.amazonaws.com"), Arn: "a", Path: "/", RoleId: "r", CreateDate: new Date() } });
    const f = (await aws.collect(setup, ctx())).roles as { candidates: string[]; glueTrusted: string[] };
    expect(f.candidates).toEqual(["stedi-role-7", "My-Glue-Service-Role", "lambda-7"]);
    expect(f.glueTrusted).toEqual(["stedi-role-7", "My-Glue-Service-Role"]);
  });

  it("Athena: the workgroup's location, or successful queries on the student's database in its history", async () => {
    athena.on(GetWorkGroupCommand).resolves({ WorkGroup: { Name: "primary", Configuration: { ResultConfiguration: { OutputLocation: "s3://b/athena/" } } } });
    athena.on(ListQueryExecutionsCommand).resolves({ QueryExecutionIds: ["a", "b", "c"] });
    athena.on(BatchGetQueryExecutionCommand).resolves({
      QueryExecutions: [
        { QueryExecutionId: "a", Status: { State: "SUCCEEDED" }, QueryExecutionContext: { Database: "stedi_7" }, ResultConfiguration: { OutputLocation: "s3://b/athena/a.csv" } },
        { QueryExecutionId: "b", Status: { State: "FAILED" }, QueryExecutionContext: { Database: "stedi_7" }, ResultConfiguration: { OutputLocation: "s3://b/athena/b.csv" } },
        { QueryExecutionId: "c", Status: { State: "SUCCEEDED" }, QueryExecutionContext: { Database: "other" }, ResultConfiguration: { OutputLocation: "s3://b/athena/c.csv" } },
      ],
    });
    expect((await aws.collect(setup, ctx())).athena).toEqual({ workGroup: "primary", outputLocation: "s3://b/athena/", managedResults: false, successfulQueries: 1 });
  });

  it("Athena: a missing database still counts successful queries in the workgroup", async () => {
    glue.on(GetDatabaseCommand).rejects(new EntityNotFoundException({ message: "nope", $metadata: {} }));
    glue.on(GetDatabasesCommand).resolves({ DatabaseList: [] });
    athena.on(ListQueryExecutionsCommand).resolves({ QueryExecutionIds: ["a"] });
    athena.on(BatchGetQueryExecutionCommand).resolves({ QueryExecutions: [{ QueryExecutionId: "a", Status: { State: "SUCCEEDED" }, ResultConfiguration: { OutputLocation: "s3://b/a.csv" } }] });
    expect((await aws.collect(setup, ctx())).athena).toMatchObject({ outputLocation: null, successfulQueries: 1 });
  });

  it("queries check reports the run's switches", async () => {
    const c = new CheckContext(new AwsSession({ region: "us-east-1" }), "7", names, "1", "aws", { runQueries: true, athenaOutput: "s3://o/" });
    expect(await queries.collect(c)).toEqual({ enabled: true, workGroup: null, outputLocation: "s3://o/" });
    expect(await aws.collect(queries, ctx())).toEqual({ enabled: false, workGroup: null, outputLocation: null });
  });
});
