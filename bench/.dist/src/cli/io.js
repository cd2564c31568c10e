// Where the CLI writes: stdout/stderr streams that tests can replace, and files written atomically.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
/** The real process streams. */
export function processIo() {
    return {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        isTty: Boolean(process.stdout.isTTY),
        env: process.env,
    };
}
/** Writes a file via a temporary name and a rename, creating its folder. */
export function writeFileAtomic(file, text) {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
}
