// `merge`: shard outputs → one folder with every student's result, one gradebook and one summary.
import { compact, readManifest, readStudentResults, writeManifest, writeStudentResult, type BatchManifest, type StudentResult } from "./store.js";

/** Why a merge was refused. */
export class MergeError extends Error {
  override name = "MergeError";
}

/** The parts of a result that must agree when the same student appears in two folders. */
function gradeOf(r: StudentResult): string {
  if (!r.report) return JSON.stringify({ failure: r.failure ?? "" });
  return JSON.stringify({ score: r.report.score, tasks: r.report.tasks.map((t) => [t.id, t.points, t.criteria.map((c) => [c.id, c.status, c.points])]) });
}

/**
 * Reads every folder's manifest and results. Refuses folders of different assessments or rubric versions, and a
 * student graded differently in two folders; the same grade twice is kept once. Writes the merged students and
 * manifest to `out` and returns them.
 */
export function mergeDirs(dirs: readonly string[], out: string): { manifest: BatchManifest; results: StudentResult[]; warnings: string[] } {
  if (!dirs.length) throw new MergeError("merge needs at least one folder");
  const warnings: string[] = [];
  let manifest: BatchManifest | undefined;
  const merged = new Map<string, { r: StudentResult; from: string }>();
  for (const dir of dirs) {
    let m: BatchManifest | undefined;
    try {
      m = readManifest(dir);
    } catch (err) {
      throw new MergeError((err as Error).message);
    }
    if (!m) throw new MergeError(`${dir} has no batch.json: not a glue-validate batch output folder`);
    if (manifest && (m.assessment !== manifest.assessment || m.rubric.version !== manifest.rubric.version)) {
      throw new MergeError(`${dir} is ${m.assessment} rubric ${m.rubric.version}, but ${dirs[0]} is ${manifest.assessment} rubric ${manifest.rubric.version}`);
    }
    if (manifest && m.environment !== undefined && manifest.environment !== undefined && m.environment !== manifest.environment) {
      throw new MergeError(`${dir} holds grades for environment ${m.environment ?? "(none)"}, but ${dirs[0]} for ${manifest.environment ?? "(none)"}`);
    }
    manifest = manifest ? { ...manifest, environment: manifest.environment ?? m.environment } : m;
    const { results, problems } = readStudentResults(dir);
    warnings.push(...problems);
    for (const [id, r] of results) {
      const prev = merged.get(id);
      if (prev && gradeOf(prev.r) !== gradeOf(r)) {
        throw new MergeError(`student "${id}" is graded differently in ${prev.from} and ${dir}; remove one of the two results (students/${id}.json) and merge again`);
      }
      if (prev) warnings.push(`student "${id}" is in both ${prev.from} and ${dir} with the same grade; kept once`);
      else merged.set(id, { r, from: dir });
    }
  }
  // Nothing is written until every folder agreed; then each kept result is copied in full, one file at a time.
  for (const dir of dirs) {
    readStudentResults(dir, { each: (full) => merged.get(full.entry.student)?.from === dir && writeStudentResult(out, full) });
  }
  const results = [...merged.values()].map((x) => x.r);
  const { shard: _shard, ...rest } = manifest!;
  const out_manifest: BatchManifest = { ...rest, students: results.length, updatedAt: new Date().toISOString() };
  writeManifest(out, out_manifest);
  return { manifest: out_manifest, results, warnings };
}
