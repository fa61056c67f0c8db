/** Shared set-up of the authorization-server suites: an app with the server on and a client. */
import type { AuthServerClientsService } from "../../src/auth_server/auth_server_clients.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { AUTH_SERVER_ENV } from "../superdesk/_auth_server_steps.ts";

export const CLIENT_ID = "0102030405060708090a0b0c";
export const SECRET = "client-secret-for-tests";

/** Runs `fn` against a fresh embedded app with the authorization server on, then closes it. */
export async function withAuthServer(
  fn: (t: TestApp, clients: AuthServerClientsService) => Promise<void>,
  { env = {} }: { env?: Record<string, string> } = {},
): Promise<void> {
  const t = await createTestApp({
    env: {
      LOGIN_RATE_LIMIT_PER_MINUTE: "1000",
      LOGIN_ADDRESS_LIMIT_PER_MINUTE: "1000",
      LOGIN_USER_LIMIT_PER_HOUR: "1000",
      ...AUTH_SERVER_ENV,
      ...env,
    },
  });
  try {
    await fn(t, t.platform.registry.service<AuthServerClientsService>("auth_server_clients"));
  } finally {
    await t.close();
  }
}

/** Registers the test client with `scope`. */
export async function addClient(
  clients: AuthServerClientsService,
  scope: string[] = ["ARCHIVE_READ", "DESKS_READ"],
): Promise<void> {
  await clients.register({ name: "test client", clientId: CLIENT_ID, password: SECRET, scope });
}
