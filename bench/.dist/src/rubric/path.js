// Reads a dotted path out of facts; a path through an array projects over its items.
import { isErrorFact } from "../grade/facts.js";
/** Resolves `a.b.c` against a value; numeric segments index arrays, other segments map over them. */
export function resolvePath(root, path) {
    if (isErrorFact(root))
        return { ok: false, error: root };
    if (!path)
        return { ok: true, value: root };
    let current = root;
    for (const seg of path.split(".")) {
        if (isErrorFact(current))
            return { ok: false, error: current };
        if (current === undefined || current === null)
            return { ok: true, value: undefined };
        if (Array.isArray(current)) {
            if (/^\d+$/.test(seg)) {
                current = current[Number(seg)];
                continue;
            }
            const mapped = [];
            for (const item of current) {
                if (isErrorFact(item))
                    return { ok: false, error: item };
                const v = item && typeof item === "object" ? item[seg] : undefined;
                if (isErrorFact(v))
                    return { ok: false, error: v };
                if (v !== undefined)
                    mapped.push(v);
            }
            current = mapped;
            continue;
        }
        current = typeof current === "object" ? current[seg] : undefined;
    }
    if (isErrorFact(current))
        return { ok: false, error: current };
    return { ok: true, value: current };
}
