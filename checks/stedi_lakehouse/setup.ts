// Setup — compliant: an S3 gateway VPC endpoint (com.amazonaws.<region>.s3, type Gateway, available, with route
// tables); an IAM role Glue can assume (named for the student, or the lab's my-glue-service-role); an Athena query
// result location (the workgroup's, managed query results, or evidence: a successful query on the student's database).
import { DescribeVpcEndpointsCommand, type VpcEndpoint } from "@aws-sdk/client-ec2";
import { ListRolesCommand, GetRoleCommand, type Role } from "@aws-sdk/client-iam";
import { BatchGetQueryExecutionCommand, GetWorkGroupCommand, ListQueryExecutionsCommand } from "@aws-sdk/client-athena";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { mentionsStudent } from "../shared/student-owned.js";
import { trustOf } from "../shared/trust-policy.js";
import { resolveDatabase } from "./common.js";

/** Bounds on calls: endpoint pages, roles described, recent queries looked at. */
const MAX_ENDPOINT_PAGES = 10;
const MAX_ROLES = 20;
const MAX_QUERIES = 50;

/** One VPC endpoint for S3 (state lowercased). */
const endpointSchema = z.object({ id: z.string(), vpcId: z.string().nullable(), serviceName: z.string(), type: z.string().nullable(), state: z.string(), routeTables: z.number() });

/** The student's roles and the services each trusts (or why its trust policy could not be read). */
const rolesSchema = z.object({
  candidates: z.array(z.string()),
  glueTrusted: z.array(z.string()),
  items: z.array(z.union([z.object({ name: z.string(), services: z.array(z.string()), parseError: z.string().optional() }), z.object({ name: z.string(), error: z.string() })])),
});
type RolesFacts = z.infer<typeof rolesSchema>;

/** Athena's result location: the workgroup's setting, managed results, or successful queries on the student's database. */
const athenaSchema = z.object({ workGroup: z.string(), outputLocation: orError(z.string().nullable()), managedResults: z.boolean(), successfulQueries: orError(z.number()) });
type AthenaFacts = z.infer<typeof athenaSchema>;

/** The facts of the setup task. */
export const setupFactsSchema = z.object({ s3Endpoints: orError(z.array(endpointSchema)), roles: orError(rolesSchema), athena: athenaSchema });
export type SetupFacts = z.infer<typeof setupFactsSchema>;

/** Every VPC endpoint for S3 in the run's region (any type), so a wrong type or service shows as what it is. */
async function s3Endpoints(ctx: CheckContext): Promise<SetupFacts["s3Endpoints"]> {
  const r = await ctx.list(
    "ec2",
    (t) => new DescribeVpcEndpointsCommand({ NextToken: t }),
    (o) => ({ items: o.VpcEndpoints, next: o.NextToken }),
    { maxPages: MAX_ENDPOINT_PAGES },
  );
  if (!r.ok) return r.fact;
  return r.items
    .filter((e: VpcEndpoint) => /\.s3$/i.test(e.ServiceName ?? ""))
    .map((e) => ({
      id: e.VpcEndpointId ?? "",
      vpcId: e.VpcId ?? null,
      serviceName: e.ServiceName ?? "",
      type: e.VpcEndpointType ?? null,
      // The API answers "available"; the SDK enum spells "Available": facts hold lowercase.
      state: (e.State ?? "").toLowerCase(),
      routeTables: (e.RouteTableIds ?? []).length,
    }));
}

