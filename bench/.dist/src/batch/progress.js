/** Formats seconds as 1h02m, 3m05s or 12s. */
export function duration(s) {
    if (!Number.isFinite(s) || s < 0)
        return "?";
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.round(s % 60);
    return h ? `${h}h${String(m).padStart(2, "0")}m` : m ? `${m}m${String(sec).padStart(2, "0")}s` : `${sec}s`;
}
/** One progress line. */
export function progressLine(p, now = Date.now()) {
    const todo = p.total - p.skipped;
    const elapsed = (now - p.startedAt) / 1000;
    const eta = p.done > 0 ? ((todo - p.done) * elapsed) / p.done : NaN;
    const pct = todo ? Math.floor((p.done / todo) * 100) : 100;
    return (`${p.done + p.skipped}/${p.total} students (${pct}%)` +
        (p.skipped ? `, ${p.skipped} resumed` : "") +
        ` · ${duration(elapsed)} elapsed` +
        (p.done < todo ? ` · ETA ${duration(eta)}` : "") +
        ` · ${p.calls} AWS calls (${p.memoHits} shared) · ${p.throttles} throttles retried · ${p.errors} with errors`);
}
/** Writes progress to `write` (stderr): live on a TTY, every `everyMs` otherwise. */
export class ProgressPrinter {
    write;
    mode;
    everyMs;
    last = 0;
    latest;
    timer;
    stopped = false;
    constructor(write, mode, everyMs = mode === "tty" ? 250 : 5000) {
        this.write = write;
        this.mode = mode;
        this.everyMs = everyMs;
    }
    start(p) {
        this.latest = p;
        if (this.mode === "quiet")
            return;
        // A timer so the line (elapsed, ETA) moves even while no student finishes.
        this.timer = setInterval(() => this.flush(), this.everyMs);
        this.timer.unref();
        if (this.mode === "plain")
            this.write(`${progressLine(p)}\n`);
    }
    update(p) {
        this.latest = p;
        if (this.mode === "tty" && Date.now() - this.last >= this.everyMs)
            this.flush();
    }
    flush() {
        if (!this.latest || this.mode === "quiet")
            return;
        this.last = Date.now();
        const line = progressLine(this.latest);
        this.write(this.mode === "tty" ? `\r\x1b[2K${line}` : `${line}\n`);
    }
    stop() {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = undefined;
        if (this.mode === "quiet" || !this.latest || this.stopped)
            return;
        this.stopped = true;
        const line = progressLine(this.latest);
        this.write(this.mode === "tty" ? `\r\x1b[2K${line}\n` : `${line}\n`);
    }
}
