/**
 * The binary's own subcommands, in the order `--help` lists them; apps add theirs after
 * (`../app_commands.ts`).
 */
import type { Command } from "../command.ts";
import { checkCommand } from "./check_command.ts";
import { initializeDataCommand } from "./initialize_data_command.ts";
import {
  tasksPurgeDeadCommand,
  tasksRetryDeadCommand,
  tasksStatusCommand,
} from "./tasks_commands.ts";

export const COMMANDS: readonly Command[] = [
  checkCommand,
  initializeDataCommand,
  tasksStatusCommand,
  tasksRetryDeadCommand,
  tasksPurgeDeadCommand,
];
