// Tags in one shape: whatever list or map AWS returns, facts hold a { key: value } map.
/** [{Key, Value}] (S3, IAM, Secrets Manager…) or a Record (Glue, DataBrew) → a plain map. */
export function tagMap(tags) {
    if (!tags)
        return {};
    if (Array.isArray(tags))
        return Object.fromEntries(tags.filter((t) => t.Key !== undefined).map((t) => [t.Key, t.Value ?? ""]));
    return { ...tags };
}
