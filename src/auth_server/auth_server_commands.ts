/**
 * Superdesk's `auth_server:*` commands, managing the clients of the authorization server:
 * `register_client`, `update_client`, `unregister_client`, `list_clients`. A secret is printed
 * once, when it is set or generated, and never stored in the clear. Scopes are a comma list
 * (Superdesk repeats `-s`).
 */
import type { AppCommand, AppCommandContext, ParsedFlags } from "../app_api.ts";
import { HttpError } from "../errors.ts";
import { printLine } from "../log.ts";
import type { AuthServerClientsService, ClientSummary } from "./auth_server_clients.ts";
import { AUTH_SERVER_SCOPES } from "./auth_server_scopes.ts";

const SCOPE_HELP = `  --scope A,B        allowed scopes, of: ${AUTH_SERVER_SCOPES.join(", ")}`;

/** `auth_server:register_client NAME`. */
const registerClient: AppCommand = {
  name: "auth_server:register_client",
  summary: "Register a client of the authorization server (its secret is shown once).",
  usage: "NAME [--client-id ID] [--password SECRET] [--scope A,B]",
  flags: { "client-id": true, password: true, scope: true },
  help: [
    "  --client-id ID     24 hexadecimal digits (default: a new id)",
    "  --password SECRET  the client's secret (default: a generated one, safer than a flag)",
    SCOPE_HELP,
  ],
  run: (args, ctx) =>
    withClients("auth_server:register_client", ctx, async (clients) => {
      const name = onlyPositional(args, "NAME");
      if (name === undefined) return 2;
      const { client, password } = await clients.register({
        name,
        clientId: stringFlag(args, "client-id"),
        password: stringFlag(args, "password"),
        scope: scopeFlag(args) ?? [],
      });
      printLine(
        `Client "${client.name}" has been registered with id "${client.client_id}", ` +
          `secret "${password}" and scope(s) ${client.scope.join(", ") || "none"}`,
      );
      return 0;
    }),
};

/** `auth_server:update_client ID`. */
const updateClient: AppCommand = {
  name: "auth_server:update_client",
  summary: "Change a client's name, secret or scopes.",
  usage: "ID [--name NAME] [--password SECRET | --regenerate-password] [--scope A,B]",
  flags: { name: true, password: true, "regenerate-password": false, scope: true },
  help: [
    "  --name NAME              new name",
    "  --password SECRET        new secret",
    "  --regenerate-password    a new generated secret (shown once)",
    SCOPE_HELP,
  ],
  run: (args, ctx) =>
    withClients("auth_server:update_client", ctx, async (clients) => {
      const id = onlyPositional(args, "ID");
      if (id === undefined) return 2;
      const { client, password } = await clients.change(id, {
        name: stringFlag(args, "name"),
        password: args.flags["regenerate-password"] === true ? "" : stringFlag(args, "password"),
        scope: scopeFlag(args),
      });
      printLine(`Client "${client.client_id}" updated: ${describe(client)}`);
      if (password !== undefined) printLine(`  secret: "${password}"`);
      return 0;
    }),
};

/** `auth_server:unregister_client ID`. */
const unregisterClient: AppCommand = {
  name: "auth_server:unregister_client",
  summary: "Remove a client (tokens it holds stay valid until they expire).",
  usage: "ID",
  run: (args, ctx) =>
    withClients("auth_server:unregister_client", ctx, async (clients) => {
      const id = onlyPositional(args, "ID");
      if (id === undefined) return 2;
      if (!(await clients.unregister(id))) {
        printLine(`No client with id "${id}" found`, { stream: "stderr" });
        return 1;
      }
      printLine(`Client with id "${id}" has been unregistered`);
      return 0;
    }),
};

/** `auth_server:list_clients`. */
const listClients: AppCommand = {
  name: "auth_server:list_clients",
  summary: "List the clients of the authorization server with their scopes.",
  run: (_args, ctx) =>
    withClients("auth_server:list_clients", ctx, async (clients) => {
      const all = await clients.summaries();
      if (all.length === 0) printLine("No client is registered with the authorization server");
      for (const client of all) printLine(`- id "${client.client_id}": ${describe(client)}`);
      return 0;
    }),
};

/** The commands; the auth server app declares them. */
export const authServerCommands: AppCommand[] = [
  registerClient,
  updateClient,
  unregisterClient,
  listClients,
];

/** Runs `body` with the clients service; a 4xx of the service is printed, exit code 1. */
async function withClients(
  command: string,
  ctx: AppCommandContext,
  body: (clients: AuthServerClientsService) => Promise<number>,
): Promise<number> {
  const services = await ctx.services();
  try {
    return await body(services.registry.service<AuthServerClientsService>("auth_server_clients"));
  } catch (error) {
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    const detail = error.issues ? ` ${JSON.stringify(error.issues)}` : "";
    printLine(`${command}: ${error.message}${detail}`, { stream: "stderr" });
    return 1;
  }
}

function onlyPositional(args: ParsedFlags, what: string): string | undefined {
  if (args.positional.length === 1) return args.positional[0];
  printLine(`expected exactly one ${what}`, { stream: "stderr" });
  return undefined;
}

function stringFlag(args: ParsedFlags, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === "string" ? value : undefined;
}

function scopeFlag(args: ParsedFlags): string[] | undefined {
  return stringFlag(args, "scope")?.split(",").map((scope) => scope.trim()).filter(Boolean);
}

function describe(client: ClientSummary): string {
  return `"${client.name}" with scope(s) ${client.scope.join(", ") || "none"}`;
}
