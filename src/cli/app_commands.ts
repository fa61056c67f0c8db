/**
 * The binary's commands: its own (`commands/command_list.ts`) and those apps declare, adapted
 * to the CLI's shape. An app command gets the shared services on demand (the platform is built
 * on first use and closed after the command); what it throws that is not a usage error or an
 * `HttpError` becomes an `AppFailure` naming the app.
 */
import { asAppFailure } from "../app_failure.ts";
import type { AppCommand } from "../apps/app_command.ts";
import type { LoadedApp } from "../apps/load_apps.ts";
import { UsageError } from "../errors.ts";
import type { Platform } from "../platform.ts";
import type { Command } from "./command.ts";
import { COMMANDS } from "./commands/command_list.ts";

/** Every command, the binary's first, then each app's in registration order. */
export function allCommands(apps: readonly LoadedApp[]): Command[] {
  const commands = [...COMMANDS];
  for (const { app, source } of apps) {
    for (const command of app.commands ?? []) {
      const clash = commands.find((existing) => existing.name === command.name);
      if (clash) {
        throw new UsageError(
          `app "${app.name}"${source ? ` (${source})` : ""} declares command "${command.name}", ` +
            "which exists already",
        );
      }
      commands.push(fromAppCommand(app.name, command));
    }
  }
  return commands;
}

/** `command` of `app` as a CLI command. */
function fromAppCommand(app: string, command: AppCommand): Command {
  return {
    name: command.name,
    summary: command.summary,
    usage: command.usage ?? "",
    flags: command.flags ?? {},
    help: command.help,
    async run(args, ctx) {
      let platform: Platform | undefined;
      try {
        return await command.run(args, {
          config: ctx.config,
          log: ctx.log.child({ app }),
          services: async () => (platform ??= await ctx.platform()).services,
        });
      } catch (error) {
        throw error instanceof UsageError
          ? error
          : asAppFailure(app, `command "${command.name}"`, error);
      } finally {
        await platform?.close();
      }
    },
  };
}
