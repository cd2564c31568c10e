/** arn:{partition}:glue:{region}:{account}:{kind}/{name} for the run's account and region. */
export function glueArn(ctx, kind, name) {
    return `arn:${ctx.partition}:glue:${ctx.region}:${ctx.account ?? ""}:${kind}/${name}`;
}
/** "s3://bucket/prefix" → "s3://bucket/prefix/" (one trailing slash), for comparisons. */
export function withSlash(uri) {
    if (uri === undefined)
        return undefined;
    return uri.replace(/\/+$/, "") + "/";
}
