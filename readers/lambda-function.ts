// A Lambda function's configuration only (never its code or environment values): runtime, handler, role, memory, timeout, layers, environment variable names.
import { z } from "zod";
import { GetFunctionConfigurationCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import type { Facts } from "../src/grade/facts.js";
import { byName, defineReader, missing, namedFacts, similarFrom } from "./reader.js";

/** Reads one function's configuration (GetFunctionConfiguration: GetFunction, which returns a code URL, is never called). */
export const reader = defineReader({
  id: "lambda.function",
  description: "A Lambda function's configuration (never its code, never environment values): runtime, handler, role, memory, timeout, architectures, layers, state, and the names of its environment variables.",
  params: byName,
  facts: namedFacts({
    runtime: z.string().nullable(),
    handler: z.string().nullable(),
    role: z.string().nullable(),
    memorySize: z.number().nullable(),
    timeout: z.number().nullable(),
    architectures: z.array(z.string()),
    layers: z.array(z.string()),
    state: z.string().nullable(),
    environmentVariables: z.array(z.string()),
    packageType: z.string().nullable(),
  }),
  actions: ["lambda:GetFunctionConfiguration", "lambda:ListFunctions"],
  async read(ctx, { name }) {
    const r = await ctx.read("lambda", new GetFunctionConfigurationCommand({ FunctionName: name }), { missing: ["ResourceNotFoundException"] });
    if (!r.ok) {
      if (!r.missing) return r.fact as unknown as Facts;
      const all = await ctx.list("lambda", (t) => new ListFunctionsCommand({ Marker: t }), (o) => ({ items: o.Functions?.map((f) => f.FunctionName ?? ""), next: o.NextMarker }));
      return missing(name, similarFrom(ctx, name, all));
    }
    const f = r.value;
    return {
      name,
      exists: true,
      runtime: f.Runtime ?? null,
      handler: f.Handler ?? null,
      role: f.Role ?? null,
      memorySize: f.MemorySize ?? null,
      timeout: f.Timeout ?? null,
      architectures: f.Architectures ?? [],
      layers: (f.Layers ?? []).map((l) => l.Arn ?? ""),
      state: f.State ?? null,
      environmentVariables: Object.keys(f.Environment?.Variables ?? {}),
      packageType: f.PackageType ?? null,
    };
  },
});
