// The grok engine: Glue built-ins, custom patterns, Oniguruma/Java syntax translated to JS, bounds, and the time-limited matcher.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileGrok, GROK_LIMITS, type CompiledGrok } from "../../../checks/shared/grok/compile.js";
import { GLUE_BUILTIN_PATTERNS } from "../../../checks/shared/grok/patterns.js";
import { runGrok } from "../../../checks/shared/grok/run.js";
import { LAB_GROK_PATTERN } from "../../support/world/parts/catalog-formats.js";
import { SAMPLE_LOG_LINES } from "../../../checks/glue_hard/classifier.js";

type Ok = Extract<CompiledGrok, { ok: true }>;
const ok = (pattern: string, custom?: string): Ok => {
  const c = compileGrok(pattern, custom);
  if (!c.ok) throw new Error(c.error);
  return c;
};
/** In-process match, only for the engine's own known-safe patterns. */
const fields = (pattern: string, line: string, custom?: string): Record<string, string> | null => {
  const c = ok(pattern, custom);
  const m = new RegExp(c.source, c.flags).exec(line);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const [js, f] of Object.entries(c.groups)) if (m.groups?.[js] !== undefined && !(f in out)) out[f] = m.groups[js]!;
  return out;
};
const matches = (pattern: string, line: string, custom?: string) => fields(pattern, line, custom) !== null;

describe("built-in patterns", () => {
  it("every Glue built-in compiles to a valid JS regex", () => {
    for (const name of Object.keys(GLUE_BUILTIN_PATTERNS)) expect(compileGrok(`%{${name}:x}`), name).toMatchObject({ ok: true });
  });

  it.each([
    ["WORD", "login", true], ["WORD", "two words", false], ["DATA", "anything at all", true], ["GREEDYDATA", "x y z", true],
    ["INT", "-12", true], ["INT", "1.5", false], ["BASE10NUM", "3.14", true], ["NUMBER", "12345", true], ["NUMBER", "-0.5", true],
    ["POSINT", "7", true], ["POSINT", "0", false], ["NONNEGINT", "0", true],
    ["IPV4", "192.168.1.1", true], ["IPV4", "256.1.1.1", false], ["IP", "10.0.0.1", true], ["IP", "2001:db8::1", true],
    ["IPV6", "::1", true], ["IPV6", "fe80::1%eth0", true], ["IPV6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", true], ["IPV6", "::ffff:192.0.2.128", true], ["IPV6", "12345::", false],
    ["TIMESTAMP_ISO8601", "2024-11-01 10:15:32", true], ["TIMESTAMP_ISO8601", "2024-11-01T10:15:32.123+01:00", true], ["TIMESTAMP_ISO8601", "2024-11-01T10:15:32Z", true], ["TIMESTAMP_ISO8601", "2024-13-01 10:15:32", false],
    ["YEAR", "2024", true], ["MONTHNUM", "11", true], ["MONTHDAY", "31", true], ["HOUR", "23", true], ["MINUTE", "59", true], ["SECOND", "60", true],
    ["LOGLEVEL", "INFO", true], ["LOGLEVEL", "ERROR", true], ["LOGLEVEL", "Warning", true], ["LOGLEVEL", "LOUD", false],
    ["NOTSPACE", "a=b", true], ["NOTSPACE", "a b", false], ["SPACE", "   ", true],
    ["QUOTEDSTRING", '"say \\"hi\\""', true], ["QS", "'single'", true], ["QS", '"open', false],
    ["UUID", "123e4567-e89b-12d3-a456-426614174000", true], ["HOSTNAME", "api.example.com", true], ["IPORHOST", "db-1.internal", true], ["IPORHOST", "10.1.2.3", true],
    ["USERNAME", "john.doe-1", true], ["USER", "root", true], ["EMAILLOCALPART", "john.doe", true],
    ["MONTH", "November", true], ["MONTH", "Nov", true], ["DAY", "Mon", true], ["TIME", "10:15:32", true], ["BOOLEAN", "TRUE", true], ["BOOLEAN", "yes", false],
    ["PATH", "/var/log/app.log", true], ["URI", "https://example.com:8443/a/b?x=1", true], ["HTTPDATE", "01/Nov/2024:10:15:32 +0000", true],
    ["SYSLOGTIMESTAMP", "Nov  1 10:15:32", true], ["MAC", "00:1A:2b:3C:4d:5E", true],
  ] as const)("%s on %j → %s", (name, text, expected) => {
    expect(matches(`%{${name}:v}`, text)).toBe(expected);
  });

  it("a combined Apache log line yields its named fields", () => {
    const f = fields("%{COMBINEDAPACHELOG}", '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08"');
    expect(f).toMatchObject({ clientip: "127.0.0.1", auth: "frank", verb: "GET", request: "/apache_pb.gif", response: "200", bytes: "2326" });
  });

  it("UNWANTED and field-less references capture nothing; typed fields keep their type", () => {
    const c = ok("%{IP} %{NUMBER:n:int} %{WORD:w:long}");
    expect(c.fields).toEqual([{ name: "n", type: "int" }, { name: "w", type: "long" }]);
    expect(Object.values(c.groups)).toEqual(["n", "w"]);
  });

  it("patterns outside Glue's documented list resolve with a warning; an unknown type is warned about", () => {
    const c = ok("%{EMAILADDRESS:mail} %{INT:n:integer}");
    expect(c.warnings.join("\n")).toContain("EMAILADDRESS");
    expect(c.warnings.join("\n")).toContain('"integer"');
    expect(fields("%{EMAILADDRESS:mail}", "john.doe@example.com")).toEqual({ mail: "john.doe@example.com" });
  });
});

