/** Whether this run may start Athena queries, and where they would run and write. */
export const queries = {
    id: "queries",
    description: "Whether this run may start Athena queries (--run-queries), with the workgroup and output location given.",
    names: [],
    actions: [],
    async collect(ctx) {
        return {
            enabled: ctx.options.runQueries === true,
            workGroup: ctx.options.athenaWorkgroup ?? null,
            outputLocation: ctx.options.athenaOutput ?? null,
        };
    },
};
