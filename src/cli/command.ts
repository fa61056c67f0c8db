/**
 * The shape of a subcommand (`superdesk users:create ...`): its flags, help text and `run`,
 * which receives the parsed flags and a lazily built platform.
 */
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { Platform } from "../platform.ts";
import type { FlagSpec, ParsedFlags } from "./parse_args.ts";

export interface CommandContext {
  config: Readonly<Config>;
  log: Logger;
  /** Builds the platform on first call (so `--help` needs no engine). */
  platform(): Promise<Platform>;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage line after the command name, e.g. `--username NAME --password PASS [--admin]`. */
  usage: string;
  /** Accepted flags (besides --help): name → takes a value. */
  flags: FlagSpec;
  /** Extra help lines (flag descriptions). */
  help?: string[];
  /** Returns the process exit code. */
  run(args: ParsedFlags, ctx: CommandContext): Promise<number>;
}

/** Help text of `command`. */
export function commandHelp(command: Command): string {
  return [
    `superdesk ${command.name} ${command.usage}`.trimEnd(),
    "",
    command.summary,
    ...(command.help?.length ? ["", ...command.help] : []),
  ].join("\n");
}
