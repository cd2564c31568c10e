// Near-miss names: "enterprise-datalake-0123" or "Enterprise-DataLake-123" when "enterprise-datalake-123" was expected.
function normalise(name) {
    return name.toLowerCase().replace(/[^a-z0-9]+/g, "").replace(/(^|[a-z])0+(?=\d)/g, "$1");
}
function distance(a, b) {
    if (Math.abs(a.length - b.length) > 2)
        return 3;
    const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const up = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return prev[b.length];
}
/** Candidates that differ from `expected` only by case, separators, leading zeros or one typo (at most 5). */
export function similarNames(expected, candidates) {
    const want = normalise(expected);
    const out = [];
    for (const c of candidates) {
        if (c === expected)
            continue;
        const n = normalise(c);
        if (n === want || (want.length >= 8 && distance(n, want) <= 1))
            out.push(c);
        if (out.length >= 5)
            break;
    }
    return out;
}
