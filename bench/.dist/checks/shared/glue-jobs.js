// Reading one Glue job by name (GetJob), with near-miss names from the job listing when it does not exist.
import { GetJobCommand, ListJobsCommand } from "@aws-sdk/client-glue";
import { nearMisses } from "./student-owned.js";
/** Every job name of the account (ListJobs, all pages); memoised by the session, so checks share it. */
export async function allJobNames(ctx) {
    const r = await ctx.list("glue", (t) => new ListJobsCommand({ NextToken: t }), (o) => ({ items: o.JobNames, next: o.NextToken }));
    return r.ok ? r.items : r.fact;
}
/** GetJob (the only read that reliably returns CodeGenConfigurationNodes); on EntityNotFound, near-miss names from ListJobs (other students' copies left out). */
export async function readJob(ctx, name) {
    const r = await ctx.read("glue", new GetJobCommand({ JobName: name }), { missing: ["EntityNotFoundException"] });
    if (r.ok) {
        if (r.value.Job)
            return { kind: "found", job: r.value.Job };
    }
    else if (!r.missing) {
        return { kind: "error", fact: r.fact };
    }
    const all = await allJobNames(ctx);
    return { kind: "missing", similar: Array.isArray(all) ? nearMisses(name, all, ctx.student) : all };
}
