// World part for Task 2 (and Glue tags): databases, catalog encryption settings, tags by ARN.
import type { Database, DataCatalogEncryptionSettings } from "@aws-sdk/client-glue";
import { AwsFault, page, section, type HandlerTable, type World } from "../types.js";

/** Sections owned by this part. */
export interface DatabasesWorld {
  databases: Database[];
  catalogEncryption: DataCatalogEncryptionSettings;
  /** Glue tags by resource ARN (databases, crawlers, jobs, workflows, registries…). */
  glueTags: Record<string, Record<string, string>>;
}

/** Glue handlers for databases, catalog settings and tags. */
export const handlers: HandlerTable = {
  glue: {
    GetDatabase: (w: World, i: { Name: string }) => {
      const db = section<Database[]>(w, "databases", []).find((d) => d.Name === i.Name);
      if (!db) throw new AwsFault("EntityNotFoundException", 400, `Database ${i.Name} not found.`);
      return { Database: db };
    },
    GetDatabases: (w: World, i: { NextToken?: string; MaxResults?: number }) => {
      const p = page(section<Database[]>(w, "databases", []), i.NextToken, w.pageSize, i.MaxResults);
      return { DatabaseList: p.items, NextToken: p.next };
    },
    GetDataCatalogEncryptionSettings: (w: World) => ({
      DataCatalogEncryptionSettings: section<DataCatalogEncryptionSettings>(w, "catalogEncryption", { EncryptionAtRest: { CatalogEncryptionMode: "DISABLED" } }),
    }),
    GetTags: (w: World, i: { ResourceArn: string }) => {
      const tags = section<Record<string, Record<string, string>>>(w, "glueTags", {})[i.ResourceArn];
      if (!tags) {
        const exists = /:database\//.test(i.ResourceArn) ? section<Database[]>(w, "databases", []).some((d) => i.ResourceArn.endsWith(`/${d.Name}`)) : true;
        if (!exists) throw new AwsFault("EntityNotFoundException", 400, `Resource ${i.ResourceArn} not found`);
      }
      return { Tags: tags ?? {} };
    },
  },
};

const arn = (w: Pick<World, "region" | "account">, name: string) => `arn:aws:glue:${w.region}:${w.account}:database/${name}`;

/** A correct Task 2 for one student. */
export function complete(w: Pick<World, "region" | "account">, student: string): Partial<DatabasesWorld> {
  const layers = ["landing", "bronze", "silver", "gold"];
  return {
    databases: layers.map((l) => ({ Name: `${l}_${student}`, LocationUri: `s3://enterprise-datalake-${student}/${l}${l === "gold" ? "" : "/"}`, CreateTime: new Date("2026-11-01T10:00:00Z"), CatalogId: w.account })),
    glueTags: Object.fromEntries(layers.map((l) => [arn(w, `${l}_${student}`), { Architecture: "Medallion", Environment: "Production", StudentID: student }])),
    catalogEncryption: { EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS", SseAwsKmsKeyId: `arn:aws:kms:${w.region}:${w.account}:alias/datalake-${student}` } },
  };
}

/** Task 2 with planted mistakes: gold named with a leading zero, silver at the wrong prefix, bronze untagged, catalog unencrypted. */
export function partial(w: Pick<World, "region" | "account">, student: string): Partial<DatabasesWorld> {
  const c = complete(w, student);
  const dbs = c.databases!.map((d) => (d.Name === `gold_${student}` ? { ...d, Name: `gold_0${student}` } : d.Name === `silver_${student}` ? { ...d, LocationUri: `s3://enterprise-datalake-${student}/silver-data/` } : d));
  const tags = { ...c.glueTags! };
  delete tags[arn(w, `bronze_${student}`)];
  return { databases: dbs, glueTags: tags, catalogEncryption: { EncryptionAtRest: { CatalogEncryptionMode: "DISABLED" } } };
}

/** Another student's databases (noise in a shared account). */
export function other(w: Pick<World, "region" | "account">, student: string): Partial<DatabasesWorld> {
  const c = complete(w, student);
  return { databases: c.databases, glueTags: c.glueTags };
}
