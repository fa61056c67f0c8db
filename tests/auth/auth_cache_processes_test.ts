/**
 * The session cache (AUTH_CACHE_SECONDS, here a minute so only an event can end a cached entry)
 * never outlives a revocation: a logout, a disabled user and a role losing a privilege take
 * effect at once in the server that made the change and, on the engines (MongoDB and the Redis
 * bus), in a second server on the same database as soon as the change's event reaches its bus.
 */
import assert from "node:assert/strict";
import { SESSION_END_EVENT } from "../../src/notify/session_end_event.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { engineMissing } from "../_engine_app.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { addRole, addUser, authed, login, patchWithEtag } from "./_auth_fixtures.ts";

type Where = "same server" | "second server";

/** The server the change is made on, and the one whose cached session must notice it. */
interface Servers {
  changed: TestApp;
  checked: TestApp;
  /** Resolves when `checked` has received an event matching `test` (at once on one server). */
  reached(test: (notification: Notification) => boolean): Promise<void>;
}

async function withServers(where: Where, fn: (servers: Servers) => Promise<void>) {
  const env = {
    AUTH_CACHE_SECONDS: "60",
    MONGO_DBNAME: uniqueName("test_auth_cache"),
    REDIS_URL: Deno.env.get("REDIS_URL") ?? "",
  };
  const apps: TestApp[] = [];
  try {
    const mongoUri = engineUrl("MONGO_URI");
    apps.push(await createTestApp({ mongoUri, env }));
    if (where === "second server") apps.push(await createTestApp({ mongoUri, env }));
    const changed = apps[0]!;
    const checked = apps.at(-1)!;
    await fn({
      changed,
      checked,
      reached: (test) =>
        where === "same server" ? Promise.resolve() : new Promise<void>((resolve) => {
          const off = checked.platform.bus.subscribe((notification) => {
            if (test(notification)) off(), resolve();
          });
        }),
    });
  } finally {
    for (const app of apps) await app.close();
  }
}

const ignore = engineMissing("engines") || !Deno.env.get("REDIS_URL");

for (const where of ["same server", "second server"] as const) {
  Deno.test({
    name: `[engines] a logout ends the cached session at once (${where})`,
    ignore,
    fn: () =>
      withServers(where, async ({ changed, checked, reached }) => {
        await addUser(changed, { username: "jane" });
        const { token, sessionId } = await login(changed, "jane");
        assert.equal((await checked.app.request("/api/users", authed(token))).status, 200);
        const ended = reached(({ event, extra }) =>
          event === SESSION_END_EVENT && extra.session === sessionId
        );
        const logout = await changed.app.request(
          `/api/auth_db/${sessionId}`,
          authed(token, { method: "DELETE" }),
        );
        assert.equal(logout.status, 204);
        await ended;
        assert.equal((await checked.app.request("/api/users", authed(token))).status, 401);
      }),
  });

  Deno.test({
    name: `[engines] disabling a user ends their cached session at once (${where})`,
    ignore,
    fn: () =>
      withServers(where, async ({ changed, checked, reached }) => {
        await addUser(changed, { username: "root", admin: true });
        const janeId = await addUser(changed, { username: "jane" });
        const root = await login(changed, "root");
        const jane = await login(changed, "jane");
        assert.equal((await checked.app.request("/api/users", authed(jane.token))).status, 200);
        const updated = reached(({ event, extra }) =>
          event === "resource:updated" && extra.resource === "users" && extra._id === janeId
        );
        const response = await patchWithEtag(changed, root.token, `users/${janeId}`, {
          is_enabled: false,
        });
        assert.equal(response.status, 200, await response.clone().text());
        await updated;
        assert.equal((await checked.app.request("/api/users", authed(jane.token))).status, 401);
      }),
  });

  Deno.test({
    name: `[engines] a privilege taken from a role is refused at once (${where})`,
    ignore,
    fn: () =>
      withServers(where, async ({ changed, checked, reached }) => {
        await addUser(changed, { username: "root", admin: true });
        const editors = await addRole(changed, "Editors", { roles: 1 });
        await addUser(changed, { username: "jane", role: editors });
        const root = await login(changed, "root");
        const jane = await login(changed, "jane");
        const createRole = (name: string) =>
          checked.app.request(
            "/api/roles",
            authed(jane.token, { method: "POST", body: { name, privileges: {} } }),
          );
        assert.equal((await createRole("Interns")).status, 201);
        const updated = reached(({ event, extra }) =>
          event === "resource:updated" && extra.resource === "roles" && extra._id === editors
        );
        const response = await patchWithEtag(changed, root.token, `roles/${editors}`, {
          privileges: { roles: 0 },
        });
        assert.equal(response.status, 200, await response.clone().text());
        await updated;
        const refused = await createRole("Trainees");
        assert.equal(refused.status, 403);
        assert.deepEqual((await refused.json())._issues, { privilege: "roles" });
      }),
  });
}
