// "grading: 3/15 tasks done" on a terminal's stderr while a single run works, rewritten in place and erased at the
// end; nothing at all when stderr is not a terminal (CI logs and pipes stay clean).
import type { CliIo } from "./io.js";

/** Erase the current terminal line: carriage return, then CSI 2K. */
const CLEAR = "\r\u001b[2K";

/** A live progress line: `update` while grading, `end` (idempotent) before anything else is printed. */
export interface ProgressLine {
  update: (done: number, total: number) => void;
  end: () => void;
}

/** The progress line of one run: live on a TTY stderr, silent otherwise. */
export function progressLine(io: CliIo): ProgressLine {
  if (!io.errIsTty) return { update: () => undefined, end: () => undefined };
  let shown = false;
  return {
    update: (done, total) => {
      io.err(`${CLEAR}grading: ${done}/${total} tasks done`);
      shown = true;
    },
    end: () => {
      if (shown) io.err(CLEAR);
      shown = false;
    },
  };
}
