// Naming a task on the command line: by its id, or by its number as the lab numbers it ("Task 3: …" → 3).
import { editDistance } from "../util/edit-distance.js";

/** What a task reference needs of a task. */
export interface NamedTask {
  id: string;
  title: string;
}

/**
 * Each task's number as the lab numbers it: the N of a title that starts "Task N", else (when no title of the
 * rubric is numbered) its position from 1. Tasks whose title carries no number in a numbered rubric have none.
 */
export function taskNumbers(tasks: readonly NamedTask[]): Map<string, string> {
  const fromTitle = tasks.map((t) => /^\s*task\s+(\d+)\b/i.exec(t.title)?.[1]);
  const numbered = fromTitle.some((n) => n !== undefined);
  const out = new Map<string, string>();
  tasks.forEach((t, i) => {
    const n = numbered ? fromTitle[i] : String(i + 1);
    if (n !== undefined && !out.has(String(Number(n)))) out.set(String(Number(n)), t.id);
  });
  return out;
}

/** The task id a reference names ("s3_data_lake", "1", "task 1", "Task1"), or an error sentence that lists the tasks. */
export function resolveTaskRef(tasks: readonly NamedTask[], ref: string): { id: string } | { error: string } {
  const r = ref.trim();
  const byId = tasks.find((t) => t.id === r) ?? tasks.find((t) => t.id.toLowerCase() === r.toLowerCase());
  if (byId) return { id: byId.id };
  const numbers = taskNumbers(tasks);
  const n = /^(?:task\s*)?(\d+)$/i.exec(r)?.[1];
  if (n !== undefined) {
    const id = numbers.get(String(Number(n)));
    if (id) return { id };
  }
  const listed = [...numbers].map(([num, id]) => `${num} (${id})`);
  const unnumbered = tasks.filter((t) => ![...numbers.values()].includes(t.id)).map((t) => t.id);
  const close = tasks.map((t) => [t.id, editDistance(r.toLowerCase(), t.id)] as const).sort((a, b) => a[1] - b[1])[0];
  const meant = n === undefined && close && close[1] <= Math.max(2, Math.floor(close[0].length / 3)) ? ` (did you mean ${close[0]}?)` : "";
  return { error: `unknown task "${r}"${meant}; give a task number or id: ${[...listed, ...unnumbered].join(", ")}` };
}