describe("the lab's pattern", () => {
  it("matches both sample lines in full, with the lab's fields", async () => {
    const c = ok(LAB_GROK_PATTERN);
    expect(c.fields.map((f) => f.name)).toEqual(["timestamp", "log_level", "user_id", "action", "ip_address", "duration", "error_message"]);
    const [l1, l2] = await runGrok(c, SAMPLE_LOG_LINES);
    expect(l1).toEqual({ matched: true, timedOut: false, captures: { timestamp: "2024-11-01 10:15:32", log_level: "INFO", user_id: "12345", action: "login", ip_address: "192.168.1.1", duration: "250ms" } });
    expect(l2).toEqual({ matched: true, timedOut: false, captures: { timestamp: "2024-11-01 10:16:45", log_level: "ERROR", user_id: "67890", action: "purchase", ip_address: "192.168.1.2", error_message: "payment_failed" } });
  });

  it("is anchored to the whole line: a leading or trailing extra, or a missing bracket, does not match", () => {
    expect(matches(LAB_GROK_PATTERN, `${SAMPLE_LOG_LINES[1]} trailing`)).toBe(false);
    expect(matches(LAB_GROK_PATTERN, `x ${SAMPLE_LOG_LINES[0]}`)).toBe(false);
    expect(matches(LAB_GROK_PATTERN, SAMPLE_LOG_LINES[0].slice(1))).toBe(false);
    expect(compileGrok("%{WORD:w}", undefined, { anchored: false })).toMatchObject({ ok: true, source: expect.not.stringMatching(/^\^/) });
  });

  it("ip=%{WORD:ip_address} cannot match a dotted IP", () => {
    expect(matches(LAB_GROK_PATTERN.replace("%{IP:ip_address}", "%{WORD:ip_address}"), SAMPLE_LOG_LINES[0])).toBe(false);
  });
});

