// The profile names of the shared AWS config and credentials files: only the [section] names are read, never a
// value, so a message can list the profiles that exist without ever showing a credential.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where the shared config and credentials files are (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws). */
export function sharedFiles(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return { config: env.AWS_CONFIG_FILE || join(home, ".aws", "config"), credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials") };
}

/** Section names of an ini text; `[profile x]` and `[x]` both give x in the config file, sso-session and services sections are not profiles. */
export function sectionProfiles(text: string, kind: "config" | "credentials"): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(line);
    if (!m) continue;
    const section = m[1]!;
    if (kind === "credentials") names.push(section);
    else if (/^profile\s+/.test(section)) names.push(section.replace(/^profile\s+/, "").trim());
    else if (!/^(sso-session|services)\s/.test(section)) names.push(section);
  }
  return names;
}

/** Every profile name in the shared config and credentials files, sorted, without duplicates (missing files give none). */
export function profileNames(env: NodeJS.ProcessEnv): string[] {
  const files = sharedFiles(env);
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return "";
    }
  };
  return [...new Set([...sectionProfiles(read(files.config), "config"), ...sectionProfiles(read(files.credentials), "credentials")])].sort();
}
