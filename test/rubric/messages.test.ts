// Every message a student reads is a sentence in words: for every bundled assessment, across its partial snapshot
// (replayed) and a beginner's empty account, no failure, warning, skipped or error message shows a fact path, a bare
// true/false or a JSON object/array. Key messages name the graded values themselves.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AwsSession } from "../../src/aws/session.js";
import { readSnapshot } from "../../src/aws/snapshot.js";
import { bundledRubric, catalogOf, packageRoot } from "../../src/grade/assessment.js";
import { assessmentIds, loadAssessment } from "../../src/app/assessments.js";
import { CheckContext } from "../../src/grade/check.js";
import { environmentOf, gradeStudent } from "../../src/grade/grade.js";
import type { GradeReport } from "../../src/grade/result.js";
import { loadRubric } from "../../src/rubric/load.js";
import { resolveNames } from "../../src/rubric/template.js";
import { worldTransport } from "../support/world/transport.js";

const STUDENT = "demo";
const ACCOUNT = "123456789012";

type Run = { report: GradeReport; factPaths: Set<string> };

/** Every dotted path of a facts value (arrays projected), as a rubric could name it. */
function dottedPaths(v: unknown, prefix: string, out: Set<string>): void {
  if (Array.isArray(v)) return v.forEach((x) => dottedPaths(x, prefix, out));
  if (!v || typeof v !== "object") return;
  for (const [k, x] of Object.entries(v)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (prefix) out.add(p);
    dottedPaths(x, p, out);
  }
}

/** Grades the demo student from a session and collects the fact paths its checks produced. */
async function gradeWith(id: string, session: () => AwsSession, account: string, region: string): Promise<Run> {
  const assessment = (await loadAssessment(id))!;
  const rubric = loadRubric(bundledRubric(id), catalogOf(assessment));
  const report = await gradeStudent({ assessment, rubric, rubricSource: "test", session: session(), student: STUDENT, account, partition: "aws" });
  const names = resolveNames(rubric.names, { student: STUDENT, account, region, env: environmentOf(rubric, undefined) });
  const ctx = new CheckContext(session(), STUDENT, names, account);
  const factPaths = new Set<string>();
  for (const check of assessment.checks) dottedPaths(await check.collect(ctx).catch(() => ({})), "", factPaths);
  return { report, factPaths };
}

function partialRun(id: string): Promise<Run> {
  const snap = readSnapshot(join(packageRoot(), "examples", id, "partial.json"));
  return gradeWith(id, () => new AwsSession({ region: snap.region, replay: snap }), snap.account ?? ACCOUNT, snap.region);
}

function emptyRun(id: string): Promise<Run> {
  const world = { account: ACCOUNT, region: "us-east-1", pageSize: 3 };
  return gradeWith(id, () => new AwsSession({ region: world.region, transport: worldTransport(world) }), ACCOUNT, world.region);
}

/** What is wrong with a message, or undefined when it reads as words. */
function internals(message: string, factPaths: ReadonlySet<string>): string | undefined {
  if (/[{[]\s*"|"\s*:\s*["{[\d]|^\s*[{[]|\{\}|\[\]/.test(message)) return "a JSON object or array";
  if (/(^|[\s:=,(])(true|false)([\s,;.)]|$)/.test(message)) return "a bare true/false";
  if (/\bfound (yes|no)\b/.test(message)) return "a bare yes/no";
  const path = message.match(/[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+/g)?.find((p) => factPaths.has(p));
  if (path) return `the fact path ${path}`;
  return undefined;
}

const ids = assessmentIds();
const runs = new Map<string, Run>();

beforeAll(async () => {
  for (const id of ids) {
    if (existsSync(join(packageRoot(), "examples", id, "partial.json"))) runs.set(`${id} partial`, await partialRun(id));
    runs.set(`${id} empty`, await emptyRun(id));
  }
}, 120_000);

describe("every message reads as words", () => {
  it("covers every bundled assessment, partial and empty", () => {
    expect([...runs.keys()].filter((k) => k.endsWith(" empty")).length).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(5);
  });

  it.each(ids.flatMap((id) => [`${id} partial`, `${id} empty`]))("%s: no fact path, bare boolean or JSON in any message that is not a pass", (key) => {
    const run = runs.get(key);
    if (!run) return;
    const bad: string[] = [];
    let shown = 0;
    for (const t of run.report.tasks) {
      for (const c of t.criteria) {
        if (c.status === "pass" || c.status === "manual") continue;
        shown++;
        const why = internals(c.message, run.factPaths);
        if (why) bad.push(`${t.id}.${c.id}: ${why}: ${c.message}`);
      }
    }
    expect(shown).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it("the detector itself catches each kind of internals", () => {
    const paths = new Set(["encryption.keyMatchesAlias"]);
    expect(internals("expected encryption.keyMatchesAlias equal to true, found false", paths)).toBeDefined();
    expect(internals('found {"filters":[]}', paths)).toBe("a JSON object or array");
    expect(internals('found ["athena-results/"]', paths)).toBe("a JSON object or array");
    expect(internals("found false", paths)).toBe("a bare true/false");
    expect(internals("expected database gold_demo exists, found no", paths)).toBe("a bare yes/no");
    expect(internals("expected encryption.keyMatchesAlias", paths)).toBe("the fact path encryption.keyMatchesAlias");
    expect(internals("expected Enabled, found Suspended", paths)).toBeUndefined();
    expect(internals("expected s3://bucket/silver/ (glue.driver.jvm.heap.usage), found none", paths)).toBeUndefined();
  });
});

describe("key messages name the graded values", () => {
  const message = (key: string, criterion: string): string => {
    const [task, id] = criterion.split(".");
    return runs.get(key)!.report.tasks.find((t) => t.id === task)!.criteria.find((c) => c.id === id)!.message;
  };

  it("a wrong KMS key names the key the bucket uses and the key expected", () => {
    const m = message("glue_hard partial", "s3_data_lake.encryption_key");
    expect(m).toContain("the bucket uses arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-00000000beef");
    expect(m).toContain("alias/datalake-demo (arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-00000000deaa)");
  });

  it("missing folders are labelled missing", () => {
    expect(message("glue_hard partial", "s3_data_lake.folders")).toMatch(/; missing: athena-results\/; a similar name exists: athena_results\//);
  });

  it("the wrong lifecycle rule is named with its prefix, storage class and days", () => {
    expect(message("glue_hard partial", "s3_data_lake.lifecycle_silver")).toContain("rule silver-to-deep-archive (silver/): GLACIER after 180 days");
  });

  it("a missing database names the database", () => {
    expect(message("glue_hard empty", "databases.gold_exists")).toBe("expected a Glue database named gold_demo; none with that name in this region's Data Catalog");
  });

  it("a per-resource map shows only the bucket that differs", () => {
    expect(message("glue_etl_pipeline_tf partial", "storage.versioning")).toMatch(/, found temp: Suspended$/);
  });

  it("a missing list item is named as missing", () => {
    expect(message("glue_cdk_sfn_json_to_parquet partial", "iam.glue_role_policies")).toContain("missing: AmazonS3FullAccess");
  });
});
