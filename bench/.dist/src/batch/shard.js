// --shard i/n: a deterministic slice of the roster by a stable hash of the student ID, so adding a student moves no one else.
/** Parses "i/n" (1 ≤ i ≤ n); throws an Error with a readable message otherwise. */
export function parseShard(spec) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
    const index = m ? Number(m[1]) : NaN;
    const count = m ? Number(m[2]) : NaN;
    if (!m || count < 1 || index < 1 || index > count || count > 10_000)
        throw new Error(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${spec}"`);
    return { index, count };
}
/** FNV-1a (32-bit) of the UTF-8 bytes of `s`. */
export function fnv1a(s) {
    let h = 0x811c9dc5;
    for (const b of Buffer.from(s, "utf8"))
        h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h >>> 0;
}
/** The shard (1-based) a student belongs to among `count`. */
export function shardOf(student, count) {
    return (fnv1a(student) % count) + 1;
}
/** Whether the student is graded by this shard. */
export function inShard(student, shard) {
    return !shard || shardOf(student, shard.count) === shard.index;
}
