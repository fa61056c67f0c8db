/**
 * Every subcommand of the binary, in the order `--help` lists them.
 */
import type { Command } from "../command.ts";
import { checkCommand } from "./check_command.ts";
import { indexCheckCommand, indexRebuildCommand } from "./index_commands.ts";
import { initializeDataCommand } from "./initialize_data_command.ts";
import {
  tasksPurgeDeadCommand,
  tasksRetryDeadCommand,
  tasksStatusCommand,
} from "./tasks_commands.ts";
import { usersCreateCommand } from "./users_create_command.ts";

export const COMMANDS: readonly Command[] = [
  checkCommand,
  usersCreateCommand,
  initializeDataCommand,
  tasksStatusCommand,
  tasksRetryDeadCommand,
  tasksPurgeDeadCommand,
  indexCheckCommand,
  indexRebuildCommand,
];
