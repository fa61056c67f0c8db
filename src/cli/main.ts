/**
 * The binary's entry: `superdesk [--role=...] [--workers=N] [--port=N] [--ws-port=N]` serves the
 * roles; `superdesk <command> [flags]` runs an admin command. Returns the exit code.
 */
import { AppFailure } from "../app_failure.ts";
import { AppLoadError } from "../apps/load_apps.ts";
import type { Config } from "../config/config.ts";
import type { ConfigOverrides } from "../config/load_config.ts";
import { loadConfig } from "../config/load_config.ts";
import { ConfigError, UsageError } from "../errors.ts";
import { createLogger, printLine } from "../log.ts";
import { buildPlatform } from "./build_platform.ts";
import { type Command, commandHelp } from "./command.ts";
import { configuredApps } from "./configured_apps.ts";
import { parseFlags, parseIntFlag, parseRoles } from "./parse_args.ts";
import { serve } from "./serve.ts";
import { MetricsRegistry } from "../metrics/registry.ts";
import { createProcessLogger } from "../logship/process_logger.ts";

const SERVER_FLAGS = { role: true, workers: true, port: true, "ws-port": true, help: false };

/**
 * Runs the binary with `args` and `env`; returns the process exit code: 2 for a bad command
 * line or configuration, 1 when an app cannot load or register (the message names it).
 */
export async function main(
  args: readonly string[],
  env: Record<string, string | undefined> = Deno.env.toObject(),
): Promise<number> {
  try {
    const first = args[0];
    if (first !== undefined && !first.startsWith("-")) {
      return await runCommand(first, args.slice(1), env);
    }
    const { flags, positional } = parseFlags(args, SERVER_FLAGS);
    if (flags.help) {
      printLine(serverHelp(await commandsFor(loadConfig(env))));
      return 0;
    }
    if (positional.length > 0) {
      throw new UsageError(unknownCommand(positional[0]!, await commandsFor(loadConfig(env))));
    }
    const overrides: ConfigOverrides = {
      roles: typeof flags.role === "string" ? parseRoles(flags.role) : undefined,
      workers: typeof flags.workers === "string"
        ? parseIntFlag("workers", flags.workers, { max: 256 })
        : undefined,
      port: typeof flags.port === "string" ? parseIntFlag("port", flags.port) : undefined,
      wsPort: typeof flags["ws-port"] === "string"
        ? parseIntFlag("ws-port", flags["ws-port"])
        : undefined,
    };
    const config = loadConfig(env, overrides);
    return await serve(
      config,
      createProcessLogger({
        level: config.logLevel,
        fields: { role: config.roles.join(",") },
        logServer: config.logServer,
      }),
    );
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      printLine(`superdesk: ${error.message}`, { stream: "stderr" });
      return 2;
    }
    if (error instanceof AppLoadError || error instanceof AppFailure) {
      printLine(`superdesk: ${error.message}`, { stream: "stderr" });
      return 1;
    }
    throw error;
  }
}

async function runCommand(
  name: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const config = loadConfig(env);
  const commands = await commandsFor(config);
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(unknownCommand(name, commands));
  const parsed = parseFlags(args, { ...command.flags, help: false }, { command: name });
  if (parsed.flags.help) {
    printLine(commandHelp(command));
    return 0;
  }
  const log = createLogger({ level: config.logLevel, fields: { role: `cli:${name}` } });
  let built: ReturnType<typeof buildPlatform> | undefined;
  const platform =
    () => (built ??= buildPlatform(config, { log, metrics: new MetricsRegistry(), routes: false }));
  return await command.run(parsed, { config, log, platform });
}

/**
 * The binary's commands and those of every configured app (their modules are imported here, not
 * by a serving process).
 */
async function commandsFor(config: Readonly<Config>): Promise<Command[]> {
  const { allCommands } = await import("./app_commands.ts");
  return allCommands(await configuredApps(config));
}

function unknownCommand(name: string, commands: readonly Command[]): string {
  return `unknown command "${name}"; valid commands: ${commands.map((c) => c.name).join(", ")}`;
}

function serverHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "superdesk: the Superdesk newsroom server (REST API, WebSocket notifications, task workers).",
    "",
    "Usage:",
    "  superdesk [--role=api,ws,worker|all] [--workers=N] [--port=N] [--ws-port=N]",
    "  superdesk <command> [flags]      (superdesk <command> --help for its flags)",
    "",
    "Server flags:",
    "  --role=LIST    roles to run: api, ws, worker or all (default all); comma lists allowed",
    "  --workers=N    Web Worker threads of the worker role (env WORKERS, default 2)",
    "  --port=N       api role port (env PORT, default 5000)",
    "  --ws-port=N    ws role port (env WS_PORT, default 5100)",
    "  --help         this help",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Configuration comes from environment variables; see README.md.",
  ].join("\n");
}
