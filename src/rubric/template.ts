// {placeholders} in rubric names and texts: {student}, {account}, {region}, {env} and the rubric's own names. A Grok reference like %{WORD} is not a placeholder.

const PLACEHOLDER = /(?<!%)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Variables every rubric may use. */
export const BUILTIN_VARS = ["student", "account", "region", "env"] as const;

/** The placeholder names a template refers to. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Fills placeholders; unknown ones are left as written. */
export function fill(template: string, vars: Readonly<Record<string, string | undefined>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => vars[name] ?? whole);
}

/** Resolves the rubric's names against the built-ins and each other (a name may use another). */
export function resolveNames(names: Readonly<Record<string, string>>, builtins: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  const visiting = new Set<string>();
  const resolve = (key: string): string => {
    if (out[key] !== undefined) return out[key]!;
    if (visiting.has(key)) throw new Error(`name "${key}" refers to itself`);
    visiting.add(key);
    const vars: Record<string, string | undefined> = { ...builtins };
    for (const p of placeholders(names[key]!)) if (p in names && !(p in builtins)) vars[p] = resolve(p);
    out[key] = fill(names[key]!, vars);
    visiting.delete(key);
    return out[key]!;
  };
  for (const key of Object.keys(names)) resolve(key);
  return out;
}