/** The student's roles (name mentions the student, or the lab's role name) and which of them Glue may assume. */
async function glueRoles(ctx: CheckContext): Promise<RolesFacts | ErrorFact> {
  const all = await ctx.list("iam", (m) => new ListRolesCommand({ Marker: m }), (o) => ({ items: o.Roles, next: o.IsTruncated ? o.Marker : undefined }));
  if (!all.ok) return all.fact;
  const labName = ctx.names.glueRole?.toLowerCase();
  const mine = all.items.filter((r: Role) => mentionsStudent(r.RoleName, ctx.student) || (labName !== undefined && r.RoleName?.toLowerCase() === labName)).slice(0, MAX_ROLES);
  const items = await Promise.all(
    mine.map(async (r): Promise<RolesFacts["items"][number]> => {
      let doc = r.AssumeRolePolicyDocument;
      if (doc === undefined && r.RoleName) {
        const g = await ctx.read("iam", new GetRoleCommand({ RoleName: r.RoleName }), { missing: ["NoSuchEntityException", "NoSuchEntity"] });
        if (!g.ok && !g.missing) return { name: r.RoleName, error: g.fact.$error.message };
        doc = g.ok ? g.value.Role?.AssumeRolePolicyDocument : undefined;
      }
      const t = trustOf(doc);
      return { name: r.RoleName ?? "", services: t.services, ...(t.parseError ? { parseError: t.parseError } : {}) };
    }),
  );
  return { candidates: items.map((i) => i.name), glueTrusted: items.filter((i) => "services" in i && i.services.includes("glue.amazonaws.com")).map((i) => i.name), items };
}

/** The workgroup's result location, and successful recent queries on the student's database (proof a location was set). */
async function athena(ctx: CheckContext): Promise<AthenaFacts> {
  const workGroup = ctx.options.athenaWorkgroup ?? "primary";
  const [wg, history, db] = await Promise.all([
    ctx.read("athena", new GetWorkGroupCommand({ WorkGroup: workGroup }), { missing: ["InvalidRequestException"] }),
    ctx.read("athena", new ListQueryExecutionsCommand({ WorkGroup: workGroup, MaxResults: MAX_QUERIES })),
    resolveDatabase(ctx),
  ]);
  const config = wg.ok ? wg.value.WorkGroup?.Configuration : undefined;
  const facts = {
    workGroup,
    outputLocation: wg.ok ? (config?.ResultConfiguration?.OutputLocation ?? null) : wg.missing ? null : wg.fact,
    managedResults: config?.ManagedQueryResultsConfiguration?.Enabled === true,
  };
  const ids = history.ok ? (history.value.QueryExecutionIds ?? []).slice(0, MAX_QUERIES) : [];
  if (!history.ok) return { ...facts, successfulQueries: history.fact };
  if (ids.length === 0) return { ...facts, successfulQueries: 0 };
  const got = await ctx.read("athena", new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids }));
  const dbName = "$error" in db || !db.exists ? undefined : db.name;
  const successfulQueries = got.ok
    ? (got.value.QueryExecutions ?? []).filter(
        (q) => q.Status?.State === "SUCCEEDED" && !!q.ResultConfiguration?.OutputLocation && (dbName === undefined || q.QueryExecutionContext?.Database?.toLowerCase() === dbName.toLowerCase()),
      ).length
    : got.fact;
  return { ...facts, successfulQueries };
}

/** The setup task: network path to S3, the Glue role, Athena's result location. */
export const setup: CheckModule<SetupFacts> = {
  id: "setup",
  description: "S3 gateway VPC endpoint and its route tables; IAM roles of the student trusted by glue.amazonaws.com; Athena query result location (workgroup setting or successful queries).",
  names: ["glueRole", "database", "plainDatabase"],
  actions: ["ec2:DescribeVpcEndpoints", "iam:ListRoles", "iam:GetRole", "athena:GetWorkGroup", "athena:ListQueryExecutions", "athena:BatchGetQueryExecution", "glue:GetDatabase", "glue:GetDatabases", "glue:GetTags"],
  facts: setupFactsSchema,
  async collect(ctx) {
    const [endpoints, roles, athenaFacts] = await Promise.all([s3Endpoints(ctx), glueRoles(ctx), athena(ctx)]);
    return { s3Endpoints: endpoints, roles, athena: athenaFacts };
  },
};
