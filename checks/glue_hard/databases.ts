// Task 2 — compliant: four medallion databases exist at their bucket prefixes, tagged, with the Data Catalog encrypted with SSE-KMS.
import { GetDatabaseCommand, GetDatabasesCommand, GetDataCatalogEncryptionSettingsCommand, GetTagsCommand } from "@aws-sdk/client-glue";
import { z } from "zod";
import type { CheckContext, CheckModule } from "../../src/grade/check.js";
import { orError, type ErrorFact } from "../../src/grade/facts.js";
import { glueArn, withSlash } from "../shared/arn.js";
import { nearMisses } from "../shared/student-owned.js";
import { tagMapSchema } from "../shared/tags.js";

const LAYERS = ["landing", "bronze", "silver", "gold"] as const;

/** The facts of one database. */
export const databaseFactsSchema = z.object({
  name: z.string(),
  exists: z.boolean(),
  locationUri: z.string().optional(),
  /** LocationUri with exactly one trailing slash. */
  location: z.string().optional(),
  tags: orError(tagMapSchema).optional(),
  similar: orError(z.array(z.string())).optional(),
});
export type DatabaseFacts = z.infer<typeof databaseFactsSchema>;

/** The facts of Task 2: one entry per medallion layer, and the Data Catalog's encryption at rest. */
export const databasesFactsSchema = z.object({
  catalogEncryption: orError(z.object({ mode: z.string(), kmsKeyId: z.string().nullable() })),
  landing: orError(databaseFactsSchema),
  bronze: orError(databaseFactsSchema),
  silver: orError(databaseFactsSchema),
  gold: orError(databaseFactsSchema),
});
export type DatabasesFacts = z.infer<typeof databasesFactsSchema>;

async function readDatabase(ctx: CheckContext, name: string, allNames: () => Promise<string[] | ErrorFact>): Promise<DatabaseFacts | ErrorFact> {
  const db = await ctx.read("glue", new GetDatabaseCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
  if (!db.ok) {
    if (!db.missing) return db.fact;
    const all = await allNames();
    return { name, exists: false, similar: Array.isArray(all) ? nearMisses(name, all, ctx.student) : all };
  }
  const tags = await ctx.read("glue", new GetTagsCommand({ ResourceArn: await glueArn(ctx, "database", name) }));
  const uri = db.value.Database?.LocationUri;
  return {
    name,
    exists: true,
    ...(uri ? { locationUri: uri, location: withSlash(uri) } : {}),
    tags: tags.ok ? { ...(tags.value.Tags ?? {}) } : tags.fact,
  };
}

/** Task 2: the medallion databases and catalog encryption. */
export const databases: CheckModule<DatabasesFacts> = {
  id: "databases",
  description: "Glue databases landing/bronze/silver/gold: existence, LocationUri, tags; Data Catalog encryption at rest.",
  names: ["landingDb", "bronzeDb", "silverDb", "goldDb"],
  actions: ["glue:GetDatabase", "glue:GetDatabases", "glue:GetTags", "glue:GetDataCatalogEncryptionSettings"],
  facts: databasesFactsSchema,
  async collect(ctx) {
    let listing: Promise<string[] | ErrorFact> | undefined;
    const allNames = () =>
      (listing ??= ctx
        .list("glue", (t) => new GetDatabasesCommand({ NextToken: t }), (o) => ({ items: o.DatabaseList, next: o.NextToken }))
        .then((r) => (r.ok ? r.items.map((d) => d.Name ?? "") : r.fact)));
    const read = (layer: (typeof LAYERS)[number]) => readDatabase(ctx, ctx.name(`${layer}Db`), allNames);
    const [landing, bronze, silver, gold, enc] = await Promise.all([read("landing"), read("bronze"), read("silver"), read("gold"), ctx.read("glue", new GetDataCatalogEncryptionSettingsCommand({}))]);
    const rest = enc.ok ? enc.value.DataCatalogEncryptionSettings?.EncryptionAtRest : undefined;
    return {
      catalogEncryption: enc.ok ? { mode: rest?.CatalogEncryptionMode ?? "DISABLED", kmsKeyId: rest?.SseAwsKmsKeyId ?? null } : enc.fact,
      landing,
      bronze,
      silver,
      gold,
    };
  },
};
