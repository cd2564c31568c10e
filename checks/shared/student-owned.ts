// Whose resource is this: names that mention the student ID (with digit/letter boundaries) or a StudentID tag.
import { similarNames } from "./similar.js";

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isLetter = (c: string | undefined) => c !== undefined && c.toLowerCase() !== c.toUpperCase();
const sameClass = (a: string | undefined, b: string | undefined) => (isDigit(a) && isDigit(b)) || (isLetter(a) && isLetter(b));

/**
 * True when `name` contains the student ID (any case) and the ID is not part of a longer run of the same kind of
 * characters: for student "42", "GlueRole-42", "GlueRole42" and "alarm_42_cost" match; "s142", "420" and "s042" do not.
 */
export function mentionsStudent(name: string | undefined, student: string): boolean {
  if (!name || !student) return false;
  const hay = name.toLowerCase();
  const id = student.toLowerCase();
  for (let at = hay.indexOf(id); at >= 0; at = hay.indexOf(id, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + id.length];
    if (!sameClass(before, id[0]) && !sameClass(after, id[id.length - 1])) return true;
  }
  return false;
}

/** True when a tag map carries StudentID (key compared without case or separators) equal to the student. */
export function taggedForStudent(tags: Readonly<Record<string, string>>, student: string): boolean {
  return Object.entries(tags).some(([k, v]) => k.toLowerCase().replace(/[^a-z]/g, "") === "studentid" && v.trim().toLowerCase() === student.toLowerCase());
}

/**
 * Near-miss names for "did you mean", without other students' copies: for expected "glue-warnings-42", a candidate
 * "glue-warnings-s002" is the same template with another student ID and is dropped; "glue-warnings-042" is kept.
 */
export function nearMisses(expected: string, candidates: Iterable<string>, student: string): string[] {
  const at = expected.toLowerCase().indexOf(student.toLowerCase());
  if (at < 0 || !student) return similarNames(expected, candidates);
  const prefix = expected.slice(0, at).toLowerCase();
  const suffix = expected.slice(at + student.length).toLowerCase();
  const strip = (s: string) => s.toLowerCase().replace(/^0+(?=\d)/, "");
  const othersCopy = (c: string) => {
    const l = c.toLowerCase();
    if (!l.startsWith(prefix) || !l.endsWith(suffix) || l.length < prefix.length + suffix.length) return false;
    return strip(l.slice(prefix.length, l.length - suffix.length)) !== strip(student);
  };
  return similarNames(expected, [...candidates].filter((c) => !othersCopy(c)));
}

/** A string as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
