// World part for Lambda: function configurations (GetFunctionConfiguration, ListFunctions). GetFunction is never
// served: the session's read-only guard refuses it (it returns a code download URL). The glue_hard fixtures are
// empty: test/support/world/assessments/tf/ops-side.ts builds the Terraform deployment's functions.
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { AwsFault, page, section, type CallContext, type HandlerTable, type World } from "../types.js";

type Base = Pick<World, "region" | "account">;

/** Sections owned by this part. */
export interface FunctionsWorld {
  /** Functions as GetFunctionConfiguration returns them ($LATEST; FunctionArn tells the region). */
  lambdaFunctions: FunctionConfiguration[];
}

/** The function name of a name, a full ARN, or a partial ARN ("123456789012:function:name"), with an optional ":qualifier". */
function nameOf(ref: string): { name: string; qualifier?: string } {
  const full = /^arn:aws[a-z-]*:lambda:[^:]+:\d{12}:function:([^:]+)(?::(.+))?$/.exec(ref);
  if (full) return { name: full[1]!, qualifier: full[2] };
  const partial = /^\d{12}:function:([^:]+)(?::(.+))?$/.exec(ref);
  if (partial) return { name: partial[1]!, qualifier: partial[2] };
  const [name, qualifier] = ref.split(":");
  return { name: name!, qualifier };
}

const inRegion = (w: World, region: string) => section<FunctionConfiguration[]>(w, "lambdaFunctions", []).filter((f) => (f.FunctionArn?.split(":")[3] ?? w.region) === region);

/** Lambda GetFunctionConfiguration and ListFunctions (Marker / MaxItems). */
export const handlers: HandlerTable = {
  lambda: {
    GetFunctionConfiguration: (w: World, i: { FunctionName: string; Qualifier?: string }, ctx: CallContext) => {
      const ref = nameOf(i.FunctionName);
      const qualifier = i.Qualifier ?? ref.qualifier;
      const f = inRegion(w, ctx.region).find((x) => x.FunctionName === ref.name);
      const arn = `arn:aws:lambda:${ctx.region}:${w.account}:function:${ref.name}${qualifier ? `:${qualifier}` : ""}`;
      if (!f || (qualifier && qualifier !== "$LATEST")) throw new AwsFault("ResourceNotFoundException", 404, `Function not found: ${arn}`);
      return { ...f };
    },
    ListFunctions: (w: World, i: { Marker?: string; MaxItems?: number }, ctx: CallContext) => {
      if (i.MaxItems !== undefined && (i.MaxItems < 1 || i.MaxItems > 10000)) throw new AwsFault("InvalidParameterValueException", 400, "MaxItems must be between 1 and 10000");
      const p = page(inRegion(w, ctx.region), i.Marker, w.pageSize, i.MaxItems);
      return { Functions: p.items, ...(p.next ? { NextMarker: p.next } : {}) };
    },
  },
};

/** Nothing for glue_hard. */
export function complete(_w: Base, _student: string): Partial<FunctionsWorld> {
  return {};
}
/** Nothing for glue_hard. */
export function partial(_w: Base, _student: string): Partial<FunctionsWorld> {
  return {};
}
/** Nothing for glue_hard. */
export function other(_w: Base, _student: string): Partial<FunctionsWorld> {
  return {};
}
