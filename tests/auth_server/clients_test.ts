/**
 * Clients of the authorization server: the secret is stored as a bcrypt hash only, scopes come
 * from Superdesk's list, and the `auth_server:*` commands change what authenticates.
 */
import assert from "node:assert/strict";
import { authServerApp } from "../../src/auth_server/auth_server_module.ts";
import type { AppCommandContext } from "../../src/app_api.ts";
import { silentLogger } from "../../src/log.ts";
import type { TestApp } from "../_app.ts";
import { oauth2ClientAuthentication, validAccessToken } from "../superdesk/_auth_server_steps.ts";
import { addClient, CLIENT_ID, SECRET, withAuthServer } from "./_auth_server_fixtures.ts";

Deno.test("a client's secret is stored as a bcrypt hash, never in the clear", async () => {
  await withAuthServer(async (t, clients) => {
    await addClient(clients);
    const stored = await t.platform.documents.collection("auth_server_clients").findOne({
      _id: CLIENT_ID,
    });
    assert.match(String(stored?.password), /^\$2[aby]\$\d\d\$/);
    assert.equal(JSON.stringify(stored).includes(SECRET), false);
  });
});

Deno.test("scopes outside Superdesk's list, bad ids and empty names are refused", async () => {
  await withAuthServer(async (_t, clients) => {
    for (
      const input of [
        { name: "a", scope: ["ARCHIVE_WRITE"] },
        { name: "a", clientId: "xyz" },
        { name: "  " },
        { name: "a", password: "ab" },
      ]
    ) {
      await assert.rejects(clients.register(input), /Insertion failure/, JSON.stringify(input));
    }
    assert.deepEqual(await clients.summaries(), []);
  });
});

/** Runs `superdesk <name> ...args` in-process against `t`. */
function command(t: TestApp, name: string, ...args: string[]): Promise<number> {
  const found = authServerApp.commands!.find((candidate) => candidate.name === name)!;
  const positional = args.filter((arg) => !arg.startsWith("--"));
  const flags: Record<string, string | true> = {};
  for (const arg of args.filter((arg) => arg.startsWith("--"))) {
    const [key, value] = arg.slice(2).split("=", 2);
    flags[key!] = value ?? true;
  }
  const ctx: AppCommandContext = {
    config: t.platform.config,
    log: silentLogger,
    services: () => Promise.resolve(t.platform.services),
  };
  return found.run({ flags, positional }, ctx);
}

Deno.test("the auth_server commands register, update and unregister clients", async () => {
  await withAuthServer(async (t, clients) => {
    assert.equal(
      await command(
        t,
        "auth_server:register_client",
        "cli client",
        `--client-id=${CLIENT_ID}`,
        `--password=${SECRET}`,
        "--scope=ARCHIVE_READ,USERS_READ",
      ),
      0,
    );
    const claims = await validAccessToken(await oauth2ClientAuthentication(t, CLIENT_ID, SECRET));
    assert.deepEqual(claims.scope, ["ARCHIVE_READ", "USERS_READ"]);
    assert.equal(
      await command(t, "auth_server:register_client", "cli client", "--scope=NOPE"),
      1,
      "a bad scope is refused",
    );

    const changed = "a-changed-secret";
    assert.equal(
      await command(
        t,
        "auth_server:update_client",
        CLIENT_ID,
        `--password=${changed}`,
        "--scope=DESKS_READ",
      ),
      0,
    );
    assert.equal((await oauth2ClientAuthentication(t, CLIENT_ID, SECRET)).status, 401);
    const after = await validAccessToken(await oauth2ClientAuthentication(t, CLIENT_ID, changed));
    assert.deepEqual(after.scope, ["DESKS_READ"]);
    assert.equal(
      await command(t, "auth_server:update_client", CLIENT_ID, "--regenerate-password"),
      0,
    );
    assert.equal((await oauth2ClientAuthentication(t, CLIENT_ID, changed)).status, 401);

    assert.equal(await command(t, "auth_server:list_clients"), 0);
    const typed = ` ${CLIENT_ID.toUpperCase()} `; // read as register and update read it
    assert.equal(await command(t, "auth_server:unregister_client", typed), 0);
    assert.equal(await command(t, "auth_server:unregister_client", CLIENT_ID), 1);
    assert.deepEqual(await clients.summaries(), []);
  });
});
