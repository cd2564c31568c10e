// Hostile student data through the wire: malformed JSON strings, absurd sizes, invalid Avro, DQDL garbage and a
// catastrophic Grok pattern each end as a `fail` (or `error`) with a reason, in bounded time, and the run finishes.
import "../support/fake-aws/sdk-shim.js";
import { afterAll, describe, expect, it } from "vitest";
import type { Classifier, Crawler } from "@aws-sdk/client-glue";
import type { Role } from "@aws-sdk/client-iam";
import { startFakeAws } from "../support/fake-aws/index.js";
import { gradeThroughFake, hermeticHome, statusesOf } from "../support/fake-aws/cli.js";
import { completeWorld } from "../support/world/index.js";
import type { World } from "../support/world/types.js";
import type { WorldRuleset, WorldSchema } from "../support/world/parts/catalog-formats.js";

const home = hermeticHome();
afterAll(() => home.cleanup());
const S = "s1";

/** The complete world with every free-text field a student controls replaced by something hostile. */
function hostileWorld(): World {
  const w = completeWorld(S);
  const buckets = w.s3Buckets as Record<string, { policy?: string; tags?: { Key: string; Value: string }[] }>;
  buckets[`enterprise-datalake-${S}`]!.policy = '{"Version": "2012-10-17", "Statement": [ {"Effect": "Allow",'; // truncated JSON
  buckets[`enterprise-datalake-${S}`]!.tags!.push({ Key: "Notes", Value: "x".repeat(200_000) }); // absurdly large
  for (const d of w.dashboards as { DashboardName: string; DashboardBody: string }[]) if (d.DashboardName.endsWith(S)) d.DashboardBody = "{widgets: [ not json";
  for (const c of w.crawlers as Crawler[]) if (c.Name === `enterprise-crawler-${S}`) c.Configuration = '{"Version": 1.0, "Grouping": {';
  for (const r of w.iamRoles as Role[]) if (r.RoleName?.includes(S)) r.AssumeRolePolicyDocument = "%7B%ZZ%not-url-encoded-json";
  for (const s of w.schemas as WorldSchema[]) if (s.schema.RegistryName === `enterprise-registry-${S}` && /transaction/i.test(s.schema.SchemaName ?? "")) s.versions.at(-1)!.SchemaDefinition = '{"type": "record", "name": "Transaction", "fields": [{"name": 1}]}';
  for (const r of w.dqRulesets as WorldRuleset[]) if (r.Name?.includes(S) && /anomal/i.test(r.Name)) r.Ruleset = "Rules = [ Mean \"amount\" between ( ]] \u0000 \"unterminated";
  for (const c of w.classifiers as Classifier[]) if (c.GrokClassifier?.Name === `custom-log-classifier-${S}`) c.GrokClassifier.GrokPattern = "(a|a|aa)+(b|%{WORD:x})*$";
  return w;
}

describe("hostile student data", () => {
  it("every hostile field ends as a fail with a reason; nothing crashes; the run is bounded", async () => {
    const fake = await startFakeAws({ world: hostileWorld() });
    const started = Date.now();
    try {
      const run = await gradeThroughFake(fake, S, home);
      const elapsed = Date.now() - started;
      expect(run.report, run.err).toBeDefined();
      expect(run.err).not.toMatch(/internal error|at .*\.ts:\d+/);
      expect(elapsed).toBeLessThan(30_000);
      const s = statusesOf(run.report);
      const byKey = Object.fromEntries(run.report!.tasks.flatMap((t) => t.criteria.map((c) => [`${t.id}.${c.id}`, c])));
      // Each hostile field fails its own criterion (never a pass, never an unexplained crash).
      for (const key of ["s3_data_lake.bucket_policy", "monitoring.dashboard_widgets", "security.glue_role", "schema_registry.transaction_fields", "data_quality.anomaly_detection", "classifier.line1_matches", "classifier.line2_matches"]) {
        expect(["fail", "error"], key).toContain(s[key]);
        expect(byKey[key]!.message.length, key).toBeGreaterThan(10);
      }
      // The malformed crawler Configuration is only recorded (its criterion is for a human); the rest still grades.
      expect(s["crawler.crawler_exists"]).toBe("pass");
      expect(s["databases.catalog_encryption"]).toBe("pass");
      expect(s["s3_data_lake.versioning"]).toBe("pass");
      // The 200 kB tag value did not make the report explode.
      expect(JSON.stringify(run.report).length).toBeLessThan(2_000_000);
    } finally {
      await fake.close();
    }
  });
});
