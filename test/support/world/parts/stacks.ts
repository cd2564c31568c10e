// World part for CloudFormation: the resources of deployed stacks (ListStackResources), for assessments whose
// resources are found through their stack. The glue_hard fixtures are empty.
import type { StackResourceSummary } from "@aws-sdk/client-cloudformation";
import { AwsFault, page, section, type HandlerTable, type World } from "../types.js";

/** Sections owned by this part. */
export interface StacksWorld {
  /** Stack name → its resources. */
  cfnStacks: Record<string, StackResourceSummary[]>;
}

/** CloudFormation handlers. */
export const handlers: HandlerTable = {
  cloudformation: {
    // A missing stack is a ValidationError (HTTP 400), as CloudFormation answers.
    ListStackResources: (w: World, i: { StackName: string; NextToken?: string }) => {
      const rows = section<Record<string, StackResourceSummary[]>>(w, "cfnStacks", {})[i.StackName];
      if (!rows) throw new AwsFault("ValidationError", 400, `Stack with id ${i.StackName} does not exist`);
      const p = page(rows, i.NextToken, w.pageSize);
      return { StackResourceSummaries: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    },
  },
};

export const complete = (): Record<string, unknown> => ({});
export const partial = (): Record<string, unknown> => ({});
export const other = (): Record<string, unknown> => ({});
