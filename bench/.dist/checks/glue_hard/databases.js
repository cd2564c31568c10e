// Task 2 — compliant: four medallion databases exist at their bucket prefixes, tagged, with the Data Catalog encrypted with SSE-KMS.
import { GetDatabaseCommand, GetDatabasesCommand, GetDataCatalogEncryptionSettingsCommand, GetTagsCommand } from "@aws-sdk/client-glue";
import { glueArn, withSlash } from "../shared/arn.js";
import { nearMisses } from "../shared/student-owned.js";
const LAYERS = ["landing", "bronze", "silver", "gold"];
async function readDatabase(ctx, name, allNames) {
    const db = await ctx.read("glue", new GetDatabaseCommand({ Name: name }), { missing: ["EntityNotFoundException"] });
    if (!db.ok) {
        if (!db.missing)
            return db.fact;
        const all = await allNames();
        return { name, exists: false, similar: Array.isArray(all) ? nearMisses(name, all, ctx.student) : all };
    }
    const tags = await ctx.read("glue", new GetTagsCommand({ ResourceArn: glueArn(ctx, "database", name) }));
    const uri = db.value.Database?.LocationUri;
    return {
        name,
        exists: true,
        ...(uri ? { locationUri: uri, location: withSlash(uri) } : {}),
        tags: tags.ok ? { ...(tags.value.Tags ?? {}) } : tags.fact,
    };
}
/** Task 2: the medallion databases and catalog encryption. */
export const databases = {
    id: "databases",
    description: "Glue databases landing/bronze/silver/gold: existence, LocationUri, tags; Data Catalog encryption at rest.",
    names: ["landingDb", "bronzeDb", "silverDb", "goldDb"],
    actions: ["glue:GetDatabase", "glue:GetDatabases", "glue:GetTags", "glue:GetDataCatalogEncryptionSettings"],
    async collect(ctx) {
        let listing;
        const allNames = () => (listing ??= ctx
            .list("glue", (t) => new GetDatabasesCommand({ NextToken: t }), (o) => ({ items: o.DatabaseList, next: o.NextToken }))
            .then((r) => (r.ok ? r.items.map((d) => d.Name ?? "") : r.fact)));
        const [dbs, enc] = await Promise.all([
            Promise.all(LAYERS.map((l) => readDatabase(ctx, ctx.name(`${l}Db`), allNames))),
            ctx.read("glue", new GetDataCatalogEncryptionSettingsCommand({})),
        ]);
        const rest = enc.ok ? enc.value.DataCatalogEncryptionSettings?.EncryptionAtRest : undefined;
        const facts = {
            catalogEncryption: enc.ok ? { mode: rest?.CatalogEncryptionMode ?? "DISABLED", kmsKeyId: rest?.SseAwsKmsKeyId ?? null } : enc.fact,
        };
        LAYERS.forEach((l, i) => (facts[l] = dbs[i]));
        return facts;
    },
};
