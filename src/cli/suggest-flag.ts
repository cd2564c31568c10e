// "Did you mean --endpoint-url?": commander's own suggestion catches typos, not the start of a longer flag.
import { Command, Option } from "commander";
import { editDistance } from "../util/edit-distance.js";

/**
 * The flag a mistyped one most likely meant: the only flag it starts (`--endpoint` → `--endpoint-url`), else the
 * closest by edit distance (at most a third of its length), else undefined.
 */
export function suggestFlag(typed: string, flags: readonly string[]): string | undefined {
  const name = typed.split("=")[0]!.toLowerCase();
  if (!name.startsWith("--") || name.length < 4) return undefined;
  const starts = flags.filter((f) => f.startsWith(name));
  if (starts.length === 1) return starts[0];
  const scored = flags.map((f) => [f, editDistance(name, f)] as const).sort((a, b) => a[1] - b[1]);
  const best = scored[0];
  return best && best[1] <= Math.max(1, Math.floor((name.length - 2) / 3)) ? best[0] : undefined;
}

/** A commander Command (and every subcommand it creates) whose unknown-option error names the flag meant. */
export class SuggestingCommand extends Command {
  override createCommand(name?: string): Command {
    return new SuggestingCommand(name);
  }

  /** Commander calls this for an unknown option; the message names the closest flag and the help. */
  unknownOption(flag: string): never {
    const flags = this.options.map((o: Option) => o.long).filter((f): f is string => Boolean(f));
    const meant = suggestFlag(flag, [...flags, "--help"]);
    return this.error(`error: unknown option '${flag.split("=")[0]}'${meant ? ` (did you mean ${meant}?)` : ""}`, { code: "commander.unknownOption", exitCode: 64 });
  }
}
