// An Athena workgroup: state, query result location and encryption, whether its settings are enforced, and the per-query scan limit.
import { z } from "zod";
import { GetWorkGroupCommand } from "@aws-sdk/client-athena";
import type { Facts } from "../src/grade/facts.js";
import { byName, defineReader, missing, namedFacts } from "./reader.js";

/** Reads one workgroup by name. */
export const reader = defineReader({
  id: "athena.workgroup",
  description: "An Athena workgroup: state, engine version, query result location and its encryption, whether the workgroup's settings override the client's, CloudWatch metrics, and the bytes-scanned limit per query.",
  params: byName,
  facts: namedFacts({ state: z.string().nullable(), engineVersion: z.string().nullable(), outputLocation: z.string().nullable(), encryption: z.string().nullable(), enforced: z.boolean(), metrics: z.boolean(), bytesScannedCutoff: z.number().nullable() }),
  actions: ["athena:GetWorkGroup"],
  async read(ctx, { name }) {
    const r = await ctx.read("athena", new GetWorkGroupCommand({ WorkGroup: name }), { missing: ["InvalidRequestException", "ResourceNotFoundException"] });
    if (!r.ok) return r.missing ? missing(name, []) : (r.fact as unknown as Facts);
    const c = r.value.WorkGroup?.Configuration;
    return {
      name,
      exists: true,
      state: r.value.WorkGroup?.State ?? null,
      engineVersion: c?.EngineVersion?.EffectiveEngineVersion ?? c?.EngineVersion?.SelectedEngineVersion ?? null,
      outputLocation: c?.ResultConfiguration?.OutputLocation ?? null,
      encryption: c?.ResultConfiguration?.EncryptionConfiguration?.EncryptionOption ?? null,
      enforced: c?.EnforceWorkGroupConfiguration === true,
      metrics: c?.PublishCloudWatchMetricsEnabled === true,
      bytesScannedCutoff: c?.BytesScannedCutoffPerQuery ?? null,
    };
  },
});
