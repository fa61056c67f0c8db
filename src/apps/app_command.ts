/**
 * Commands apps add to the binary (Superdesk's `superdesk.command(name, Command)`):
 * `superdesk <name> [flags]`. They are declared on the app's definition, not in `register`,
 * because the command list (and `--help`) is needed before any engine is opened.
 */
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { ServiceContext } from "../resources/service_context.ts";

/** Which flags a command accepts: name → takes a value (true) or is a switch (false). */
export type FlagSpec = Record<string, boolean>;

/** Parsed `--name=value` / `--name value` / `--flag` options and positional arguments. */
export interface ParsedFlags {
  flags: Record<string, string | true>;
  positional: string[];
}

/** What an app command's `run` receives besides its arguments. */
export interface AppCommandContext {
  config: Readonly<Config>;
  log: Logger;
  /** Opens the engines and registers every app on first call; closed after `run`. */
  services(): Promise<ServiceContext>;
}

/** A command as an app declares it. */
export interface AppCommand {
  /** `superdesk <name>`; by convention `app:verb`, e.g. `fact_checks:pending`. */
  name: string;
  /** One line for `superdesk --help`. */
  summary: string;
  /** Usage after the name, e.g. `[--desk NAME]`. */
  usage?: string;
  /** Accepted flags (besides --help). */
  flags?: FlagSpec;
  /** Extra help lines (flag descriptions). */
  help?: string[];
  /** Returns the process exit code. */
  run(args: ParsedFlags, ctx: AppCommandContext): Promise<number>;
}
