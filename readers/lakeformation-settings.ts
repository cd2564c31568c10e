// Lake Formation data lake settings: administrators and the default permissions new databases and tables get.
import { z } from "zod";
import { GetDataLakeSettingsCommand } from "@aws-sdk/client-lakeformation";
import type { Facts } from "../src/grade/facts.js";
import { defineReader, errorFactSchema } from "./reader.js";

/** Reads the account's data lake settings. */
export const reader = defineReader({
  id: "lakeformation.settings",
  description: "The account's Lake Formation settings: data lake administrators, and whether new databases and tables still give IAM_ALLOWED_PRINCIPALS access (the IAM-only default).",
  params: z.object({}).strict(),
  facts: z.union([z.object({ admins: z.array(z.string()), databaseDefaultIamAllowed: z.boolean(), tableDefaultIamAllowed: z.boolean() }), errorFactSchema]),
  actions: ["lakeformation:GetDataLakeSettings"],
  async read(ctx) {
    const r = await ctx.read("lakeformation", new GetDataLakeSettingsCommand({}));
    if (!r.ok) return r.fact as unknown as Facts;
    const s = r.value.DataLakeSettings ?? {};
    const iam = (l: typeof s.CreateDatabaseDefaultPermissions) => (l ?? []).some((p) => p.Principal?.DataLakePrincipalIdentifier === "IAM_ALLOWED_PRINCIPALS");
    return { admins: (s.DataLakeAdmins ?? []).map((a) => a.DataLakePrincipalIdentifier ?? ""), databaseDefaultIamAllowed: iam(s.CreateDatabaseDefaultPermissions), tableDefaultIamAllowed: iam(s.CreateTableDefaultPermissions) };
  },
});
