// The roster layouts and gradebook styles by name alone: the command line lists them in its help without loading batch.

/** The roster layouts read: our CSV, a plain ID list, and LMS exports (Canvas gradebook, Moodle grades or participants). */
export const ROSTER_FORMATS = ["auto", "csv", "plain", "canvas", "moodle"] as const;
export type RosterFormat = (typeof ROSTER_FORMATS)[number];

/** Gradebook column conventions. */
export const GRADEBOOK_STYLES = ["default", "canvas", "moodle"] as const;
export type GradebookStyle = (typeof GRADEBOOK_STYLES)[number];
