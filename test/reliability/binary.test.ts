// One spawned run of the built CLI (bin/glue-validate.js → dist/, built by `npm test`) against the fake endpoint:
// the real process path — launcher, packaged SDK clients, process.env credentials — not just runCli in-process; and
// the SDK's Node-version notice is silenced by the tool itself, not by the caller's environment.
import "../support/fake-aws/sdk-shim.js";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { startFakeAws } from "../support/fake-aws/index.js";
import { hermeticHome, testEnv } from "../support/fake-aws/cli.js";
import { completeWorld } from "../support/world/index.js";
import type { GradeReport } from "../../src/grade/result.js";

const home = hermeticHome();
/** The environment without the SDK's notice switch: the tool must set it itself. */
const withoutNoticeSwitch = ({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _switch, ...env }: NodeJS.ProcessEnv): NodeJS.ProcessEnv => env;
afterAll(() => home.cleanup());
const built = existsSync(join("dist", "main.js"));

it.skipIf(!built)("node bin/glue-validate.js grades through --endpoint-url (skipped until `npm run build`)", async () => {
  const fake = await startFakeAws({ world: completeWorld("s1") });
  const output = join(home.dir, "binary-report.json");
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["bin/glue-validate.js", "glue_hard", "--student", "s1", "--endpoint-url", fake.url, "--format", "json", "--output", output], { env: withoutNoticeSwitch(testEnv(home)), stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, stderr }));
    });
    expect([0, 1], stderr).toContain(code);
    expect(stderr).not.toMatch(/could not start|internal error|\n\s+at /);
    expect(stderr).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript/);
    // STS is asked once, alongside the first reads (checks do not wait for it).
    expect(fake.log.filter((c) => c.service === "sts").map((c) => c.operation)).toEqual(["GetCallerIdentity"]);
    const report = JSON.parse(readFileSync(output, "utf8")) as GradeReport;
    expect(report.mode).toBe("live");
    expect(report.aws.calls).toBe(fake.log.length);
  } finally {
    await fake.close();
  }
});