describe("custom patterns", () => {
  it("resolve recursively, override built-ins, skip comments and report malformed lines", () => {
    const custom = "# comment\nLOGTS %{TIMESTAMP_ISO8601}\nBRACKETED \\[%{LOGTS:ts}\\]\nWORD [a-z]+\n\nnot-a-pattern\n";
    const c = ok("%{BRACKETED} %{WORD:w}", custom);
    expect(c.warnings).toEqual(['custom pattern line 6 is not "NAME regex" and was ignored']);
    expect(fields("%{BRACKETED} %{WORD:w}", "[2024-11-01 10:15:32] abc", custom)).toEqual({ ts: "2024-11-01 10:15:32", w: "abc" });
    expect(matches("%{WORD:w}", "ABC", custom)).toBe(false);
  });

  it("an unknown pattern is a clear error", () => {
    expect(compileGrok("%{FOO:bar} x")).toEqual({ ok: false, error: expect.stringContaining("unknown grok pattern %{FOO}") });
  });

  it("cycles are detected, direct and indirect", () => {
    expect(compileGrok("%{A}", "A x%{A}")).toEqual({ ok: false, error: "cyclic grok pattern: A → A" });
    expect(compileGrok("%{A:a}", "A %{B}\nB (?:%{C})\nC %{A}")).toEqual({ ok: false, error: "cyclic grok pattern: A → B → C → A" });
  });

  it("deep chains and exponential expansion are bounded", () => {
    const chain = Array.from({ length: 60 }, (_, i) => `P${i} %{P${i + 1}}`).join("\n") + "\nP60 x";
    expect(compileGrok("%{P0}", chain)).toMatchObject({ ok: false, error: expect.stringContaining("nested deeper") });
    const doubling = Array.from({ length: 30 }, (_, i) => `D${i + 1} %{D${i}}%{D${i}}`).join("\n") + "\nD0 abcdefgh";
    const t = Date.now();
    expect(compileGrok("%{D30}", doubling)).toMatchObject({ ok: false, error: expect.stringContaining(`exceeds ${GROK_LIMITS.maxOutputChars}`) });
    expect(Date.now() - t).toBeLessThan(2000);
  });
});

describe("Oniguruma / Java syntax", () => {
  it("atomic groups do not give back what they matched", () => {
    expect(matches("(?:a+)ab", "aaab")).toBe(true);
    expect(matches("(?>a+)ab", "aaab")).toBe(false);
    expect(matches("(?>a|ab)c", "abc")).toBe(false);
    expect(matches("(?>\\d\\d){1,2}", "2024")).toBe(true);
  });

  it("possessive quantifiers are atomic", () => {
    expect(matches("a*+a", "aaa")).toBe(false);
    expect(matches("a++b", "aaab")).toBe(true);
    expect(matches("(?:ab)?+ab", "ab")).toBe(false);
    expect(matches("[0-9]{2,3}+5", "1235")).toBe(true);
  });

  it.each([
    ["(?i)error", "ERROR", true], ["(?i:err)OR", "errOR", true], ["(?i:err)OR", "error", false], ["x(?i)[a-c]+", "xAbC", true],
    ["[[:alpha:]]+[[:digit:]]", "abc1", true], ["\\p{Alpha}+\\P{Digit}", "ab!", true], ["\\Qa.b\\E", "a.b", true], ["\\Qa.b\\E", "axb", false],
    ["x{,2}y", "xxy", true], ["\\Aab\\z", "ab", true], ["a\\h+b", "a \tb", true], ["(?x) a b # comment", "ab", true],
    ["(a)(b)\\2\\1", "abba", true], ["(?<q>['\"])x\\k<q>", "'x'", true], ["(?#note)ab", "ab", true], ["[a-z&&[^aeiou]]", "b", null],
    ["\\x{41}\\x42", "AB", true], ["(?s)a.b", "a\nb", true],
  ] as const)("%s on %j → %s", (pattern, text, expected) => {
    if (expected === null) expect(compileGrok(pattern).ok).toBe(false);
    else expect(matches(pattern, text)).toBe(expected);
  });

  it.each([["(ab", "missing )"], ["ab)", "unbalanced )"], ["[ab", "unterminated ["], ["a{3,1}", "max < min"], ["*a", "nothing to repeat"], ["\\y", "unsupported escape"], ["(?<=a+)(?Zx)", "unsupported"], ["ab\\", "trailing backslash"]])(
    "%s is a compile error (%s), never a throw",
    (pattern, message) => {
      const c = compileGrok(pattern);
      expect(c.ok).toBe(false);
      expect(!c.ok && c.error).toContain(message);
    },
  );

  it("rejects empty, non-string and oversized input", () => {
    expect(compileGrok("")).toMatchObject({ ok: false });
    expect(compileGrok(undefined)).toMatchObject({ ok: false });
    expect(compileGrok(42)).toMatchObject({ ok: false });
    expect(compileGrok("a".repeat(GROK_LIMITS.maxPatternChars + 1))).toMatchObject({ ok: false, error: expect.stringContaining("limit") });
    expect(compileGrok("a", "X y\n".repeat(20_000))).toMatchObject({ ok: false, error: expect.stringContaining("custom patterns") });
  });
});

