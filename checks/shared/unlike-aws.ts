// An answer AWS never gives (a field it always returns is missing, a value outside its documented set): the endpoint's
// fault, not the student's, so the criteria that need it are errors naming the read, never failures.
import type { ErrorFact } from "../../src/grade/facts.js";

/** The ErrorFact for an answer to `action` that `what` describes, e.g. "has no Status (AWS always returns one)". */
export function unlikeAws(action: string, what: string): ErrorFact {
  return { $error: { action, kind: "unreadable", message: `the endpoint's answer to ${action} ${what}: this is not how AWS answers, so it cannot be graded` } };
}
