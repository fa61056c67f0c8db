/**
 * Every subcommand of the binary, in the order `--help` lists them.
 */
import type { Command } from "../command.ts";
import { checkCommand } from "./check_command.ts";

export const COMMANDS: readonly Command[] = [checkCommand];