describe("the time-limited matcher", () => {
  it("terminates catastrophic backtracking and reports the line as timed out, within a bounded time", async () => {
    const c = ok("(a+)+$");
    const t = Date.now();
    const [r] = await runGrok(c, ["a".repeat(40) + "!"], { timeoutMs: 300 });
    const elapsed = Date.now() - t;
    expect(r).toEqual({ matched: false, timedOut: true, captures: {} });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5000);
  });

  it("keeps the lines answered before the time ran out", async () => {
    const c = ok("(a+)+b");
    const [fast, slow] = await runGrok(c, ["aab", "a".repeat(40) + "!"], { timeoutMs: 300 });
    expect(fast).toMatchObject({ matched: true, timedOut: false });
    expect(slow).toMatchObject({ matched: false, timedOut: true });
  });

  it("reports no match, and truncates long captures", async () => {
    const [r1, r2] = await runGrok(ok("%{GREEDYDATA:all}"), ["x".repeat(500), ""]);
    expect(r1!.captures.all).toHaveLength(200);
    expect(r2).toEqual({ matched: true, timedOut: false, captures: { all: "" } });
    const [r3] = await runGrok(ok("%{INT:n}"), ["abc"]);
    expect(r3).toEqual({ matched: false, timedOut: false, captures: {} });
  });
});

describe("the matcher worker's timers", () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  it("a finished run leaves no timer armed, even when the answers arrive before the worker's online event", async () => {
    const compiled = ok(LAB_GROK_PATTERN);
    // The order of "message" and "online" varies run to run; a timer armed after settling kept a CLI run alive for 1 s.
    for (let i = 0; i < 12; i++) {
      const before = timers();
      await runGrok(compiled, SAMPLE_LOG_LINES);
      await new Promise((r) => setTimeout(r, 60));
      expect(timers(), `run ${i + 1}`).toBeLessThanOrEqual(before);
    }
  }, 30_000);
});

describe("the bundle (dist/, npm run build)", () => {
  const bundle = fileURLToPath(new URL("../../../dist/main.js", import.meta.url));
  const bin = fileURLToPath(new URL("../../../bin/glue-validate.js", import.meta.url));
  const example = fileURLToPath(new URL("../../../examples/glue_hard/complete.json", import.meta.url));
  it.skipIf(!existsSync(bundle))("runs the matcher worker from the bundled CLI: the sample log lines match", () => {
    const out = execFileSync(process.execPath, [bin, "glue_hard", "--student", "demo", "--replay", example, "--only", "classifier", "--format", "json"], { encoding: "utf8", timeout: 30_000 });
    const report = JSON.parse(out) as { tasks: { id: string; criteria: { id: string; status: string }[] }[] };
    const statuses = Object.fromEntries(report.tasks.flatMap((t) => t.criteria.map((c) => [c.id, c.status])));
    expect(statuses).toMatchObject({ pattern_compiles: "pass", line1_matches: "pass", line2_matches: "pass" });
  });
});
