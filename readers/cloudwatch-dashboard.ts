// A CloudWatch dashboard: its widgets, their types and titles, the metrics and expressions they show.
import { GetDashboardCommand, ListDashboardsCommand } from "@aws-sdk/client-cloudwatch";
import type { Facts } from "../src/grade/facts.js";
import { dashboardBody, dashboardFactsSchema } from "../checks/shared/dashboard.js";
import { byName, defineReader, missing, namedFacts, similarFrom } from "./reader.js";

/** Reads one dashboard and parses its body (student JSON). */
export const reader = defineReader({
  id: "cloudwatch.dashboard",
  description: "A CloudWatch dashboard: widget count and types, titles, the metrics shown (\"Namespace/MetricName\", console shorthand expanded) and metric-math expressions.",
  params: byName,
  facts: namedFacts(dashboardFactsSchema.omit({ covers: true }).shape),
  actions: ["cloudwatch:GetDashboard", "cloudwatch:ListDashboards"],
  async read(ctx, { name }) {
    const r = await ctx.read("cloudwatch", new GetDashboardCommand({ DashboardName: name }), { missing: ["ResourceNotFound", "ResourceNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("cloudwatch", (t) => new ListDashboardsCommand({ NextToken: t }), (o) => ({ items: o.DashboardEntries?.map((d) => d.DashboardName ?? ""), next: o.NextToken }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const { covers: _covers, ...body } = dashboardBody(r.value.DashboardBody);
    return { name, exists: true, ...body };
  },
});
